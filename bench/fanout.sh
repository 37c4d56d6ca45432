#!/usr/bin/env bash
# Benchmarks (reported, never gating), issue 4:
#   (b) fan-out of one post into the home feeds of 10,000 and of 100,000 local followers: the time
#       from POST /api/v1/statuses until every follower's feed (a Redis sorted set) holds it. Every
#       follower is made "active" (its feed exists), the worst case: Mastodon, like Herd, only
#       writes to feeds that exist.
#   (c) POST /api/v1/statuses requests/s and p99 for an author with 100 followers (all active),
#       with wrk and a Lua script, and how long the job queue then takes to finish the fan-outs.
# Runs the runtime from distribution/target/herd with a private redis-server; seeds followers with
# SQL straight into the embedded database, as home-timeline.sh does.
# Usage: bench/fanout.sh [seconds for (c)] [follower counts for (b)...]   (defaults: 15 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
apt_install wrk curl postgresql-client redis-server redis-tools
SECONDS_POSTING=${1:-15}
shift || true
COUNTS=("${@:-10000 100000}")
read -r -a COUNTS <<< "${COUNTS[*]}"
[[ -x distribution/target/herd/bin/herd ]] || mvn -B -q -DskipTests install

work=$(mktemp -d)
trap 'redis-cli -p "${REDIS_PORT:-0}" shutdown nosave >/dev/null 2>&1 || true; kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
now_ms() { date +%s%3N; }

REDIS_PORT=$(free_port)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --dir "$work" \
  --logfile "$work/redis.log" >/dev/null
rcli() { redis-cli -p "$REDIS_PORT" "$@"; }
for _ in $(seq 1 50); do rcli ping >/dev/null 2>&1 && break; sleep 0.1; done

cp -r distribution/target/herd "$work/herd" && rm -rf "$work/herd/data/"*
printf 'rate_limit_requests=I"1000000000"\n' > "$work/herd/deploy/social.herd.web.config"
export HERD_PORT=$(free_port) HERD_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
HERD_LOG_LEVEL=warn "$work/herd/bin/herd" run > "$work/herd.log" 2>&1 &
base="http://127.0.0.1:$HERD_PORT"
for _ in $(seq 1 120); do curl -sf "$base/health/ready" >/dev/null && break; sleep 0.5; done
psql_herd() { psql -q -h 127.0.0.1 -p "$(cat "$work/herd/data/pg/herd.port")" -U postgres herd "$@"; }

password=$("$work/herd/bin/herd" accounts create author --email author@example.com --confirmed | tail -1 | sed 's/^New password: //')
app=$(curl -sf -X POST "$base/api/v1/apps" -d client_name=bench -d redirect_uris=urn:ietf:wg:oauth:2.0:oob -d 'scopes=read write')
token=$(curl -sf -X POST "$base/oauth/token" -d grant_type=password -d 'scope=read write' \
  --data-urlencode "client_id=$(echo "$app" | json client_id)" --data-urlencode "client_secret=$(echo "$app" | json client_secret)" \
  --data-urlencode username=author@example.com --data-urlencode "password=$password" | json access_token)
author=$(psql_herd -tAc "SELECT id FROM accounts WHERE username = 'author'")

# feed keys are herd:feed:<generation>:home:<account>; the generation moves only after a Redis outage
gen() { local g; g=$(rcli get herd:feed:generation); echo "${g:-0}"; }
# followers 5000001.. follow the author; each gets an existing (empty, complete) home feed
seed_followers() { # $1 = how many followers in all
  psql_herd -c "INSERT INTO accounts (id, username, created_at)
    SELECT 5000000 + n, 'fan' || n, now() FROM generate_series(1, $1) n ON CONFLICT DO NOTHING;
    INSERT INTO follows (id, account_id, target_account_id, created_at)
    SELECT 6000000 + n, 5000000 + n, $author, now() FROM generate_series(1, $1) n ON CONFLICT DO NOTHING;
    ANALYZE accounts; ANALYZE follows;" >/dev/null
  local g; g=$(gen)
  for n in $(seq 1 "$1"); do printf 'ZADD herd:feed:%s:home:%d -1 ~r\r\n' "$g" $((5000000 + n)); done | rcli --pipe >/dev/null
}
# how many of the first $1 followers' feeds hold member $2 (one Lua call, no round trip per feed)
holding() {
  rcli --raw eval "local c = 0 for n = 1, tonumber(ARGV[1]) do
      if redis.call('ZSCORE', 'herd:feed:' .. ARGV[3] .. ':home:' .. (5000000 + n), ARGV[2]) then c = c + 1 end end
      return c" 0 "$1" "$2" "$(gen)"
}

