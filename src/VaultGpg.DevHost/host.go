package main

// The dev host's core: the registration probe, mounting (one process per plugin when it multiplexes, else one
// per mount), relaunching dead plugins, the rollback manager, and shutdown.

import (
	"context"
	"crypto/rand"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"io"
	"math/big"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"
	"vaultgpg.dev/devhost/proto/logical"
	pb "vaultgpg.dev/devhost/proto/pb"
)

type hostOptions struct {
	mounts           []mountSpec
	rootToken        string
	rollbackInterval time.Duration
	launch           launchOptions
	// activeAddr makes this host a performance standby of the active dev host at that URL: a request that fails
	// with Vault's read-only error is forwarded there.
	activeAddr string
}

// followInterval is how often a standby looks for changes to the shared storage file when no request does.
const followInterval = 200 * time.Millisecond

type host struct {
	opts     hostOptions
	log      hclog.Logger
	store    *store
	settings *hostSettings
	mounts   []*mount // longest path first, for prefix routing

	tokenAccessor string
	saltedToken   string

	relaunchMu sync.Mutex
	closing    bool
	procs      []*pluginProcess

	stopRollback context.CancelFunc
	rollbackWG   sync.WaitGroup

	stopFollowing context.CancelFunc
	followWG      sync.WaitGroup
}

func newHost(opts hostOptions, st *store, settings *hostSettings, log hclog.Logger) *host {
	return &host{
		opts: opts, log: log, store: st, settings: settings,
		tokenAccessor: randomBase62(24),
		// Vault hands plugins a salted token, never the real one.
		saltedToken: "h" + randomHex(32),
	}
}

// start probes every distinct plugin like `vault plugin register`, then mounts like `vault secrets enable`.
func (h *host) start(ctx context.Context) error {
	specs := map[string]*pluginSpec{}
	var order []*pluginSpec
	for _, ms := range h.opts.mounts {
		if specs[ms.plugin] != nil {
			continue
		}
		spec, err := newPluginSpec(ms.plugin)
		if err != nil {
			return err
		}
		if err := h.probe(ctx, spec); err != nil {
			return err
		}
		specs[ms.plugin] = spec
		order = append(order, spec)
	}

	for _, ms := range h.opts.mounts {
		m := &mount{
			name: ms.name, path: ms.name + "/", uuid: newUUID(),
			accessor: accessorPrefix(ms.name) + "_" + randomHex(4),
			spec:     specs[ms.plugin], host: h,
			log: h.log.Named("mount").With("path", ms.name+"/"),
		}
		m.view = &mountView{name: ms.name, store: h.store, settings: h.settings, localPrefixes: func() []string {
			return m.specialPaths().GetLocalStorage()
		}, log: m.log}
		h.mounts = append(h.mounts, m)
	}
	sort.SliceStable(h.mounts, func(i, j int) bool { return len(h.mounts[i].path) > len(h.mounts[j].path) })

	// Like Vault, mounts of one plugin share a process when the plugin multiplexes.
	for _, spec := range order {
		var shared *pluginProcess
		for _, ms := range h.opts.mounts {
			m := h.mountByName(ms.name)
			if m.spec != spec {
				continue
			}
			proc := shared
			if proc == nil {
				var err error
				if proc, err = h.launch(ctx, spec); err != nil {
					return err
				}
				if proc.multiplexed {
					shared = proc
				}
			}
			if err := m.mountOn(ctx, proc); err != nil {
				return err
			}
		}
	}
	h.startRollback()
	h.startFollowing()
	return nil
}

// startFollowing makes a standby pick up the active's writes: every changed key of the shared storage file is
// passed to the mount's InvalidateKey, as Vault does on a performance standby for each replicated write, and the
// file is looked at periodically so that this happens without requests too.
func (h *host) startFollowing() {
	if h.store == nil || !h.store.follower {
		return
	}
	h.store.notify(func(mountName, key string) {
		m := h.mountByName(mountName)
		if m == nil || m.binding() == nil {
			return
		}
		if err := m.invalidateKey(context.Background(), key); err != nil {
			m.log.Warn("InvalidateKey failed (Vault ignores this)", "key", key, "error", err)
		}
	})
	ctx, cancel := context.WithCancel(context.Background())
	h.stopFollowing = cancel
	every(ctx, &h.followWG, followInterval, func() {
		if _, err := h.store.refresh(); err != nil {
			h.log.Warn("reading the shared storage file failed", "error", err)
		}
	})
}

