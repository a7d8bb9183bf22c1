#!/usr/bin/env bash
# Records a deliberate public API change in each tracked project's PublicAPI.Unshipped.txt, sorted, so that it is one
# command and one reviewed diff: members the build reports as undeclared (RS0016) are added, shipped members it no
# longer finds (RS0017) are marked *REMOVED*, the analyzer's own notation for a breaking removal.
# Usage: build/public-api.sh
source "$(dirname "$0")/lib.sh"
ensure_dotnet
cd "$REPO_ROOT"

for project in src/VaultGpg.PluginSdk src/VaultGpg.PluginSdk.Hosting src/VaultGpg.OpenPgp; do
  unshipped="$project/PublicAPI.Unshipped.txt"
  log "$project"
  mapfile -t missing < <(
    dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly 2>&1 | grep -F "$REPO_ROOT/$project/" |
      sed -n -e "s/.*RS0016: Symbol '\(.*\)' is not part of the declared.*/\1/p" \
        -e "s/.*RS0017: Symbol '\(.*\)' is part of the declared API, but .*/*REMOVED*\1/p" | sort -u || true)
  [ "${#missing[@]}" -eq 0 ] && continue
  {
    printf '%s\n' "#nullable enable"
    { grep -v '^#nullable' "$unshipped" || true; printf '%s\n' "${missing[@]}"; } | LC_ALL=C sort -u
  } > "$unshipped.new"
  mv "$unshipped.new" "$unshipped"
  log "added ${#missing[@]} member(s) to $unshipped"
done
