package main

import (
	"bytes"
	"testing"
)

func TestLineWriter_WritesWholeLinesOnly(t *testing.T) {
	var out bytes.Buffer
	shared := &sharedOutput{out: &out}
	a, b := shared.newLineWriter(), shared.newLineWriter()

	// go-plugin writes a line and its newline separately; another plugin may write in between.
	_, _ = a.Write([]byte(`{"@message":"a"}`))
	_, _ = b.Write([]byte(`{"@message":"b"}`))
	_, _ = b.Write([]byte("\n"))
	_, _ = a.Write([]byte("\n"))
	_, _ = a.Write([]byte("x\ny\n"))

	if got, want := out.String(), "{\"@message\":\"b\"}\n{\"@message\":\"a\"}\nx\ny\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}
