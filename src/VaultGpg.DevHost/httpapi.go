package main

// The HTTP server: Vault's logical API for the mounts, /v1/sys/health, and the dev-host-only endpoints under
// /v1/sys/dev/ (never part of Vault; they exist so tests can reach behind the API).

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hashicorp/go-hclog"
)

// maxRequestSize is Vault's default max_request_size (32 MiB, DefaultMaxRequestSize in http/handler.go).
const maxRequestSize = 32 << 20

// maxDrainSize bounds how much of a body over maxRequestSize is read and discarded so that the client, still
// sending, gets to read the 413 instead of a connection reset. Beyond it the connection is closed (as Vault does
// at once).
const maxDrainSize = 1 << 30

type api struct {
	h   *host
	log hclog.Logger
}

func (a *api) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	// wrapGenericHandler: every answer Vault gives says Cache-Control: no-store, unless a raw response sets its own.
	w.Header().Set("Cache-Control", "no-store")
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	a.serve(rec, r)
	a.log.Debug("request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "duration", time.Since(start).String())
}

func (a *api) serve(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.URL.Path, "/v1/") {
		errorReply(http.StatusNotFound, nil).write(w)
		return
	}
	limited := http.MaxBytesReader(w, r.Body, maxRequestSize)
	body := &limitedBody{ReadCloser: limited, original: r.Body}
	if a.h.opts.activeAddr != "" {
		// A standby keeps what it reads of the body: the request may have to go to the active node as it came.
		body.copy = &bodyCopy{Closer: limited, seen: &bytes.Buffer{}}
		body.copy.Reader = io.TeeReader(limited, body.copy.seen)
		body.ReadCloser = body.copy
	}
	r.Body = body
	path := strings.TrimPrefix(r.URL.Path, "/v1/")
	if !utf8.ValidString(path) {
		// Percent-escapes that decode to bytes that are not UTF-8 (keys/%FF%FE): no Vault path is such a
		// string, and the plugin protocol's string fields cannot carry it. Refused before routing, as a bad
		// request. (Malformed escapes such as %ZZ never get here: net/http answers 400 itself.)
		errorReply(http.StatusBadRequest, errInvalidPathEncoding).write(w)
		return
	}
	if path == "sys/health" {
		a.health(w, r)
		return
	}
	if path != "sys" && !strings.HasPrefix(path, "sys/") {
		// The token check of a logical request comes after the request is built, as in Vault's core: a mount's
		// unauthenticated paths need none.
		a.logical(w, r)
		return
	}
	if !a.authorized(r) {
		errorReply(http.StatusForbidden, errors.New(msgPermissionDenied)).write(w)
		return
	}
	switch {
	case strings.HasPrefix(path, "sys/dev/"):
		a.dev(w, r, strings.TrimPrefix(path, "sys/dev/"))
	case path == "sys/mounts" && (r.Method == http.MethodGet || r.Method == http.MethodHead):
		a.listMounts(w)
	default:
		// The dev host implements no other system backend path.
		errorReply(http.StatusNotFound, appendErr(nil, errUnsupportedPath)).write(w)
	}
}

// requestToken is the token of a request, from X-Vault-Token or else an Authorization bearer header, like Vault's
// getTokenFromReq.
func requestToken(r *http.Request) string {
	if token := r.Header.Get("X-Vault-Token"); token != "" {
		return token
	}
	for _, v := range r.Header.Values("Authorization") {
		if strings.HasPrefix(v, "Bearer ") {
			return strings.TrimSpace(v[len("Bearer "):])
		}
	}
	return ""
}

// authorized accepts the root token, the only token the dev host knows.
func (a *api) authorized(r *http.Request) bool {
	token := requestToken(r)
	return token != "" && token == a.h.opts.rootToken
}

