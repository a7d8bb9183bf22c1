package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/go-hclog"
	pb "vaultgpg.dev/devhost/proto/pb"
)

func TestStore_File_SurvivesReopen(t *testing.T) {
	file := filepath.Join(t.TempDir(), "storage.json")
	s, err := openStore(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.put("gpg", "key/a", storageEntry{Value: []byte{0, 1, 2, 255}, SealWrap: true}); err != nil {
		t.Fatal(err)
	}
	if err := s.put("other", "key/a", storageEntry{Value: []byte("x")}); err != nil {
		t.Fatal(err)
	}

	reopened, err := openStore(file)
	if err != nil {
		t.Fatal(err)
	}
	e, ok, err := reopened.get("gpg", "key/a")
	if err != nil || !ok || !bytes.Equal(e.Value, []byte{0, 1, 2, 255}) || !e.SealWrap {
		t.Fatalf("got %v %v %#v", err, ok, e)
	}
	if e, _, _ := reopened.get("other", "key/a"); string(e.Value) != "x" {
		t.Fatalf("mounts are not separate: %q", e.Value)
	}
}

func TestStore_File_IsOwnerOnlyAndLeavesNoTempFiles(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "storage.json")
	s, _ := openStore(file)
	for i := 0; i < 3; i++ {
		if err := s.put("gpg", "k", storageEntry{Value: []byte{byte(i)}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.delete("gpg", "k"); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", info.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want only the storage file", len(entries))
	}
}

func TestStore_FailedWrite_LeavesMemoryUnchanged(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "storage.json")
	s, _ := openStore(file)
	if err := s.put("gpg", "k", storageEntry{Value: []byte("old")}); err != nil {
		t.Fatal(err)
	}
	// Renaming onto a directory fails, so the write cannot land.
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(file, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := s.put("gpg", "k", storageEntry{Value: []byte("new")}); err == nil {
		t.Fatal("write onto a directory succeeded")
	}
	if err := s.put("gpg", "fresh", storageEntry{Value: []byte("x")}); err == nil {
		t.Fatal("write onto a directory succeeded")
	}
	if e, _, _ := s.get("gpg", "k"); string(e.Value) != "old" {
		t.Errorf("memory has %q after a failed write", e.Value)
	}
	if _, ok, _ := s.get("gpg", "fresh"); ok {
		t.Error("a failed new key is visible")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temp files left behind: %d entries", len(entries))
	}
}

func TestOpenStore_CorruptFile_Fails(t *testing.T) {
	file := filepath.Join(t.TempDir(), "storage.json")
	if err := os.WriteFile(file, []byte(`{"version":1,"mounts":`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := openStore(file); err == nil {
		t.Fatal("a torn storage file was accepted")
	}
}

func TestStore_List_ReturnsImmediateChildren(t *testing.T) {
	s, _ := openStore("")
	for _, k := range []string{"key/a", "key/b", "key/sub/c", "key/sub/d", "config", "keyring"} {
		if err := s.put("gpg", k, storageEntry{Value: []byte("v")}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.list("gpg", "key/")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a", "b", "sub/"}; !reflect.DeepEqual(got, want) {
		t.Errorf("list key/ = %v, want %v", got, want)
	}
	root, _ := s.list("gpg", "")
	if want := []string{"config", "key/", "keyring"}; !reflect.DeepEqual(root, want) {
		t.Errorf("list root = %v, want %v", root, want)
	}
	if empty, _ := s.list("other", ""); len(empty) != 0 {
		t.Errorf("other mount sees %v", empty)
	}
}

func TestStore_RelativePaths_Rejected(t *testing.T) {
	s, _ := openStore("")
	if err := s.put("gpg", "../escape", storageEntry{}); err == nil || err.Error() != msgRelativePath {
		t.Errorf("put: %v", err)
	}
	if _, _, err := s.get("gpg", "a/../b"); err == nil {
		t.Error("get accepted ..")
	}
}

func TestMountView_ReadOnly(t *testing.T) {
	settings := &hostSettings{}
	v := &mountView{settings: settings, localPrefixes: func() []string { return []string{"local/"} }}
	if v.readOnly("key/a") {
		t.Error("no replication: writable")
	}
	settings.replication.Store(replPerformanceSecondary)
	if !v.readOnly("key/a") || v.readOnly("local/x") {
		t.Error("performance secondary: only local storage is writable")
	}
	settings.replication.Store(replPerformanceStandby)
	if !v.readOnly("local/x") {
		t.Error("performance standby: nothing is writable")
	}
}

func TestParseMounts(t *testing.T) {
	got, err := parseMounts([]string{"gpg", "/other/=/bin/true", "a/b"}, "/usr/bin/plugin")
	if err != nil {
		t.Fatal(err)
	}
	if got[0] != (mountSpec{"gpg", "/usr/bin/plugin"}) || got[1] != (mountSpec{"other", "/bin/true"}) || got[2].name != "a/b" {
		t.Errorf("got %#v", got)
	}
	for _, bad := range [][]string{nil, {"sys"}, {"sys/x"}, {"gpg", "gpg"}, {"a", "a/b"}, {""}} {
		if _, err := parseMounts(bad, "/p"); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if _, err := parseMounts([]string{"gpg"}, ""); err == nil {
		t.Error("mount without plugin accepted")
	}
}

func TestParseReplicationState(t *testing.T) {
	if v, err := parseReplicationState("perf-primary, dr-primary"); err != nil || v != replPerformancePrimary|replDRPrimary {
		t.Errorf("got %d %v", v, err)
	}
	if v, err := parseReplicationState("16384"); err != nil || v != replPerformanceStandby {
		t.Errorf("got %d %v", v, err)
	}
	if _, err := parseReplicationState("standby-ish"); err == nil {
		t.Error("unknown name accepted")
	}
}

func TestBrokerServices_DuringProbe_FailLikeVault(t *testing.T) {
	log := hclog.NewNullLogger()
	storage := &storageServer{log: log}
	system := &systemViewServer{log: log}

	if _, err := storage.Get(context.Background(), &pb.StorageGetArgs{Key: "k"}); err == nil || !strings.HasPrefix(err.Error(), "missing storage implementation") {
		t.Errorf("storage Get during the probe: %v", err)
	}
	if _, err := storage.Put(context.Background(), &pb.StoragePutArgs{Entry: &pb.StorageEntry{Key: "k"}}); err != errMissingStorage {
		t.Errorf("storage Put during the probe: %v", err)
	}
	if _, err := system.ReplicationState(context.Background(), &pb.Empty{}); err == nil || !strings.HasPrefix(err.Error(), "missing system view implementation") {
		t.Errorf("system view during the probe: %v", err)
	}
}

func TestStorageServer_PerformanceStandby_RefusesWritesWithVaultText(t *testing.T) {
	st, _ := openStore("")
	settings := &hostSettings{}
	settings.replication.Store(replPerformanceStandby)
	server := &storageServer{log: hclog.NewNullLogger(), view: &mountView{name: "m", store: st, settings: settings,
		localPrefixes: func() []string { return nil }, log: hclog.NewNullLogger()}}

	put, err := server.Put(context.Background(), &pb.StoragePutArgs{Entry: &pb.StorageEntry{Key: "k", Value: []byte("v")}})
	if err != nil || put.Err != "cannot write to readonly storage" {
		t.Fatalf("put: %v %q", err, put.GetErr())
	}
	get, _ := server.Get(context.Background(), &pb.StorageGetArgs{Key: "k"})
	if get.Entry != nil {
		t.Error("the refused write landed")
	}
}
