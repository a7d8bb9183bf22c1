package main

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hashicorp/go-hclog"
)

// newTestServer serves the API of a host without mounts: enough for what is refused before routing.
func newTestServer(t *testing.T) (*httptest.Server, string) {
	t.Helper()
	const token = "test-token"
	h := newHost(hostOptions{rootToken: token}, nil, &hostSettings{}, hclog.NewNullLogger())
	server := httptest.NewServer(&api{h: h, log: hclog.NewNullLogger()})
	t.Cleanup(server.Close)
	return server, token
}

func send(t *testing.T, method, url, token string, body io.Reader) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Vault-Token", token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, got
}

// jsonBodyOfSize is a JSON object whose one string member makes the body exactly n bytes long.
func jsonBodyOfSize(n int) []byte {
	const head, tail = `{"input":"`, `"}`
	return append(append([]byte(head), bytes.Repeat([]byte("A"), n-len(head)-len(tail))...), tail...)
}

func TestServe_BodyOverMaxRequestSize_Answers413WithVaultsErrorBody(t *testing.T) {
	server, token := newTestServer(t)
	for _, c := range []struct {
		name   string
		size   int
		chunks bool // no Content-Length: the limit is found while reading
	}{
		{name: "one byte over", size: maxRequestSize + 1},
		{name: "40 MB", size: 40_000_000},
		{name: "40 MB chunked", size: 40_000_000, chunks: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			var body io.Reader = bytes.NewReader(jsonBodyOfSize(c.size))
			if c.chunks {
				body = io.MultiReader(body) // hides the length from net/http
			}

			status, got := send(t, http.MethodPost, server.URL+"/v1/gpg/sign/k", token, body)

			if status != http.StatusRequestEntityTooLarge {
				t.Fatalf("status %d, want 413; body %q", status, got)
			}
			if errs := decodeErrors(t, got); len(errs) != 1 || errs[0] != "error parsing JSON" {
				t.Errorf("errors %q, want [\"error parsing JSON\"]", errs)
			}
		})
	}
}

func TestServe_BodyAtMaxRequestSize_IsParsed(t *testing.T) {
	server, token := newTestServer(t)

	// Exactly 32 MiB is allowed: parsing succeeds and the request reaches routing (no mount here: 404).
	status, got := send(t, http.MethodPost, server.URL+"/v1/gpg/sign/k", token, bytes.NewReader(jsonBodyOfSize(maxRequestSize)))

	if status != http.StatusNotFound {
		t.Fatalf("status %d, want 404 from routing; body %.200q", status, got)
	}
}

func TestServe_FormBodyOverMaxRequestSize_Answers413(t *testing.T) {
	server, token := newTestServer(t)
	req, _ := http.NewRequest(http.MethodPost, server.URL+"/v1/gpg/sign/k", strings.NewReader("a="+strings.Repeat("b", maxRequestSize)))
	req.Header.Set("X-Vault-Token", token)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")

	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)

	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413; body %q", resp.StatusCode, got)
	}
	if errs := decodeErrors(t, got); len(errs) != 1 || errs[0] != "error parsing form data" {
		t.Errorf("errors %q", errs)
	}
}

func TestServe_PathNotUTF8_Answers400(t *testing.T) {
	server, token := newTestServer(t)
	for _, path := range []string{"/v1/gpg/keys/%FF%FE", "/v1/gpg/keys/a%C0%AF", "/v1/gpg/%ED%A0%80", "/v1/%FF"} {
		t.Run(path, func(t *testing.T) {
			for _, method := range []string{http.MethodGet, http.MethodPost, http.MethodDelete, "LIST"} {
				status, got := send(t, method, server.URL+path, token, strings.NewReader(`{}`))

				if status != http.StatusBadRequest {
					t.Fatalf("%s: status %d, want 400; body %q", method, status, got)
				}
				if errs := decodeErrors(t, got); len(errs) != 1 || !strings.Contains(errs[0], "UTF-8") {
					t.Errorf("%s: errors %q", method, errs)
				}
			}
		})
	}
}

func TestServe_PathWithEscapedUTF8_IsRouted(t *testing.T) {
	server, token := newTestServer(t)

	// Percent-escaped valid UTF-8 (and an escaped NUL, which is valid UTF-8) goes on to routing: 404 without mounts.
	for _, path := range []string{"/v1/gpg/keys/%C3%A9", "/v1/gpg/keys/a%00b", "/v1/gpg/keys/%2e%2e"} {
		status, got := send(t, http.MethodGet, server.URL+path, token, nil)

		if status != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404; body %q", path, status, got)
		}
	}
}
