package main

import (
	"encoding/json"
	"net/http"
	"reflect"
	"testing"

	"github.com/golang/protobuf/ptypes/timestamp"
	pb "vaultgpg.dev/devhost/proto/pb"
)

func decodeErrors(t *testing.T, body []byte) []string {
	t.Helper()
	var v struct {
		Errors []string `json:"errors"`
	}
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("body %q is not an error body: %v", body, err)
	}
	return v.Errors
}

func data(kv ...interface{}) map[string]interface{} {
	m := map[string]interface{}{}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return m
}

func TestRenderLogical_MapsResultsToStatus(t *testing.T) {
	protoErr := func(typ uint32, msg string, code int64) error {
		return appendErr(nil, protoErrToErr(&pb.ProtoError{ErrType: typ, ErrMsg: msg, ErrCode: code}))
	}
	cases := []struct {
		name       string
		op         string
		resp       *logicalResponse
		err        error
		wantStatus int
		wantErrors []string // nil: not checked
	}{
		{name: "read nil is 404 with empty errors", op: opRead, wantStatus: 404, wantErrors: []string{}},
		{name: "header nil is 404", op: opHeader, wantStatus: 404},
		{name: "update nil is 204", op: opUpdate, wantStatus: 204},
		{name: "delete nil is 204", op: opDelete, wantStatus: 204},
		{name: "read data is 200", op: opRead, resp: &logicalResponse{Data: data("a", "b")}, wantStatus: 200},
		{name: "list nil is 404", op: opList, wantStatus: 404},
		{name: "list empty data is 404", op: opList, resp: &logicalResponse{}, wantStatus: 404},
		{name: "list empty data with warnings is 200", op: opList, resp: &logicalResponse{Warnings: []string{"w"}}, wantStatus: 200},
		{name: "list empty keys is 404", op: opList, resp: &logicalResponse{Data: data("keys", []interface{}{})}, wantStatus: 404},
		// Vault counts the null "keys" entry itself as data, so this is returned as is.
		{name: "list null keys is returned as is", op: opList, resp: &logicalResponse{Data: data("keys", nil)}, wantStatus: 200},
		{name: "list keys", op: opList, resp: &logicalResponse{Data: data("keys", []interface{}{"a", "b/"})}, wantStatus: 200},
		{name: "list non-string keys is 500", op: opList, resp: &logicalResponse{Data: data("keys", []interface{}{1.0})}, wantStatus: 500},
		{name: "list keys not a list is 500", op: opList, resp: &logicalResponse{Data: data("keys", "a")}, wantStatus: 500},
		{name: "list other data is 200", op: opList, resp: &logicalResponse{Data: data("key_info", data())}, wantStatus: 200},
		{name: "error response is 400", op: opUpdate, resp: &logicalResponse{Data: data("error", "bad x")}, wantStatus: 400, wantErrors: []string{"bad x"}},
		{name: "error response with invalid request", op: opUpdate, resp: &logicalResponse{Data: data("error", "bad x")}, err: protoErr(errTypeInvalidRequest, "", 0),
			wantStatus: 400, wantErrors: []string{"bad x"}},
		{name: "error response with extra data is not an error", op: opRead, resp: &logicalResponse{Data: data("error", "x", "other", 1.0)}, wantStatus: 200},
		{name: "unknown error is 500 with multierror text", op: opUpdate, err: protoErr(errTypeUnknown, "boom", 0),
			wantStatus: 500, wantErrors: []string{"1 error occurred:\n\t* boom\n\n"}},
		{name: "unknown error with response is 400", op: opUpdate, resp: &logicalResponse{Data: data("a", 1.0)}, err: protoErr(errTypeUnknown, "boom", 0), wantStatus: 400},
		{name: "user error is 500", op: opRead, err: protoErr(errTypeUserError, "u", 0), wantStatus: 500},
		{name: "internal error is 500", op: opRead, err: protoErr(errTypeInternalError, "i", 0), wantStatus: 500},
		{name: "coded error passes its code", op: opRead, err: protoErr(errTypeCodedError, "teapot", 418), wantStatus: 418,
			wantErrors: []string{"1 error occurred:\n\t* teapot\n\n"}},
		{name: "status bad request", op: opRead, err: protoErr(errTypeStatusBadRequest, "sbr", 0), wantStatus: 400},
		{name: "unsupported operation is 405 and ignores the message", op: opDelete, err: protoErr(errTypeUnsupportedOperation, "ignored", 0),
			wantStatus: 405, wantErrors: []string{"1 error occurred:\n\t* unsupported operation\n\n"}},
		{name: "unsupported path is 404", op: opRead, err: protoErr(errTypeUnsupportedPath, "", 0), wantStatus: 404,
			wantErrors: []string{"1 error occurred:\n\t* unsupported path\n\n"}},
		{name: "invalid request is 400", op: opUpdate, err: protoErr(errTypeInvalidRequest, "", 0), wantStatus: 400},
		{name: "permission denied is 403", op: opRead, err: protoErr(errTypePermissionDenied, "", 0), wantStatus: 403},
		{name: "multi authz pending is 500", op: opRead, err: protoErr(errTypeMultiAuthzPending, "", 0), wantStatus: 500},
		{name: "unrecoverable is 500", op: opRead, err: protoErr(errTypeUnrecoverable, "", 0), wantStatus: 500},
		{name: "exact sentinel text in an unknown error counts", op: opRead, err: protoErr(errTypeUnknown, "permission denied", 0), wantStatus: 403},
		{name: "sentinel text inside a longer message does not count", op: opRead, err: protoErr(errTypeUnknown, "no: permission denied", 0), wantStatus: 500},
		{name: "read-only storage text is 500", op: opUpdate, err: protoErr(errTypeUnknown, msgReadOnly, 0), wantStatus: 500,
			wantErrors: []string{"1 error occurred:\n\t* cannot write to readonly storage\n\n"}},
		{name: "rate limit is 429", op: opRead, err: protoErr(errTypeUnknown, "rate limit quota exceeded", 0), wantStatus: 429},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			reply := renderLogical(requestInfo{ID: "id", Operation: c.op, MountType: "p"}, c.resp, c.err)
			if reply.status != c.wantStatus {
				t.Fatalf("status %d, want %d (body %s)", reply.status, c.wantStatus, reply.body)
			}
			if c.wantErrors != nil {
				if got := decodeErrors(t, reply.body); !reflect.DeepEqual(got, c.wantErrors) {
					t.Errorf("errors %q, want %q", got, c.wantErrors)
				}
			}
		})
	}
}

