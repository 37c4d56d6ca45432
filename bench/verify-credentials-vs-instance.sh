#!/usr/bin/env bash
# Benchmark (reported, never gating): requests/s of GET /api/v1/accounts/verify_credentials with a
# valid bearer token, as a ratio of GET /api/v1/instance, same server, same run, wrk on loopback.
# Token verification must not touch the password KDF (tokens are SHA-256 hashed and cached), so
# the ratio shows what authentication plus one account read cost.
# Usage: bench/verify-credentials-vs-instance.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
apt_install wrk curl
SECONDS_EACH=${1:-15}
[[ -x distribution/target/herd/bin/herd ]] || mvn -B -q -DskipTests install

work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }

cp -r distribution/target/herd "$work/herd" && rm -rf "$work/herd/data/"*
printf 'rate_limit_requests=I"1000000000"\n' > "$work/herd/deploy/social.herd.web.config"
export HERD_PORT=$(free_port)
HERD_LOG_LEVEL=warn "$work/herd/bin/herd" run > "$work/herd.log" 2>&1 &
base="http://127.0.0.1:$HERD_PORT"
for _ in $(seq 1 120); do curl -sf "$base/health/ready" >/dev/null && break; sleep 0.5; done

password=$("$work/herd/bin/herd" accounts create bench --email bench@example.com --confirmed | tail -1 | sed 's/^New password: //')
app=$(curl -sf -X POST "$base/api/v1/apps" -d client_name=bench -d redirect_uris=urn:ietf:wg:oauth:2.0:oob -d scopes=read)
token=$(curl -sf -X POST "$base/oauth/token" -d grant_type=password -d scope=read \
  --data-urlencode "client_id=$(echo "$app" | json client_id)" --data-urlencode "client_secret=$(echo "$app" | json client_secret)" \
  --data-urlencode username=bench@example.com --data-urlencode "password=$password" | json access_token)
curl -sf -H "Authorization: Bearer $token" "$base/api/v1/accounts/verify_credentials" > /dev/null

rps() { wrk -t2 -c32 -d"${SECONDS_EACH}s" "$@" | awk '/Requests\/sec/ {print $2}'; }
wrk -t2 -c32 -d20s "$base/api/v1/instance" >/dev/null   # warm-up: C2 needs ~15 s here
wrk -t2 -c32 -d10s -H "Authorization: Bearer $token" "$base/api/v1/accounts/verify_credentials" >/dev/null
instance=$(rps "$base/api/v1/instance")
verify=$(rps -H "Authorization: Bearer $token" "$base/api/v1/accounts/verify_credentials")
echo "GET /api/v1/instance requests/s: $instance"
echo "GET /api/v1/accounts/verify_credentials requests/s: $verify"
awk -v v="$verify" -v i="$instance" 'BEGIN { printf "ratio verify_credentials/instance: %.2f\n", v / i }'
