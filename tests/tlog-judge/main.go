// Command tlog-judge checks a C2SP transparency log with Go's own implementation (golang.org/x/mod/sumdb/tlog and
// sumdb/note, Debian's golang-golang-x-mod-dev 0.7.0), and writes one for the other direction. It is the
// independent judge of src/VaultGpg.Transparency and of the engine's log: nothing here shares code with them.
//
// Usage:
//
//	tlog-judge check-log -vkey VKEY DIR           checkpoint, tiles and entry bundles under DIR (tlog-tiles layout)
//	tlog-judge check-proofs -vkey VKEY DIR        every DIR/NAME.tlog-proof against DIR/NAME.entry
//	tlog-judge check-consistency -vkey VKEY DIR   every DIR/NAME.old, NAME.new (signed checkpoints), NAME.proof
//	tlog-judge make -name ORIGIN -n N DIR         a log of N entries made by Go, with proofs, for the library to check
//
// 0.7.0 pitfalls this program works around: tlog.ParseTree accepts only the Go checksum database's origin (the
// checkpoint body is parsed here), tlog.TreeHash of an empty tree is 32 zero bytes (size 0 is checked against
// SHA-256 of the empty string), and tlog.CheckTree needs an old size of at least 1.
package main

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

const tileHeight = 8

func main() {
	if len(os.Args) < 2 {
		fail(errors.New("usage: tlog-judge check-log|check-proofs|check-consistency|make ..."))
	}
	flags := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	vkey := flags.String("vkey", "", "verifier key of the log (name+id+base64)")
	name := flags.String("name", "example.com/log", "origin of the log to make")
	n := flags.Int64("n", 1000, "entries of the log to make")
	if err := flags.Parse(os.Args[2:]); err != nil || flags.NArg() != 1 {
		fail(errors.New("want exactly one directory argument after the flags"))
	}
	dir := flags.Arg(0)
	var err error
	switch os.Args[1] {
	case "check-log":
		err = checkLog(*vkey, dir)
	case "check-proofs":
		err = checkProofs(*vkey, dir)
	case "check-consistency":
		err = checkConsistency(*vkey, dir)
	case "make":
		err = makeLog(*name, *n, dir)
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "tlog-judge:", err)
	os.Exit(1)
}

// checkpoint is a checkpoint body read by hand (see the 0.7.0 pitfalls above).
type checkpoint struct {
	origin string
	tree   tlog.Tree
}

// openCheckpoint opens a signed checkpoint with the log's key and checks that its origin is the key's name.
func openCheckpoint(vkey string, msg []byte) (checkpoint, error) {
	v, err := note.NewVerifier(vkey)
	if err != nil {
		return checkpoint{}, fmt.Errorf("verifier key: %v", err)
	}
	n, err := note.Open(msg, note.VerifierList(v))
	if err != nil {
		return checkpoint{}, fmt.Errorf("open checkpoint: %v", err)
	}
	lines := strings.SplitAfter(n.Text, "\n")
	if len(lines) < 4 || lines[len(lines)-1] != "" {
		return checkpoint{}, fmt.Errorf("checkpoint body has %d lines", len(lines)-1)
	}
	origin := strings.TrimSuffix(lines[0], "\n")
	sizeText := strings.TrimSuffix(lines[1], "\n")
	size, err := strconv.ParseInt(sizeText, 10, 64)
	if err != nil || size < 0 || strconv.FormatInt(size, 10) != sizeText {
		return checkpoint{}, fmt.Errorf("checkpoint size %q", sizeText)
	}
	root, err := base64.StdEncoding.DecodeString(strings.TrimSuffix(lines[2], "\n"))
	if err != nil || len(root) != tlog.HashSize {
		return checkpoint{}, fmt.Errorf("checkpoint root hash %q", lines[2])
	}
	if origin != v.Name() {
		return checkpoint{}, fmt.Errorf("checkpoint origin %q is not the key's name %q", origin, v.Name())
	}
	var c checkpoint
	c.origin = origin
	c.tree.N = size
	copy(c.tree.Hash[:], root)
	return c, nil
}

