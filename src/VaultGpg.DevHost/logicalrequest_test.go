package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
)

func TestBuildLogicalRequest_MapsMethodsToOperations(t *testing.T) {
	cases := []struct {
		name, method, target, contentType, body string
		wantOp, wantPath                        string
		wantData                                map[string]interface{}
	}{
		{name: "get is read", method: "GET", target: "/v1/gpg/keys/a", wantOp: opRead, wantPath: "gpg/keys/a"},
		{name: "get query becomes data", method: "GET", target: "/v1/gpg/keys/a?x=1&y=2&y=3", wantOp: opRead, wantPath: "gpg/keys/a",
			wantData: map[string]interface{}{"x": "1", "y": []string{"2", "3"}}},
		{name: "get list=true is list with slash", method: "GET", target: "/v1/gpg/keys?list=true", wantOp: opList, wantPath: "gpg/keys/"},
		{name: "get list=false stays read", method: "GET", target: "/v1/gpg/keys?list=false", wantOp: opRead, wantPath: "gpg/keys",
			wantData: map[string]interface{}{"list": "false"}},
		{name: "LIST method", method: "LIST", target: "/v1/gpg/keys", wantOp: opList, wantPath: "gpg/keys/"},
		{name: "LIST keeps trailing slash", method: "LIST", target: "/v1/gpg/keys/", wantOp: opList, wantPath: "gpg/keys/"},
		{name: "post json", method: "POST", target: "/v1/gpg/keys/a", body: `{"n":12345678901234567890,"s":"v"}`, wantOp: opUpdate, wantPath: "gpg/keys/a",
			wantData: map[string]interface{}{"n": json.Number("12345678901234567890"), "s": "v"}},
		{name: "put empty body is nil data", method: "PUT", target: "/v1/gpg/keys/a", wantOp: opUpdate, wantPath: "gpg/keys/a"},
		{name: "post form", method: "POST", target: "/v1/gpg/keys/a", contentType: "application/x-www-form-urlencoded", body: "a=1&b=x",
			wantOp: opUpdate, wantPath: "gpg/keys/a", wantData: map[string]interface{}{"a": "1", "b": "x"}},
		{name: "form content type with json body is json", method: "POST", target: "/v1/gpg/k", contentType: "application/x-www-form-urlencoded", body: ` {"a":"b"}`,
			wantOp: opUpdate, wantPath: "gpg/k", wantData: map[string]interface{}{"a": "b"}},
		{name: "patch merge-patch", method: "PATCH", target: "/v1/gpg/k", contentType: "application/merge-patch+json; charset=utf-8", body: `{"a":"b"}`,
			wantOp: opPatch, wantPath: "gpg/k", wantData: map[string]interface{}{"a": "b"}},
		{name: "delete with query", method: "DELETE", target: "/v1/gpg/k?force=true", wantOp: opDelete, wantPath: "gpg/k",
			wantData: map[string]interface{}{"force": "true"}},
		{name: "head is header", method: "HEAD", target: "/v1/gpg/k", wantOp: opHeader, wantPath: "gpg/k"},
		{name: "help parameter", method: "GET", target: "/v1/gpg/?help=1", wantOp: opHelp, wantPath: "gpg/"},
		{name: "help parameter on post", method: "POST", target: "/v1/gpg/k?help=yes", body: `{"a":1}`, wantOp: opHelp, wantPath: "gpg/k"},
		{name: "HELP method", method: "HELP", target: "/v1/gpg/k", wantOp: opHelp, wantPath: "gpg/k"},
		{name: "help key is never data", method: "GET", target: "/v1/gpg/k?help=", wantOp: opRead, wantPath: "gpg/k"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, rerr := buildLogicalRequest(newRequest(c.method, c.target, c.contentType, c.body))
			if rerr != nil {
				t.Fatalf("unexpected rejection %d: %v", rerr.status, rerr.err)
			}
			if got.Operation != c.wantOp || got.Path != c.wantPath {
				t.Errorf("got %s %q, want %s %q", got.Operation, got.Path, c.wantOp, c.wantPath)
			}
			if !reflect.DeepEqual(got.Data, c.wantData) {
				t.Errorf("data %#v, want %#v", got.Data, c.wantData)
			}
		})
	}
}

func TestBuildLogicalRequest_RejectsLikeVault(t *testing.T) {
	cases := []struct {
		name, method, target, contentType, body string
		wantStatus                              int
		wantErr                                 string
	}{
		{name: "bad list value", method: "GET", target: "/v1/gpg/k?list=maybe", wantStatus: 400},
		{name: "invalid json", method: "POST", target: "/v1/gpg/k", body: `{"a":`, wantStatus: 400, wantErr: "error parsing JSON"},
		{name: "json array body", method: "PUT", target: "/v1/gpg/k", body: `[1,2]`, wantStatus: 400, wantErr: "error parsing JSON"},
		{name: "patch without merge-patch", method: "PATCH", target: "/v1/gpg/k", contentType: "application/json", body: `{}`,
			wantStatus: 415, wantErr: "PATCH requires Content-Type of application/merge-patch+json, provided application/json"},
		{name: "patch without content type", method: "PATCH", target: "/v1/gpg/k", body: `{}`, wantStatus: 400},
		{name: "unknown method", method: "TRACE", target: "/v1/gpg/k", wantStatus: 405},
		{name: "options", method: "OPTIONS", target: "/v1/gpg/k", wantStatus: 405},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, rerr := buildLogicalRequest(newRequest(c.method, c.target, c.contentType, c.body))
			if rerr == nil {
				t.Fatal("request was accepted")
			}
			if rerr.status != c.wantStatus {
				t.Errorf("status %d, want %d", rerr.status, c.wantStatus)
			}
			if c.wantErr != "" && (rerr.err == nil || rerr.err.Error() != c.wantErr) {
				t.Errorf("error %v, want %q", rerr.err, c.wantErr)
			}
		})
	}
}

// newRequest is an incoming request with the given body and, unless empty, Content-Type.
func newRequest(method, target, contentType, body string) *http.Request {
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	return r
}
