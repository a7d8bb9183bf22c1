package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

const origin = "vault.example/v1/gpg/log"

// testLog is a log built with Go's own tlog package, signing checkpoints with a note key named after its origin.
type testLog struct {
	hashes []tlog.Hash
	size   int64
	signer note.Signer
	vkey   string
}

func newTestLog(t *testing.T, name string) *testLog {
	t.Helper()
	skey, vkey, err := note.GenerateKey(nil, name)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := note.NewSigner(skey)
	if err != nil {
		t.Fatal(err)
	}
	return &testLog{signer: signer, vkey: vkey}
}

func (l *testLog) reader() tlog.HashReader {
	return tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(indexes))
		for i, x := range indexes {
			out[i] = l.hashes[x]
		}
		return out, nil
	})
}

func (l *testLog) grow(t *testing.T, entries int) {
	t.Helper()
	for i := 0; i < entries; i++ {
		stored, err := tlog.StoredHashes(l.size, []byte(fmt.Sprintf("entry %d", l.size)), l.reader())
		if err != nil {
			t.Fatal(err)
		}
		l.hashes = append(l.hashes, stored...)
		l.size++
	}
}

func (l *testLog) root(t *testing.T, size int64) tlog.Hash {
	t.Helper()
	h, err := tlog.TreeHash(size, l.reader())
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func checkpointText(name string, size int64, root tlog.Hash) string {
	return fmt.Sprintf("%s\n%d\n%s\n", name, size, base64.StdEncoding.EncodeToString(root[:]))
}

func (l *testLog) checkpoint(t *testing.T) []byte {
	t.Helper()
	signed, err := note.Sign(&note.Note{Text: checkpointText(l.signer.Name(), l.size, l.root(t, l.size))}, l.signer)
	if err != nil {
		t.Fatal(err)
	}
	return signed
}

// request is an add-checkpoint body from old to the log's current size.
func (l *testLog) request(t *testing.T, old int64) []byte {
	t.Helper()
	var b bytes.Buffer
	fmt.Fprintf(&b, "old %d\n", old)
	if old > 0 && old < l.size {
		proof, err := tlog.ProveTree(l.size, old, l.reader())
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range proof {
			b.WriteString(base64.StdEncoding.EncodeToString(h[:]) + "\n")
		}
	}
	b.WriteString("\n")
	b.Write(l.checkpoint(t))
	return b.Bytes()
}

var fixedTime = time.Unix(1767225600, 0)

func newTestWitness(t *testing.T, logs ...*testLog) (*witness, ed25519.PublicKey) {
	t.Helper()
	pub, key, _ := ed25519.GenerateKey(nil)
	var vkeys []string
	for _, l := range logs {
		vkeys = append(vkeys, l.vkey)
	}
	w, err := newWitness("witness.example/w1", key, vkeys, nil)
	if err != nil {
		t.Fatal(err)
	}
	w.now = func() time.Time { return fixedTime }
	return w, pub
}

func post(t *testing.T, w http.Handler, body []byte) (int, string, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	w.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/add-checkpoint", bytes.NewReader(body)))
	got, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, rec.Header().Get("Content-Type"), string(got)
}

// checkCosignature verifies a cosignature line as a tlog-cosignature/v1 verifier would, by hand.
func checkCosignature(t *testing.T, line string, pub ed25519.PublicKey, checkpointBody string) {
	t.Helper()
	prefix := "\u2014 witness.example/w1 "
	if !strings.HasPrefix(line, prefix) || !strings.HasSuffix(line, "\n") || strings.Count(line, "\n") != 1 {
		t.Fatalf("not one signature line: %q", line)
	}
	sig, err := base64.StdEncoding.DecodeString(strings.TrimSuffix(strings.TrimPrefix(line, prefix), "\n"))
	if err != nil || len(sig) != 4+8+64 {
		t.Fatalf("signature %q: %v", line, err)
	}
	wantID := sha256.Sum256(append([]byte("witness.example/w1\n\x04"), pub...))
	if !bytes.Equal(sig[:4], wantID[:4]) {
		t.Errorf("key ID %x, want %x", sig[:4], wantID[:4])
	}
	ts := binary.BigEndian.Uint64(sig[4:12])
	if ts != uint64(fixedTime.Unix()) {
		t.Errorf("timestamp %d", ts)
	}
	msg := fmt.Sprintf("cosignature/v1\ntime %d\n%s", ts, checkpointBody)
	if !ed25519.Verify(pub, []byte(msg), sig[12:]) {
		t.Error("the cosignature does not verify over cosignature/v1, time and the checkpoint body")
	}
}

func TestAddCheckpoint_FirstThenConsistentGrowth_AreCosigned(t *testing.T) {
	l := newTestLog(t, origin)
	w, pub := newTestWitness(t, l)
	l.grow(t, 5)

	status, ct, line := post(t, w, l.request(t, 0))
	if status != 200 || ct != "text/plain; charset=utf-8" {
		t.Fatalf("first checkpoint: %d %q %q", status, ct, line)
	}
	checkCosignature(t, line, pub, checkpointText(origin, 5, l.root(t, 5)))

	for _, grow := range []int{1, 250, 1000} {
		old := l.size
		l.grow(t, grow)
		status, _, line = post(t, w, l.request(t, old))
		if status != 200 {
			t.Fatalf("%d -> %d: %d %q", old, l.size, status, line)
		}
		checkCosignature(t, line, pub, checkpointText(origin, l.size, l.root(t, l.size)))
	}
	// The same checkpoint again: old = size, empty proof.
	if status, _, body := post(t, w, l.request(t, l.size)); status != 200 {
		t.Errorf("resubmitting the latest checkpoint: %d %q", status, body)
	}
	// The log's own verifier still opens the checkpoint with the cosignature added (unknown keys are ignored).
	if _, err := note.Open(append(l.checkpoint(t), line...), note.VerifierList(mustVerifier(t, l.vkey))); err != nil {
		t.Errorf("checkpoint + cosignature: %v", err)
	}
}

func mustVerifier(t *testing.T, vkey string) note.Verifier {
	t.Helper()
	v, err := note.NewVerifier(vkey)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// witnessedLog is a log whose checkpoint of size cosigned the witness has cosigned, grown by more entries since.
func witnessedLog(t *testing.T, cosigned, more int) (*testLog, *witness) {
	t.Helper()
	l := newTestLog(t, origin)
	w, _ := newTestWitness(t, l)
	l.grow(t, cosigned)
	if status, _, body := post(t, w, l.request(t, 0)); status != http.StatusOK {
		t.Fatalf("first checkpoint: %d %q", status, body)
	}
	l.grow(t, more)
	return l, w
}

func TestAddCheckpoint_WrongPreviousSize_Is409WithTheWitnessedSize(t *testing.T) {
	l, w := witnessedLog(t, 7, 3)

	for _, old := range []int64{0, 6, 8} {
		status, ct, body := post(t, w, l.request(t, old))

		if status != http.StatusConflict || ct != "text/x.tlog.size" || body != "7\n" {
			t.Errorf("old %d: %d %q %q, want 409 text/x.tlog.size \"7\\n\"", old, status, ct, body)
		}
	}
}

func TestAddCheckpoint_BadProofOrFork_Is422AndNothingIsRecorded(t *testing.T) {
	l, w := witnessedLog(t, 10, 6)

	tampered := l.request(t, 10)
	i := bytes.IndexByte(tampered, '\n') + 1 // first proof line
	tampered[i] ^= 'A' ^ 'B'
	if tampered[i] == '\n' {
		t.Fatal("test bug: no proof line")
	}
	if status, _, body := post(t, w, tampered); status != http.StatusUnprocessableEntity {
		t.Errorf("tampered proof: %d %q", status, body)
	}

	// A fork: another log state of the same size 10, signed by the same key.
	fork := newTestLog(t, origin)
	fork.signer = l.signer
	fork.hashes = nil
	for j := 0; j < 10; j++ {
		stored, _ := tlog.StoredHashes(int64(j), []byte(fmt.Sprintf("other %d", j)), fork.reader())
		fork.hashes = append(fork.hashes, stored...)
		fork.size++
	}
	if status, _, body := post(t, w, fork.request(t, 10)); status != http.StatusUnprocessableEntity {
		t.Errorf("same size, other root: %d %q", status, body)
	}
	// Still at 10: the honest growth goes through.
	if status, _, body := post(t, w, l.request(t, 10)); status != 200 {
		t.Errorf("honest growth after refusals: %d %q", status, body)
	}
}

func TestAddCheckpoint_UnknownOriginOrBadSignature_Is404Or403(t *testing.T) {
	l := newTestLog(t, origin)
	w, _ := newTestWitness(t, l)
	l.grow(t, 3)

	stranger := newTestLog(t, "other.example/log")
	stranger.grow(t, 3)
	if status, _, _ := post(t, w, stranger.request(t, 0)); status != http.StatusNotFound {
		t.Errorf("unknown origin: %d, want 404", status)
	}
	impostor := newTestLog(t, origin) // same name, another key
	impostor.grow(t, 3)
	if status, _, _ := post(t, w, impostor.request(t, 0)); status != http.StatusForbidden {
		t.Errorf("signed by another key: %d, want 403", status)
	}
	body := l.request(t, 0)
	forged := bytes.Replace(body, []byte("\n3\n"), []byte("\n4\n"), 1)
	if status, _, _ := post(t, w, forged); status != http.StatusForbidden {
		t.Errorf("changed body under a valid signature: %d, want 403", status)
	}
}

func TestAddCheckpoint_MalformedRequests_Are400(t *testing.T) {
	l := newTestLog(t, origin)
	w, _ := newTestWitness(t, l)
	l.grow(t, 4)
	signed := string(l.checkpoint(t))
	hash := base64.StdEncoding.EncodeToString(make([]byte, 32))

	for name, body := range map[string]string{
		"no old line":            "\n" + signed,
		"leading zero":           "old 01\n\n" + signed,
		"negative":               "old -1\n\n" + signed,
		"old above size":         "old 5\n\n" + signed,
		"short hash":             "old 0\nAAAA\n\n" + signed,
		"proof with old 0":       "old 0\n" + hash + "\n\n" + signed,
		"64 proof lines":         "old 1\n" + strings.Repeat(hash+"\n", 64) + "\n" + signed,
		"no empty line":          "old 0\n",
		"no checkpoint":          "old 0\n\n",
		"checkpoint not a note":  "old 0\n\n" + origin + "\n4\n",
		"size with leading zero": "old 0\n\n" + string(mustSign(t, l, origin+"\n04\n"+hash+"\n")),
	} {
		if status, _, got := post(t, w, []byte(body)); status != http.StatusBadRequest {
			t.Errorf("%s: %d %q, want 400", name, status, got)
		}
	}
	rec := httptest.NewRecorder()
	w.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/add-checkpoint", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET: %d", rec.Code)
	}
}