func (a *api) logical(w http.ResponseWriter, r *http.Request) {
	lr, rerr := buildLogicalRequest(r)
	if rerr != nil {
		if rerr.status == http.StatusRequestEntityTooLarge {
			drainOversizedBody(r.Body)
		}
		errorReply(rerr.status, rerr.err).write(w)
		return
	}
	m, routed := a.h.matchMount(lr.Path)
	// Vault checks the token before it routes: without one, even an unknown mount is "permission denied".
	unauth := m != nil && m.unauthenticated(lr.Path)
	authorized := a.authorized(r)
	if !unauth && !authorized {
		errorReply(http.StatusForbidden, errors.New(msgPermissionDenied)).write(w)
		return
	}
	if m == nil {
		// router.go: an error response plus ErrUnsupportedPath, so 404 with the response's text.
		notFound := &logicalResponse{Data: map[string]interface{}{
			"error": fmt.Sprintf("no handler for route %q. route entry not found.", lr.Path),
		}}
		renderLogical(requestInfo{Operation: lr.Operation}, notFound, appendErr(nil, errUnsupportedPath)).write(w)
		return
	}

	data, err := json.Marshal(lr.Data)
	if err != nil {
		errorReply(http.StatusBadRequest, err).write(w)
		return
	}
	id := newUUID()
	remoteAddr, remotePort := splitRemote(r.RemoteAddr)
	req := a.h.toProtoRequest(m, id, lr.Operation, routed, data, remoteAddr, remotePort)
	if unauth {
		markUnauthenticated(req, m, authorized, requestToken(r))
	}

	if lr.Operation == opHelp {
		resp, err := m.handleRequest(r.Context(), req)
		if err != nil {
			renderHelp(resp, appendErr(nil, err)).write(w)
			return
		}
		renderHelp(resp, nil).write(w)
		return
	}

	final, resp, err := m.route(r.Context(), req)
	info := requestInfo{ID: id, Operation: final.Operation, MountType: m.spec.name}
	if resp != nil && resp.Secret != nil {
		info.LeaseID = routed + "/" + randomBase62(24)
	}
	if err != nil && strings.Contains(err.Error(), msgReadOnly) {
		if body, ok := r.Body.(*limitedBody); ok && body.copy != nil {
			if whole, readErr := body.copy.wholeBody(); readErr == nil {
				a.forwardToActive(w, r, whole)
				return
			}
		}
		m.log.Warn("read-only storage: a performance standby would forward this request to the active node", "request_path", routed)
	}
	renderLogical(info, resp, err).write(w)
}

func splitRemote(addr string) (string, int) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", 0
	}
	p, _ := strconv.Atoi(port)
	return host, p
}

// health is a subset of Vault's /v1/sys/health: unauthenticated, 473 on a performance standby unless
// perfstandbyok=true.
func (a *api) health(w http.ResponseWriter, r *http.Request) {
	state := a.h.settings.replication.Load()
	perfStandby := state&replPerformanceStandby != 0
	body := map[string]interface{}{
		"initialized":                  true,
		"sealed":                       false,
		"standby":                      perfStandby,
		"performance_standby":          perfStandby,
		"replication_performance_mode": replicationMode(state, replPerformancePrimary, replPerformanceSecondary),
		"replication_dr_mode":          replicationMode(state, replDRPrimary, replDRSecondary),
		"server_time_utc":              time.Now().Unix(),
		"version":                      a.h.settings.vaultVersion,
		"enterprise":                   false,
		"cluster_name":                 a.h.settings.clusterName,
		"cluster_id":                   a.h.settings.clusterID,
		"echo_duration_ms":             0,
		"clock_skew_ms":                0,
	}
	status := http.StatusOK
	if perfStandby {
		if ok, _ := strconv.ParseBool(r.URL.Query().Get("perfstandbyok")); !ok {
			status = 473
		}
	}
	reply := jsonReply(status, body)
	reply.noBody = r.Method == http.MethodHead
	reply.write(w)
}

func replicationMode(state, primary, secondary int32) string {
	switch {
	case state&primary != 0:
		return "primary"
	case state&secondary != 0:
		return "secondary"
	default:
		return "disabled"
	}
}

func (a *api) listMounts(w http.ResponseWriter) {
	data := map[string]interface{}{}
	for _, m := range a.h.mounts {
		data[m.path] = map[string]interface{}{
			"type": m.spec.name, "accessor": m.accessor, "uuid": m.uuid,
			"running_plugin_version": m.spec.version, "running_sha256": m.spec.sha256Hex(),
		}
	}
	okReply(&httpEnvelope{RequestID: newUUID(), Data: data}).write(w)
}

// dev serves the dev-host-only endpoints.
func (a *api) dev(w http.ResponseWriter, r *http.Request, path string) {
	switch {
	case strings.HasPrefix(path, "plugin-pid/"):
		a.devPluginPID(w, r, strings.TrimPrefix(path, "plugin-pid/"))
	case strings.HasPrefix(path, "storage/"):
		a.devStorage(w, r, strings.TrimPrefix(path, "storage/"))
	case path == "replication-state":
		a.devReplicationState(w, r)
	default:
		errorReply(http.StatusNotFound, appendErr(nil, errUnsupportedPath)).write(w)
	}
}

// devPluginPID: GET /v1/sys/dev/plugin-pid/<mount> -> the pid of the plugin process serving the mount.
func (a *api) devPluginPID(w http.ResponseWriter, r *http.Request, name string) {
	if r.Method != http.MethodGet {
		errorReply(http.StatusMethodNotAllowed, nil).write(w)
		return
	}
	m := a.h.mountByName(strings.TrimSuffix(name, "/"))
	if m == nil {
		errorReply(http.StatusNotFound, fmt.Errorf("no mount %q", name)).write(w)
		return
	}
	b := m.binding()
	okReply(map[string]interface{}{"data": map[string]interface{}{
		"pid": b.proc.pid(), "multiplexed": b.proc.multiplexed, "plugin": m.spec.name, "plugin_version": m.spec.version,
	}}).write(w)
}

