#!/usr/bin/env bash
# Source checks that need no build: C# whitespace and layout (dotnet format), Go formatting (gofmt -l) and the shell
# scripts (shellcheck). build/test.sh runs it first; run it alone before a commit. Exits non-zero on any finding.
# Code style and analyzer rules are not re-run here: the build enforces them (EnforceCodeStyleInBuild and warnings
# as errors in Directory.Build.props), and `dotnet format style` would compile the solution a second time.
# Usage: build/check.sh [--fix]   (--fix rewrites C# and Go files in place instead of failing)
source "$(dirname "$0")/lib.sh"
ensure_prerequisites
cd "$REPO_ROOT"

fix=0
[ "${1:-}" = --fix ] && fix=1
status=0

log "dotnet format whitespace"
if [ "$fix" = 1 ]; then
  dotnet format whitespace --folder -v q
else
  dotnet format whitespace --folder --verify-no-changes -v q || status=1
fi

log "gofmt"
mapfile -t go_files < <(git ls-files '*.go')
if [ "${#go_files[@]}" -gt 0 ]; then
  if [ "$fix" = 1 ]; then
    gofmt -w "${go_files[@]}"
  else
    unformatted=$(gofmt -l "${go_files[@]}")
    if [ -n "$unformatted" ]; then
      printf 'not gofmt-formatted:\n%s\n' "$unformatted" >&2
      status=1
    fi
  fi
fi

log "shellcheck"
mapfile -t scripts < <(git ls-files 'build/*.sh' build/gpg-shim)
shellcheck --external-sources --source-path=build "${scripts[@]}" || status=1

[ "$status" -eq 0 ] || log "source checks FAILED (build/check.sh --fix repairs formatting)"
exit "$status"
