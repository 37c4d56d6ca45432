#!/usr/bin/env bash
# Benchmark (reported, never gating), issue 4 (a): GET /api/v1/timelines/home?limit=20 for a user
# following 200 accounts, with 1,000,000 posts in the table, requests/s and p99, as a ratio of
# GET /api/v1/instance in the same run. Two data shapes:
#   active - the followed accounts post among everybody else
#   silent - the followed accounts last posted months ago; every recent post is by others (the
#            case where "account_id IN (followees) ORDER BY id DESC LIMIT 20" takes seconds)
# Seeds with SQL straight into the embedded database (1M rows in seconds); reads through the API.
# Modes: "sql" - no Redis: every page is read from PostgreSQL (the per-followee query);
#        "redis" - with Redis: pages come from the reader's home feed (a sorted set, rebuilt from
#                  PostgreSQL on the first read after seeding), then are checked and rendered.
# Usage: bench/home-timeline.sh [seconds] [sql|redis|both]   (default: 15 both)
#        HERD_RUNTIME=/other/herd bench/home-timeline.sh ...  to measure another build of the runtime
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
apt_install wrk curl postgresql-client
SECONDS_EACH=${1:-15}
MODES=${2:-both}
[[ $MODES == both ]] && MODES="sql redis"
[[ $MODES == *redis* ]] && apt_install redis-server redis-tools
RUNTIME=${HERD_RUNTIME:-distribution/target/herd}
[[ -x $RUNTIME/bin/herd ]] || mvn -B -q -DskipTests install

work=$(mktemp -d)
trap 'redis-cli -p "${REDIS_PORT:-0}" shutdown nosave >/dev/null 2>&1 || true; kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }

for mode in $MODES; do
echo "== mode: $mode"
unset HERD_REDIS_URL
if [[ $mode == redis ]]; then
  REDIS_PORT=$(free_port)
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --dir "$work" \
    --logfile "$work/redis.log" >/dev/null
  for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  export HERD_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
fi
rm -rf "$work/herd" && cp -r "$RUNTIME" "$work/herd" && rm -rf "$work/herd/data/"*
printf 'rate_limit_requests=I"1000000000"\n' > "$work/herd/deploy/social.herd.web.config"
export HERD_PORT=$(free_port)
HERD_LOG_LEVEL=warn "$work/herd/bin/herd" run > "$work/herd.log" 2>&1 &
herd_pid=$!
base="http://127.0.0.1:$HERD_PORT"
for _ in $(seq 1 120); do curl -sf "$base/health/ready" >/dev/null && break; sleep 0.5; done
psql_herd() { psql -q -h 127.0.0.1 -p "$(cat "$work/herd/data/pg/herd.port")" -U postgres herd "$@"; }

password=$("$work/herd/bin/herd" accounts create reader --email reader@example.com --confirmed | tail -1 | sed 's/^New password: //')
app=$(curl -sf -X POST "$base/api/v1/apps" -d client_name=bench -d redirect_uris=urn:ietf:wg:oauth:2.0:oob -d scopes=read)
token=$(curl -sf -X POST "$base/oauth/token" -d grant_type=password -d scope=read \
  --data-urlencode "client_id=$(echo "$app" | json client_id)" --data-urlencode "client_secret=$(echo "$app" | json client_secret)" \
  --data-urlencode username=reader@example.com --data-urlencode "password=$password" | json access_token)
reader=$(psql_herd -tAc "SELECT id FROM accounts WHERE username = 'reader'")

seed() { # $1 = active|silent
  psql_herd <<SQL
TRUNCATE statuses CASCADE;
DELETE FROM follows WHERE account_id = $reader;
DELETE FROM accounts WHERE username LIKE 'bench%';
-- 10,000 accounts; the reader follows the first 200
INSERT INTO accounts (id, username, created_at)
  SELECT 1000000 + n, 'bench' || n, now() FROM generate_series(1, 10000) n;
INSERT INTO follows (id, account_id, target_account_id, created_at)
  SELECT 2000000 + n, $reader, 1000000 + n, now() FROM generate_series(1, 200) n;
-- 1,000,000 public posts, time-sortable ids (millis << 16 | n), newest last
INSERT INTO statuses (id, account_id, text, content, visibility, created_at)
  SELECT ((extract(epoch FROM t) * 1000)::bigint << 16) | (n % 65536),
         CASE WHEN '$1' = 'silent' AND n > 5000 THEN 1000201 + (n % 9800)  -- recent posts: strangers only
              ELSE 1000001 + (n % 10000) END,
         'post ' || n, '<p>post ' || n || '</p>', 'public', t
  FROM (SELECT n, now() - interval '120 days' + (n * interval '10 seconds') AS t FROM generate_series(1, 1000000) n) s;
-- as a live database would be: vacuumed (visibility map set), not in the middle of the bulk load's autovacuum
VACUUM ANALYZE statuses; ANALYZE follows;
SQL
}

rps_p99() { wrk -t2 -c32 -d"${SECONDS_EACH}s" --latency "$@" | awk '/Requests\/sec/ {r=$2} /^ +99%/ {p=$2} END {print r, p}'; }
wrk -t2 -c32 -d20s "$base/api/v1/instance" >/dev/null   # warm-up
read -r inst inst_p99 < <(rps_p99 "$base/api/v1/instance")
echo "GET /api/v1/instance: $inst req/s, p99 $inst_p99"
for shape in active silent; do
  seed "$shape" >/dev/null
  if [[ $mode == redis ]]; then
    # the seeded rows bypassed fan-out: drop the feed, let the first read rebuild it, wait for that
    g=$(redis-cli -p "$REDIS_PORT" get herd:feed:generation); feed="herd:feed:${g:-0}:home:$reader"
    redis-cli -p "$REDIS_PORT" del "$feed" >/dev/null
    curl -sf -H "Authorization: Bearer $token" "$base/api/v1/timelines/home?limit=20" >/dev/null
    for _ in $(seq 1 100); do
      [[ $(redis-cli -p "$REDIS_PORT" zscore "$feed" "~t")$(redis-cli -p "$REDIS_PORT" zscore "$feed" "~r") ]] && break
      sleep 0.1
    done
    echo "feed of the reader: $(( $(redis-cli -p "$REDIS_PORT" zcard "$feed") - 1 )) entries"
  fi
  items=$(curl -sf -H "Authorization: Bearer $token" "$base/api/v1/timelines/home?limit=20" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
  wrk -t2 -c32 -d5s -H "Authorization: Bearer $token" "$base/api/v1/timelines/home?limit=20" >/dev/null
  read -r home home_p99 < <(rps_p99 -H "Authorization: Bearer $token" "$base/api/v1/timelines/home?limit=20")
  echo "home ($mode, $shape followees, $items items): $home req/s, p99 $home_p99"
  awk -v h="$home" -v i="$inst" -v s="$shape" 'BEGIN { printf "ratio home(%s)/instance: %.2f (target >= 0.3, p99 < 20 ms)\n", s, h / i }'
done
kill "$herd_pid"; wait "$herd_pid" 2>/dev/null || true
[[ $mode == redis ]] && redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
done
