package main

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
)

func TestFollowerStore_SeesTheActivesWrites_AndReportsChangedKeys(t *testing.T) {
	file := filepath.Join(t.TempDir(), "storage.json")
	active, _ := openStore(file)
	if err := active.put("gpg", "keep", storageEntry{Value: []byte("same")}); err != nil {
		t.Fatal(err)
	}
	if err := active.put("gpg", "gone", storageEntry{Value: []byte("x")}); err != nil {
		t.Fatal(err)
	}
	standby, err := openFollowerStore(file)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var changed []string
	standby.notify(func(mount, key string) {
		mu.Lock()
		changed = append(changed, mount+":"+key)
		mu.Unlock()
	})

	if e, ok, _ := standby.get("gpg", "keep"); !ok || string(e.Value) != "same" {
		t.Fatalf("the standby does not see the file's content: %v %q", ok, e.Value)
	}
	mustPut(t, active, "gpg", "log/checkpoint", []byte{0, 0xff})
	mustPut(t, active, "other", "k", []byte("v"))
	if err := active.delete("gpg", "gone"); err != nil {
		t.Fatal(err)
	}

	e, ok, err := standby.get("gpg", "log/checkpoint")
	if err != nil || !ok || !bytes.Equal(e.Value, []byte{0, 0xff}) {
		t.Fatalf("a read after the active's write: %v %v %q", err, ok, e.Value)
	}
	if _, ok, _ := standby.get("gpg", "gone"); ok {
		t.Error("a key the active deleted is still there")
	}
	want := []string{"gpg:gone", "gpg:log/checkpoint", "other:k"}
	deadline := time.Now().Add(5 * time.Second)
	for {
		mu.Lock()
		got := append([]string(nil), changed...)
		mu.Unlock()
		if reflect.DeepEqual(got, want) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("changed keys %q, want %q (the unchanged key is not reported)", got, want)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func mustPut(t *testing.T, s *store, mount, key string, value []byte) {
	t.Helper()
	if err := s.put(mount, key, storageEntry{Value: value}); err != nil {
		t.Fatal(err)
	}
}

func TestFollowerStore_RefusesWrites_AndStartsWithoutAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-yet.json")
	standby, err := openFollowerStore(file)
	if err != nil {
		t.Fatal(err)
	}
	if keys, err := standby.list("gpg", ""); err != nil || len(keys) != 0 {
		t.Fatalf("empty storage expected: %v %v", keys, err)
	}

	putErr := standby.put("gpg", "k", storageEntry{Value: []byte("v")})
	deleteErr := standby.delete("gpg", "k")

	for _, err := range []error{putErr, deleteErr} {
		if err == nil || err.Error() != "cannot write to readonly storage" {
			t.Errorf("error %v, want Vault's read-only text", err)
		}
	}
	// The active creates the file later: the standby reads it then.
	active, _ := openStore(file)
	mustPut(t, active, "gpg", "k", []byte("v"))
	if keys, _ := standby.list("gpg", ""); !reflect.DeepEqual(keys, []string{"k"}) {
		t.Errorf("keys %q after the active wrote", keys)
	}
}

func TestFollowerStore_NeedsAFile(t *testing.T) {
	if _, err := openFollowerStore(""); err == nil {
		t.Error("a standby without a shared file should be refused")
	}
}

// activeRecorder is a stand-in active node that records what it was sent and answers a fixed raw reply.
type activeRecorder struct {
	method, uri string
	header      http.Header
	body        []byte
}

func newStandbyAPI(t *testing.T, answer func(w http.ResponseWriter)) (*api, *activeRecorder) {
	t.Helper()
	got := &activeRecorder{}
	active := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.method, got.uri, got.header = r.Method, r.RequestURI, r.Header.Clone()
		got.body, _ = io.ReadAll(r.Body)
		answer(w)
	}))
	t.Cleanup(active.Close)
	h := newHost(hostOptions{rootToken: "t", activeAddr: active.URL}, nil, &hostSettings{}, hclog.NewNullLogger())
	return &api{h: h, log: hclog.NewNullLogger()}, got
}

