package main

// A backend's SpecialPaths.Unauthenticated list, matched the way Vault's router does (vault/router.go LoginPath,
// parseUnauthenticatedPaths, pathMatchesWildcardPath): such a path is served without a token.
//
// The rules, as Vault applies them:
//   - An entry without '+' is exact, or a prefix when it ends in '*'. Of those entries, only the longest one that
//     is a string prefix of the path counts (a radix tree's LongestPrefix): a prefix entry then matches, an exact
//     entry matches only when it equals the path. A shorter entry never gets a second chance, so with "log/*" and
//     "log/checkpoint" declared, "log/checkpointX" is not unauthenticated.
//   - An entry with '+' is split at '/'; '+' matches any one segment, and a trailing '*' makes the last segment a
//     string prefix and allows more segments after it. These are tried when the first rule did not match.
//   - A list is refused when an entry has more than one '*', "+*", a '*' that is not last, or a '+' next to a
//     character other than '/'; Vault then fails the mount.

import (
	"fmt"
	"strings"
)

type unauthPaths struct {
	// plain maps an entry without '+' (its '*' removed) to whether it is a prefix entry.
	plain     map[string]bool
	wildcards []wildcardPath
}

type wildcardPath struct {
	segments []string
	isPrefix bool
}

func parseUnauthPaths(paths []string) (*unauthPaths, error) {
	u := &unauthPaths{plain: map[string]bool{}}
	for _, p := range paths {
		if err := checkUnauthPath(p); err != nil {
			return nil, err
		}
		isPrefix := strings.HasSuffix(p, "*")
		trimmed := strings.TrimSuffix(p, "*")
		if strings.Contains(p, "+") {
			u.wildcards = append(u.wildcards, wildcardPath{segments: strings.Split(trimmed, "/"), isPrefix: isPrefix})
			continue
		}
		u.plain[trimmed] = isPrefix // a later duplicate replaces an earlier one, as in the radix tree
	}
	return u, nil
}

func checkUnauthPath(p string) error {
	bad := func(why string) error { return fmt.Errorf("path %q: invalid use of wildcards %s", p, why) }
	switch {
	case strings.Count(p, "*") > 1:
		return bad("(multiple '*' is forbidden)")
	case strings.Contains(p, "+*"):
		return bad("('+*' is forbidden)")
	case strings.Contains(p, "*") && !strings.HasSuffix(p, "*"):
		return bad("('*' is only allowed at the end of a path)")
	}
	for i := 0; i < len(p); i++ {
		if p[i] != '+' {
			continue
		}
		if (i > 0 && p[i-1] != '/') || (i+1 < len(p) && p[i+1] != '/') {
			return bad("('+' is not allowed next to a non-slash)")
		}
	}
	return nil
}

// matches says whether remain (the request path after the mount prefix) is unauthenticated.
func (u *unauthPaths) matches(remain string) bool {
	if u == nil {
		return false
	}
	longest, found := "", false
	for entry := range u.plain {
		if strings.HasPrefix(remain, entry) && (!found || len(entry) > len(longest)) {
			longest, found = entry, true
		}
	}
	if found && (u.plain[longest] || longest == remain) {
		return true
	}
	parts := strings.Split(remain, "/")
	for _, w := range u.wildcards {
		if w.matches(parts) {
			return true
		}
	}
	return false
}

func (w wildcardPath) matches(parts []string) bool {
	if len(w.segments) == 0 || len(parts) < len(w.segments) || (!w.isPrefix && len(parts) != len(w.segments)) {
		return false
	}
	last := len(w.segments) - 1
	for i, seg := range w.segments {
		switch {
		case seg == "+", seg == parts[i]:
		case w.isPrefix && i == last && strings.HasPrefix(parts[i], seg):
		default:
			return false
		}
	}
	return true
}
