package main

// Launching a plugin the way Vault does (sdk/helper/pluginutil/run_config.go, sdk/plugin/plugin_v5.go,
// vault/plugincatalog), with go-plugin's real client.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/golang/protobuf/ptypes/empty"
	"github.com/hashicorp/go-hclog"
	plugin "github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"vaultgpg.dev/devhost/proto/logical"
	"vaultgpg.dev/devhost/proto/multiplexing"
	pb "vaultgpg.dev/devhost/proto/pb"
	pluginpb "vaultgpg.dev/devhost/proto/plugin"
)

// Vault's backend plugin handshake (sdk/plugin/serve.go) and dispense name (plugin_v5.go).
const (
	magicCookieKey   = "VAULT_BACKEND_PLUGIN"
	magicCookieValue = "6669da05-b1c8-4f49-97d9-c8e5bed98e20"
	dispenseName     = "backend"
	multiplexIDKey   = "multiplex_id"
)

// vaultSDKEnv are the variables Vault's SDK sets for a plugin; the dev host's own copies are removed at start
// because go-plugin 1.0.1 appends the host environment after ours and would let them win.
var vaultSDKEnv = []string{
	"VAULT_VERSION", "VAULT_PLUGIN_METADATA_MODE", "VAULT_PLUGIN_AUTOMTLS_ENABLED",
	"VAULT_PLUGIN_MLOCK_ENABLED", "VAULT_UNWRAP_TOKEN",
}

// backendPlugin is the go-plugin client side of Vault's "backend" plugin (gRPC only).
type backendPlugin struct {
	plugin.NetRPCUnsupportedPlugin
}

func (backendPlugin) GRPCServer(*plugin.GRPCBroker, *grpc.Server) error {
	return errors.New("the dev host only dispenses plugin clients")
}

func (backendPlugin) GRPCClient(doneCtx context.Context, broker *plugin.GRPCBroker, conn *grpc.ClientConn) (interface{}, error) {
	return &dispensed{doneCtx: doneCtx, broker: broker, conn: conn}, nil
}

type dispensed struct {
	doneCtx context.Context
	broker  *plugin.GRPCBroker
	conn    *grpc.ClientConn
}

// pluginSpec identifies a plugin binary like a catalog entry.
type pluginSpec struct {
	name    string // catalog name: the file's base name
	command string // absolute path
	sha256  []byte
	version string // reported by the plugin at the registration probe
}

