package main

// One mounted secrets engine: Vault's v5 backend client (sdk/plugin/grpc_backend_client.go) plus the
// builtin/plugin/v5 wrapper that reloads a dead plugin and retries once.

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/status"
	"vaultgpg.dev/devhost/proto/logical"
	pb "vaultgpg.dev/devhost/proto/pb"
)

const backendTypeLogical = 1

// binding is a mount's live connection to a plugin process: its multiplex id and its brokered server.
type binding struct {
	proc        *pluginProcess
	multiplexID string
	broker      *brokerServer
}

// brokerServer is the gRPC server Vault starts for one Setup; like Vault it is created concurrently with the
// Setup call, so Cleanup first waits for it to exist.
type brokerServer struct {
	ready chan struct{}
	srv   *grpc.Server
}

func (b *brokerServer) stop(log hclog.Logger) {
	select {
	case <-b.ready:
	case <-time.After(5 * time.Second):
		log.Warn("brokered server never started")
		return
	}
	if b.srv == nil {
		return
	}
	done := make(chan struct{})
	go func() {
		b.srv.GracefulStop()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		b.srv.Stop()
	}
}

// setupBackend is backendGRPCPluginClient.Setup: pick a broker id, accept and serve Storage/SystemView/Events
// on a new brokered listener (the ConnInfo goes down the broker stream), and call Backend.Setup.
func setupBackend(ctx context.Context, proc *pluginProcess, view *mountView, config map[string]string, uuid string, log hclog.Logger) (*binding, error) {
	tlsCfg, err := proc.tls.brokerServerConfig()
	if err != nil {
		return nil, err
	}
	b := &binding{proc: proc, multiplexID: newMultiplexID(), broker: &brokerServer{ready: make(chan struct{})}}
	brokerID := proc.broker.NextId()
	go func() {
		defer close(b.broker.ready)
		lis, err := proc.broker.Accept(brokerID)
		if err != nil {
			log.Error("brokered server: accept failed", "broker_id", brokerID, "error", err)
			return
		}
		srv := grpc.NewServer(grpc.Creds(credentials.NewTLS(tlsCfg)),
			grpc.MaxRecvMsgSize(math.MaxInt32), grpc.MaxSendMsgSize(math.MaxInt32))
		registerBrokerServices(srv, view, log)
		b.broker.srv = srv
		go func() {
			if err := srv.Serve(lis); err != nil {
				log.Debug("brokered server stopped", "broker_id", brokerID, "error", err)
			}
		}()
	}()

	reply, err := proc.backend.Setup(withMultiplexID(ctx, b.multiplexID), &pb.SetupArgs{BrokerId: brokerID, Config: config, BackendUUID: uuid})
	if err == nil && reply.Err != "" {
		err = errors.New(reply.Err)
	}
	if err != nil {
		b.broker.stop(log)
		return nil, err
	}
	return b, nil
}

// cleanup is backendGRPCPluginClient.Cleanup: Backend.Cleanup (result ignored), then stop the brokered server.
func (b *binding) cleanup(ctx context.Context, log hclog.Logger) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if _, err := b.proc.backend.Cleanup(withMultiplexID(ctx, b.multiplexID), &pb.Empty{}); err != nil && !b.proc.exited() {
		log.Warn("backend cleanup failed", "error", err)
	}
	b.broker.stop(log)
}

type mount struct {
	name     string // as given, without trailing slash; also the storage namespace
	path     string // name + "/"
	uuid     string
	accessor string
	spec     *pluginSpec
	view     *mountView
	host     *host
	log      hclog.Logger

	mu          sync.RWMutex
	bound       *binding
	special     *pb.Paths
	unauth      *unauthPaths
	initialized bool
}

func (m *mount) binding() *binding {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.bound
}

func (m *mount) specialPaths() *pb.Paths {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.special
}