// devStorage: /v1/sys/dev/storage/<mount>/<key> writes, reads, deletes or lists a mount's storage directly, as
// another cluster node would, and tells the plugin through InvalidateKey.
func (a *api) devStorage(w http.ResponseWriter, r *http.Request, rest string) {
	var m *mount
	for _, candidate := range a.h.mounts { // longest name first
		if rest == candidate.name || strings.HasPrefix(rest, candidate.path) {
			m = candidate
			break
		}
	}
	if m == nil {
		errorReply(http.StatusNotFound, fmt.Errorf("no mount for %q", rest)).write(w)
		return
	}
	key := strings.TrimPrefix(strings.TrimPrefix(rest, m.name), "/")
	list := r.Method == "LIST"
	if r.Method == http.MethodGet {
		list, _ = strconv.ParseBool(r.URL.Query().Get("list"))
	}
	switch {
	case list:
		keys, err := a.h.store.list(m.name, key)
		if err != nil {
			errorReply(http.StatusBadRequest, err).write(w)
			return
		}
		if len(keys) == 0 {
			errorReply(http.StatusNotFound, nil).write(w)
			return
		}
		okReply(map[string]interface{}{"data": map[string]interface{}{"keys": keys}}).write(w)
	case r.Method == http.MethodGet:
		e, ok, err := a.h.store.get(m.name, key)
		switch {
		case err != nil:
			errorReply(http.StatusBadRequest, err).write(w)
		case !ok:
			errorReply(http.StatusNotFound, nil).write(w)
		default:
			h := http.Header{}
			h.Set("Content-Type", "application/octet-stream")
			(&httpReply{status: http.StatusOK, header: h, body: e.Value}).write(w)
		}
	case r.Method == http.MethodPut || r.Method == http.MethodPost:
		value, err := io.ReadAll(r.Body)
		if err != nil {
			errorReply(http.StatusBadRequest, err).write(w)
			return
		}
		a.devStorageChange(w, r.Context(), m, key, a.h.store.put(m.name, key, storageEntry{Value: value}))
	case r.Method == http.MethodDelete:
		a.devStorageChange(w, r.Context(), m, key, a.h.store.delete(m.name, key))
	default:
		errorReply(http.StatusMethodNotAllowed, nil).write(w)
	}
}

func (a *api) devStorageChange(w http.ResponseWriter, ctx context.Context, m *mount, key string, err error) {
	if err != nil {
		errorReply(http.StatusBadRequest, err).write(w)
		return
	}
	if key == "" {
		errorReply(http.StatusBadRequest, errors.New("missing storage key")).write(w)
		return
	}
	if err := m.invalidateKey(ctx, key); err != nil {
		m.log.Warn("InvalidateKey failed (Vault ignores this)", "key", key, "error", err)
	}
	okReply(nil).write(w)
}

// devReplicationState: GET shows, PUT {"state":"perf-standby"} sets the replication state the SystemView
// reports (and whether storage is read-only).
func (a *api) devReplicationState(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
	case http.MethodPut, http.MethodPost:
		var body struct {
			State string `json:"state"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			errorReply(http.StatusBadRequest, errors.New("error parsing JSON")).write(w)
			return
		}
		state, err := parseReplicationState(body.State)
		if err != nil {
			errorReply(http.StatusBadRequest, err).write(w)
			return
		}
		a.h.settings.replication.Store(state)
		a.log.Info("replication state changed", "state", state)
	default:
		errorReply(http.StatusMethodNotAllowed, nil).write(w)
		return
	}
	okReply(map[string]interface{}{"data": map[string]interface{}{"state": a.h.settings.replication.Load()}}).write(w)
}

// replicationStateNames are the names -replication-state and the dev endpoint accept, comma-separated.
var replicationStateNames = map[string]int32{
	"none":           0,
	"perf-primary":   replPerformancePrimary,
	"perf-secondary": replPerformanceSecondary,
	"perf-standby":   replPerformanceStandby,
	"dr-primary":     replDRPrimary,
	"dr-secondary":   replDRSecondary,
}

func parseReplicationState(s string) (int32, error) {
	var state int32
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if v, ok := replicationStateNames[part]; ok {
			state |= v
			continue
		}
		n, err := strconv.ParseInt(part, 10, 32)
		if err != nil {
			return 0, fmt.Errorf("unknown replication state %q (use none, perf-primary, perf-secondary, perf-standby, dr-primary, dr-secondary or a number)", part)
		}
		state |= int32(n)
	}
	return state, nil
}

// limitedBody is the request body behind Vault's max_request_size limit, keeping the unlimited body for
// drainOversizedBody.
type limitedBody struct {
	io.ReadCloser
	original io.Reader
	copy     *bodyCopy // on a standby: what was read, for forwarding
}

// drainOversizedBody reads and discards the rest of a body that went over maxRequestSize (up to maxDrainSize),
// so that a client which writes its whole body before it reads the answer sees the 413.
func drainOversizedBody(body io.Reader) {
	if lb, ok := body.(*limitedBody); ok {
		_, _ = io.Copy(io.Discard, io.LimitReader(lb.original, maxDrainSize))
	}
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}
