package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

const msgRelativePath = "relative paths not supported"

// storageEntry is one stored value; the JSON form is the storage file's.
type storageEntry struct {
	Value    []byte `json:"value"`
	SealWrap bool   `json:"seal_wrap,omitempty"`
}

// storageFile is the on-disk format of -storage-file: every mount's keys, by mount name.
type storageFile struct {
	Version int                                `json:"version"`
	Mounts  map[string]map[string]storageEntry `json:"mounts"`
}

// store holds every mount's storage view in memory and, with a file, rewrites that file atomically after
// every change so a killed dev host never leaves a torn file behind.
type store struct {
	mu     sync.RWMutex
	file   string
	mounts map[string]map[string]storageEntry
}

func openStore(file string) (*store, error) {
	s := &store{file: file, mounts: map[string]map[string]storageEntry{}}
	if file == "" {
		return s, nil
	}
	raw, err := os.ReadFile(file)
	if errors.Is(err, os.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading storage file: %w", err)
	}
	var f storageFile
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, fmt.Errorf("storage file %s is not valid: %w", file, err)
	}
	if f.Version != 1 {
		return nil, fmt.Errorf("storage file %s has version %d, expected 1", file, f.Version)
	}
	for name, keys := range f.Mounts {
		if keys == nil {
			keys = map[string]storageEntry{}
		}
		s.mounts[name] = keys
	}
	return s, nil
}

// checkKey is the barrier view's sanity check.
func checkKey(key string) error {
	if strings.Contains(key, "..") {
		return errors.New(msgRelativePath)
	}
	return nil
}

func (s *store) get(mount, key string) (storageEntry, bool, error) {
	if err := checkKey(key); err != nil {
		return storageEntry{}, false, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	e, ok := s.mounts[mount][key]
	return e, ok, nil
}

func (s *store) put(mount, key string, e storageEntry) error {
	if err := checkKey(key); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	keys := s.mounts[mount]
	if keys == nil {
		keys = map[string]storageEntry{}
		s.mounts[mount] = keys
	}
	old, existed := keys[key]
	keys[key] = storageEntry{Value: append([]byte(nil), e.Value...), SealWrap: e.SealWrap}
	if err := s.persistLocked(); err != nil {
		// Keep memory and file in agreement: the caller sees the failure, so the write must not half-exist.
		if existed {
			keys[key] = old
		} else {
			delete(keys, key)
		}
		return err
	}
	return nil
}

func (s *store) delete(mount, key string) error {
	if err := checkKey(key); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old, existed := s.mounts[mount][key]
	if !existed {
		return nil
	}
	delete(s.mounts[mount], key)
	if err := s.persistLocked(); err != nil {
		s.mounts[mount][key] = old
		return err
	}
	return nil
}

// list returns the immediate children under prefix, sorted; "directories" end with "/".
func (s *store) list(mount, prefix string) ([]string, error) {
	if err := checkKey(prefix); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	seen := map[string]bool{}
	for key := range s.mounts[mount] {
		if !strings.HasPrefix(key, prefix) {
			continue
		}
		rest := key[len(prefix):]
		if i := strings.Index(rest, "/"); i >= 0 {
			rest = rest[:i+1]
		}
		seen[rest] = true
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out, nil
}

func (s *store) persistLocked() error {
	if s.file == "" {
		return nil
	}
	raw, err := json.MarshalIndent(storageFile{Version: 1, Mounts: s.mounts}, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(s.file, raw)
}

// writeFileAtomic writes a temporary file next to path, syncs it, and renames it over path, so readers see
// the old or the new content, never a mix. The file holds key material: owner-only permissions.
func writeFileAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("writing storage file: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(0o600); err != nil {
		return err
	}
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	// The rename itself must reach the disk too.
	if d, dirErr := os.Open(dir); dirErr == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}