func TestRenderLogical_ErrorResponseWithData_KeepsData(t *testing.T) {
	resp := &logicalResponse{Data: data("error", "bad", "data", data("field", "x"))}
	reply := renderLogical(requestInfo{Operation: opUpdate}, resp, nil)
	var body struct {
		Errors []string               `json:"errors"`
		Data   map[string]interface{} `json:"data"`
	}
	if err := json.Unmarshal(reply.body, &body); err != nil {
		t.Fatal(err)
	}
	if reply.status != 400 || len(body.Errors) != 1 || body.Errors[0] != "bad" || body.Data["field"] != "x" {
		t.Fatalf("got %d %s", reply.status, reply.body)
	}
}

func TestRenderLogical_Envelope(t *testing.T) {
	resp := &logicalResponse{Data: data("k", "<v>"), Warnings: []string{"w"}, Secret: &logicalSecret{TTL: 90e9, Renewable: true}}
	reply := renderLogical(requestInfo{ID: "rid", Operation: opRead, LeaseID: "gpg/x/abc", MountType: "plug"}, resp, nil)
	if reply.status != 200 || reply.header.Get("Content-Type") != "application/json" {
		t.Fatalf("got %d %v", reply.status, reply.header)
	}
	want := `{"request_id":"rid","lease_id":"gpg/x/abc","renewable":true,"lease_duration":90,"data":{"k":"\u003cv\u003e"},` +
		`"wrap_info":null,"warnings":["w"],"auth":null,"mount_type":"plug"}` + "\n"
	if string(reply.body) != want {
		t.Errorf("body\n%s\nwant\n%s", reply.body, want)
	}
}

