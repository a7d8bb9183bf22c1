package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	pb "vaultgpg.dev/devhost/proto/pb"
)

// rawOverTheWire sends data the way a plugin does (JSON in pb.Response.data), decodes it like Vault, renders it
// and writes it through net/http with the Cache-Control every Vault answer starts with.
func rawOverTheWire(t *testing.T, data map[string]interface{}) *http.Response {
	t.Helper()
	text, err := json.Marshal(data)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := fromProtoResponse(&pb.Response{Data: string(text)})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	rec.Header().Set("Cache-Control", "no-store")
	renderLogical(requestInfo{Operation: opRead}, resp, nil).write(rec)
	return rec.Result()
}

func readAll(t *testing.T, r *http.Response) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(r.Body); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRawReply_BinaryBodies_AreByteExact(t *testing.T) {
	every := make([]byte, 256*3) // every byte value, NUL and invalid UTF-8 included
	for i := range every {
		every[i] = byte(i)
	}
	large := bytes.Repeat([]byte{0x00, 0xff, 0x80, 0x0a, 0x0d}, 5<<20/5) // 5 MiB: many tiles' worth
	for name, body := range map[string][]byte{"every byte value": every, "5 MiB": large, "one zero byte": {0}} {
		t.Run(name, func(t *testing.T) {
			resp := rawOverTheWire(t, map[string]interface{}{
				"http_status_code": 200, "http_content_type": "application/octet-stream",
				"http_raw_body": base64.StdEncoding.EncodeToString(body),
			})

			got := readAll(t, resp)
			if resp.StatusCode != 200 || !bytes.Equal(got, body) {
				t.Fatalf("status %d, %d bytes back for %d sent (equal: %v)", resp.StatusCode, len(got), len(body), bytes.Equal(got, body))
			}
			if ct := resp.Header.Get("Content-Type"); ct != "application/octet-stream" {
				t.Errorf("Content-Type %q", ct)
			}
			if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
				t.Errorf("Cache-Control %q, want Vault's no-store when the plugin sets none", cc)
			}
		})
	}
}

