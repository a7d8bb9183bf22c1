package main

// The response half of Vault's logical HTTP API, as pure functions: the plugin's response is decoded like
// Vault's ProtoResponseToLogicalResponse, and (operation, response, error) -> HTTP status and body follows
// Vault's http/logical.go, http/help.go, http/handler.go and sdk/logical/response_util.go. The request is built in
// logicalrequest.go.

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	// APIv1 like the stubs; README, "Protobuf APIv1 and ptypes", says why not timestamppb.
	"github.com/golang/protobuf/ptypes"
	pb "vaultgpg.dev/devhost/proto/pb"
)

// logicalResponse is a plugin response after Vault's ProtoResponseToLogicalResponse.
type logicalResponse struct {
	Data     map[string]interface{}
	Warnings []string
	Redirect string
	Secret   *logicalSecret
	Auth     *pb.Auth
	WrapInfo *pb.ResponseWrapInfo
	Headers  map[string][]string
}

type logicalSecret struct {
	TTL       time.Duration
	Renewable bool
}

// isError is logical.Response.IsError: data holds only "error", or "error" plus non-nil "data".
func (r *logicalResponse) isError() bool {
	return r != nil && r.Data != nil && r.Data["error"] != nil &&
		(len(r.Data) == 1 || (len(r.Data) == 2 && r.Data["data"] != nil))
}

func (r *logicalResponse) errorText() string {
	if s, ok := r.Data["error"].(string); ok {
		return s
	}
	return fmt.Sprint(r.Data["error"])
}

// fromProtoResponse decodes like Vault: every JSON text must parse (an empty string is an error), and every
// timestamp that comes with lease options or wrap info must be present.
func fromProtoResponse(r *pb.Response) (*logicalResponse, error) {
	if r == nil {
		return nil, nil
	}
	resp := &logicalResponse{Redirect: r.Redirect, Warnings: r.Warnings, Auth: r.Auth, WrapInfo: r.WrapInfo}
	if r.Secret != nil {
		var internal map[string]interface{}
		if err := json.Unmarshal([]byte(r.Secret.InternalData), &internal); err != nil {
			return nil, err
		}
		secret := &logicalSecret{}
		if lo := r.Secret.LeaseOptions; lo != nil {
			if _, err := ptypes.Timestamp(lo.IssueTime); err != nil {
				return nil, err
			}
			secret.TTL = time.Duration(lo.TTL)
			secret.Renewable = lo.Renewable
		}
		resp.Secret = secret
	}
	if r.Auth != nil {
		var internal map[string]interface{}
		if err := json.Unmarshal([]byte(r.Auth.InternalData), &internal); err != nil {
			return nil, err
		}
		if lo := r.Auth.LeaseOptions; lo != nil {
			if _, err := ptypes.Timestamp(lo.IssueTime); err != nil {
				return nil, err
			}
		}
	}
	if err := json.Unmarshal([]byte(r.Data), &resp.Data); err != nil {
		return nil, err
	}
	if r.WrapInfo != nil {
		if _, err := ptypes.Timestamp(r.WrapInfo.CreationTime); err != nil {
			return nil, err
		}
	}
	if len(r.Headers) > 0 {
		resp.Headers = make(map[string][]string, len(r.Headers))
		for k, v := range r.Headers {
			resp.Headers[k] = v.GetHeader()
		}
	}
	return resp, nil
}