// every runs fn every interval until ctx ends, counted in wg.
func every(ctx context.Context, wg *sync.WaitGroup, interval time.Duration, fn func()) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		ticker := time.NewTicker(interval)
		defer ticker.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-ticker.C:
				fn()
			}
		}
	}()
}

func (h *host) launch(ctx context.Context, spec *pluginSpec) (*pluginProcess, error) {
	proc, err := launchPlugin(ctx, spec, h.opts.launch)
	if err != nil {
		return nil, err
	}
	h.procs = append(h.procs, proc)
	return proc, nil
}

// probe is the catalog's registration check (getBackendRunningVersion): launch, Setup with an empty config and
// no storage or system view, PluginVersion/Version, then Cleanup and kill.
func (h *host) probe(ctx context.Context, spec *pluginSpec) error {
	log := h.log.Named("probe").With("plugin", spec.name)
	log.Info("registering plugin", "command", spec.command, "sha256", spec.sha256Hex())
	proc, err := launchPlugin(ctx, spec, launchOptions{vaultVersion: h.opts.launch.vaultVersion, log: log, stderrRaw: h.opts.launch.stderrRaw})
	if err != nil {
		return fmt.Errorf("registering %s: %w", spec.name, err)
	}
	defer proc.kill()
	b, err := setupBackend(ctx, proc, nil, nil, "", log)
	if err != nil {
		return fmt.Errorf("registering %s: setup: %w", spec.name, err)
	}
	reply, err := proc.version.Version(withMultiplexID(ctx, b.multiplexID), &logical.Empty{})
	switch {
	case err != nil:
		// Vault treats a failing version call as an empty version and only warns.
		log.Warn("plugin version call failed; treating the version as empty", "error", err)
	case reply.PluginVersion != "" && !semverPattern.MatchString(reply.PluginVersion):
		b.cleanup(ctx, log)
		return fmt.Errorf("registering %s: plugin reports version %q, which is not a valid semantic version", spec.name, reply.PluginVersion)
	default:
		spec.version = reply.PluginVersion
	}
	b.cleanup(ctx, log)
	log.Info("plugin registered", "version", spec.version)
	return nil
}

// semverPattern is what hashicorp/go-version accepts for a plugin version (v prefix optional).
var semverPattern = regexp.MustCompile(`^v?[0-9]+(\.[0-9]+){0,2}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$`)

// relaunch replaces a dead process: launch again and set up every mount that was on it, once per death even
// when several requests notice it at the same time.
func (h *host) relaunch(ctx context.Context, dead *pluginProcess) error {
	h.relaunchMu.Lock()
	defer h.relaunchMu.Unlock()
	if dead.replacement != nil {
		return nil
	}
	if h.closing {
		return errPluginShutdown
	}
	dead.kill() // reap go-plugin's goroutines for the dead process
	var shared *pluginProcess
	for _, m := range h.mounts {
		if b := m.binding(); b == nil || b.proc != dead {
			continue
		}
		proc := shared
		if proc == nil {
			var err error
			if proc, err = h.launch(ctx, dead.spec); err != nil {
				return err
			}
			if proc.multiplexed {
				shared = proc
			}
			if dead.replacement == nil {
				dead.replacement = proc
			}
		}
		if err := m.rebind(ctx, proc); err != nil {
			return err
		}
	}
	return nil
}

func (h *host) startRollback() {
	ctx, cancel := context.WithCancel(context.Background())
	h.stopRollback = cancel
	if h.opts.rollbackInterval <= 0 {
		return
	}
	for _, m := range h.mounts {
		m := m
		every(ctx, &h.rollbackWG, h.opts.rollbackInterval, func() { m.rollback(ctx) })
	}
}