func mustSign(t *testing.T, l *testLog, text string) []byte {
	t.Helper()
	signed, err := note.Sign(&note.Note{Text: text}, l.signer)
	if err != nil {
		t.Fatal(err)
	}
	return signed
}

func TestWitness_StateFile_SurvivesARestart(t *testing.T) {
	l := newTestLog(t, origin)
	l.grow(t, 9)
	state := filepath.Join(t.TempDir(), "state.json")
	seed := filepath.Join(t.TempDir(), "seed")
	if err := writeFile(seed, strings.Repeat("ab", 32)+"\n"); err != nil {
		t.Fatal(err)
	}
	first, err := setUp("witness.example/w1", seed, state, []string{l.vkey})
	if err != nil {
		t.Fatal(err)
	}
	if status, _, body := post(t, first, l.request(t, 0)); status != 200 {
		t.Fatalf("%d %q", status, body)
	}

	again, err := setUp("witness.example/w1", seed, state, []string{l.vkey})
	if err != nil {
		t.Fatal(err)
	}

	if status, _, body := post(t, again, l.request(t, 0)); status != http.StatusConflict || body != "9\n" {
		t.Errorf("after a restart: %d %q, want 409 \"9\\n\"", status, body)
	}
	if again.verifierKey() != first.verifierKey() || !strings.HasPrefix(first.verifierKey(), "witness.example/w1+") {
		t.Errorf("the seed file should keep the key: %s vs %s", first.verifierKey(), again.verifierKey())
	}
}

func writeFile(path, content string) error {
	return os.WriteFile(path, []byte(content), 0o600)
}