func newPluginSpec(path string) (*pluginSpec, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(abs)
	if err != nil {
		return nil, fmt.Errorf("plugin %s: %w", path, err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, fmt.Errorf("hashing plugin %s: %w", path, err)
	}
	return &pluginSpec{name: filepath.Base(abs), command: abs, sha256: h.Sum(nil)}, nil
}

// pluginProcess is one running plugin process and its main gRPC connection.
type pluginProcess struct {
	spec        *pluginSpec
	client      *plugin.Client
	cmd         *exec.Cmd
	tls         *pluginTLS
	conn        *grpc.ClientConn
	broker      *plugin.GRPCBroker
	doneCtx     context.Context
	backend     pb.BackendClient
	version     logical.PluginVersionClient
	multiplexed bool
	log         hclog.Logger

	killOnce sync.Once
	// replacement is the process launched after this one died (guarded by the host's relaunch lock).
	replacement *pluginProcess
}

// launchOptions are the Vault-wide inputs to a launch.
type launchOptions struct {
	vaultVersion string
	log          hclog.Logger
	stderrRaw    *sharedOutput // optional copy of the plugins' raw stderr
}

// launchPlugin starts the plugin, completes the handshake with AutoMTLS hardened to current Vault, dispenses
// the backend, starts the stdio stream and asks whether the plugin multiplexes (facts 4.1).
func launchPlugin(ctx context.Context, spec *pluginSpec, opts launchOptions) (*pluginProcess, error) {
	log := opts.log.Named(spec.name)
	cmd := exec.Command(spec.command)
	cmd.Env = []string{
		"VAULT_VERSION=" + opts.vaultVersion,
		"VAULT_PLUGIN_METADATA_MODE=false",
		"VAULT_PLUGIN_AUTOMTLS_ENABLED=true",
	}
	stderr := io.Discard
	if opts.stderrRaw != nil {
		stderr = opts.stderrRaw.newLineWriter()
	}
	cfg := &plugin.ClientConfig{
		HandshakeConfig: plugin.HandshakeConfig{
			MagicCookieKey:   magicCookieKey,
			MagicCookieValue: magicCookieValue,
		},
		VersionedPlugins: map[int]plugin.PluginSet{5: {dispenseName: backendPlugin{}}},
		Cmd:              cmd,
		SecureConfig:     &plugin.SecureConfig{Checksum: spec.sha256, Hash: sha256.New()},
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		AutoMTLS:         true,
		Logger:           log,
		Stderr:           stderr,
	}
	client := plugin.NewClient(cfg)
	p := &pluginProcess{spec: spec, client: client, cmd: cmd, tls: &pluginTLS{}, log: log}

	fail := func(err error) (*pluginProcess, error) {
		p.kill()
		return nil, fmt.Errorf("launching plugin %s: %w", spec.name, err)
	}
	if _, err := client.Start(); err != nil {
		return fail(err)
	}
	// go-plugin built the TLS config in Start; the connection is dialled in Client(), so harden in between.
	if err := p.tls.hardenClientConfig(cfg.TLSConfig); err != nil {
		return fail(err)
	}
	rpcClient, err := client.Client()
	if err != nil {
		return fail(err)
	}
	raw, err := rpcClient.Dispense(dispenseName)
	if err != nil {
		return fail(err)
	}
	d := raw.(*dispensed)
	p.conn, p.broker, p.doneCtx = d.conn, d.broker, d.doneCtx
	p.backend = pb.NewBackendClient(d.conn)
	p.version = logical.NewPluginVersionClient(d.conn)

	// Current go-plugin opens the stdio stream right after connecting; that is the first TLS handshake.
	p.streamStdio()

	supported, err := multiplexingSupported(ctx, d.conn, spec.name)
	if err != nil {
		return fail(fmt.Errorf("multiplexing support check: %w", err))
	}
	p.multiplexed = supported

	health, err := grpc_health_v1.NewHealthClient(d.conn).Check(ctx, &grpc_health_v1.HealthCheckRequest{Service: "plugin"})
	switch {
	case err != nil:
		log.Warn("plugin health check failed", "error", err)
	case health.Status != grpc_health_v1.HealthCheckResponse_SERVING:
		log.Warn("plugin health check: service \"plugin\" is not serving", "status", health.Status.String())
	}
	log.Info("plugin launched", "pid", p.pid(), "multiplexed", p.multiplexed)
	return p, nil
}

// streamStdio consumes GRPCStdio like go-plugin's client does; Vault discards the data, we log it at debug.
func (p *pluginProcess) streamStdio() {
	stream, err := pluginpb.NewGRPCStdioClient(p.conn).StreamStdio(p.doneCtx, &empty.Empty{})
	if err != nil {
		p.logStdioEnd(err)
		return
	}
	go func() {
		for {
			data, err := stream.Recv()
			if err != nil {
				p.logStdioEnd(err)
				return
			}
			p.log.Debug("plugin stdio", "channel", data.Channel.String(), "data", strings.TrimRight(string(data.Data), "\n"))
		}
	}()
}

func (p *pluginProcess) logStdioEnd(err error) {
	if err == io.EOF || p.doneCtx.Err() != nil {
		return
	}
	switch status.Code(err) {
	case codes.Unimplemented, codes.Unavailable:
		p.log.Warn("stdio service not available, stdout/stderr of the plugin will not be relayed", "error", err)
	case codes.Canceled:
	default:
		p.log.Warn("plugin stdio stream ended", "error", err)
	}
}

// multiplexingSupported is pluginutil.MultiplexingSupported: called on the raw connection (no multiplex_id),
// UNIMPLEMENTED means no, and VAULT_PLUGIN_MULTIPLEXING_OPT_OUT can veto per plugin name.
func multiplexingSupported(ctx context.Context, conn *grpc.ClientConn, name string) (bool, error) {
	for _, optOut := range strings.Split(os.Getenv("VAULT_PLUGIN_MULTIPLEXING_OPT_OUT"), ",") {
		if optOut == name {
			return false, nil
		}
	}
	resp, err := multiplexing.NewPluginMultiplexingClient(conn).MultiplexingSupport(ctx, &multiplexing.MultiplexingSupportRequest{})
	if err != nil {
		if status.Code(err) == codes.Unimplemented {
			return false, nil
		}
		return false, err
	}
	return resp.GetSupported(), nil
}

func (p *pluginProcess) pid() int {
	if p.cmd.Process == nil {
		return 0
	}
	return p.cmd.Process.Pid
}

func (p *pluginProcess) exited() bool {
	return p.doneCtx != nil && p.doneCtx.Err() != nil
}

// died reports whether a failed call failed because the process is gone (Vault: ErrPluginShutdown). A
// connection error can arrive a moment before go-plugin notices the exit, so UNAVAILABLE waits briefly.
func (p *pluginProcess) died(err error) bool {
	if err == nil || p.doneCtx == nil {
		return false
	}
	if p.exited() {
		return true
	}
	if status.Code(err) != codes.Unavailable {
		return false
	}
	select {
	case <-p.doneCtx.Done():
		return true
	case <-time.After(2 * time.Second):
		return false
	}
}

// kill is go-plugin's Kill: close the broker, GRPCController.Shutdown, close the connection, wait up to 2 s for
// the exit, then SIGKILL.
func (p *pluginProcess) kill() {
	p.killOnce.Do(func() {
		start := time.Now()
		p.client.Kill()
		p.log.Info("plugin stopped", "pid", p.pid(), "elapsed", time.Since(start).Round(time.Millisecond).String())
	})
}

// withMultiplexID is the metadata Vault's wrapped connection puts on every Backend and PluginVersion call.
func withMultiplexID(ctx context.Context, id string) context.Context {
	return metadata.AppendToOutgoingContext(ctx, multiplexIDKey, id)
}

func (s *pluginSpec) sha256Hex() string { return hex.EncodeToString(s.sha256) }
