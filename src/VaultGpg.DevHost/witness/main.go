// Command tlog-witness is a small C2SP tlog-witness for tests (add-checkpoint only; no roster).
//
//	tlog-witness -name witness.example/w1 -log <log vkey> [-log ...] [-listen 127.0.0.1:0] [-seed-file F] [-state-file F]
//
// It prints one line on stdout once it listens:
//
//	export TLOG_WITNESS_URL=http://127.0.0.1:PORT TLOG_WITNESS_VKEY=<name>+<key id>+<base64(0x04 || public key)>
//
// The Ed25519 key comes from -seed-file (32 bytes, hex) or is new at every start. With -state-file the latest
// cosigned checkpoint of every log is kept in that JSON file (written before each cosignature is returned).
package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

type logFlags []string

func (l *logFlags) String() string     { return strings.Join(*l, ",") }
func (l *logFlags) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, signals))
}

// run serves until stop delivers; it returns the exit code (2 for bad flags, 1 when serving fails).
func run(args []string, stdout, stderr io.Writer, stop <-chan os.Signal) int {
	fs := flag.NewFlagSet("tlog-witness", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:0", "HTTP listen address (port 0 picks a free port)")
	name := fs.String("name", "", "the witness's name (its key name), for example witness.example/w1")
	seedFile := fs.String("seed-file", "", "file with the 32-byte Ed25519 seed in hex; default: a new key at every start")
	stateFile := fs.String("state-file", "", "JSON file keeping the latest cosigned checkpoint per log; default: memory only")
	var logs logFlags
	fs.Var(&logs, "log", "verifier key of a log to witness (`VKEY`, its name is the checkpoint origin); repeatable")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	logger := log.New(stderr, "tlog-witness: ", log.LstdFlags)
	if len(logs) == 0 {
		logger.Print("at least one -log is required")
		return 2
	}
	w, err := setUp(*name, *seedFile, *stateFile, logs)
	if err != nil {
		logger.Print(err)
		return 2
	}
	lis, err := net.Listen("tcp", *listen)
	if err != nil {
		logger.Print(err)
		return 1
	}
	w.logf = logger.Printf
	server := &http.Server{Handler: w, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- server.Serve(lis) }()
	fmt.Fprintf(stdout, "export TLOG_WITNESS_URL=http://%s TLOG_WITNESS_VKEY=%s\n", lis.Addr(), w.verifierKey())

	select {
	case <-stop:
		_ = server.Close()
		return 0
	case err := <-served:
		logger.Print(err)
		return 1
	}
}

func setUp(name, seedFile, stateFile string, logs []string) (*witness, error) {
	key, err := loadKey(seedFile)
	if err != nil {
		return nil, err
	}
	state, err := loadState(stateFile)
	if err != nil {
		return nil, err
	}
	w, err := newWitness(name, key, logs, state)
	if err != nil {
		return nil, err
	}
	if stateFile != "" {
		w.persist = func(s map[string]treeHead) error { return saveState(stateFile, s) }
	}
	return w, nil
}

func loadKey(seedFile string) (ed25519.PrivateKey, error) {
	if seedFile == "" {
		_, key, err := ed25519.GenerateKey(rand.Reader)
		return key, err
	}
	raw, err := os.ReadFile(seedFile)
	if err != nil {
		return nil, err
	}
	seed, err := hex.DecodeString(strings.TrimSpace(string(raw)))
	if err != nil || len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("%s: want %d bytes of Ed25519 seed in hex", seedFile, ed25519.SeedSize)
	}
	return ed25519.NewKeyFromSeed(seed), nil
}

func loadState(file string) (map[string]treeHead, error) {
	state := map[string]treeHead{}
	if file == "" {
		return state, nil
	}
	raw, err := os.ReadFile(file)
	if errors.Is(err, os.ErrNotExist) {
		return state, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(raw, &state); err != nil {
		return nil, fmt.Errorf("state file %s: %w", file, err)
	}
	return state, nil
}

// saveState replaces the state file atomically (temporary file, sync, rename).
func saveState(file string, state map[string]treeHead) error {
	raw, err := json.MarshalIndent(state, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(raw); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), file)
}
