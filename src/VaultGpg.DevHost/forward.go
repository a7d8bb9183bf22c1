package main

// Request forwarding from a performance standby to the active node (Vault's http/handler.go forwardRequest and
// respondStandby): the original HTTP request (method, path and query, headers, body) goes to the active as it
// came, and the active's status, headers and body are written back unchanged. When forwarding is refused by the
// client (X-Vault-No-Request-Forwarding) or fails, the client is redirected to the active with a 307 instead.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

const noRequestForwardingHeader = "X-Vault-No-Request-Forwarding"

// hopByHopHeaders are not passed on by a proxy (RFC 9110 section 7.6.1).
var hopByHopHeaders = []string{"Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Connection", "Te", "Trailer", "Transfer-Encoding", "Upgrade"}

var forwardClient = &http.Client{
	Timeout: 90 * time.Second,
	// The active's redirects belong to the client, as they would without a standby in between.
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

func checkActiveAddr(addr string) error {
	u, err := url.Parse(addr)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
		return fmt.Errorf("-standby-of %q: want the active's address, http://HOST:PORT", addr)
	}
	return nil
}

// forwardToActive sends r, whose body was body, to the active node and writes its answer to w.
func (a *api) forwardToActive(w http.ResponseWriter, r *http.Request, body []byte) {
	if r.Header.Get(noRequestForwardingHeader) != "" {
		a.log.Debug("forwarding disabled by client request; redirecting to the active node", "path", r.URL.Path)
		a.redirectToActive(w, r)
		return
	}
	resp, err := a.sendToActive(r, body)
	if err != nil {
		a.log.Error("forward request error", "error", err)
		a.redirectToActive(w, r)
		return
	}
	defer resp.Body.Close()
	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(resp.StatusCode)
	if _, err := io.Copy(w, resp.Body); err != nil {
		a.log.Warn("copying the active node's answer failed", "error", err)
	}
}

func (a *api) sendToActive(r *http.Request, body []byte) (*http.Response, error) {
	target := a.h.opts.activeAddr + r.URL.RequestURI()
	req, err := http.NewRequestWithContext(r.Context(), r.Method, target, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header = r.Header.Clone()
	for _, h := range hopByHopHeaders {
		req.Header.Del(h)
	}
	a.log.Debug("forwarding request to the active node", "method", r.Method, "path", r.URL.Path, "active", a.h.opts.activeAddr)
	return forwardClient.Do(req)
}

// redirectToActive is respondStandby: 307 to the same path and query on the active node.
func (a *api) redirectToActive(w http.ResponseWriter, r *http.Request) {
	active, err := url.Parse(a.h.opts.activeAddr)
	if err != nil || active.Host == "" {
		errorReply(http.StatusServiceUnavailable, errors.New("no active Vault instance found")).write(w)
		return
	}
	location := url.URL{Scheme: active.Scheme, Host: active.Host, Path: r.URL.Path, RawPath: r.URL.RawPath, RawQuery: r.URL.RawQuery}
	w.Header().Set("Location", location.String())
	w.WriteHeader(http.StatusTemporaryRedirect)
}

// bodyCopy keeps what a standby's request body reader delivered, for forwarding (Vault's origBody on a
// performance standby).
type bodyCopy struct {
	io.Reader
	io.Closer
	seen *bytes.Buffer
}

// wholeBody reads the rest of the request body (within the size limit) and returns all of it.
func (b *bodyCopy) wholeBody() ([]byte, error) {
	if _, err := io.Copy(io.Discard, b.Reader); err != nil {
		return nil, err
	}
	return b.seen.Bytes(), nil
}
