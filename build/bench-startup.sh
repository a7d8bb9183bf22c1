#!/usr/bin/env bash
# Benchmark (not a test): start-up and shutdown of the published files (figures in README: the plugin's start-up
# paragraph and "Speed"). Prints medians with min-max.
#   1. plugin start-up: launch to handshake line on stdout, N launches each, with Vault's environment (cookie,
#      PLUGIN_PROTOCOL_VERSIONS=5, PLUGIN_CLIENT_CERT), for artifacts/bin/vault-plugin-secrets-gpg (which re-executes
#      itself once with DOTNET_EnableDiagnostics=0 before it listens) and for the host alone
#      (artifacts/testbin/vault-plugin-test-paths: the same host with a small test backend, no GPG engine)
#   2. plugin shutdown: go-plugin's Kill() as the dev host calls it when it stops (GRPCController.Shutdown, then wait
#      for the exit), from the dev host's "plugin stopped" elapsed time, N dev host runs
#   3. client start-up: one `vaultgpg gpg -bs` call (what rpmsign runs per package), start to signature, RSA-4096 key,
#      warm plugin, N calls each: the Native AOT client (artifacts/bin/vaultgpg), the ReadyToRun single file
#      (published here to artifacts/obj/vaultgpg-r2r; --no-r2r skips it) and a bare curl of the same sign request
# Usage: build/bench-startup.sh [--runs N] [--no-r2r]   (publish first: build/publish.sh)
source "$(dirname "$0")/lib.sh"

runs=9 r2r=1
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="${2:?}"; shift 2 ;;
    --no-r2r) r2r=0; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

plugin="$ARTIFACTS/bin/vault-plugin-secrets-gpg"
host_only="$ARTIFACTS/testbin/vault-plugin-test-paths"
vaultgpg="$ARTIFACTS/bin/vaultgpg"
for f in "$plugin" "$host_only" "$vaultgpg" "$ARTIFACTS/bin/vault-dev-host"; do
  [ -x "$f" ] || die "$f is missing: run build/publish.sh"
done
command -v openssl > /dev/null || die "openssl is missing"

work="$(mktemp -d /tmp/vgstart.XXXXXX)"
host_pid=""
cleanup() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null && wait "$host_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

now_ns() { date +%s%N; }
# median (min-max) of the numbers in a file, one a line, in ms with one decimal
summary() { sort -n "$1" | awk '{ v[NR] = $1 } END { printf "%.1f ms (%.1f-%.1f, n=%d)", v[int((NR + 1) / 2)], v[1], v[NR], NR }'; }
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] }'; }

# Vault's client certificate for AutoMTLS: the plugin only pins it, any valid PEM certificate does.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/vault.key" -out "$work/vault.pem" \
  -days 1 -subj /CN=localhost 2> /dev/null || die "openssl could not make a certificate"

# Launch to handshake line; the plugin is then stopped with SIGTERM and reaped.
launch_once() { # executable -> prints ms
  local fifo="$work/stdout" start line pid
  rm -f "$fifo" && mkfifo "$fifo"
  start=$(now_ns)
  env VAULT_BACKEND_PLUGIN=6669da05-b1c8-4f49-97d9-c8e5bed98e20 PLUGIN_PROTOCOL_VERSIONS=5 \
    PLUGIN_CLIENT_CERT="$(cat "$work/vault.pem")" PLUGIN_MIN_PORT=10000 PLUGIN_MAX_PORT=25000 \
    "$1" > "$fifo" 2> "$work/plugin.log" < /dev/null &
  pid=$!
  read -r line < "$fifo" || die "$1 exited without a handshake line: $(tail -3 "$work/plugin.log")"
  awk -v s="$start" -v e="$(now_ns)" 'BEGIN { printf "%.1f\n", (e - s) / 1e6 }'
  case "$line" in 1\|5\|unix\|*) ;; *) die "unexpected handshake line from $1: $line" ;; esac
  kill -TERM "$pid" && wait "$pid" 2>/dev/null
}

log "1. plugin start-up, $runs launches each"
: > "$work/start-plugin"; : > "$work/start-host"
"$plugin" > /dev/null 2>&1 || true # page the file in once, as Vault's sha256 check at each launch does
for _ in $(seq 1 "$runs"); do
  launch_once "$plugin" >> "$work/start-plugin"
  launch_once "$host_only" >> "$work/start-host"
done

start_dev_host() { # log-file
  "$ARTIFACTS/bin/vault-dev-host" -listen 127.0.0.1:0 -root-token "$token" -plugin "$plugin" -mount gpg \
    > "$work/host.out" 2> "$1" &
  host_pid=$!
  for _ in $(seq 1 300); do grep -q '^export VAULT_ADDR=' "$work/host.out" 2>/dev/null && return; sleep 0.1; done
  die "dev host did not start: $(tail -5 "$1")"
}
stop_dev_host() { kill -TERM "$host_pid" && wait "$host_pid" 2>/dev/null; host_pid=""; }