// indexPath writes a tile index in three-digit groups, all but the last prefixed with x.
func indexPath(n int64) string {
	s := fmt.Sprintf("%03d", n%1000)
	for n /= 1000; n > 0; n /= 1000 {
		s = fmt.Sprintf("x%03d/%s", n%1000, s)
	}
	return s
}

// tilePath is the C2SP tlog-tiles path of a Go tile (level -1 is an entry bundle).
func tilePath(t tlog.Tile) string {
	level := strconv.Itoa(t.L)
	if t.L == -1 {
		level = "entries"
	}
	p := "tile/" + level + "/" + indexPath(t.N)
	if t.W != 1<<tileHeight {
		p += ".p/" + strconv.Itoa(t.W)
	}
	return p
}

// dirTiles serves tiles from a directory in the tlog-tiles layout.
type dirTiles struct{ dir string }

func (d dirTiles) Height() int { return tileHeight }

func (d dirTiles) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	data := make([][]byte, len(tiles))
	for i, t := range tiles {
		b, err := os.ReadFile(filepath.Join(d.dir, tilePath(t)))
		if err != nil {
			return nil, err
		}
		data[i] = b
	}
	return data, nil
}

func (d dirTiles) SaveTiles([]tlog.Tile, [][]byte) {}

func decodeBundle(b []byte) ([][]byte, error) {
	var entries [][]byte
	for len(b) > 0 {
		if len(b) < 2 {
			return nil, errors.New("bundle ends inside a length")
		}
		n := int(binary.BigEndian.Uint16(b))
		if len(b) < 2+n {
			return nil, errors.New("bundle ends inside an entry")
		}
		entries = append(entries, b[2:2+n])
		b = b[2+n:]
	}
	return entries, nil
}

func checkLog(vkey, dir string) error {
	msg, err := os.ReadFile(filepath.Join(dir, "checkpoint"))
	if err != nil {
		return err
	}
	c, err := openCheckpoint(vkey, msg)
	if err != nil {
		return err
	}
	size := c.tree.N
	if size == 0 {
		if c.tree.Hash != tlog.Hash(sha256.Sum256(nil)) {
			return errors.New("empty tree root is not SHA-256 of the empty string")
		}
		fmt.Println("ok 0")
		return nil
	}
	r := tlog.TileHashReader(c.tree, dirTiles{dir})
	th, err := tlog.TreeHash(size, r)
	if err != nil {
		return fmt.Errorf("tree hash from tiles: %v", err)
	}
	if th != c.tree.Hash {
		return errors.New("tiles do not give the checkpoint's root")
	}
	// Every entry in the bundles must hash to its leaf in the (now authenticated) tiles.
	for start := int64(0); start < size; start += 1 << tileHeight {
		w := size - start
		if w > 1<<tileHeight {
			w = 1 << tileHeight
		}
		t := tlog.Tile{H: tileHeight, L: -1, N: start >> tileHeight, W: int(w)}
		b, err := os.ReadFile(filepath.Join(dir, tilePath(t)))
		if err != nil {
			return err
		}
		entries, err := decodeBundle(b)
		if err != nil {
			return fmt.Errorf("%s: %v", tilePath(t), err)
		}
		if int64(len(entries)) != w {
			return fmt.Errorf("%s has %d entries, want %d", tilePath(t), len(entries), w)
		}
		indexes := make([]int64, w)
		for i := range indexes {
			indexes[i] = tlog.StoredHashIndex(0, start+int64(i))
		}
		leaves, err := r.ReadHashes(indexes)
		if err != nil {
			return err
		}
		for i, e := range entries {
			if tlog.RecordHash(e) != leaves[i] {
				return fmt.Errorf("entry %d does not hash to its leaf", start+int64(i))
			}
		}
	}
	fmt.Printf("ok %d %s\n", size, c.tree.Hash)
	return nil
}

