#!/usr/bin/env bash
# Try the product: builds and publishes the plugin, starts the Vault-shaped dev host with it mounted at gpg/, and
# prints the environment for Vault clients (eval-able: `eval "$(build/dev.sh)"`).
# Usage: build/dev.sh [--listen 127.0.0.1:8200] [--root-token root] [--storage-file FILE] [--foreground]
#        build/dev.sh stop
source "$(dirname "$0")/lib.sh"

listen=127.0.0.1:8200
token=root
storage=()
foreground=0
state_dir="$ARTIFACTS/dev"
pid_file="$state_dir/dev-host.pid"

stop_dev_host() {
  if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    kill -TERM "$(cat "$pid_file")"
    for _ in $(seq 1 50); do kill -0 "$(cat "$pid_file")" 2>/dev/null || break; sleep 0.1; done
    log "dev host stopped"
  fi
  rm -f "$pid_file"
}

while [ $# -gt 0 ]; do
  case "$1" in
    stop) stop_dev_host; exit 0 ;;
    --listen) listen="${2:?--listen needs ADDR}"; shift 2 ;;
    --root-token) token="${2:?--root-token needs a value}"; shift 2 ;;
    --storage-file) storage=(-storage-file "${2:?--storage-file needs FILE}"); shift 2 ;;
    --foreground) foreground=1; shift ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

ensure_prerequisites
"$REPO_ROOT/build/publish.sh" >&2

args=(-listen "$listen" -root-token "$token" -plugin "$ARTIFACTS/bin/vault-plugin-secrets-gpg" -mount gpg "${storage[@]}")
if [ "$foreground" = 1 ]; then
  exec "$ARTIFACTS/bin/vault-dev-host" "${args[@]}"
fi

mkdir -p "$state_dir"
stop_dev_host
: > "$state_dir/dev-host.out"
nohup "$ARTIFACTS/bin/vault-dev-host" "${args[@]}" > "$state_dir/dev-host.out" 2> "$state_dir/dev-host.log" &
echo $! > "$pid_file"
for _ in $(seq 1 300); do
  if grep -q '^export VAULT_ADDR=' "$state_dir/dev-host.out"; then
    log "dev host running (pid $(cat "$pid_file")), log: $state_dir/dev-host.log, stop: build/dev.sh stop"
    grep -m1 '^export VAULT_ADDR=' "$state_dir/dev-host.out"
    exit 0
  fi
  kill -0 "$(cat "$pid_file")" 2>/dev/null || { cat "$state_dir/dev-host.log" >&2; die "dev host exited"; }
  sleep 0.1
done
die "dev host did not become ready within 30 s; see $state_dir/dev-host.log"