pending() { psql_herd -tAc "SELECT count(*) FROM herd_jobs WHERE type LIKE 'event.%' AND state <> 'dead'"; }

echo "== (b) fan-out of one post to N local followers (all with a feed), until every feed holds it"
for n in "${COUNTS[@]}"; do
  seed_followers "$n"
  # warm-up: posting and fan-out compiled by the JIT, then the job queue idle again
  for i in $(seq 1 30); do curl -sf -X POST -H "Authorization: Bearer $token" "$base/api/v1/statuses" -d "status=warm-up+$i" >/dev/null; done
  while (( $(pending) > 0 )); do sleep 0.2; done; sleep 1
  start=$(now_ms)
  answer=$(curl -sf -X POST -H "Authorization: Bearer $token" "$base/api/v1/statuses" -d "status=to+$n+followers")
  posted=$(now_ms)
  id=$(echo "$answer" | json id)
  member=$(printf '%019d' "$id")
  # feeds are written in follower order, so the last follower's is the last one: watch it alone
  # (a full count every few ms would compete with the fan-out for Redis), then count them all
  last="herd:feed:$(gen):home:$((5000000 + n))"
  while [[ -z "$(rcli zscore "$last" "$member")" ]]; do
    (( $(now_ms) - start > 600000 )) && { echo "fan-out to $n did not finish within 10 minutes"; break; }
    sleep 0.01
  done
  done_at=$(now_ms)
  while (( $(holding "$n" "$member") < n )); do sleep 0.05; done
  done_all=$(now_ms)
  (( done_all - done_at > 100 )) && done_at=$done_all
  echo "followers=$n  POST answered in $((posted - start)) ms  all feeds hold it after $((done_at - start)) ms"
done

echo "== (c) POST /api/v1/statuses with 100 followers (all with a feed)"
psql_herd -c "DELETE FROM follows WHERE target_account_id = $author AND account_id > 5000100" >/dev/null
cat > "$work/post.lua" <<'LUA'
-- headers passed to wrk.format replace wrk.headers (which hold -H Authorization): extend those instead
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, "/api/v1/statuses", nil, "status=bench+post+" .. n .. "+" .. math.random(1, 1000000000))
end
LUA
wrk -t2 -c16 -d5s -s "$work/post.lua" -H "Authorization: Bearer $token" "$base" >/dev/null   # warm-up
psql_herd -c "SELECT 1" >/dev/null
read -r rps p99 < <(wrk -t2 -c16 -d"${SECONDS_POSTING}s" --latency -s "$work/post.lua" -H "Authorization: Bearer $token" "$base" \
  | awk '/Requests\/sec/ {r=$2} /^ +99%/ {p=$2} END {print r, p}')
stopped=$(now_ms)
left=$(pending)
while (( $(pending) > 0 )); do (( $(now_ms) - stopped > 600000 )) && break; sleep 0.2; done
echo "POST /api/v1/statuses (100 followers each): $rps req/s, p99 $p99; $left jobs waiting at the end, all done $(( $(now_ms) - stopped )) ms later"
psql_herd -tAc "SELECT 'statuses posted: ' || count(*) FROM statuses WHERE account_id = $author"
psql_herd -tAc "SELECT 'dead jobs: ' || count(*) FROM herd_jobs WHERE state = 'dead'"