// respondErrorCommon is logical.RespondErrorCommon: 0 and nil mean "not an error, answer normally".
func respondErrorCommon(op string, resp *logicalResponse, err error) (int, error) {
	if err == nil && (resp == nil || !resp.isError()) {
		switch {
		case op == opRead || op == opHeader:
			if resp == nil {
				return http.StatusNotFound, nil
			}
		case op == opList && (resp == nil || resp.WrapInfo == nil):
			return listStatus(resp), nil
		}
		return 0, nil
	}

	status := http.StatusInternalServerError
	if resp != nil {
		status = http.StatusBadRequest
	}
	if err != nil {
		switch {
		case containsKind(err, kindBadRequest):
			status = http.StatusBadRequest
		case containsMsg(err, msgPermissionDenied):
			status = http.StatusForbidden
		case containsMsg(err, "wrapping token is not valid or does not exist"):
			status = http.StatusBadRequest
		case containsMsg(err, msgUnsupportedOperation):
			status = http.StatusMethodNotAllowed
		case containsMsg(err, msgUnsupportedPath):
			status = http.StatusNotFound
		case containsMsg(err, msgInvalidRequest):
			status = http.StatusBadRequest
		case containsMsg(err, "upstream rate limited"):
			status = http.StatusBadGateway
		case containsMsg(err, "rate limit quota exceeded"), containsMsg(err, "lease count quota exceeded"):
			status = http.StatusTooManyRequests
		case containsMsg(err, "required index state not present"):
			status = http.StatusPreconditionFailed
		case containsMsg(err, "functionality on this path has been removed"):
			status = http.StatusNotFound
		case containsMsg(err, "relative paths not supported"):
			status = http.StatusBadRequest
		case containsMsg(err, "invalid credentials"):
			status = http.StatusBadRequest
		}
	}
	if resp != nil && resp.isError() {
		err = errors.New(resp.errorText())
	}
	return status, err
}

// listStatus: a list answers 404 unless it has non-empty string keys, or other data or warnings to show.
func listStatus(resp *logicalResponse) int {
	if resp == nil {
		return http.StatusNotFound
	}
	if len(resp.Data) == 0 {
		if len(resp.Warnings) > 0 {
			return 0
		}
		return http.StatusNotFound
	}
	keysRaw, ok := resp.Data["keys"]
	if !ok || keysRaw == nil {
		return 0 // other data (len > 0 here) is returned as is
	}
	list, ok := keysRaw.([]interface{})
	if !ok {
		return http.StatusInternalServerError
	}
	for _, k := range list {
		if _, ok := k.(string); !ok {
			return http.StatusInternalServerError
		}
	}
	if len(list) == 0 {
		return http.StatusNotFound
	}
	return 0
}

// adjustErrorStatus is logical.AdjustErrorStatusCode: sealed -> 503, body too large -> 413, and a coded
// error anywhere in the chain sets the status.
func adjustErrorStatus(status int, err error) int {
	walkErr(err, func(e error) {
		switch {
		case e.Error() == "Vault is sealed", e.Error() == "API access to this Vault is locked":
			status = http.StatusServiceUnavailable
		case e.Error() == msgBodyTooLarge:
			status = http.StatusRequestEntityTooLarge
		}
		if v, ok := e.(*vaultError); ok && v.kind == kindCoded {
			status = v.code
		}
	})
	return status
}

// httpReply is a finished HTTP answer.
type httpReply struct {
	status  int
	header  http.Header
	body    []byte
	noBody  bool
	rawBody bool
}

func (h *httpReply) write(w http.ResponseWriter) {
	for k, v := range h.header {
		w.Header()[k] = v
	}
	w.WriteHeader(h.status)
	if !h.noBody {
		_, _ = w.Write(h.body)
	}
}

func jsonReply(status int, v interface{}) *httpReply {
	var buf bytes.Buffer
	// json.Encoder (HTML escaping, trailing newline) is what Vault's respondOk and RespondError use.
	_ = json.NewEncoder(&buf).Encode(v)
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	return &httpReply{status: status, header: h, body: buf.Bytes()}
}

// errorReply is logical.RespondError: {"errors":[...]} with the adjusted status.
func errorReply(status int, err error) *httpReply {
	return jsonReply(adjustErrorStatus(status, err), struct {
		Errors []string `json:"errors"`
	}{errorTexts(err)})
}

// errorAndDataReply is logical.RespondErrorAndData, for error responses that carry "data".
func errorAndDataReply(status int, data interface{}, err error) *httpReply {
	return jsonReply(adjustErrorStatus(status, err), struct {
		Errors []string    `json:"errors"`
		Data   interface{} `json:"data"`
	}{errorTexts(err), data})
}