// parseProof reads a c2sp.org/tlog-proof@v1 text.
func parseProof(text []byte) (index int64, proof tlog.RecordProof, signed []byte, err error) {
	split := bytes.Index(text, []byte("\n\n"))
	if split < 0 {
		return 0, nil, nil, errors.New("no empty line")
	}
	lines := strings.Split(string(text[:split]), "\n")
	if lines[0] != "c2sp.org/tlog-proof@v1" {
		return 0, nil, nil, errors.New("bad header")
	}
	lines = lines[1:]
	if len(lines) > 0 && strings.HasPrefix(lines[0], "extra ") {
		lines = lines[1:]
	}
	if len(lines) == 0 || !strings.HasPrefix(lines[0], "index ") {
		return 0, nil, nil, errors.New("no index line")
	}
	index, err = strconv.ParseInt(strings.TrimPrefix(lines[0], "index "), 10, 64)
	if err != nil {
		return 0, nil, nil, err
	}
	for _, l := range lines[1:] {
		h, err := tlog.ParseHash(l)
		if err != nil {
			return 0, nil, nil, err
		}
		proof = append(proof, h)
	}
	return index, proof, text[split+2:], nil
}

func checkProofs(vkey, dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.tlog-proof"))
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return errors.New("no .tlog-proof files")
	}
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		entry, err := os.ReadFile(strings.TrimSuffix(f, ".tlog-proof") + ".entry")
		if err != nil {
			return err
		}
		index, proof, signed, err := parseProof(text)
		if err != nil {
			return fmt.Errorf("%s: %v", f, err)
		}
		c, err := openCheckpoint(vkey, signed)
		if err != nil {
			return fmt.Errorf("%s: %v", f, err)
		}
		if err := tlog.CheckRecord(proof, c.tree.N, c.tree.Hash, index, tlog.RecordHash(entry)); err != nil {
			return fmt.Errorf("%s: %v", f, err)
		}
	}
	fmt.Printf("ok %d proofs\n", len(files))
	return nil
}

func readHashes(path string) ([]tlog.Hash, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var hashes []tlog.Hash
	for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		if l == "" {
			continue
		}
		h, err := tlog.ParseHash(l)
		if err != nil {
			return nil, err
		}
		hashes = append(hashes, h)
	}
	return hashes, nil
}

func checkConsistency(vkey, dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.proof"))
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return errors.New("no .proof files")
	}
	for _, f := range files {
		base := strings.TrimSuffix(f, ".proof")
		var trees [2]checkpoint
		for i, ext := range []string{".old", ".new"} {
			msg, err := os.ReadFile(base + ext)
			if err != nil {
				return err
			}
			if trees[i], err = openCheckpoint(vkey, msg); err != nil {
				return fmt.Errorf("%s%s: %v", base, ext, err)
			}
		}
		proof, err := readHashes(f)
		if err != nil {
			return err
		}
		old, cur := trees[0].tree, trees[1].tree
		if err := tlog.CheckTree(proof, cur.N, cur.Hash, old.N, old.Hash); err != nil {
			return fmt.Errorf("%s: %v", f, err)
		}
	}
	fmt.Printf("ok %d consistency proofs\n", len(files))
	return nil
}

// memoryHashes is a tlog.HashReader over hashes kept in memory by storage index.
type memoryHashes []tlog.Hash

func (m memoryHashes) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		if x >= int64(len(m)) {
			return nil, fmt.Errorf("hash %d not stored", x)
		}
		out[i] = m[x]
	}
	return out, nil
}

