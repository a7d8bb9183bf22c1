#!/usr/bin/env bash
# Try the product: builds and publishes the plugin, starts the Vault-shaped dev host with it mounted at gpg/, and
# prints the environment for Vault clients (eval-able: `eval "$(build/dev.sh)"`).
# Usage: build/dev.sh [--listen 127.0.0.1:8200] [--root-token root] [--storage-file FILE] [--foreground]
#        build/dev.sh --standby-of http://127.0.0.1:8200 --storage-file FILE --listen 127.0.0.1:8210
#        build/dev.sh stop
# A standby (a performance standby: storage read-only, writes forwarded) shares the active's storage file, so start
# the active with --storage-file too. `stop` stops both.
source "$(dirname "$0")/lib.sh"

listen=127.0.0.1:8200
token=root
storage=()
foreground=0
standby=()
name=dev-host
state_dir="$ARTIFACTS/dev"

stop_dev_host() { # name
  local pid_file="$state_dir/$1.pid"
  if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    kill -TERM "$(cat "$pid_file")"
    for _ in $(seq 1 50); do kill -0 "$(cat "$pid_file")" 2>/dev/null || break; sleep 0.1; done
    log "$1 stopped"
  fi
  rm -f "$pid_file"
}

while [ $# -gt 0 ]; do
  case "$1" in
    stop) stop_dev_host dev-standby; stop_dev_host dev-host; exit 0 ;;
    --listen) listen="${2:?--listen needs ADDR}"; shift 2 ;;
    --root-token) token="${2:?--root-token needs a value}"; shift 2 ;;
    --storage-file) storage=(-storage-file "${2:?--storage-file needs FILE}"); shift 2 ;;
    --standby-of) standby=(-standby-of "${2:?--standby-of needs the active URL}"); name=dev-standby; shift 2 ;;
    --foreground) foreground=1; shift ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

if [ ${#standby[@]} -gt 0 ] && [ ${#storage[@]} -eq 0 ]; then
  die "--standby-of needs --storage-file: the storage file of the active dev host"
fi

ensure_prerequisites
"$REPO_ROOT/build/publish.sh" >&2

args=(-listen "$listen" -root-token "$token" -plugin "$ARTIFACTS/bin/vault-plugin-secrets-gpg" -mount gpg "${storage[@]}" "${standby[@]}")
if [ "$foreground" = 1 ]; then
  exec "$ARTIFACTS/bin/vault-dev-host" "${args[@]}"
fi

mkdir -p "$state_dir"
stop_dev_host "$name"
pid_file="$state_dir/$name.pid"
: > "$state_dir/$name.out"
nohup "$ARTIFACTS/bin/vault-dev-host" "${args[@]}" > "$state_dir/$name.out" 2> "$state_dir/$name.log" &
echo $! > "$pid_file"
for _ in $(seq 1 300); do
  if grep -q '^export VAULT_ADDR=' "$state_dir/$name.out"; then
    log "$name running (pid $(cat "$pid_file")), log: $state_dir/$name.log, stop: build/dev.sh stop"
    grep -m1 '^export VAULT_ADDR=' "$state_dir/$name.out"
    exit 0
  fi
  kill -0 "$(cat "$pid_file")" 2>/dev/null || { cat "$state_dir/$name.log" >&2; die "$name exited"; }
  sleep 0.1
done
die "$name did not become ready within 30 s; see $state_dir/$name.log"
