#!/usr/bin/env bash
# Publishes what users run and what the integration tests run (the same files):
#   artifacts/bin/vault-plugin-secrets-gpg         self-contained single-file linux-x64 plugin executable
#   artifacts/bin/vault-plugin-secrets-gpg.sha256  its SHA-256, for `vault plugin register -sha256=...`
#   artifacts/bin/vault-dev-host                   the Vault-shaped dev host (Go, on HashiCorp's go-plugin)
#   artifacts/testbin/vault-plugin-test-paths      test-only plugin with a framework test path set (never shipped)
#   artifacts/testbin/tlog-witness                 test-only C2SP tlog witness (Go, built with the dev host)
# Usage: build/publish.sh
source "$(dirname "$0")/lib.sh"
ensure_prerequisites

# The projects say how they publish for a runtime (self-contained, single file): a property given here would apply to
# every project they reference and change what those restore, which their lock files would not show.
publish_single_file() { # project output-dir
  dotnet publish "$REPO_ROOT/$1" -c Release -r linux-x64 -o "$2" -nologo -v quiet >&2
}

log "publishing the plugin"
publish_single_file src/VaultGpg.Plugin/VaultGpg.Plugin.csproj "$ARTIFACTS/bin"
(cd "$ARTIFACTS/bin" && sha256sum vault-plugin-secrets-gpg | cut -d' ' -f1 > vault-plugin-secrets-gpg.sha256)

log "publishing the test-only plugin"
publish_single_file tests/VaultGpg.TestPlugin/VaultGpg.TestPlugin.csproj "$ARTIFACTS/testbin"

log "building the dev host"
"$REPO_ROOT/build/build-devhost.sh" >&2

log "published: $ARTIFACTS/bin/vault-plugin-secrets-gpg (sha256 $(cat "$ARTIFACTS/bin/vault-plugin-secrets-gpg.sha256"))"

# ---- vaultgpg client (issue 5) ------------------------------------------------------------------------------------
#   artifacts/bin/vaultgpg   the signing client and gpg-compatible mode (build/gpg-shim runs it)
# Native AOT: rpmsign starts it once per package, and one signing call starts an order of magnitude faster with AOT than
# as a ReadyToRun single file (build/bench-startup.sh measures both; figures in README, "Speed").
# VAULTGPG_CLI_PUBLISH=r2r publishes the single file instead.
log "publishing vaultgpg"
if [ "${VAULTGPG_CLI_PUBLISH:-aot}" = r2r ]; then
  publish_cli_r2r "$ARTIFACTS/obj/vaultgpg-r2r"
  install -m 0755 "$ARTIFACTS/obj/vaultgpg-r2r/vaultgpg" "$ARTIFACTS/bin/vaultgpg"
else
  dotnet publish "$REPO_ROOT/src/VaultGpg.Cli/VaultGpg.Cli.csproj" -c Release -r linux-x64 \
    -o "$ARTIFACTS/obj/vaultgpg-aot" -nologo -v quiet >&2
  install -m 0755 "$ARTIFACTS/obj/vaultgpg-aot/vaultgpg" "$ARTIFACTS/bin/vaultgpg"
fi
