package main

// A small C2SP tlog-witness (https://c2sp.org/tlog-witness) for tests: add-checkpoint verifies the log's signed
// checkpoint with a configured verifier key, checks the consistency proof from the last checkpoint it cosigned for
// that origin, records the new one, and answers a C2SP tlog-cosignature (https://c2sp.org/tlog-cosignature) line.

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

const (
	// maxProofLines is the protocol's limit on consistency proof lines.
	maxProofLines = 63
	// maxBody bounds a request: a checkpoint with a few signatures and 63 hashes is a few KiB.
	maxBody = 1 << 20
	// cosignatureAlg is the signed-note key type of a tlog-cosignature/v1 key.
	cosignatureAlg = 0x04
)

// treeHead is what the witness remembers of a log: the latest checkpoint it cosigned.
type treeHead struct {
	Size int64     `json:"size"`
	Root tlog.Hash `json:"root"`
}

type witness struct {
	name  string
	key   ed25519.PrivateKey
	keyID [4]byte
	logs  map[string]note.Verifier // by origin
	now   func() time.Time
	// persist, when set, must make the new state durable before the cosignature is returned.
	persist func(map[string]treeHead) error
	// logf, when set, gets a line for every submission: a refused checkpoint may be evidence of a misbehaving log.
	logf func(format string, args ...interface{})

	mu     sync.Mutex // the size check and the update are one step (the protocol's race)
	latest map[string]treeHead
}

func newWitness(name string, key ed25519.PrivateKey, logVKeys []string, state map[string]treeHead) (*witness, error) {
	if name == "" || strings.ContainsAny(name, " +\n") {
		return nil, fmt.Errorf("witness name %q: want a non-empty name without spaces or '+'", name)
	}
	w := &witness{name: name, key: key, logs: map[string]note.Verifier{}, now: time.Now, latest: map[string]treeHead{}}
	copy(w.keyID[:], cosignatureKeyID(name, key.Public().(ed25519.PublicKey)))
	for _, vkey := range logVKeys {
		v, err := note.NewVerifier(vkey)
		if err != nil {
			return nil, fmt.Errorf("log verifier key %q: %w", vkey, err)
		}
		// A checkpoint's origin is its log's key name (c2sp.org/tlog-checkpoint).
		w.logs[v.Name()] = v
	}
	for origin, head := range state {
		w.latest[origin] = head
	}
	return w, nil
}

func cosignatureKeyID(name string, pub ed25519.PublicKey) []byte {
	h := sha256.New()
	h.Write([]byte(name))
	h.Write([]byte{'\n', cosignatureAlg})
	h.Write(pub)
	return h.Sum(nil)[:4]
}

// verifierKey is the witness's vkey: name+keyID+base64(0x04 || public key).
func (w *witness) verifierKey() string {
	return w.name + "+" + hex.EncodeToString(w.keyID[:]) + "+" +
		base64.StdEncoding.EncodeToString(append([]byte{cosignatureAlg}, w.key.Public().(ed25519.PublicKey)...))
}

// httpError is a refusal with the status the protocol prescribes.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func refuse(status int, format string, args ...interface{}) *httpError {
	return &httpError{status: status, msg: fmt.Sprintf(format, args...)}
}

func (w *witness) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/add-checkpoint" {
		http.NotFound(rw, r)
		return
	}
	if r.Method != http.MethodPost {
		rw.Header().Set("Allow", http.MethodPost)
		http.Error(rw, "add-checkpoint takes POST", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(rw, r.Body, maxBody))
	if err != nil {
		http.Error(rw, "reading the request: "+err.Error(), http.StatusBadRequest)
		return
	}
	line, conflict, err := w.addCheckpoint(body)
	if w.logf != nil {
		w.logf("add-checkpoint: cosigned=%v conflict=%v error=%v", err == nil && conflict == nil, conflict != nil, err)
	}
	switch {
	case conflict != nil:
		rw.Header().Set("Content-Type", "text/x.tlog.size")
		rw.WriteHeader(http.StatusConflict)
		fmt.Fprintf(rw, "%d\n", conflict.Size)
	case err != nil:
		status := http.StatusBadRequest
		var he *httpError
		if errors.As(err, &he) {
			status = he.status
		}
		http.Error(rw, err.Error(), status)
	default:
		rw.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(rw, line)
	}
}

// addCheckpoint runs the protocol's checks in its order. It returns the cosignature line, or the witness's
// latest tree head when the client's previous size does not match it (409), or an *httpError.
func (w *witness) addCheckpoint(body []byte) (string, *treeHead, error) {
	old, proof, signed, err := parseAddCheckpoint(body)
	if err != nil {
		return "", nil, err
	}
	origin := string(signed[:bytes.IndexByte(signed, '\n')+1])
	origin = strings.TrimSuffix(origin, "\n")
	verifier, known := w.logs[origin]
	if !known {
		return "", nil, refuse(http.StatusNotFound, "unknown log origin %q", origin)
	}
	n, err := note.Open(signed, note.VerifierList(verifier))
	if err != nil {
		var unverified *note.UnverifiedNoteError
		var invalid *note.InvalidSignatureError
		if errors.As(err, &unverified) || errors.As(err, &invalid) {
			return "", nil, refuse(http.StatusForbidden, "no valid signature of log %q: %v", origin, err)
		}
		return "", nil, refuse(http.StatusBadRequest, "malformed checkpoint note: %v", err)
	}
	size, root, err := parseCheckpointBody(n.Text)
	if err != nil {
		return "", nil, err
	}
	if old > size {
		return "", nil, refuse(http.StatusBadRequest, "previous size %d is larger than the checkpoint's %d", old, size)
	}

	w.mu.Lock()
	defer w.mu.Unlock()
	last := w.latest[origin]
	if old != last.Size {
		return "", &last, nil
	}
	if err := checkConsistency(last, size, root, proof); err != nil {
		return "", nil, err
	}
	next := copyState(w.latest)
	next[origin] = treeHead{Size: size, Root: root}
	if w.persist != nil {
		if err := w.persist(next); err != nil {
			return "", nil, refuse(http.StatusInternalServerError, "storing the checkpoint: %v", err)
		}
	}
	w.latest = next
	return w.cosign(n.Text), nil, nil
}

