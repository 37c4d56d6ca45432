#!/usr/bin/env bash
# Benchmark (reported, never gating), issue 8: post search over 1,000,000 posts on both engines in
# the same run, and reindex throughput into each.
#   1. seeds 10,000 indexable accounts and 1M public posts (12 words each from a 5,000-word
#      vocabulary with a skewed distribution: a few very common words, many rare ones) with SQL
#   2. PostgreSQL engine: `herd search reindex` (documents/s), then 4 concurrent searchers (wrk,
#      4 connections) cycling through common, rare, two-word, phrase and exclusion queries:
#      requests/s and p99 of GET /api/v2/search?type=statuses&limit=20
#   3. restarts the same runtime and data with HERD_SEARCH_ENGINE=opensearch against a real
#      OpenSearch 3.6 node (the integ-test zip), reindexes with bulk requests (documents/s) and runs
#      the same searchers
# Targets: p99 < 100 ms at 4 searchers on either engine; reindex >= 5,000 documents/s into OpenSearch.
# Usage: bench/search.sh [seconds] [posts]   (default: 30 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
apt_install wrk curl postgresql-client unzip
SECONDS_EACH=${1:-30}
POSTS=${2:-1000000}
RUNTIME=${HERD_RUNTIME:-distribution/target/herd}
[[ -x $RUNTIME/bin/herd ]] || mvn -B -q -DskipTests install
OS_VERSION=3.6.0
OS_ZIP=$HOME/.m2/repository/org/opensearch/distribution/integ-test-zip/opensearch/$OS_VERSION/opensearch-$OS_VERSION.zip
[[ -f $OS_ZIP ]] || mvn -B -q dependency:get -Dartifact=org.opensearch.distribution.integ-test-zip:opensearch:$OS_VERSION:zip

work=$(mktemp -d)
chmod 755 "$work"
herd_pid=""; os_pid=""
trap 'kill $herd_pid $os_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
source bench/lib.sh

# --- OpenSearch: unpacked here, run as nobody (it refuses root), on the build's JDK -------------
unzip -q "$OS_ZIP" -d "$work/os"
os_home=$(ls -d "$work"/os/opensearch-*)
mkdir -p "$os_home/data" "$os_home/logs"
as_nobody=()
if [[ $(id -u) == 0 ]]; then chown -R nobody:nogroup "$work/os"; as_nobody=(setpriv --reuid=nobody --regid=nogroup --clear-groups); fi
OS_PORT=$(free_port)
env HOME=/tmp OPENSEARCH_JAVA_HOME="$JAVA_HOME" OPENSEARCH_JAVA_OPTS="-Xms1g -Xmx1g" "${as_nobody[@]}" "$os_home/bin/opensearch" \
  -E discovery.type=single-node -E http.host=127.0.0.1 -E transport.host=127.0.0.1 -E http.port="$OS_PORT" \
  -E transport.port="$(free_port)" -E path.data="$os_home/data" -E path.logs="$os_home/logs" \
  -E cluster.routing.allocation.disk.threshold_enabled=false > "$work/opensearch.log" 2>&1 &
os_pid=$!

# --- Herd on embedded defaults, PostgreSQL engine first ------------------------------------------
copy_herd
printf 'rate_limit_requests=I"1000000000"\n' > "$work/herd/deploy/social.herd.web.config"
start_herd
herd_pid=$!
sign_in reader
psql_herd() { psql -q -h 127.0.0.1 -p "$(cat "$work/herd/data/pg/herd.port")" -U postgres herd "$@"; }
echo "seeding $POSTS posts ..."
t0=$(date +%s)
psql_herd <<SQL
INSERT INTO accounts (id, username, created_at, indexable)
  SELECT 1000000 + n, 'author' || n, now(), true FROM generate_series(1, 10000) n;
INSERT INTO statuses (id, account_id, text, content, visibility, language, created_at)
  SELECT ((extract(epoch FROM t) * 1000)::bigint << 16) | (n % 65536), 1000001 + (n % 10000), words,
         '<p>' || words || '</p>', 'public', 'en', t
  FROM (SELECT n, now() - interval '120 days' + (n * interval '10 seconds') AS t,
               (SELECT string_agg('w' || floor(5000 * power(random(), 3))::int, ' ')
                  FROM generate_series(1, 12) WHERE n > 0) AS words
          FROM generate_series(1, $POSTS) n) s;
VACUUM ANALYZE statuses; ANALYZE accounts;
SQL
echo "seeded in $(( $(date +%s) - t0 )) s"

cat > "$work/queries.lua" <<'LUA'
-- 4 searchers cycle through queries of different selectivity
local queries = { "w1", "w7", "w42", "w300", "w2500", "w4999", "w3%20w12", "w10%20w200",
                  "%22w0%20w1%22", "w5%20-w6", "w99%20w100", "w1%20w2%20w3" }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/v2/search?type=statuses&limit=20&q=" .. queries[(i % #queries) + 1])
end
LUA
rps_p99() { wrk -t2 -c4 -d"${SECONDS_EACH}s" --latency -s "$work/queries.lua" "$@" | awk '/Requests\/sec/ {r=$2} /^ +99%/ {p=$2} END {print r, p}'; }

measure() { # $1 = engine name
  local out rate found
  out=$("$work/herd/bin/herd" search reindex | tail -1)
  echo "reindex into $1: $out"
  found=$(curl -sf -H "Authorization: Bearer $token" "$base/api/v2/search?type=statuses&limit=40&q=w1" \
    | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["statuses"]))')
  echo "results for 'w1' (limit 40): $found"
  wrk -t2 -c4 -d10s -s "$work/queries.lua" -H "Authorization: Bearer $token" "$base" >/dev/null  # warm-up
  read -r rps p99 < <(rps_p99 -H "Authorization: Bearer $token" "$base")
  echo "search on $1, 4 searchers: $rps req/s, p99 $p99 (target < 100 ms)"
}
measure postgresql

# --- the same runtime and data on OpenSearch -------------------------------------------------------
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$OS_PORT/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null && break; sleep 1; done
kill "$herd_pid"; wait "$herd_pid" 2>/dev/null || true
export HERD_SEARCH_ENGINE=opensearch HERD_OPENSEARCH_URL="http://127.0.0.1:$OS_PORT"
start_herd
herd_pid=$!
measure opensearch
echo "OpenSearch index: $(curl -sf "http://127.0.0.1:$OS_PORT/_cat/indices/herd-*?h=index,docs.count,store.size")"