func errorTexts(err error) []string {
	errs := make([]string, 0, 1)
	if err != nil {
		errs = append(errs, err.Error())
	}
	return errs
}

// respondCommonError is the error branch of http/handler.go respondErrorCommon.
func respondCommonError(status int, resp *logicalResponse, err error) *httpReply {
	if resp != nil && resp.Data["data"] != nil {
		return errorAndDataReply(status, resp.Data["data"], err)
	}
	return errorReply(status, err)
}

// okReply is respondOk: no body means 204.
func okReply(body interface{}) *httpReply {
	if body == nil {
		h := http.Header{}
		h.Set("Content-Type", "application/json")
		return &httpReply{status: http.StatusNoContent, header: h, noBody: true}
	}
	return jsonReply(http.StatusOK, body)
}

// httpEnvelope is logical.HTTPResponse.
type httpEnvelope struct {
	RequestID     string                 `json:"request_id"`
	LeaseID       string                 `json:"lease_id"`
	Renewable     bool                   `json:"renewable"`
	LeaseDuration int                    `json:"lease_duration"`
	Data          map[string]interface{} `json:"data"`
	WrapInfo      *httpWrapInfo          `json:"wrap_info"`
	Warnings      []string               `json:"warnings"`
	Auth          *httpAuth              `json:"auth"`
	MountType     string                 `json:"mount_type"`
}

type httpWrapInfo struct {
	Token           string `json:"token"`
	Accessor        string `json:"accessor"`
	TTL             int    `json:"ttl"`
	CreationTime    string `json:"creation_time"`
	CreationPath    string `json:"creation_path"`
	WrappedAccessor string `json:"wrapped_accessor,omitempty"`
}

type httpAuth struct {
	ClientToken   string            `json:"client_token"`
	Accessor      string            `json:"accessor"`
	Policies      []string          `json:"policies"`
	TokenPolicies []string          `json:"token_policies,omitempty"`
	Metadata      map[string]string `json:"metadata"`
	LeaseDuration int               `json:"lease_duration"`
	Renewable     bool              `json:"renewable"`
	EntityID      string            `json:"entity_id"`
}

// requestInfo is what respondLogical needs besides the response.
type requestInfo struct {
	ID        string
	Operation string
	LeaseID   string // set when the response carries a secret
	MountType string
}

// renderLogical turns the core's result into the HTTP answer: http/handler.go request() error handling,
// then respondLogical.
func renderLogical(info requestInfo, resp *logicalResponse, err error) *httpReply {
	if status, newErr := respondErrorCommon(info.Operation, resp, err); newErr != nil || status != 0 {
		return respondCommonError(status, resp, newErr)
	}
	if resp == nil {
		return okReply(nil)
	}
	if resp.Redirect != "" {
		h := http.Header{}
		h.Set("Location", resp.Redirect)
		return &httpReply{status: http.StatusTemporaryRedirect, header: h}
	}
	if _, ok := resp.Data["http_status_code"]; ok {
		raw := rawReply(resp)
		// request() adds the response's headers before respondRaw, whose own headers then replace them.
		for k, v := range passedHeaders(resp) {
			if _, own := raw.header[k]; !own {
				raw.header[k] = v
			}
		}
		return raw
	}
	if resp.WrapInfo != nil && resp.WrapInfo.Token != "" {
		created, _ := ptypes.Timestamp(resp.WrapInfo.CreationTime)
		return okReply(&httpEnvelope{WrapInfo: &httpWrapInfo{
			Token:           resp.WrapInfo.Token,
			Accessor:        resp.WrapInfo.Accessor,
			TTL:             int(time.Duration(resp.WrapInfo.TTL).Seconds()),
			CreationTime:    created.Format(time.RFC3339Nano),
			CreationPath:    resp.WrapInfo.CreationPath,
			WrappedAccessor: resp.WrapInfo.WrappedAccessor,
		}})
	}
	env := &httpEnvelope{
		RequestID: info.ID,
		Data:      resp.Data,
		Warnings:  resp.Warnings,
		MountType: info.MountType,
	}
	if resp.Secret != nil {
		env.LeaseID = info.LeaseID
		env.Renewable = resp.Secret.Renewable
		env.LeaseDuration = int(resp.Secret.TTL.Seconds())
	}
	if a := resp.Auth; a != nil {
		env.Auth = &httpAuth{
			ClientToken: a.ClientToken, Accessor: a.Accessor, Policies: a.Policies,
			TokenPolicies: a.TokenPolicies, Metadata: a.Metadata, EntityID: a.EntityId,
		}
		if a.LeaseOptions != nil {
			env.Auth.LeaseDuration = int(time.Duration(a.LeaseOptions.TTL).Seconds())
			env.Auth.Renewable = a.LeaseOptions.Renewable
		}
	}
	reply := okReply(env)
	for k, v := range passedHeaders(resp) {
		reply.header[k] = v
	}
	return reply
}

