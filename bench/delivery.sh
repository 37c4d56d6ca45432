#!/usr/bin/env bash
# Benchmark (reported, never gating), issue 5: deliveries per second to 10,000 remote followers on
# 500 hosts with shared inboxes (peers on loopback), as a ratio of the raw RSA-2048 sign rate on the
# same cores in the same run. One local account with 10,000 remote followers (seeded with SQL: 20
# per host, each host one shared inbox) posts POSTS statuses; every post is one signed delivery per
# host. Measured: from the first post until every peer has received every delivery.
# A warm-up round of WARMUP_POSTS posts (default 20) is delivered first and not measured, so the
# figure is the compiled steady state, not the JIT's first minute on two cores.
# Usage: [PUSH_WORKERS=n] [WARMUP_POSTS=n] bench/delivery.sh [posts] [hosts] [followers]
#   (defaults: 20 500 10000; PUSH_WORKERS overrides the push queue's worker threads, 8 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
apt_install curl postgresql-client
POSTS=${1:-20}
HOSTS=${2:-500}
FOLLOWERS=${3:-10000}
[[ -x distribution/target/herd/bin/herd ]] || mvn -B -q -DskipTests install
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
source bench/lib.sh

# the peers, driven through a fifo
mkfifo "$work/peer.in"
java bench/DeliveryBench.java "$HOSTS" < "$work/peer.in" > "$work/peer.out" 2>"$work/peer.err" &
exec 3>"$work/peer.in"
ask() { local before; before=$(wc -l < "$work/peer.out"); echo "$1" >&3;
  while [[ $(wc -l < "$work/peer.out") -le $before ]]; do sleep 0.05; done; tail -n 1 "$work/peer.out"; }
read -r -a PORTS <<< "$(ask ports)"

copy_herd
printf 'rate_limit_requests=I"1000000000"\n' > "$work/herd/deploy/social.herd.web.config"
[[ -n "${PUSH_WORKERS:-}" ]] && printf "workers_push=I\"%s\"\n" "$PUSH_WORKERS" > "$work/herd/deploy/social.herd.jobs.config"
export HERD_FEDERATION_ALLOW_PRIVATE=true
start_herd
psql_herd() { psql -q -h 127.0.0.1 -p "$(cat "$work/herd/data/pg/herd.port")" -U postgres herd "$@"; }
sign_in alice
alice=$(curl -sf -H "Authorization: Bearer $token" "$base/api/v1/accounts/verify_credentials" | json id)

ports_sql=$(IFS=,; echo "${PORTS[*]}")
psql_herd <<SQL
CREATE TEMP TABLE p AS SELECT ord, port FROM unnest(ARRAY[$ports_sql]) WITH ORDINALITY AS t(port, ord);
INSERT INTO accounts (id, username, domain, uri, actor_type, created_at, updated_at)
  SELECT 9000000000000 + g, 'f' || g, '127.0.0.1:' || p.port, 'http://127.0.0.1:' || p.port || '/users/f' || g, 'Person', now(), now()
  FROM generate_series(1, $FOLLOWERS) g JOIN p ON p.ord = 1 + (g % $HOSTS);
INSERT INTO remote_actors (account_id, inbox, shared_inbox, followers, fetched_at)
  SELECT id, uri || '/inbox', 'http://' || domain || '/inbox', uri || '/followers', now() FROM accounts WHERE id BETWEEN 9000000000001 AND 9000000000000 + $FOLLOWERS;
INSERT INTO follows (id, account_id, target_account_id, created_at)
  SELECT 9000000000000 + (id - 9000000000000), id, $alice, now() FROM accounts WHERE id BETWEEN 9000000000001 AND 9000000000000 + $FOLLOWERS;
UPDATE accounts SET followers_count = $FOLLOWERS WHERE id = $alice;
SQL
echo "seeded $FOLLOWERS remote followers of alice on $HOSTS hosts"
post_all() {
  for i in $(seq 1 "$1"); do
    curl -sf -o /dev/null -X POST -H "Authorization: Bearer $token" "$base/api/v1/statuses" -d "status=bench post $i"
  done
}
WARMUP_POSTS=${WARMUP_POSTS:-20}
warm=$((WARMUP_POSTS * HOSTS))
post_all "$WARMUP_POSTS"
while (( $(ask count) < warm )); do sleep 0.1; done
echo "warm-up: $warm deliveries"
expected=$((POSTS * HOSTS))
t0=$(date +%s%N)
post_all "$POSTS"
while (( $(ask count) < warm + expected )); do sleep 0.1; done
t1=$(date +%s%N)
secs=$(python3 -c "print(($t1-$t0)/1e9)")
rate=$(python3 -c "print(round($expected/$secs))")
sign=$(ask "sign $(nproc) 10")
echo "deliveries: $expected ($POSTS posts x $HOSTS shared inboxes, $FOLLOWERS followers) in ${secs}s = $rate/s"
echo "raw RSA-2048 sign rate on $(nproc) threads: $sign/s"
python3 -c "print('ratio deliveries/sign: %.2f (target >= 0.7)' % ($rate/$sign))"