// shutdown is seal/unmount: Cleanup every mount, then go-plugin Kill for every process (Shutdown RPC, up to 2 s
// for the exit, then SIGKILL).
func (h *host) shutdown(ctx context.Context) {
	h.relaunchMu.Lock()
	h.closing = true
	h.relaunchMu.Unlock()
	if h.stopRollback != nil {
		h.stopRollback()
	}
	h.rollbackWG.Wait()
	if h.stopFollowing != nil {
		h.stopFollowing()
	}
	h.followWG.Wait()
	for _, m := range h.mounts {
		if b := m.binding(); b != nil {
			b.cleanup(ctx, m.log)
		}
	}
	var wg sync.WaitGroup
	for _, p := range h.procs {
		wg.Add(1)
		go func(p *pluginProcess) {
			defer wg.Done()
			p.kill()
		}(p)
	}
	wg.Wait()
}

func (h *host) mountByName(name string) *mount {
	for _, m := range h.mounts {
		if m.name == name {
			return m
		}
	}
	return nil
}

// matchMount is the router's longest-prefix match; "foo" also finds "foo/" (router.go appends the slash).
// It returns the mount and the path as routed.
func (h *host) matchMount(path string) (*mount, string) {
	for _, m := range h.mounts {
		if strings.HasPrefix(path, m.path) {
			return m, path
		}
	}
	if !strings.HasSuffix(path, "/") {
		withSlash := path + "/"
		for _, m := range h.mounts {
			if strings.HasPrefix(withSlash, m.path) {
				return m, withSlash
			}
		}
	}
	return nil, path
}

// toProtoRequest fills what Vault's router sets before the plugin sees a request (facts 5.7).
func (h *host) toProtoRequest(m *mount, id, op, fullPath string, data []byte, remoteAddr string, remotePort int) *pb.Request {
	return &pb.Request{
		Id:                  id,
		Operation:           op,
		Path:                strings.TrimPrefix(fullPath, m.path),
		Data:                string(data),
		ClientToken:         h.saltedToken,
		ClientTokenAccessor: h.tokenAccessor,
		DisplayName:         "root",
		MountPoint:          m.path,
		MountType:           m.spec.name,
		MountAccessor:       m.accessor,
		Connection:          &pb.Connection{RemoteAddr: remoteAddr, RemotePort: int32(remotePort)},
	}
}

// markUnauthenticated is what handleLoginRequest and the router make of a request on an unauthenticated path:
// Unauthenticated is set; a valid token is looked up as usual (for the audit log), while a missing or unknown
// token is ignored, never refused. The router salts whatever token string came (an empty one too) with the
// mount's UUID; no accessor or display name comes from a token that was not found.
func markUnauthenticated(req *pb.Request, m *mount, validToken bool, token string) {
	req.Unauthenticated = true
	if validToken {
		return
	}
	req.ClientToken = saltID(m.uuid, token)
	req.ClientTokenAccessor = ""
	req.DisplayName = ""
}

// saltID is Vault's salt.SaltID with SHA-1, as the router's routeEntry.SaltID uses it.
func saltID(salt, id string) string {
	sum := sha1.Sum([]byte(salt + id))
	return hex.EncodeToString(sum[:])
}

func accessorPrefix(name string) string {
	return strings.NewReplacer("/", "_", "-", "_").Replace(name)
}

const base62Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

func randomBase62(n int) string {
	out := make([]byte, n)
	max := big.NewInt(int64(len(base62Alphabet)))
	for i := range out {
		v, err := rand.Int(rand.Reader, max)
		if err != nil {
			panic(err) // the OS random source failing leaves nothing sensible to do
		}
		out[i] = base62Alphabet[v.Int64()]
	}
	return string(out)
}

// newMultiplexID is pluginutil's 10-character base62 connection id.
func newMultiplexID() string { return randomBase62(10) }

func randomHex(nBytes int) string {
	b := make([]byte, nBytes)
	if _, err := io.ReadFull(rand.Reader, b); err != nil {
		panic(err)
	}
	return fmt.Sprintf("%x", b)
}

func newUUID() string {
	b := make([]byte, 16)
	if _, err := io.ReadFull(rand.Reader, b); err != nil {
		panic(err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