// passedHeaders are the response headers that reach the client. Vault only passes headers listed in the mount's
// allowed_response_headers; the dev host has no such list, so only the ones Vault always allows get through.
func passedHeaders(resp *logicalResponse) http.Header {
	out := http.Header{}
	for k, v := range resp.Headers {
		if key := http.CanonicalHeaderKey(k); key == "Retry-After" || key == "Www-Authenticate" {
			out[key] = v
		}
	}
	return out
}

// rawReply is respondRaw: http_status_code, http_content_type (unless 204) and http_raw_body.
func rawReply(resp *logicalResponse) *httpReply {
	rawErr := func(msg string) *httpReply {
		h := http.Header{}
		h.Set("X-Vault-Raw-Error", msg)
		return &httpReply{status: http.StatusInternalServerError, header: h}
	}
	if resp.Secret != nil || resp.Auth != nil {
		return rawErr("raw responses cannot contain secrets or auth")
	}
	code, ok := resp.Data["http_status_code"].(float64)
	if !ok {
		return rawErr("cannot decode status code")
	}
	status := int(code)
	nonEmpty := status != http.StatusNoContent
	h := http.Header{}
	contentTypeRaw, ok := resp.Data["http_content_type"]
	if !ok && nonEmpty {
		return rawErr("no content type given")
	}
	if ok {
		ct, isString := contentTypeRaw.(string)
		if !isString {
			return rawErr("cannot decode content type")
		}
		if ct != "" {
			h.Set("Content-Type", ct)
		}
	}
	var body []byte
	if raw, ok := resp.Data["http_raw_body"]; ok && nonEmpty {
		s, isString := raw.(string)
		if !isString {
			return rawErr("cannot decode body")
		}
		if decoded, err := base64.StdEncoding.DecodeString(s); err == nil {
			body = decoded
		} else {
			body = []byte(s)
		}
	}
	for key, header := range map[string]string{
		"http_raw_cache_control": "Cache-Control",
		"http_raw_pragma":        "Pragma",
		"http_www_authenticate":  "WWW-Authenticate",
	} {
		if v, ok := resp.Data[key].(string); ok {
			h.Set(header, v)
		}
	}
	return &httpReply{status: status, header: h, body: body, rawBody: true}
}

// renderHelp is handleHelp: errors as usual, otherwise resp.Data itself (not the envelope).
func renderHelp(resp *logicalResponse, err error) *httpReply {
	if err != nil {
		status, newErr := respondErrorCommon(opHelp, resp, err)
		return respondCommonError(status, resp, newErr)
	}
	if resp == nil {
		// Vault dereferences the nil response here and the request dies; say so instead of crashing.
		return errorReply(http.StatusInternalServerError, errors.New("help returned no response (Vault would fail here)"))
	}
	// A typed nil map is a non-nil interface: Vault answers 200 "null" then, and so do we.
	return okReply(resp.Data)
}