func TestRawReply_FollowsRespondRaw(t *testing.T) {
	cases := []struct {
		name       string
		data       map[string]interface{}
		wantStatus int
		wantBody   string
		wantHeader map[string]string // "" means absent
	}{
		{name: "text checkpoint with its own cache control",
			data: map[string]interface{}{"http_status_code": 200, "http_content_type": "text/plain; charset=utf-8",
				"http_raw_body": base64.StdEncoding.EncodeToString([]byte("example.com/log\n1\nAAAA\n")), "http_raw_cache_control": "no-cache"},
			wantStatus: 200, wantBody: "example.com/log\n1\nAAAA\n",
			wantHeader: map[string]string{"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-cache", "Pragma": ""}},
		{name: "immutable tile",
			data: map[string]interface{}{"http_status_code": 200, "http_content_type": "application/octet-stream",
				"http_raw_body": "AAEC", "http_raw_cache_control": "public, max-age=31536000, immutable"},
			wantStatus: 200, wantBody: "\x00\x01\x02",
			wantHeader: map[string]string{"Cache-Control": "public, max-age=31536000, immutable"}},
		{name: "pragma and www-authenticate",
			data: map[string]interface{}{"http_status_code": 401, "http_content_type": "text/plain", "http_raw_body": "",
				"http_raw_pragma": "no-cache", "http_www_authenticate": `Basic realm="x"`},
			wantStatus: 401, wantBody: "",
			wantHeader: map[string]string{"Pragma": "no-cache", "Www-Authenticate": `Basic realm="x"`}},
		{name: "a body that is not base64 is used as it is",
			data:       map[string]interface{}{"http_status_code": 200, "http_content_type": "text/plain", "http_raw_body": "not base64!"},
			wantStatus: 200, wantBody: "not base64!"},
		{name: "no body key is an empty body",
			data:       map[string]interface{}{"http_status_code": 404, "http_content_type": "text/plain"},
			wantStatus: 404, wantBody: "", wantHeader: map[string]string{"Content-Type": "text/plain"}},
		{name: "204 needs no content type and drops the body",
			data:       map[string]interface{}{"http_status_code": 204, "http_raw_body": "aGVsbG8="},
			wantStatus: 204, wantBody: "", wantHeader: map[string]string{"Content-Type": "", "X-Vault-Raw-Error": ""}},
		{name: "204 ignores a body that is not a string",
			data:       map[string]interface{}{"http_status_code": 204, "http_raw_body": 5},
			wantStatus: 204, wantBody: ""},
		{name: "an empty content type sets none",
			data:       map[string]interface{}{"http_status_code": 200, "http_content_type": ""},
			wantStatus: 200, wantBody: "", wantHeader: map[string]string{"Content-Type": ""}},
		{name: "no content type", data: map[string]interface{}{"http_status_code": 200, "http_raw_body": "aGk="},
			wantStatus: 500, wantHeader: map[string]string{"X-Vault-Raw-Error": "no content type given"}},
		{name: "content type not a string", data: map[string]interface{}{"http_status_code": 200, "http_content_type": 1},
			wantStatus: 500, wantHeader: map[string]string{"X-Vault-Raw-Error": "cannot decode content type"}},
		{name: "body not a string", data: map[string]interface{}{"http_status_code": 200, "http_content_type": "a/b", "http_raw_body": []int{1}},
			wantStatus: 500, wantHeader: map[string]string{"X-Vault-Raw-Error": "cannot decode body", "Content-Type": ""}},
		{name: "status not a number", data: map[string]interface{}{"http_status_code": "200", "http_content_type": "a/b"},
			wantStatus: 500, wantHeader: map[string]string{"X-Vault-Raw-Error": "cannot decode status code"}},
		{name: "status null", data: map[string]interface{}{"http_status_code": nil, "http_content_type": "a/b"},
			wantStatus: 500, wantHeader: map[string]string{"X-Vault-Raw-Error": "cannot decode status code"}},
		{name: "a fractional status is truncated", data: map[string]interface{}{"http_status_code": 201.9, "http_content_type": "a/b"},
			wantStatus: 201},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp := rawOverTheWire(t, c.data)

			body := readAll(t, resp)
			if resp.StatusCode != c.wantStatus || (c.wantStatus != 500 && string(body) != c.wantBody) {
				t.Errorf("got %d %q, want %d %q", resp.StatusCode, body, c.wantStatus, c.wantBody)
			}
			if c.wantStatus == 500 && len(body) != 0 {
				t.Errorf("a raw error has no body, got %q", body)
			}
			for k, want := range c.wantHeader {
				if got := resp.Header.Get(k); got != want {
					t.Errorf("%s: %q, want %q", k, got, want)
				}
			}
		})
	}
}

func TestRawReply_WithSecret_IsRefused(t *testing.T) {
	reply := renderLogical(requestInfo{Operation: opRead}, &logicalResponse{
		Data:   data("http_status_code", 200.0, "http_content_type", "a/b"),
		Secret: &logicalSecret{},
	}, nil)

	if reply.status != 500 || reply.header.Get("X-Vault-Raw-Error") != "raw responses cannot contain secrets or auth" {
		t.Errorf("%d %v", reply.status, reply.header)
	}
}

func TestRawReply_ErrorResponse_IsAnErrorNotRaw(t *testing.T) {
	// respondErrorCommon runs first: {"error":..} alone is a 400, whatever raw keys a plugin meant to add later.
	reply := renderLogical(requestInfo{Operation: opRead}, &logicalResponse{Data: data("error", "no such tile")}, nil)

	if reply.status != 400 || reply.rawBody {
		t.Errorf("%d raw=%v", reply.status, reply.rawBody)
	}
}

func TestRawReply_PassedResponseHeaders_AreKeptUnlessRawSetsItsOwn(t *testing.T) {
	resp := &logicalResponse{
		Data: data("http_status_code", 429.0, "http_content_type", "text/plain", "http_www_authenticate", "Raw"),
		Headers: map[string][]string{
			"retry-after": {"30"}, "WWW-Authenticate": {"FromHeaders"}, "X-Not-Allowed": {"x"},
		},
	}

	reply := renderLogical(requestInfo{Operation: opRead}, resp, nil)

	if got := reply.header.Get("Retry-After"); got != "30" {
		t.Errorf("Retry-After %q", got)
	}
	if got := reply.header.Values("Www-Authenticate"); len(got) != 1 || got[0] != "Raw" {
		t.Errorf("WWW-Authenticate %q, want the raw response's own", got)
	}
	if reply.header.Get("X-Not-Allowed") != "" {
		t.Error("a header outside allowed_response_headers got through")
	}
}
