#!/usr/bin/env bash
# Report (never gating), issue 9: start-to-ready time and resident memory (RSS) of each role.
# Starts one `all` node on the embedded PostgreSQL, then one node per role (web, worker,
# streaming) against that database, one after the other, each from its own copy of the runtime;
# RSS is read from /proc 10 s after the node is ready (JVM options of bin/herd: -Xmx512m, serial GC).
# Usage: bench/roles.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
apt_install curl python3
RUNTIME=${HERD_RUNTIME:-distribution/target/herd}
[[ -x $RUNTIME/bin/herd ]] || mvn -B -q -DskipTests install
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rss_mib() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

start_node() { # $1 = name; environment as exported by the caller; sets pid, port, ready_s
  rm -rf "$work/$1"; cp -r "$RUNTIME" "$work/$1"; rm -rf "$work/$1/data/"*
  port=$(free_port)
  local t0=$(date +%s.%N)
  HERD_PORT=$port HERD_LOG_LEVEL=warn "$work/$1/bin/herd" run > "$work/$1.log" 2>&1 &
  pid=$!; pids+=("$pid")
  for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.1; done
  ready_s=$(python3 -c "import time; print(f'{time.time() - $t0:.1f}')")
}

printf '%-22s %14s %10s\n' role "ready after s" "RSS MiB"
start_node all
sleep 10
printf '%-22s %14s %10s\n' "all (embedded PG)" "$ready_s" "$(rss_mib "$pid")"
export HERD_DB_URL="jdbc:postgresql://127.0.0.1:$(cat "$work/all/data/pg/herd.port")/herd" HERD_DB_USER=postgres
for role in web worker streaming worker,streaming; do
  HERD_ROLE=$role start_node "${role/,/-}"
  sleep 10
  printf '%-22s %14s %10s\n' "$role" "$ready_s" "$(rss_mib "$pid")"
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