func writeFile(dir, name string, data []byte) error {
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

// makeLog writes, with Go's code only: vkey, checkpoint and tiles of a log of n entries, checkpoints at a few
// sizes (checkpoints/SIZE), inclusion proofs (proofs/INDEX.tlog-proof + .entry, against the final checkpoint) and
// consistency proofs (consistency/OLD-NEW.proof, one hash per line).
func makeLog(name string, n int64, dir string) error {
	skey, vkey, err := note.GenerateKey(rand.Reader, name)
	if err != nil {
		return err
	}
	signer, err := note.NewSigner(skey)
	if err != nil {
		return err
	}
	var hashes memoryHashes
	var entries [][]byte
	for i := int64(0); i < n; i++ {
		entry := []byte(fmt.Sprintf("%s/entry/v1\nindex %d\n%s\n", name, i, strings.Repeat("x", int(i%37))))
		entries = append(entries, entry)
		stored, err := tlog.StoredHashes(i, entry, hashes)
		if err != nil {
			return err
		}
		hashes = append(hashes, stored...)
	}
	signedAt := func(size int64) ([]byte, tlog.Hash, error) {
		th, err := tlog.TreeHash(size, hashes)
		if err != nil {
			return nil, th, err
		}
		if size == 0 {
			th = sha256.Sum256(nil)
		}
		body := fmt.Sprintf("%s\n%d\n%s\n", name, size, base64.StdEncoding.EncodeToString(th[:]))
		msg, err := note.Sign(&note.Note{Text: body}, signer)
		return msg, th, err
	}
	if err := writeFile(dir, "vkey", []byte(vkey+"\n")); err != nil {
		return err
	}
	final, _, err := signedAt(n)
	if err != nil {
		return err
	}
	if err := writeFile(dir, "checkpoint", final); err != nil {
		return err
	}
	for _, t := range tlog.NewTiles(tileHeight, 0, n) {
		data, err := tlog.ReadTileData(t, hashes)
		if err != nil {
			return err
		}
		if err := writeFile(dir, tilePath(t), data); err != nil {
			return err
		}
	}
	for start := int64(0); start < n; start += 1 << tileHeight {
		end := start + 1<<tileHeight
		if end > n {
			end = n
		}
		var bundle []byte
		for _, e := range entries[start:end] {
			bundle = binary.BigEndian.AppendUint16(bundle, uint16(len(e)))
			bundle = append(bundle, e...)
		}
		t := tlog.Tile{H: tileHeight, L: -1, N: start >> tileHeight, W: int(end - start)}
		if err := writeFile(dir, tilePath(t), bundle); err != nil {
			return err
		}
	}
	for _, i := range sampleIndexes(n) {
		p, err := tlog.ProveRecord(n, i, hashes)
		if err != nil {
			return err
		}
		var text strings.Builder
		fmt.Fprintf(&text, "c2sp.org/tlog-proof@v1\nextra %s\nindex %d\n", base64.StdEncoding.EncodeToString(entries[i]), i)
		for _, h := range p {
			fmt.Fprintf(&text, "%s\n", h)
		}
		text.WriteString("\n")
		text.Write(final)
		if err := writeFile(dir, fmt.Sprintf("proofs/%d.tlog-proof", i), []byte(text.String())); err != nil {
			return err
		}
		if err := writeFile(dir, fmt.Sprintf("proofs/%d.entry", i), entries[i]); err != nil {
			return err
		}
	}
	sizes := sampleIndexes(n + 1)
	for _, size := range sizes {
		msg, _, err := signedAt(size)
		if err != nil {
			return err
		}
		if err := writeFile(dir, fmt.Sprintf("checkpoints/%d", size), msg); err != nil {
			return err
		}
	}
	for _, old := range sizes {
		for _, cur := range sizes {
			if old < 1 || old > cur {
				continue
			}
			p, err := tlog.ProveTree(cur, old, hashes)
			if err != nil {
				return err
			}
			var text strings.Builder
			for _, h := range p {
				fmt.Fprintf(&text, "%s\n", h)
			}
			if err := writeFile(dir, fmt.Sprintf("consistency/%d-%d.proof", old, cur), []byte(text.String())); err != nil {
				return err
			}
		}
	}
	fmt.Printf("ok %d %s\n", n, vkey)
	return nil
}

// sampleIndexes picks indexes below n that exercise tile and subtree edges.
func sampleIndexes(n int64) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, i := range []int64{0, 1, 2, 3, 7, 8, 255, 256, 257, 511, 512, 1000, 65535, 65536, n / 2, n - 2, n - 1} {
		if i >= 0 && i < n && !seen[i] {
			seen[i] = true
			out = append(out, i)
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a] < out[b] })
	return out
}
