// Command vault-dev-host plays Vault's part for a secrets-engine plugin: it launches the plugin with
// HashiCorp's go-plugin client (hardened to current Vault's TLS rules), follows Vault's lifecycle, serves the
// plugin's storage, and speaks Vault's HTTP API for the mounts. It is a development and test peer, not Vault:
// one root token, no policies, no leases, no audit, no seal.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/hashicorp/go-hclog"
	"google.golang.org/grpc/grpclog"
)

// mountSpec is one -mount: a mount name and the plugin executable serving it.
type mountSpec struct {
	name   string
	plugin string
}

type config struct {
	listen           string
	rootToken        string
	plugin           string
	mounts           []mountSpec
	storageFile      string
	rollbackInterval time.Duration
	logLevel         string
	logFormat        string
	vaultVersion     string
	replication      int32
	defaultLeaseTTL  time.Duration
	maxLeaseTTL      time.Duration
	pluginStderr     string
	standbyOf        string
}

// mountFlags collects repeatable -mount NAME or -mount NAME=PATH.
type mountFlags []string

func (m *mountFlags) String() string     { return strings.Join(*m, ",") }
func (m *mountFlags) Set(v string) error { *m = append(*m, v); return nil }

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	fs := flag.NewFlagSet("vault-dev-host", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := &config{}
	var mounts mountFlags
	var replication string
	fs.StringVar(&cfg.listen, "listen", "127.0.0.1:8200", "HTTP listen address (port 0 picks a free port; the ready line shows it)")
	fs.StringVar(&cfg.rootToken, "root-token", "root", "the root token clients must send in X-Vault-Token")
	fs.StringVar(&cfg.plugin, "plugin", "", "plugin executable for every -mount that names no PATH")
	fs.Var(&mounts, "mount", "mount `NAME` or NAME=PATH (repeatable); mounts of one plugin share a process when it multiplexes")
	fs.StringVar(&cfg.storageFile, "storage-file", "", "keep storage in this JSON file (rewritten atomically), so a restart keeps the data; default: memory only")
	fs.DurationVar(&cfg.rollbackInterval, "rollback-interval", time.Minute, "interval of the periodic rollback request to every mount (0 disables)")
	fs.StringVar(&cfg.logLevel, "log-level", "info", "trace, debug, info, warn or error")
	fs.StringVar(&cfg.logFormat, "log-format", "standard", "standard or json")
	fs.StringVar(&cfg.vaultVersion, "vault-version", "1.20.0", "the Vault version reported to plugins (VAULT_VERSION, PluginEnv, health)")
	fs.StringVar(&replication, "replication-state", "none", "replication state the SystemView reports: none, perf-primary, perf-secondary, perf-standby, dr-primary, dr-secondary (comma-separated) or a number; perf-standby/perf-secondary make storage writes fail with \"cannot write to readonly storage\"")
	fs.DurationVar(&cfg.defaultLeaseTTL, "default-lease-ttl", 768*time.Hour, "SystemView default lease TTL")
	fs.DurationVar(&cfg.maxLeaseTTL, "max-lease-ttl", 768*time.Hour, "SystemView max lease TTL")
	fs.StringVar(&cfg.pluginStderr, "plugin-stderr-file", "", "also append the plugins' raw stderr lines to this file (for tests)")
	fs.StringVar(&cfg.standbyOf, "standby-of", "", "run as a performance standby of the active dev host at this `URL` (http://HOST:PORT): storage is the active's -storage-file, read-only here; a request that fails with \"cannot write to readonly storage\" is forwarded to the active")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	if hclog.LevelFromString(cfg.logLevel) == hclog.NoLevel {
		return nil, fmt.Errorf("invalid -log-level %q", cfg.logLevel)
	}
	if cfg.logFormat != "standard" && cfg.logFormat != "json" {
		return nil, fmt.Errorf("invalid -log-format %q", cfg.logFormat)
	}
	if cfg.rootToken == "" {
		return nil, errors.New("-root-token must not be empty")
	}
	state, err := parseReplicationState(replication)
	if err != nil {
		return nil, err
	}
	cfg.replication = state
	if cfg.standbyOf != "" {
		if err := checkActiveAddr(cfg.standbyOf); err != nil {
			return nil, err
		}
		if cfg.storageFile == "" {
			return nil, errors.New("-standby-of needs -storage-file: the active's storage file, shared read-only")
		}
		cfg.replication |= replPerformanceStandby
	}
	if cfg.mounts, err = parseMounts(mounts, cfg.plugin); err != nil {
		return nil, err
	}
	return cfg, nil
}

