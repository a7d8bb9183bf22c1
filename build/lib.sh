# shellcheck shell=bash
# Shared helpers for the build scripts. Source it; do not run it.
# Everything a fresh Debian 12 machine lacks is installed here, so that CI and a new developer need nothing by hand.

set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck disable=SC2034 # read by the scripts that source this file
ARTIFACTS="$REPO_ROOT/artifacts"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Debian packages the build and the tests use: the real peers (gpg, rpm, git) and the Go toolchain with
# HashiCorp's go-plugin for the dev host.
VAULTGPG_APT_PACKAGES=(
  gnupg gpgv rpm git sq sqv
  golang-go golang-github-hashicorp-go-plugin-dev golang-google-grpc-dev golang-google-protobuf-dev
  golang-goprotobuf-dev protobuf-compiler protoc-gen-go-grpc
  # the transparency log's judge (tests/tlog-judge): Go's own sumdb/tlog and sumdb/note
  golang-golang-x-mod-dev
  # the reproducible-build gate's tests: in-toto-keygen and in-toto-run (with python3-securesystemslib) make the
  # attestations the engine reads
  in-toto
  # vaultgpg client: clang links the Native AOT executable; groovy (with a default-java link) runs the Jenkins step
  # tests; curl creates the benchmark's key.
  clang default-jre-headless groovy curl
  # build/check.sh
  shellcheck
)
# Only build/fuzz.sh installs these (fuzzing is not part of CI).
# shellcheck disable=SC2034 # read by build/fuzz.sh
VAULTGPG_FUZZ_APT_PACKAGES=(afl++)

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# ensure_apt_packages PKG...: installs the packages that are not installed yet (fast when all are present).
ensure_apt_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

ensure_dotnet() {
  command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK (dotnet) is required and not on PATH"
}

ensure_prerequisites() {
  ensure_apt_packages "${VAULTGPG_APT_PACKAGES[@]}"
  ensure_dotnet
}

# The client as a ReadyToRun single file (build/bench-startup.sh compares it with Native AOT; VAULTGPG_CLI_PUBLISH=r2r
# in build/publish.sh). A measuring variant, never shipped: without Native AOT the client needs other packages than its
# lock file lists, so this restore does not use the lock file.
publish_cli_r2r() { # output-dir
  dotnet publish "$REPO_ROOT/src/VaultGpg.Cli/VaultGpg.Cli.csproj" -c Release -r linux-x64 -p:VaultGpgCliPublishMode=r2r \
    -p:RestorePackagesWithLockFile=false -o "$1" -nologo -v quiet >&2
}
