package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/hashicorp/go-hclog"
	"google.golang.org/grpc/grpclog"
)

// grpcLogger routes grpc-go's own log into ours with its levels; its info chatter (connection state changes)
// goes to trace.
type grpcLogger struct {
	log hclog.Logger
}

var _ grpclog.LoggerV2 = grpcLogger{}

func (g grpcLogger) Info(args ...interface{})   { g.log.Trace(fmt.Sprint(args...)) }
func (g grpcLogger) Infoln(args ...interface{}) { g.log.Trace(fmt.Sprint(args...)) }
func (g grpcLogger) Infof(format string, args ...interface{}) {
	g.log.Trace(fmt.Sprintf(format, args...))
}
func (g grpcLogger) Warning(args ...interface{})   { g.log.Warn(fmt.Sprint(args...)) }
func (g grpcLogger) Warningln(args ...interface{}) { g.log.Warn(fmt.Sprint(args...)) }
func (g grpcLogger) Warningf(format string, args ...interface{}) {
	g.log.Warn(fmt.Sprintf(format, args...))
}
func (g grpcLogger) Error(args ...interface{})   { g.log.Error(fmt.Sprint(args...)) }
func (g grpcLogger) Errorln(args ...interface{}) { g.log.Error(fmt.Sprint(args...)) }
func (g grpcLogger) Errorf(format string, args ...interface{}) {
	g.log.Error(fmt.Sprintf(format, args...))
}
func (g grpcLogger) Fatal(args ...interface{}) { g.log.Error(fmt.Sprint(args...)); os.Exit(1) }
func (g grpcLogger) Fatalln(args ...interface{}) {
	g.log.Error(fmt.Sprint(args...))
	os.Exit(1)
}
func (g grpcLogger) Fatalf(format string, args ...interface{}) {
	g.log.Error(fmt.Sprintf(format, args...))
	os.Exit(1)
}
func (g grpcLogger) V(level int) bool { return level <= 0 && g.log.IsTrace() }

// sharedOutput is one file that several plugins' raw stderr is copied to.
type sharedOutput struct {
	mu  sync.Mutex
	out io.Writer
}

// newLineWriter gives one plugin process its own line buffer on the shared output.
func (s *sharedOutput) newLineWriter() io.Writer {
	return &lineWriter{mu: &s.mu, out: s.out}
}

// lineWriter makes every line one write on a shared output. go-plugin copies a stderr line and its newline in two
// writes, so plugins running side by side would interleave their lines in the -plugin-stderr-file.
type lineWriter struct {
	mu  *sync.Mutex
	out io.Writer
	buf []byte
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.buf = append(w.buf, p...)
	for {
		i := bytes.IndexByte(w.buf, '\n')
		if i < 0 {
			return len(p), nil
		}
		w.mu.Lock()
		_, err := w.out.Write(w.buf[:i+1])
		w.mu.Unlock()
		w.buf = w.buf[i+1:]
		if err != nil {
			return len(p), err
		}
	}
}