// parseMounts validates the mounts like `vault secrets enable`: no reserved paths, no duplicates, no mount
// inside another.
func parseMounts(values []string, defaultPlugin string) ([]mountSpec, error) {
	if len(values) == 0 {
		return nil, errors.New("at least one -mount is required")
	}
	var out []mountSpec
	for _, v := range values {
		name, pluginPath := v, defaultPlugin
		if i := strings.Index(v, "="); i >= 0 {
			name, pluginPath = v[:i], v[i+1:]
		}
		name = strings.Trim(name, "/")
		if name == "" {
			return nil, fmt.Errorf("-mount %q: empty mount name", v)
		}
		if name == "sys" || strings.HasPrefix(name, "sys/") || name == "auth" || strings.HasPrefix(name, "auth/") ||
			name == "cubbyhole" || name == "identity" || strings.Contains(name, "..") {
			return nil, fmt.Errorf("-mount %q: cannot mount at a reserved path", v)
		}
		if pluginPath == "" {
			return nil, fmt.Errorf("-mount %q: no plugin (give -plugin PATH or -mount NAME=PATH)", v)
		}
		for _, existing := range out {
			if strings.HasPrefix(name+"/", existing.name+"/") || strings.HasPrefix(existing.name+"/", name+"/") {
				return nil, fmt.Errorf("-mount %q: path is already in use at %s/", v, existing.name)
			}
		}
		abs, err := filepath.Abs(pluginPath)
		if err != nil {
			return nil, err
		}
		out = append(out, mountSpec{name: name, plugin: abs})
	}
	return out, nil
}

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	cfg, err := parseFlags(args, os.Stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintln(os.Stderr, "vault-dev-host:", err)
		return 2
	}
	log := hclog.New(&hclog.LoggerOptions{
		Name:       "dev-host",
		Level:      hclog.LevelFromString(cfg.logLevel),
		Output:     os.Stderr,
		JSONFormat: cfg.logFormat == "json",
	})
	grpclog.SetLoggerV2(grpcLogger{log: log.Named("grpc")})
	for _, k := range vaultSDKEnv {
		_ = os.Unsetenv(k)
	}
	if err := serve(cfg, log); err != nil {
		log.Error("dev host failed", "error", err)
		return 1
	}
	return 0
}

func serve(cfg *config, log hclog.Logger) error {
	open := openStore
	if cfg.standbyOf != "" {
		open = openFollowerStore
	}
	st, err := open(cfg.storageFile)
	if err != nil {
		return err
	}
	settings := &hostSettings{
		vaultVersion: cfg.vaultVersion, defaultLeaseTTL: cfg.defaultLeaseTTL, maxLeaseTTL: cfg.maxLeaseTTL,
		clusterName: "vault-dev-host", clusterID: newUUID(),
	}
	settings.replication.Store(cfg.replication)

	launch := launchOptions{vaultVersion: cfg.vaultVersion, log: log.Named("plugin")}
	if cfg.pluginStderr != "" {
		f, err := os.OpenFile(cfg.pluginStderr, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		if err != nil {
			return err
		}
		defer f.Close()
		launch.stderrRaw = &sharedOutput{out: f}
	}
	h := newHost(hostOptions{mounts: cfg.mounts, rootToken: cfg.rootToken, rollbackInterval: cfg.rollbackInterval, launch: launch, activeAddr: strings.TrimSuffix(cfg.standbyOf, "/")}, st, settings, log.Named("core"))

	signals := make(chan os.Signal, 2)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		select {
		case <-signals:
			cancel()
		case <-ctx.Done():
		}
	}()

	// Listen before the plugins start, so a taken port fails fast; requests wait in the backlog until we serve.
	listener, err := net.Listen("tcp", cfg.listen)
	if err != nil {
		return err
	}
	if err := h.start(ctx); err != nil {
		_ = listener.Close()
		h.shutdown(context.Background())
		return err
	}
	server := &http.Server{Handler: &api{h: h, log: log.Named("http")}, ReadHeaderTimeout: 30 * time.Second}
	serveErr := make(chan error, 1)
	go func() { serveErr <- server.Serve(listener) }()

	addr := "http://" + listener.Addr().String()
	log.Info("dev host ready", "addr", addr, "mounts", len(cfg.mounts))
	// The one line on stdout: scripts and tests wait for it.
	fmt.Printf("export VAULT_ADDR=%s VAULT_TOKEN=%s\n", addr, cfg.rootToken)

	select {
	case <-ctx.Done():
		log.Info("shutting down")
	case err = <-serveErr:
		log.Error("HTTP server failed", "error", err)
	}
	shutdownCtx, stop := context.WithTimeout(context.Background(), 10*time.Second)
	defer stop()
	_ = server.Shutdown(shutdownCtx)
	h.shutdown(shutdownCtx)
	log.Info("dev host stopped")
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
