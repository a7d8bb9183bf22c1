package main

// The request half of Vault's logical HTTP API, as pure functions: HTTP request -> (operation, path, data), as
// Vault's http/logical.go (buildLogicalRequestNoAuth) and http/help.go do. The answer is rendered in
// logicalresponse.go.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Operation names (sdk/logical/request.go).
const (
	opCreate   = "create"
	opRead     = "read"
	opUpdate   = "update"
	opPatch    = "patch"
	opDelete   = "delete"
	opList     = "list"
	opHelp     = "help"
	opHeader   = "header"
	opRollback = "rollback"
)

const mergePatchContentType = "application/merge-patch+json"

// logicalRequest is the part of a Vault request that the HTTP layer decides.
type logicalRequest struct {
	Operation string
	Path      string // full path after /v1/, mount prefix included
	Data      map[string]interface{}
}

// requestError is an HTTP-level rejection before the request reaches the core.
type requestError struct {
	status int
	err    error
}

// bodyError is buildLogicalRequestNoAuth's rejection of a body it could not read or parse: the client sees msg,
// and the status is 400 adjusted by the cause (AdjustErrorStatusCode: a body over max_request_size is 413).
func bodyError(msg string, cause error) *requestError {
	return &requestError{status: adjustErrorStatus(http.StatusBadRequest, cause), err: errors.New(msg)}
}

// isHelpRequest is wrapHelpHandler's test: any non-empty help parameter, or the HELP method.
func isHelpRequest(r *http.Request) bool {
	return r.URL.Query().Get("help") != "" || r.Method == "HELP"
}

// buildLogicalRequest maps an HTTP request to an operation, path and data like buildLogicalRequestNoAuth
// (and handleHelp for help requests).
func buildLogicalRequest(r *http.Request) (*logicalRequest, *requestError) {
	path := strings.TrimPrefix(r.URL.Path, "/v1/")
	if isHelpRequest(r) {
		return &logicalRequest{Operation: opHelp, Path: path}, nil
	}

	req := &logicalRequest{Path: path}
	switch r.Method {
	case http.MethodDelete:
		req.Operation = opDelete
		req.Data = parseQuery(r.URL.Query())
	case http.MethodGet:
		req.Operation = opRead
		query := r.URL.Query()
		if listStr := query.Get("list"); listStr != "" {
			list, err := strconv.ParseBool(listStr)
			if err != nil {
				return nil, &requestError{status: http.StatusBadRequest}
			}
			if list {
				query.Del("list")
				req.Operation = opList
				req.Path = ensureTrailingSlash(req.Path)
			}
		}
		req.Data = parseQuery(query)
	case http.MethodPost, http.MethodPut:
		req.Operation = opUpdate
		data, err := parseBody(r)
		if err != nil {
			return nil, err
		}
		req.Data = data
	case http.MethodPatch:
		req.Operation = opPatch
		contentType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil {
			return nil, &requestError{status: http.StatusBadRequest, err: err}
		}
		if contentType != mergePatchContentType {
			return nil, &requestError{
				status: http.StatusUnsupportedMediaType,
				err:    fmt.Errorf("PATCH requires Content-Type of %s, provided %s", mergePatchContentType, contentType),
			}
		}
		data, jsonErr := parseJSONBody(r.Body)
		if jsonErr != nil {
			return nil, bodyError("error parsing JSON", jsonErr)
		}
		req.Data = data
	case "LIST":
		req.Operation = opList
		req.Path = ensureTrailingSlash(req.Path)
		req.Data = parseQuery(r.URL.Query())
	case http.MethodHead:
		req.Operation = opHeader
		req.Data = parseQuery(r.URL.Query())
	default:
		return nil, &requestError{status: http.StatusMethodNotAllowed}
	}
	return req, nil
}

func ensureTrailingSlash(p string) string {
	if strings.HasSuffix(p, "/") {
		return p
	}
	return p + "/"
}

// parseQuery turns query parameters into request data: one value is a string, several are a list; the reserved
// help key is skipped; no parameters at all is nil (JSON null).
func parseQuery(values url.Values) map[string]interface{} {
	data := map[string]interface{}{}
	for k, v := range values {
		if k == "help" {
			continue
		}
		switch len(v) {
		case 0:
		case 1:
			data[k] = v[0]
		default:
			data[k] = v
		}
	}
	if len(data) == 0 {
		return nil
	}
	return data
}

// parseBody reads a POST/PUT body as a form (form content type and a body that does not look like JSON) or as
// JSON; an empty body is nil data.
func parseBody(r *http.Request) (map[string]interface{}, *requestError) {
	buffered := bufio.NewReader(r.Body)
	head, err := buffered.Peek(512)
	if err != nil && err != bufio.ErrBufferFull && err != io.EOF {
		return nil, bodyError("error reading data", err)
	}
	if isForm(head, r.Header.Get("Content-Type")) {
		body, err := io.ReadAll(buffered)
		if err != nil {
			return nil, bodyError("error parsing form data", err)
		}
		values, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, bodyError("error parsing form data", err)
		}
		return formData(values), nil
	}
	data, jsonErr := parseJSONBody(buffered)
	if jsonErr != nil {
		return nil, bodyError("error parsing JSON", jsonErr)
	}
	return data, nil
}

func isForm(head []byte, contentType string) bool {
	mediaType, _, err := mime.ParseMediaType(contentType)
	if err != nil || mediaType != "application/x-www-form-urlencoded" {
		return false
	}
	trimmed := bytes.TrimSpace(head)
	return len(trimmed) == 0 || trimmed[0] != '{'
}

func formData(values url.Values) map[string]interface{} {
	data := make(map[string]interface{}, len(values))
	for k, v := range values {
		if len(v) == 1 {
			data[k] = v[0]
		} else {
			data[k] = v
		}
	}
	return data
}

// parseJSONBody decodes a JSON object keeping numbers exact (Vault uses UseNumber); an empty body is nil.
func parseJSONBody(body io.Reader) (map[string]interface{}, error) {
	dec := json.NewDecoder(body)
	dec.UseNumber()
	var data map[string]interface{}
	if err := dec.Decode(&data); err != nil {
		if err == io.EOF {
			return nil, nil
		}
		return nil, err
	}
	return data, nil
}