func TestRenderLogical_RedirectAndRaw(t *testing.T) {
	redirect := renderLogical(requestInfo{Operation: opRead}, &logicalResponse{Redirect: "https://example.test/x"}, nil)
	if redirect.status != http.StatusTemporaryRedirect || redirect.header.Get("Location") != "https://example.test/x" {
		t.Errorf("redirect: %d %v", redirect.status, redirect.header)
	}
	raw := renderLogical(requestInfo{Operation: opRead}, &logicalResponse{Data: data(
		"http_status_code", 201.0, "http_content_type", "text/plain", "http_raw_body", "aGVsbG8=")}, nil)
	if raw.status != 201 || string(raw.body) != "hello" || raw.header.Get("Content-Type") != "text/plain" {
		t.Errorf("raw: %d %q %v", raw.status, raw.body, raw.header)
	}
	noType := renderLogical(requestInfo{Operation: opRead}, &logicalResponse{Data: data("http_status_code", 200.0)}, nil)
	if noType.status != 500 || noType.header.Get("X-Vault-Raw-Error") != "no content type given" {
		t.Errorf("raw without content type: %d %v", noType.status, noType.header)
	}
}

func TestRenderHelp_ReturnsDataItself(t *testing.T) {
	reply := renderHelp(&logicalResponse{Data: data("help", "text", "openapi", data("openapi", "3.0.2"))}, nil)
	if reply.status != 200 {
		t.Fatalf("status %d", reply.status)
	}
	var body map[string]interface{}
	if err := json.Unmarshal(reply.body, &body); err != nil {
		t.Fatal(err)
	}
	if body["help"] != "text" || body["openapi"].(map[string]interface{})["openapi"] != "3.0.2" {
		t.Errorf("body %s", reply.body)
	}
	if failed := renderHelp(nil, appendErr(nil, errUnsupportedPath)); failed.status != 404 {
		t.Errorf("help error status %d", failed.status)
	}
}

func TestFromProtoResponse_DecodesLikeVault(t *testing.T) {
	if _, err := fromProtoResponse(&pb.Response{Data: ""}); err == nil {
		t.Error("empty data string must fail like json.Unmarshal in Vault")
	}
	resp, err := fromProtoResponse(&pb.Response{Data: "null"})
	if err != nil || resp == nil || resp.Data != nil {
		t.Errorf("null data: %v %#v", err, resp)
	}
	if resp, err := fromProtoResponse(nil); resp != nil || err != nil {
		t.Error("nil response must stay nil")
	}
	noTime := &pb.Response{Data: "{}", Secret: &pb.Secret{InternalData: "{}", LeaseOptions: &pb.LeaseOptions{TTL: 1}}}
	if _, err := fromProtoResponse(noTime); err == nil {
		t.Error("lease options without issue_time must fail")
	}
	withTime := &pb.Response{Data: `{"n":1}`, Secret: &pb.Secret{InternalData: "{}", LeaseOptions: &pb.LeaseOptions{TTL: 5e9, Renewable: true, IssueTime: &timestamp.Timestamp{Seconds: 1}}}}
	resp, err = fromProtoResponse(withTime)
	if err != nil || resp.Secret.TTL.Seconds() != 5 || !resp.Secret.Renewable || resp.Data["n"] != 1.0 {
		t.Errorf("secret: %v %#v", err, resp)
	}
	if _, err := fromProtoResponse(&pb.Response{Data: "{}", Secret: &pb.Secret{}}); err == nil {
		t.Error("secret with empty internal_data must fail")
	}
	if _, err := fromProtoResponse(&pb.Response{Data: "{}", WrapInfo: &pb.ResponseWrapInfo{Token: "t"}}); err == nil {
		t.Error("wrap info without creation_time must fail")
	}
}
