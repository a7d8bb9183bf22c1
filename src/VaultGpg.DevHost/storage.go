package main

import (
	"bytes"
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
//
// A follower store (a performance standby's) shares the file another dev host writes: it never writes, and
// before each read it loads the file again when the file changed, reporting every changed key to onChange (the
// standby's host turns them into InvalidateKey calls, as Vault does for the writes a standby receives).
type store struct {
	mu     sync.RWMutex
	file   string
	mounts map[string]map[string]storageEntry

	follower bool
	seen     os.FileInfo // the file as last loaded (follower)
	onChange func(mount, key string)
}

func openStore(file string) (*store, error) {
	s := &store{file: file, mounts: map[string]map[string]storageEntry{}}
	if file == "" {
		return s, nil
	}
	mounts, _, err := loadStorageFile(file)
	if err != nil {
		return nil, err
	}
	s.mounts = mounts
	return s, nil
}

// openFollowerStore opens file read-only, as the shared storage of a standby; the file may not exist yet.
func openFollowerStore(file string) (*store, error) {
	if file == "" {
		return nil, errors.New("a standby needs the active's -storage-file to share its storage")
	}
	s := &store{file: file, mounts: map[string]map[string]storageEntry{}, follower: true}
	if _, err := s.refresh(); err != nil {
		return nil, err
	}
	return s, nil
}

// loadStorageFile reads a storage file; a missing file is empty storage.
func loadStorageFile(file string) (map[string]map[string]storageEntry, os.FileInfo, error) {
	mounts := map[string]map[string]storageEntry{}
	f, err := os.Open(file)
	if errors.Is(err, os.ErrNotExist) {
		return mounts, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("reading storage file: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, fmt.Errorf("reading storage file: %w", err)
	}
	var content storageFile
	if err := json.NewDecoder(f).Decode(&content); err != nil {
		return nil, nil, fmt.Errorf("storage file %s is not valid: %w", file, err)
	}
	if content.Version != 1 {
		return nil, nil, fmt.Errorf("storage file %s has version %d, expected 1", file, content.Version)
	}
	for name, keys := range content.Mounts {
		if keys == nil {
			keys = map[string]storageEntry{}
		}
		mounts[name] = keys
	}
	return mounts, info, nil
}

// refresh loads a follower's file again if it was replaced since the last load (the writer renames a new file
// over it, so a changed identity, size or time means new content), and reports the changed keys.
func (s *store) refresh() (int, error) {
	if !s.follower {
		return 0, nil
	}
	info, err := os.Stat(s.file)
	if errors.Is(err, os.ErrNotExist) {
		info = nil
	} else if err != nil {
		return 0, fmt.Errorf("reading storage file: %w", err)
	}
	s.mu.RLock()
	unchanged := sameFile(s.seen, info)
	s.mu.RUnlock()
	if unchanged {
		return 0, nil
	}
	mounts, loaded, err := loadStorageFile(s.file)
	if err != nil {
		return 0, err
	}
	s.mu.Lock()
	changed := changedKeys(s.mounts, mounts)
	s.mounts, s.seen = mounts, loaded
	notify := s.onChange
	s.mu.Unlock()
	if notify != nil && len(changed) > 0 {
		go func() {
			for _, c := range changed {
				notify(c[0], c[1])
			}
		}()
	}
	return len(changed), nil
}

func sameFile(a, b os.FileInfo) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return os.SameFile(a, b) && a.Size() == b.Size() && a.ModTime().Equal(b.ModTime())
}

// changedKeys lists (mount, key) for every key added, changed or removed between two loads, sorted.
func changedKeys(before, after map[string]map[string]storageEntry) [][2]string {
	var out [][2]string
	for mount, keys := range after {
		for key, e := range keys {
			if old, ok := before[mount][key]; !ok || old.SealWrap != e.SealWrap || !bytes.Equal(old.Value, e.Value) {
				out = append(out, [2]string{mount, key})
			}
		}
	}
	for mount, keys := range before {
		for key := range keys {
			if _, ok := after[mount][key]; !ok {
				out = append(out, [2]string{mount, key})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i][0] < out[j][0] || (out[i][0] == out[j][0] && out[i][1] < out[j][1])
	})
	return out
}

// notify sets the callback for the keys a follower's refresh finds changed.
func (s *store) notify(onChange func(mount, key string)) {
	s.mu.Lock()
	s.onChange = onChange
	s.mu.Unlock()
}

// readable refreshes a follower before a read; a file that cannot be read fails the read, as storage would.
func (s *store) readable() error {
	_, err := s.refresh()
	return err
}

// writable refuses every write on a follower, with Vault's read-only text.
func (s *store) writable() error {
	if s.follower {
		return errors.New(msgReadOnly)
	}
	return nil
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
	if err := s.readable(); err != nil {
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
	if err := s.writable(); err != nil {
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
	if err := s.writable(); err != nil {
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
	if err := s.readable(); err != nil {
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
