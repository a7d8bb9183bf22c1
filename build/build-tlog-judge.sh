#!/usr/bin/env bash
# Builds the transparency-log judge (tests/tlog-judge: Go's own sumdb/tlog and sumdb/note from Debian's
# golang-golang-x-mod-dev, GOPATH mode) into artifacts/bin/tlog-judge. The .NET tests run it; they call this script
# themselves when the binary is missing.
# Usage: build/build-tlog-judge.sh
source "$(dirname "$0")/lib.sh"
ensure_apt_packages golang-go golang-golang-x-mod-dev

export GO111MODULE=off
export GOPATH=/usr/share/gocode
export GOCACHE="$ARTIFACTS/tlog-judge/go-cache"
export GOFLAGS=
export CGO_ENABLED=0
mkdir -p "$ARTIFACTS/bin" "$GOCACHE"
cd "$REPO_ROOT/tests/tlog-judge"
go vet .
# Build beside the target and rename: test processes running in parallel may build at the same time.
tmp="$(mktemp "$ARTIFACTS/bin/.tlog-judge.XXXXXX")"
go build -trimpath -o "$tmp" .
mv -f "$tmp" "$ARTIFACTS/bin/tlog-judge"
