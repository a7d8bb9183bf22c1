package main

// The services Vault serves to a plugin on the brokered connection: pb.Storage, pb.SystemView, pb.Events
// (Vault sdk/plugin/grpc_storage.go, grpc_system.go, grpc_events.go, server side).

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-hclog"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"vaultgpg.dev/devhost/proto/logical"
	pb "vaultgpg.dev/devhost/proto/pb"
)

// Vault's texts for a Setup without storage or system view: the registration probe.
var (
	errMissingStorage    = errors.New("missing storage implementation: this method should not be called during plugin Setup, but only during and after Initialize")
	errMissingSystemView = errors.New("missing system view implementation: this method should not be called during plugin Setup, but only during and after Initialize")
)

// Replication state bits (sdk/helper/consts/replication.go).
const (
	replPerformancePrimary   int32 = 1 << 5
	replPerformanceSecondary int32 = 1 << 6
	replDRPrimary            int32 = 1 << 8
	replDRSecondary          int32 = 1 << 9
	replPerformanceStandby   int32 = 1 << 14
)

// hostSettings are the dev host's Vault-wide values the SystemView reports.
type hostSettings struct {
	vaultVersion    string
	defaultLeaseTTL time.Duration
	maxLeaseTTL     time.Duration
	clusterName     string
	clusterID       string
	replication     atomic.Int32
}

// mountView is one mount's storage and identity as seen by its brokered services.
type mountView struct {
	name     string
	store    *store
	settings *hostSettings
	// localPrefixes are the mount's SpecialPaths.local_storage entries (writable on a performance secondary).
	localPrefixes func() []string
	log           hclog.Logger
}

