#!/usr/bin/env bash
# Which .NET runtime patch the published files carry, against the one build/RuntimePatch.props pins: for a
# single file (the plugin, the ReadyToRun client) the runtime packs its bundled deps.json names, for the Native AOT
# client the version its framework was built as (the "10.0.N+commit" string compiled into it), shown but not held to
# the pin (the registry has no newer NativeAOT runtime pack, see build/RuntimePatch.props).
# Usage: build/runtime-version.sh [FILE...]   (default: artifacts/bin/vault-plugin-secrets-gpg and artifacts/bin/vaultgpg)
# Exit 1 when a file carries another patch than the pinned one.
source "$(dirname "$0")/lib.sh"

pinned="$(sed -n 's:.*<VaultGpgRuntimePatch>\(.*\)</VaultGpgRuntimePatch>.*:\1:p' "$REPO_ROOT/build/RuntimePatch.props")"
[ -n "$pinned" ] || die "no VaultGpgRuntimePatch in build/RuntimePatch.props"
[ $# -gt 0 ] || set -- "$ARTIFACTS/bin/vault-plugin-secrets-gpg" "$ARTIFACTS/bin/vaultgpg"

status=0
for file in "$@"; do
  [ -f "$file" ] || die "$file is missing: run build/publish.sh"
  packs="$(grep -a -o -E 'runtimepack\.Microsoft\.[A-Za-z.]+\.Runtime\.linux-x64/[0-9]+\.[0-9]+\.[0-9]+' "$file" | sort -u | sed 's/^runtimepack\.//' || true)"
  if [ -z "$packs" ]; then
    # Native AOT: no deps.json; the framework's informational version (same major.minor as the pin), the most
    # frequent one in the file (every framework assembly compiled in carries it).
    packs="Native AOT runtime/$(grep -a -o -E "${pinned%.*}\.[0-9]+\+[0-9a-f]{40}" "$file" | sort | uniq -c | sort -rn | awk 'NR == 1 { sub(/\+.*/, "", $2); print $2 }' || true)"
  fi
  while IFS= read -r pack; do
    version="${pack##*/}"
    mark="ok"
    if [ "${pack%%/*}" = "Native AOT runtime" ]; then
      mark="Native AOT keeps the SDK's patch, see build/RuntimePatch.props"
    elif [ "$version" != "$pinned" ]; then
      mark="NOT the pinned $pinned"; status=1
    fi
    printf '%s: %s (%s)\n' "$(basename "$file")" "$pack" "$mark"
  done <<< "$packs"
done
exit "$status"
