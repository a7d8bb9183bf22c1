#!/usr/bin/env bash
# Adds the public members the build reports as undeclared (RS0016) to each tracked project's PublicAPI.Unshipped.txt,
# sorted, so that a deliberate API change is one command and one reviewed diff. Removed members (RS0017) are left
# for a person to delete from the lists: removing API is a decision, not a chore.
# Usage: build/public-api.sh
source "$(dirname "$0")/lib.sh"
ensure_dotnet
cd "$REPO_ROOT"

for project in src/VaultGpg.PluginSdk src/VaultGpg.PluginSdk.Hosting src/VaultGpg.OpenPgp; do
  unshipped="$project/PublicAPI.Unshipped.txt"
  log "$project"
  mapfile -t missing < <(
    dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly -p:WarningsAsErrors=RS0016 2>&1 |
      grep -F "$REPO_ROOT/$project/" | grep -o "RS0016: Symbol '.*' is not part of the declared" |
      sed -e "s/^RS0016: Symbol '//" -e "s/' is not part of the declared$//" | sort -u || true)
  [ "${#missing[@]}" -eq 0 ] && continue
  {
    printf '%s\n' "#nullable enable"
    { grep -v '^#nullable' "$unshipped" || true; printf '%s\n' "${missing[@]}"; } | LC_ALL=C sort -u
  } > "$unshipped.new"
  mv "$unshipped.new" "$unshipped"
  log "added ${#missing[@]} member(s) to $unshipped"
done