// readOnly says whether a write to key fails the way it does on a performance standby (everything) or a
// performance secondary (everything but local storage paths).
func (v *mountView) readOnly(key string) bool {
	state := v.settings.replication.Load()
	if state&replPerformanceStandby != 0 {
		return true
	}
	if state&replPerformanceSecondary == 0 {
		return false
	}
	for _, p := range v.localPrefixes() {
		if strings.HasPrefix(key, strings.TrimSuffix(p, "*")) {
			return false
		}
	}
	return true
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

type storageServer struct {
	pb.UnimplementedStorageServer
	view *mountView // nil during the registration probe
	log  hclog.Logger
}

// missing answers like Vault when the plugin uses storage or the system view during the registration probe's
// Setup, and says so in the log: the plugin must not touch them inside Setup.
func missing(log hclog.Logger, method string, err error) error {
	log.Warn("plugin called "+method+" during the registration probe; Vault fails this call", "error", err)
	return err
}

func (s *storageServer) List(_ context.Context, args *pb.StorageListArgs) (*pb.StorageListReply, error) {
	if s.view == nil {
		return nil, missing(s.log, "Storage", errMissingStorage)
	}
	keys, err := s.view.store.list(s.view.name, args.Prefix)
	return &pb.StorageListReply{Keys: keys, Err: errString(err)}, nil
}

func (s *storageServer) Get(_ context.Context, args *pb.StorageGetArgs) (*pb.StorageGetReply, error) {
	if s.view == nil {
		return nil, missing(s.log, "Storage", errMissingStorage)
	}
	e, ok, err := s.view.store.get(s.view.name, args.Key)
	if err != nil || !ok {
		return &pb.StorageGetReply{Err: errString(err)}, nil
	}
	return &pb.StorageGetReply{Entry: &pb.StorageEntry{Key: args.Key, Value: e.Value, SealWrap: e.SealWrap}}, nil
}

func (s *storageServer) Put(_ context.Context, args *pb.StoragePutArgs) (*pb.StoragePutReply, error) {
	if s.view == nil {
		return nil, missing(s.log, "Storage", errMissingStorage)
	}
	e := args.GetEntry()
	if s.view.readOnly(e.GetKey()) {
		s.view.log.Debug("storage write refused: read-only (simulated performance standby/secondary)", "key", e.GetKey())
		return &pb.StoragePutReply{Err: msgReadOnly}, nil
	}
	err := s.view.store.put(s.view.name, e.GetKey(), storageEntry{Value: e.GetValue(), SealWrap: e.GetSealWrap()})
	return &pb.StoragePutReply{Err: errString(err)}, nil
}

func (s *storageServer) Delete(_ context.Context, args *pb.StorageDeleteArgs) (*pb.StorageDeleteReply, error) {
	if s.view == nil {
		return nil, missing(s.log, "Storage", errMissingStorage)
	}
	if s.view.readOnly(args.Key) {
		return &pb.StorageDeleteReply{Err: msgReadOnly}, nil
	}
	return &pb.StorageDeleteReply{Err: errString(s.view.store.delete(s.view.name, args.Key))}, nil
}

type systemViewServer struct {
	pb.UnimplementedSystemViewServer
	view *mountView // nil during the registration probe
	log  hclog.Logger
}

func (s *systemViewServer) DefaultLeaseTTL(context.Context, *pb.Empty) (*pb.TTLReply, error) {
	if s.view == nil {
		return nil, missing(s.log, "SystemView", errMissingSystemView)
	}
	return &pb.TTLReply{TTL: int64(s.view.settings.defaultLeaseTTL)}, nil
}

func (s *systemViewServer) MaxLeaseTTL(context.Context, *pb.Empty) (*pb.TTLReply, error) {
	if s.view == nil {
		return nil, missing(s.log, "SystemView", errMissingSystemView)
	}
	return &pb.TTLReply{TTL: int64(s.view.settings.maxLeaseTTL)}, nil
}

func (s *systemViewServer) Tainted(context.Context, *pb.Empty) (*pb.TaintedReply, error) {
	if s.view == nil {
		return nil, missing(s.log, "SystemView", errMissingSystemView)
	}
	return &pb.TaintedReply{Tainted: false}, nil
}

func (s *systemViewServer) CachingDisabled(context.Context, *pb.Empty) (*pb.CachingDisabledReply, error) {
	if s.view == nil {
		return nil, missing(s.log, "SystemView", errMissingSystemView)
	}
	return &pb.CachingDisabledReply{Disabled: false}, nil
}

func (s *systemViewServer) ReplicationState(context.Context, *pb.Empty) (*pb.ReplicationStateReply, error) {
	if s.view == nil {
		return nil, missing(s.log, "SystemView", errMissingSystemView)
	}
	return &pb.ReplicationStateReply{State: s.view.settings.replication.Load()}, nil
}

func (s *systemViewServer) ResponseWrapData(context.Context, *pb.ResponseWrapDataArgs) (*pb.ResponseWrapDataReply, error) {
	if s.view == nil {
		return nil, missing(s.log, "SystemView", errMissingSystemView)
	}
	return &pb.ResponseWrapDataReply{Err: "response wrapping is not supported by the dev host"}, nil
}

func (s *systemViewServer) MlockEnabled(context.Context, *pb.Empty) (*pb.MlockEnabledReply, error) {
	if s.view == nil {
		return nil, missing(s.log, "SystemView", errMissingSystemView)
	}
	return &pb.MlockEnabledReply{Enabled: false}, nil
}

func (s *systemViewServer) LocalMount(context.Context, *pb.Empty) (*pb.LocalMountReply, error) {
	if s.view == nil {
		return nil, missing(s.log, "SystemView", errMissingSystemView)
	}
	return &pb.LocalMountReply{Local: false}, nil
}

func (s *systemViewServer) EntityInfo(context.Context, *pb.EntityInfoArgs) (*pb.EntityInfoReply, error) {
	if s.view == nil {
		return nil, missing(s.log, "SystemView", errMissingSystemView)
	}
	// The root token has no entity; Vault answers "no entity" as a nil entity without error.
	return &pb.EntityInfoReply{}, nil
}

func (s *systemViewServer) GroupsForEntity(context.Context, *pb.EntityInfoArgs) (*pb.GroupsForEntityReply, error) {
	if s.view == nil {
		return nil, missing(s.log, "SystemView", errMissingSystemView)
	}
	return &pb.GroupsForEntityReply{}, nil
}

func (s *systemViewServer) PluginEnv(context.Context, *pb.Empty) (*pb.PluginEnvReply, error) {
	if s.view == nil {
		return nil, missing(s.log, "SystemView", errMissingSystemView)
	}
	return &pb.PluginEnvReply{PluginEnvironment: &logical.PluginEnvironment{VaultVersion: s.view.settings.vaultVersion}}, nil
}

func (s *systemViewServer) GeneratePasswordFromPolicy(_ context.Context, req *pb.GeneratePasswordFromPolicyRequest) (*pb.GeneratePasswordFromPolicyReply, error) {
	if s.view == nil {
		return nil, missing(s.log, "SystemView", errMissingSystemView)
	}
	return nil, status.Errorf(codes.Internal, "failed to generate password from policy %q: the dev host has no password policies", req.PolicyName)
}

func (s *systemViewServer) ClusterInfo(context.Context, *pb.Empty) (*pb.ClusterInfoReply, error) {
	if s.view == nil {
		return nil, missing(s.log, "SystemView", errMissingSystemView)
	}
	return &pb.ClusterInfoReply{ClusterName: s.view.settings.clusterName, ClusterId: s.view.settings.clusterID}, nil
}

func (s *systemViewServer) GenerateIdentityToken(context.Context, *pb.GenerateIdentityTokenRequest) (*pb.GenerateIdentityTokenResponse, error) {
	if s.view == nil {
		return nil, missing(s.log, "SystemView", errMissingSystemView)
	}
	return nil, status.Error(codes.Internal, "plugin identity tokens are not supported by the dev host")
}

func (s *systemViewServer) RegisterRotationJob(context.Context, *pb.RegisterRotationJobRequest) (*pb.RegisterRotationJobResponse, error) {
	if s.view == nil {
		return nil, missing(s.log, "SystemView", errMissingSystemView)
	}
	return nil, status.Error(codes.Internal, "rotation jobs are not supported by the dev host")
}

func (s *systemViewServer) DeregisterRotationJob(context.Context, *pb.DeregisterRotationJobRequest) (*pb.Empty, error) {
	if s.view == nil {
		return nil, missing(s.log, "SystemView", errMissingSystemView)
	}
	return nil, status.Error(codes.Internal, "rotation jobs are not supported by the dev host")
}

type eventsServer struct {
	pb.UnimplementedEventsServer
	log hclog.Logger
}

// SendEvent accepts and logs; Vault is a no-op too when it has no event sender.
func (s *eventsServer) SendEvent(_ context.Context, req *pb.SendEventRequest) (*pb.Empty, error) {
	ev := req.GetEvent()
	s.log.Info("event received", "event_type", req.EventType, "id", ev.GetId(), "metadata", ev.GetMetadata().String(), "note", ev.GetNote())
	return &pb.Empty{}, nil
}

// registerBrokerServices puts the three services on a brokered server; view nil serves the probe's
// "missing implementation" errors.
func registerBrokerServices(s *grpc.Server, view *mountView, log hclog.Logger) {
	pb.RegisterStorageServer(s, &storageServer{view: view, log: log})
	pb.RegisterSystemViewServer(s, &systemViewServer{view: view, log: log})
	pb.RegisterEventsServer(s, &eventsServer{log: log})
}