func TestForwardToActive_SendsTheRequestAsItCame_AndCopiesTheAnswer(t *testing.T) {
	answerBody := []byte{0, 1, 2, 0xfe, 0xff}
	a, got := newStandbyAPI(t, func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Cache-Control", "public, max-age=60")
		w.Header().Set("X-Custom", "from-active")
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write(answerBody)
	})
	sent := []byte(`{"input":"aGVsbG8="}` + "\n   trailing bytes the JSON decoder never reads")
	r := httptest.NewRequest(http.MethodPost, "/v1/gpg/sign/my%2Fkey?x=1&y=%20", bytes.NewReader(sent))
	r.Header.Set("X-Vault-Token", "t")
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Connection", "close")
	rec := httptest.NewRecorder()

	a.forwardToActive(rec, r, sent)

	if got.method != http.MethodPost || got.uri != "/v1/gpg/sign/my%2Fkey?x=1&y=%20" || !bytes.Equal(got.body, sent) {
		t.Errorf("active got %s %s %q", got.method, got.uri, got.body)
	}
	if got.header.Get("X-Vault-Token") != "t" || got.header.Get("Content-Type") != "application/json" || got.header.Get("Connection") != "" {
		t.Errorf("active got headers %v", got.header)
	}
	res := rec.Result()
	back, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusCreated || !bytes.Equal(back, answerBody) {
		t.Errorf("client got %d %q", res.StatusCode, back)
	}
	if res.Header.Get("X-Custom") != "from-active" || res.Header.Get("Cache-Control") != "public, max-age=60" {
		t.Errorf("client got headers %v", res.Header)
	}
}

func TestForwardToActive_NoForwardingHeaderOrActiveDown_RedirectsWith307(t *testing.T) {
	a, got := newStandbyAPI(t, func(w http.ResponseWriter) { w.WriteHeader(http.StatusOK) })

	r := httptest.NewRequest(http.MethodPut, "/v1/gpg/keys/a?x=1", strings.NewReader("{}"))
	r.Header.Set(noRequestForwardingHeader, "true")
	rec := httptest.NewRecorder()
	a.forwardToActive(rec, r, []byte("{}"))

	if rec.Code != http.StatusTemporaryRedirect || rec.Header().Get("Location") != a.h.opts.activeAddr+"/v1/gpg/keys/a?x=1" {
		t.Errorf("got %d %q", rec.Code, rec.Header().Get("Location"))
	}
	if got.method != "" {
		t.Error("the request went to the active although the client said not to forward")
	}

	down := &api{h: newHost(hostOptions{activeAddr: "http://127.0.0.1:1"}, nil, &hostSettings{}, hclog.NewNullLogger()), log: hclog.NewNullLogger()}
	rec = httptest.NewRecorder()
	down.forwardToActive(rec, httptest.NewRequest(http.MethodPut, "/v1/gpg/keys/a", nil), nil)
	if rec.Code != http.StatusTemporaryRedirect || rec.Header().Get("Location") != "http://127.0.0.1:1/v1/gpg/keys/a" {
		t.Errorf("active down: got %d %q, want Vault's fallback redirect", rec.Code, rec.Header().Get("Location"))
	}
}

func TestBodyCopy_KeepsTheWholeBody(t *testing.T) {
	sent := `{"a":1}   and more after the JSON value`
	c := &bodyCopy{Closer: io.NopCloser(nil), seen: &bytes.Buffer{}}
	c.Reader = io.TeeReader(strings.NewReader(sent), c.seen)
	if _, err := parseJSONBody(c); err != nil {
		t.Fatal(err)
	}

	whole, err := c.wholeBody()

	if err != nil || string(whole) != sent {
		t.Errorf("%v %q", err, whole)
	}
}

func TestParseFlags_StandbyOf(t *testing.T) {
	mount := []string{"-mount", "gpg=/bin/true"}
	cfg, err := parseFlags(append([]string{"-standby-of", "http://127.0.0.1:8200", "-storage-file", "/tmp/x.json"}, mount...), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.replication&replPerformanceStandby == 0 {
		t.Error("a standby must report the performance-standby replication state")
	}
	for _, args := range [][]string{
		{"-standby-of", "http://127.0.0.1:8200"},
		{"-standby-of", "127.0.0.1:8200", "-storage-file", "/tmp/x.json"},
		{"-standby-of", "http://127.0.0.1:8200/v1", "-storage-file", "/tmp/x.json"},
	} {
		if _, err := parseFlags(append(args, mount...), io.Discard); err == nil {
			t.Errorf("%q should be refused", args)
		}
	}
}