log "2. plugin shutdown (go-plugin Kill through the dev host), $runs runs"
token="bench-$RANDOM$RANDOM"
: > "$work/shutdown"
for i in $(seq 1 "$runs"); do
  start_dev_host "$work/host-$i.log"
  stop_dev_host
  # hclog line: ... plugin stopped: pid=N elapsed=42ms (or JSON with "elapsed":"42ms")
  elapsed="$(grep -o 'plugin stopped.*' "$work/host-$i.log" | grep -oE 'elapsed[":= ]+[0-9.]+(ms|s|µs)' | grep -oE '[0-9.]+(ms|s|µs)' | tail -1)"
  [ -n "$elapsed" ] || die "no 'plugin stopped' line in the dev host's log: $(tail -5 "$work/host-$i.log")"
  awk -v v="$elapsed" 'BEGIN { n = v + 0; if (v ~ /µs$/) n /= 1000; else if (v ~ /[^m]s$/) n *= 1000; printf "%.1f\n", n }' >> "$work/shutdown"
done

log "3. client start-up: dev host, key 'bench' (RSA-4096)"
start_dev_host "$work/host.log"
eval "$(grep -m1 '^export VAULT_ADDR=' "$work/host.out")"
export VAULT_ADDR VAULT_TOKEN VAULT_GPG_MOUNT=gpg
curl -sf -H "X-Vault-Token: $VAULT_TOKEN" -X POST -d '{"key_type":"rsa","key_bits":4096,"real_name":"Bench Vault"}' \
  "$VAULT_ADDR/v1/gpg/keys/bench" > /dev/null || die "creating the Vault key failed: $(tail -5 "$work/host.log")"
head -c 2000 /dev/urandom > "$work/header.bin"
printf '{"input":"%s"}' "$(base64 -w0 < "$work/header.bin")" > "$work/sign.json"

one_call() { # label command... (stdin: the header) -> appends ms to $work/client-label
  local label="$1" start; shift
  start=$(now_ns)
  "$@" < "$work/header.bin" > /dev/null || die "$label: the signing call failed"
  awk -v s="$start" -v e="$(now_ns)" 'BEGIN { printf "%.1f\n", (e - s) / 1e6 }' >> "$work/client-$label"
}
clients=(aot)
r2r_bin="$ARTIFACTS/obj/vaultgpg-r2r/vaultgpg"
if [ "$r2r" = 1 ]; then
  log "3. publishing the ReadyToRun single-file client to artifacts/obj/vaultgpg-r2r"
  publish_cli_r2r "$ARTIFACTS/obj/vaultgpg-r2r"
  clients+=(r2r)
fi
client_runs=$((runs * 3))
log "3. one signing call, $client_runs each (after one warm-up call each)"
curl_sign() { curl -sf -H "X-Vault-Token: $VAULT_TOKEN" -X POST --data-binary @"$work/sign.json" "$VAULT_ADDR/v1/gpg/sign/bench"; }
for label in "${clients[@]}" curl; do : > "$work/client-$label"; done
"$vaultgpg" gpg --no-verbose --no-armor -u bench -sbo - -- - < "$work/header.bin" > /dev/null
[ "$r2r" = 1 ] && "$r2r_bin" gpg --no-verbose --no-armor -u bench -sbo - -- - < "$work/header.bin" > /dev/null
for _ in $(seq 1 "$client_runs"); do
  one_call aot "$vaultgpg" gpg --no-verbose --no-armor -u bench -sbo - -- -
  [ "$r2r" = 1 ] && one_call r2r "$r2r_bin" gpg --no-verbose --no-armor -u bench -sbo - -- -
  one_call curl curl_sign
done
stop_dev_host

size_mb() { du -m "$1" | cut -f1; }
cat <<REPORT

== start-up and shutdown: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end ==
plugin launch to handshake line   $(summary "$work/start-plugin")   vault-plugin-secrets-gpg, $(size_mb "$plugin") MB
host alone (test backend)         $(summary "$work/start-host")   vault-plugin-test-paths, $(size_mb "$host_only") MB
plugin Shutdown call to exit      $(summary "$work/shutdown")   (go-plugin Kill through the dev host)
one vaultgpg gpg -bs call         $(summary "$work/client-aot")   Native AOT, $(size_mb "$vaultgpg") MB
REPORT
if [ "$r2r" = 1 ]; then
  echo "                                  $(summary "$work/client-r2r")   ReadyToRun single file, $(size_mb "$r2r_bin") MB"
fi
echo "bare curl of the sign request     $(summary "$work/client-curl")"
echo "AOT client over curl              +$(awk -v a="$(median "$work/client-aot")" -v c="$(median "$work/client-curl")" 'BEGIN { printf "%.1f", a - c }') ms (medians)"
