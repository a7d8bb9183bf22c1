#!/usr/bin/env bash
# Builds the Vault-shaped dev host (Go, GOPATH mode, Debian's go-plugin 1.0.1 and grpc 1.33) into
# artifacts/bin/vault-dev-host, and the test-only C2SP witness (witness/, on Debian's x/mod sumdb) into
# artifacts/testbin/tlog-witness. The Go stubs are generated from proto/ at every build into a build GOPATH under
# artifacts/devhost/ (never committed), with Debian's protoc, protoc-gen-go (1.3) and protoc-gen-go-grpc.
# Usage: build/build-devhost.sh [--test] [--no-build]
#   --test      also run the dev host's Go unit tests (go test, GOPATH mode)
#   --no-build  only generate the stubs (and run the tests with --test)
source "$(dirname "$0")/lib.sh"

run_tests=0
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --test) run_tests=1; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

# Only what the dev host needs; lib.sh's ensure_apt_packages checks with dpkg first, so this is fast when present.
ensure_apt_packages golang-go golang-github-hashicorp-go-plugin-dev golang-github-hashicorp-go-hclog-dev \
  golang-google-grpc-dev golang-google-protobuf-dev golang-goprotobuf-dev protoc-gen-go-1-3 \
  protobuf-compiler protoc-gen-go-grpc golang-golang-x-mod-dev

src="$REPO_ROOT/src/VaultGpg.DevHost"
work="$ARTIFACTS/devhost"
gopath="$work/gopath"
gen="$gopath/src"
export GO111MODULE=off
export GOPATH="$gopath:/usr/share/gocode"
export GOCACHE="$work/go-cache"
export GOFLAGS=
export CGO_ENABLED=0

generate_stubs() {
  rm -rf "$gen/vaultgpg.dev"
  mkdir -p "$gen" "$GOCACHE"
  local proto="$REPO_ROOT/proto"
  # protoc-gen-go 1.3 wants one Go package per invocation. From proto/plugin only the stdio service is needed:
  # go-plugin 1.0.1 already registers plugin.ConnInfo and plugin.Empty, and a second registration would be
  # reported on every start.
  local sets=(
    "pb/backend.proto"
    "logical/event.proto logical/identity.proto logical/plugin.proto logical/version.proto"
    "plugin/grpc_stdio.proto"
    "pluginutil/multiplexing/multiplexing.proto"
  )
  # The well-known types must be the protobuf 1.3 (APIv1) ones that Debian's grpc 1.33 and go-plugin 1.0.1 are
  # built with; /usr/include's .proto files would point protoc at the APIv2 packages instead.
  local wkt="Mgoogle/protobuf/timestamp.proto=github.com/golang/protobuf/ptypes/timestamp"
  wkt+=",Mgoogle/protobuf/struct.proto=github.com/golang/protobuf/ptypes/struct"
  wkt+=",Mgoogle/protobuf/empty.proto=github.com/golang/protobuf/ptypes/empty"
  local set
  for set in "${sets[@]}"; do
    # shellcheck disable=SC2086 # deliberate word splitting of the file list
    (cd "$proto" && protoc -I . -I /usr/include --go_out="$wkt:$gen" --go-grpc_out="$wkt:$gen" $set)
  done
}

log "generating Go stubs from proto/"
generate_stubs

cd "$src"
if [ "$build" = 1 ]; then
  log "building artifacts/bin/vault-dev-host"
  mkdir -p "$ARTIFACTS/bin"
  go build -trimpath -o "$ARTIFACTS/bin/vault-dev-host" .
  log "building artifacts/testbin/tlog-witness"
  mkdir -p "$ARTIFACTS/testbin"
  go build -trimpath -o "$ARTIFACTS/testbin/tlog-witness" ./witness
fi

if [ "$run_tests" = 1 ]; then
  log "running the dev host's Go tests"
  go vet . ./witness
  go test -count=1 . ./witness
fi
