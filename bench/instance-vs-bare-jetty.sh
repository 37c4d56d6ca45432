#!/usr/bin/env bash
# Benchmark (reported, never gating): requests/s of GET /api/v1/instance through the whole
# OSGi + Jersey + Jackson stack, as a ratio of a bare Jetty handler serving the same bytes,
# measured in the same run with wrk on loopback. Usage: bench/instance-vs-bare-jetty.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
apt_install wrk curl
SECONDS_EACH=${1:-15}
[[ -x distribution/target/herd/bin/herd ]] || mvn -B -q -DskipTests install

work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

cp -r distribution/target/herd "$work/herd" && rm -rf "$work/herd/data/"*
# The benchmark measures the stack, not the rate limiter's refusal: lift the per-IP limit.
printf 'rate_limit_requests=I"1000000000"\n' > "$work/herd/deploy/social.herd.web.config"
HERD_PORT=$(free_port)
HERD_PORT=$HERD_PORT HERD_LOG_LEVEL=warn "$work/herd/bin/herd" run > "$work/herd.log" 2>&1 &
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$HERD_PORT/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$HERD_PORT/api/v1/instance" > "$work/instance.json"

BARE_PORT=$(free_port)
CP="$work/herd/system/5/org.apache.felix.http.jetty12-1.1.8.jar:$work/herd/system/5/org.apache.felix.http.servlet-api-6.1.0.jar:$work/herd/lib/slf4j-api.jar"
"$JAVA_HOME/bin/java" -Xmx256m -cp "$CP" bench/BareJetty.java "$BARE_PORT" "$work/instance.json" > "$work/bare.log" 2>&1 &
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$BARE_PORT/" >/dev/null && break; sleep 0.5; done

rps() { wrk -t2 -c32 -d"${SECONDS_EACH}s" "$1" | awk '/Requests\/sec/ {print $2}'; }
wrk -t2 -c32 -d20s "http://127.0.0.1:$HERD_PORT/api/v1/instance" >/dev/null  # warm-up: C2 needs ~15 s here
wrk -t2 -c32 -d10s "http://127.0.0.1:$BARE_PORT/" >/dev/null
herd=$(rps "http://127.0.0.1:$HERD_PORT/api/v1/instance")
bare=$(rps "http://127.0.0.1:$BARE_PORT/")
echo "bytes per response: $(wc -c < "$work/instance.json")"
echo "herd /api/v1/instance requests/s: $herd"
echo "bare jetty same bytes requests/s: $bare"
awk -v h="$herd" -v b="$bare" 'BEGIN { printf "ratio herd/bare: %.2f (target >= 0.5)\n", h / b }'
