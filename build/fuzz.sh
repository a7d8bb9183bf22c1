#!/usr/bin/env bash
# Coverage-guided fuzzing of the parsers with afl++ and SharpFuzz (not part of CI; build/test.sh never calls it).
# Builds the harness (tests/VaultGpg.Fuzz), writes seed corpora made by the library (and by gpg when present),
# instruments VaultGpg.OpenPgp.dll, VaultGpg.Engine.dll and BouncyCastle.Cryptography.dll (the key-ring target is a
# thin layer over BouncyCastle's parser, so its coverage is what guides that target), then runs afl-fuzz for the given
# time on each target, one after another, and prints executions, corpus size, crashes and hangs per target.
# Findings stay in artifacts/fuzz/findings/TARGET/default/{crashes,hangs}; replay one with
#   dotnet artifacts/fuzz/bin/VaultGpg.Fuzz.dll TARGET < FILE
# Usage: build/fuzz.sh [all|TARGET[,TARGET...]] [seconds per target, default 180]
#   targets: armor packet signature hashstate keyring keyimport base64
source "$(dirname "$0")/lib.sh"

TARGETS=(armor packet signature hashstate keyring keyimport base64)
SHARPFUZZ_VERSION=2.3.0
target="${1:-all}"
seconds="${2:-180}"
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || die "seconds must be a positive integer, got '$seconds'"
if [ "$target" = all ]; then
  selected=("${TARGETS[@]}")
else
  IFS=, read -r -a selected <<< "$target"
  for name in "${selected[@]}"; do
    [[ " ${TARGETS[*]} " == *" $name "* ]] || die "unknown target '$name'; one of: all ${TARGETS[*]}"
  done
fi

ensure_apt_packages "${VAULTGPG_FUZZ_APT_PACKAGES[@]}"
ensure_dotnet
fuzz="$ARTIFACTS/fuzz"
bin="$fuzz/bin"
tools="$ARTIFACTS/tools"

if [ ! -x "$tools/sharpfuzz" ]; then
  log "installing the sharpfuzz instrumentation tool $SHARPFUZZ_VERSION"
  dotnet tool install SharpFuzz.CommandLine --version "$SHARPFUZZ_VERSION" --tool-path "$tools" >&2
fi

log "publishing the fuzz harness"
rm -rf "$bin" "$fuzz/seeds"
dotnet publish "$REPO_ROOT/tests/VaultGpg.Fuzz/VaultGpg.Fuzz.csproj" -c Release -o "$bin" -nologo -v quiet >&2

log "writing seed corpora"
dotnet "$bin/VaultGpg.Fuzz.dll" seeds "$fuzz/seeds"
if command -v gpg >/dev/null 2>&1; then
  # A key as gpg writes it (its preferences, features and key-server subpackets) next to the library's own.
  gnupghome="$(mktemp -d /tmp/vgfuzz.XXXXXX)"
  trap 'gpgconf --homedir "$gnupghome" --kill all >/dev/null 2>&1 || true; rm -rf "$gnupghome"' EXIT
  gpg_batch() { gpg --homedir "$gnupghome" --batch --quiet --pinentry-mode loopback --passphrase '' "$@"; }
  gpg_batch --quick-gen-key 'Fuzz Seed <gpg-seed@example.org>' ed25519 sign,cert 1y
  gpg_batch --export > "$fuzz/seeds/keyring/gpg-public"
  gpg_batch --export-secret-keys > "$fuzz/seeds/keyring/gpg-secret"
  cp "$fuzz/seeds/keyring/gpg-public" "$fuzz/seeds/packet/gpg-public"
  cp "$fuzz/seeds/keyring/gpg-public" "$fuzz/seeds/keyring/gpg-secret" "$fuzz/seeds/keyimport/"
  printf 'data\n' | gpg_batch --armor --detach-sign > "$fuzz/seeds/armor/gpg-signature"
fi

for dll in VaultGpg.OpenPgp.dll VaultGpg.Engine.dll BouncyCastle.Cryptography.dll; do
  log "instrumenting $dll"
  "$tools/sharpfuzz" "$bin/$dll" >&2
done

# A container has no CPU frequency governor and may pipe core dumps; dotnet itself carries no afl instrumentation
# (SharpFuzz instruments the assemblies), and AFL_NO_AFFINITY keeps afl off cores other work is bound to.
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1

stat_of() { # file key
  sed -n "s/^$2 *: *//p" "$1"
}

summary=()
status=0
for name in "${selected[@]}"; do
  out="$fuzz/findings/$name"
  rm -rf "$out"
  mkdir -p "$fuzz/findings"
  log "fuzzing $name for ${seconds}s"
  stats="$out/default/fuzzer_stats"
  if ! afl-fuzz -i "$fuzz/seeds/$name" -o "$out" -V "$seconds" -t 5000 -m none \
    -- "$(command -v dotnet)" "$bin/VaultGpg.Fuzz.dll" "$name" > "$fuzz/$name.log" 2>&1 || [ ! -f "$stats" ]; then
    # e.g. the harness process died outright (out of memory on a loaded machine, or a native crash): say so, go on.
    summary+=("$(printf '%-10s afl-fuzz stopped early; see %s' "$name" "$fuzz/$name.log")")
    status=1
    continue
  fi
  [ "$(stat_of "$stats" saved_crashes)$(stat_of "$stats" saved_hangs)" = 00 ] || status=1
  summary+=("$(printf '%-10s %8ss %12s %9s %8s %8s %7s' "$name" "$(stat_of "$stats" run_time)" \
    "$(stat_of "$stats" execs_done)" "$(stat_of "$stats" execs_per_sec)" "$(stat_of "$stats" corpus_count)" \
    "$(stat_of "$stats" saved_crashes)" "$(stat_of "$stats" saved_hangs)")")
done

printf '%-10s %9s %12s %9s %8s %8s %7s\n' target time executions execs/s corpus crashes hangs
printf '%s\n' "${summary[@]}"
log "findings: $fuzz/findings/TARGET/default/{crashes,hangs}"
exit "$status"