func copyState(m map[string]treeHead) map[string]treeHead {
	out := make(map[string]treeHead, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// checkConsistency checks the proof from the last cosigned tree head to (size, root), RFC 6962 section 2.1.2.
func checkConsistency(last treeHead, size int64, root tlog.Hash, proof tlog.TreeProof) error {
	switch {
	case last.Size == 0 || last.Size == size:
		if len(proof) != 0 {
			return refuse(http.StatusBadRequest, "a consistency proof from size %d to %d must be empty", last.Size, size)
		}
		if last.Size == size && root != last.Root {
			return refuse(http.StatusUnprocessableEntity, "size %d was cosigned with another root hash", size)
		}
	default:
		if err := tlog.CheckTree(proof, size, root, last.Size, last.Root); err != nil {
			return refuse(http.StatusUnprocessableEntity, "consistency proof from size %d to %d does not verify: %v", last.Size, size, err)
		}
	}
	return nil
}

// cosign is a tlog-cosignature/v1 signature line over the checkpoint body, at the current time.
func (w *witness) cosign(checkpoint string) string {
	ts := uint64(w.now().Unix())
	msg := fmt.Sprintf("cosignature/v1\ntime %d\n%s", ts, checkpoint)
	sig := make([]byte, 0, 4+8+ed25519.SignatureSize)
	sig = append(sig, w.keyID[:]...)
	sig = binary.BigEndian.AppendUint64(sig, ts)
	sig = append(sig, ed25519.Sign(w.key, []byte(msg))...)
	return "\u2014 " + w.name + " " + base64.StdEncoding.EncodeToString(sig) + "\n"
}

// parseAddCheckpoint splits an add-checkpoint body: "old N", proof hashes, an empty line, the signed checkpoint.
func parseAddCheckpoint(body []byte) (int64, tlog.TreeProof, []byte, error) {
	rest := body
	nextLine := func() (string, bool) {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			return "", false
		}
		line := string(rest[:i])
		rest = rest[i+1:]
		return line, true
	}
	first, ok := nextLine()
	if !ok || !strings.HasPrefix(first, "old ") {
		return 0, nil, nil, refuse(http.StatusBadRequest, "the body must start with a line \"old <size>\"")
	}
	old, err := parseSize(strings.TrimPrefix(first, "old "))
	if err != nil {
		return 0, nil, nil, err
	}
	var proof tlog.TreeProof
	for {
		line, ok := nextLine()
		if !ok {
			return 0, nil, nil, refuse(http.StatusBadRequest, "no empty line before the checkpoint")
		}
		if line == "" {
			break
		}
		if len(proof) == maxProofLines {
			return 0, nil, nil, refuse(http.StatusBadRequest, "more than %d consistency proof lines", maxProofLines)
		}
		h, err := decodeHash(line)
		if err != nil {
			return 0, nil, nil, refuse(http.StatusBadRequest, "consistency proof line %d: %v", len(proof)+1, err)
		}
		proof = append(proof, h)
	}
	if len(rest) == 0 || rest[0] == '\n' {
		return 0, nil, nil, refuse(http.StatusBadRequest, "no checkpoint after the empty line")
	}
	return old, proof, rest, nil
}

// parseCheckpointBody reads origin, size and root hash (c2sp.org/tlog-checkpoint); extension lines may follow.
func parseCheckpointBody(text string) (int64, tlog.Hash, error) {
	lines := strings.SplitN(text, "\n", 4)
	if len(lines) < 4 || lines[0] == "" {
		return 0, tlog.Hash{}, refuse(http.StatusBadRequest, "a checkpoint needs an origin, a size and a root hash line")
	}
	size, err := parseSize(lines[1])
	if err != nil {
		return 0, tlog.Hash{}, err
	}
	root, err := decodeHash(lines[2])
	if err != nil {
		return 0, tlog.Hash{}, refuse(http.StatusBadRequest, "checkpoint root hash: %v", err)
	}
	return size, root, nil
}

// parseSize reads a tree size: ASCII decimal without leading zeros.
func parseSize(s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || strconv.FormatInt(n, 10) != s {
		return 0, refuse(http.StatusBadRequest, "tree size %q is not a decimal without leading zeros", s)
	}
	return n, nil
}

func decodeHash(s string) (tlog.Hash, error) {
	var h tlog.Hash
	raw, err := base64.StdEncoding.Strict().DecodeString(s)
	if err != nil || len(raw) != len(h) {
		return h, fmt.Errorf("%q is not a base64 SHA-256 hash", s)
	}
	copy(h[:], raw)
	return h, nil
}
