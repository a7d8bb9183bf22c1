package main

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
)

func TestRun_PrintsTheReadyLine_AndServesAddCheckpoint(t *testing.T) {
	l := newTestLog(t, origin)
	l.grow(t, 3)
	stdoutR, stdoutW := io.Pipe()
	stop := make(chan os.Signal, 1)
	exited := make(chan int, 1)
	go func() {
		exited <- run([]string{"-name", "witness.example/w1", "-log", l.vkey}, stdoutW, io.Discard, stop)
	}()

	line, err := bufio.NewReader(stdoutR).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	fields := strings.Fields(strings.TrimPrefix(line, "export "))
	if !strings.HasPrefix(line, "export TLOG_WITNESS_URL=http://127.0.0.1:") || len(fields) != 2 ||
		!strings.HasPrefix(fields[1], "TLOG_WITNESS_VKEY=witness.example/w1+") {
		t.Fatalf("ready line %q", line)
	}
	url := strings.TrimPrefix(fields[0], "TLOG_WITNESS_URL=")
	resp, err := http.Post(url+"/add-checkpoint", "text/plain", bytes.NewReader(l.request(t, 0)))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(string(body), "\u2014 witness.example/w1 ") {
		t.Errorf("%d %q", resp.StatusCode, body)
	}

	stop <- os.Interrupt
	if code := <-exited; code != 0 {
		t.Errorf("exit code %d after the stop signal", code)
	}
}

func TestRun_BadFlags_Exit2(t *testing.T) {
	for _, args := range [][]string{
		{"-name", "witness.example/w1"},                           // no -log
		{"-name", "has space", "-log", "x+00000000+AQ=="},         // bad name and key
		{"-name", "witness.example/w1", "-log", "not-a-key"},      // bad key
		{"-log", "x+00000000+AQ==", "-seed-file", "/nonexistent"}, // no name
	} {
		if code := run(args, io.Discard, io.Discard, nil); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
	}
}
