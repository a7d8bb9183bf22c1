package main

import (
	"net/http"
	"strings"
	"testing"

	pb "vaultgpg.dev/devhost/proto/pb"
)

func TestUnauthPaths_MatchLikeVaultsRouter(t *testing.T) {
	cases := []struct {
		name  string
		paths []string
		yes   []string
		no    []string
	}{
		{name: "exact", paths: []string{"log/checkpoint"},
			yes: []string{"log/checkpoint"}, no: []string{"log/checkpoint/", "log/checkpointX", "log/", "Log/checkpoint", ""}},
		{name: "prefix", paths: []string{"log/*"},
			yes: []string{"log/", "log/checkpoint", "log/tile/0/000", "log/tile/entries/x001/002.p/5"}, no: []string{"log", "logs/x", "keys/log/"}},
		{name: "prefix without slash is a string prefix", paths: []string{"log*"},
			yes: []string{"log", "logs", "log/tile/0/000"}, no: []string{"lo", "keys"}},
		{name: "everything", paths: []string{"*"}, yes: []string{"", "anything/at/all"}},
		{name: "longest plain entry alone decides", paths: []string{"log/*", "log/checkpoint"},
			yes: []string{"log/checkpoint", "log/tile/0/000", "log/check"}, no: []string{"log/checkpointX", "log/checkpoint/x"}},
		{name: "a later duplicate replaces an earlier one", paths: []string{"log/*", "log/"},
			yes: []string{"log/"}, no: []string{"log/x"}},
		{name: "plus is one segment", paths: []string{"log/tile/+/+"},
			yes: []string{"log/tile/0/000", "log/tile/entries/x001"}, no: []string{"log/tile/0", "log/tile/0/000/x", "log/tile/0/000.p/5", "log/tiles/0/0"}},
		{name: "plus with trailing star", paths: []string{"log/tile/+/*"},
			yes: []string{"log/tile/0/", "log/tile/0/000", "log/tile/0/x001/002.p/5"}, no: []string{"log/tile/0", "log/x/0/000"}},
		{name: "plus with prefix segment", paths: []string{"log/+/tile*"},
			yes: []string{"log/a/tile", "log/a/tiles", "log/a/tile/1/2"}, no: []string{"log/a/til", "log/tile"}},
		{name: "wildcard tried after a failed exact entry", paths: []string{"log/checkpoint", "log/+"},
			yes: []string{"log/checkpoint", "log/checkpointX", "log/other"}, no: []string{"log/a/b"}},
		{name: "none", paths: nil, no: []string{"", "log/checkpoint"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			u, err := parseUnauthPaths(c.paths)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range c.yes {
				if !u.matches(p) {
					t.Errorf("%q should be unauthenticated under %q", p, c.paths)
				}
			}
			for _, p := range c.no {
				if u.matches(p) {
					t.Errorf("%q should need a token under %q", p, c.paths)
				}
			}
		})
	}
}

func TestUnauthPaths_BadWildcards_AreRefusedWithVaultsText(t *testing.T) {
	for path, why := range map[string]string{
		"log/**":     "(multiple '*' is forbidden)",
		"log/*/x*":   "(multiple '*' is forbidden)",
		"log/+*":     "('+*' is forbidden)",
		"log/*/x":    "('*' is only allowed at the end of a path)",
		"log/a+/x":   "('+' is not allowed next to a non-slash)",
		"log/+a/x":   "('+' is not allowed next to a non-slash)",
		"+x":         "('+' is not allowed next to a non-slash)",
		"log/tile/+": "",
		"+/x":        "",
		"+":          "",
	} {
		_, err := parseUnauthPaths([]string{"ok/*", path})
		switch {
		case why == "" && err != nil:
			t.Errorf("%q: unexpected error %v", path, err)
		case why != "" && (err == nil || !strings.Contains(err.Error(), "invalid use of wildcards "+why)):
			t.Errorf("%q: error %v, want one saying %s", path, err, why)
		}
	}
}

func TestMount_Unauthenticated_NeedsTheMountPrefix(t *testing.T) {
	u, _ := parseUnauthPaths([]string{"*"})
	m := &mount{path: "gpg/", unauth: u}

	if !m.unauthenticated("gpg/") || !m.unauthenticated("gpg/log/checkpoint") {
		t.Error("paths on the mount should match")
	}
	// LoginPath looks the mount up before the router adds the slash to a bare mount name.
	if m.unauthenticated("gpg") || m.unauthenticated("gpgx/log") {
		t.Error("paths off the mount must not match")
	}
}

func TestMarkUnauthenticated_IgnoresAnUnknownToken(t *testing.T) {
	m := &mount{uuid: "0b3a56ad-4b4e-4ba0-8d3c-1ad7b14d4a43"}
	base := func() *pb.Request {
		return &pb.Request{ClientToken: "hsalted", ClientTokenAccessor: "acc", DisplayName: "root"}
	}

	valid := base()
	markUnauthenticated(valid, m, true, "root")
	none := base()
	markUnauthenticated(none, m, false, "")
	wrong := base()
	markUnauthenticated(wrong, m, false, "not-a-token")

	if !valid.Unauthenticated || valid.ClientToken != "hsalted" || valid.ClientTokenAccessor != "acc" {
		t.Errorf("a valid token keeps its lookup: %+v", valid)
	}
	// sha1("0b3a56ad-4b4e-4ba0-8d3c-1ad7b14d4a43"), as `printf %s UUID | sha1sum` gives it.
	if !none.Unauthenticated || none.ClientToken != saltID(m.uuid, "") || none.ClientTokenAccessor != "" || none.DisplayName != "" {
		t.Errorf("no token: %+v", none)
	}
	if len(none.ClientToken) != 40 || wrong.ClientToken == none.ClientToken || wrong.ClientToken != saltID(m.uuid, "not-a-token") {
		t.Errorf("the router salts whatever token came: none %q, wrong %q", none.ClientToken, wrong.ClientToken)
	}
}

func TestServe_NoToken_UnknownMountIsPermissionDenied(t *testing.T) {
	server, _ := newTestServer(t)

	status, got := send(t, http.MethodGet, server.URL+"/v1/nomount/log/checkpoint", "", nil)

	if status != http.StatusForbidden {
		t.Fatalf("status %d, want 403 (the token is checked before routing); body %q", status, got)
	}
	if errs := decodeErrors(t, got); len(errs) != 1 || errs[0] != "permission denied" {
		t.Errorf("errors %q", errs)
	}
}

func TestServe_EveryAnswer_SaysCacheControlNoStore(t *testing.T) {
	server, token := newTestServer(t)
	for _, c := range []struct{ path, token string }{
		{"/v1/sys/health", ""}, {"/v1/nomount/x", token}, {"/v1/nomount/x", ""}, {"/v1/sys/mounts", token},
	} {
		req, _ := http.NewRequest(http.MethodGet, server.URL+c.path, nil)
		req.Header.Set("X-Vault-Token", c.token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("%s: Cache-Control %q, want no-store", c.path, got)
		}
	}
}