// unauthenticated is the router's LoginPath for a request path (mount prefix included, before the router adds a
// trailing slash to a bare mount name).
func (m *mount) unauthenticated(path string) bool {
	if !strings.HasPrefix(path, m.path) {
		return false
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.unauth.matches(strings.TrimPrefix(path, m.path))
}

// config is what vault/mount.go passes to Setup for a plugin mount.
func (m *mount) config() map[string]string {
	return map[string]string{
		"plugin_name":    m.spec.name,
		"plugin_type":    "secret",
		"plugin_version": m.spec.version,
	}
}

// mountOn follows Vault's mount order: Setup, Type (must be logical), SpecialPaths, Initialize.
func (m *mount) mountOn(ctx context.Context, proc *pluginProcess) error {
	b, err := setupBackend(ctx, proc, m.view, m.config(), m.uuid, m.log)
	if err != nil {
		return fmt.Errorf("mount %s: setup: %w", m.path, err)
	}
	mctx := withMultiplexID(ctx, b.multiplexID)
	typeReply, err := proc.backend.Type(mctx, &pb.Empty{})
	if err != nil || typeReply.Type != backendTypeLogical {
		b.cleanup(ctx, m.log)
		if err != nil {
			return fmt.Errorf("mount %s: Type: %w", m.path, err)
		}
		return fmt.Errorf("mount %s: unknown backend type %d from plugin %q: a secrets engine must report 1 (logical)", m.path, typeReply.Type, m.spec.name)
	}
	// vault/mount.go records the running version of an external plugin when it mounts it.
	if v, err := proc.version.Version(mctx, &logical.Empty{}); err == nil && v.PluginVersion != m.spec.version {
		m.log.Warn("plugin reports another version than at registration", "registered", m.spec.version, "running", v.PluginVersion)
	}
	var special *pb.Paths
	if sp, err := proc.backend.SpecialPaths(mctx, &pb.Empty{}); err != nil {
		m.log.Warn("SpecialPaths failed; treating as none", "error", err)
	} else {
		special = sp.Paths
	}
	// vault/router.go Mount refuses a backend whose unauthenticated paths misuse wildcards.
	unauth, err := parseUnauthPaths(special.GetUnauthenticated())
	if err != nil {
		b.cleanup(ctx, m.log)
		return fmt.Errorf("mount %s: %w", m.path, err)
	}
	m.mu.Lock()
	m.bound, m.special, m.unauth = b, special, unauth
	m.mu.Unlock()
	m.initialize(ctx, b)
	m.log.Info("mounted", "plugin", m.spec.name, "pid", proc.pid(), "multiplex_id", b.multiplexID, "accessor", m.accessor)
	return nil
}

// initialize is the post-unseal Initialize; Vault only logs failures and ignores UNIMPLEMENTED.
func (m *mount) initialize(ctx context.Context, b *binding) {
	reply, err := b.proc.backend.Initialize(withMultiplexID(ctx, b.multiplexID), &pb.InitializeArgs{})
	switch {
	case status.Code(err) == codes.Unimplemented:
	case err != nil:
		m.log.Error("failed to initialize mount backend", "error", err)
	case reply.Err != nil:
		m.log.Error("failed to initialize mount backend", "error", protoErrToErr(reply.Err))
	}
	m.mu.Lock()
	m.initialized = true
	m.mu.Unlock()
}

// rebind moves the mount to a relaunched process (Vault's reloadBackend): Setup again, then Initialize if the
// mount had been initialized.
func (m *mount) rebind(ctx context.Context, proc *pluginProcess) error {
	old := m.binding()
	if old != nil {
		old.broker.stop(m.log)
	}
	b, err := setupBackend(ctx, proc, m.view, m.config(), m.uuid, m.log)
	if err != nil {
		return fmt.Errorf("mount %s: setup after relaunch: %w", m.path, err)
	}
	m.mu.Lock()
	m.bound = b
	wasInitialized := m.initialized
	m.mu.Unlock()
	if wasInitialized {
		m.initialize(ctx, b)
	}
	m.log.Info("mount set up again on the relaunched plugin", "pid", proc.pid(), "multiplex_id", b.multiplexID)
	return nil
}

// call runs one backend RPC; when it failed because the plugin died, the plugin is relaunched (every mount on
// it set up again) and the call is retried once.
func (m *mount) call(ctx context.Context, rpc func(ctx context.Context, b *binding) error) error {
	b := m.binding()
	err := rpc(withMultiplexID(ctx, b.multiplexID), b)
	if err == nil || !b.proc.died(err) {
		return err
	}
	m.log.Warn("plugin process is gone; relaunching and retrying once", "pid", b.proc.pid(), "error", err)
	if err := m.host.relaunch(ctx, b.proc); err != nil {
		return err
	}
	b = m.binding()
	return rpc(withMultiplexID(ctx, b.multiplexID), b)
}

// existenceCheck is HandleExistenceCheck through the reload wrapper.
func (m *mount) existenceCheck(ctx context.Context, req *pb.Request) (checkFound, exists bool, err error) {
	var reply *pb.HandleExistenceCheckReply
	err = m.call(ctx, func(ctx context.Context, b *binding) error {
		var callErr error
		reply, callErr = b.proc.backend.HandleExistenceCheck(ctx, &pb.HandleExistenceCheckArgs{Request: req}, maxSizeCallOpts...)
		return callErr
	})
	if err != nil {
		return false, false, err
	}
	if reply.Err != nil {
		return false, false, protoErrToErr(reply.Err)
	}
	return reply.CheckFound, reply.Exists, nil
}

var maxSizeCallOpts = []grpc.CallOption{grpc.MaxCallSendMsgSize(math.MaxInt32), grpc.MaxCallRecvMsgSize(math.MaxInt32)}

// handleRequest is HandleRequest through the reload wrapper, decoded like Vault.
func (m *mount) handleRequest(ctx context.Context, req *pb.Request) (*logicalResponse, error) {
	var reply *pb.HandleRequestReply
	err := m.call(ctx, func(ctx context.Context, b *binding) error {
		var callErr error
		reply, callErr = b.proc.backend.HandleRequest(ctx, &pb.HandleRequestArgs{Request: req}, maxSizeCallOpts...)
		return callErr
	})
	if err != nil {
		return nil, err
	}
	resp, err := fromProtoResponse(reply.Response)
	if err != nil {
		return nil, err
	}
	if reply.Err != nil {
		return resp, protoErrToErr(reply.Err)
	}
	return resp, nil
}

// route is what Vault's core does for one request on this mount: the existence check turns create/update into
// the real operation (request_handling.go CheckToken), then the request is routed; errors are wrapped the way
// the core wraps them.
func (m *mount) route(ctx context.Context, req *pb.Request) (*pb.Request, *logicalResponse, error) {
	if req.Operation == opCreate || req.Operation == opUpdate {
		checkReq := *req
		checkReq.Operation = opUpdate
		checkFound, exists, err := m.existenceCheck(ctx, &checkReq)
		switch {
		case err == errUnsupportedPath:
			checkFound = false
		case err != nil:
			m.log.Error("failed to run existence check", "error", err)
			if v, ok := err.(*vaultError); ok && v.kind == kindUser {
				return req, &logicalResponse{Data: map[string]interface{}{"error": v.msg}}, appendErr(nil, errInvalidRequest)
			}
			return req, nil, appendErr(nil, errInternal)
		}
		if checkFound && !exists {
			req.Operation = opCreate
		} else {
			req.Operation = opUpdate
		}
	}
	resp, err := m.handleRequest(ctx, req)
	if err != nil {
		return req, resp, appendErr(nil, err)
	}
	return req, resp, nil
}

// rollback is the rollback manager's periodic request; unsupported operation is expected and ignored.
func (m *mount) rollback(ctx context.Context) {
	req := &pb.Request{Id: newUUID(), Operation: opRollback, Path: "", Data: "null", MountPoint: m.path, MountType: m.spec.name, MountAccessor: m.accessor}
	_, err := m.handleRequest(ctx, req)
	if err != nil && err != errUnsupportedOperation && !strings.Contains(err.Error(), msgReadOnly) && ctx.Err() == nil {
		m.log.Error("error rolling back", "path", m.path, "error", err)
		return
	}
	m.log.Trace("rollback done", "path", m.path)
}

// invalidateKey tells the plugin that another node changed key (Vault ignores the result).
func (m *mount) invalidateKey(ctx context.Context, key string) error {
	return m.call(ctx, func(ctx context.Context, b *binding) error {
		_, err := b.proc.backend.InvalidateKey(ctx, &pb.InvalidateKeyArgs{Key: key})
		return err
	})
}
