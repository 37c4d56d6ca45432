#!/usr/bin/env bash
# Benchmark (reported, never gating), issue 5: signed inbox POSTs verified and accepted (durably
# queued for ingress) per second, as a ratio of the raw RSA-2048 verify rate on the same cores in
# the same run. The sender (bench/InboxBench.java) runs on the same machine and signs every request
# before the clock starts; each request is a Like with its own id and signature.
# Usage: [INGRESS_WORKERS=n] bench/inbox.sh [warm-up seconds] [requests] [concurrency]   (defaults: 60 30000 64)
# INGRESS_WORKERS=0 leaves the accepted activities queued (nothing applies them during the run),
# to see the accept path alone; by default the two ingress workers apply them meanwhile.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
apt_install curl
WARMUP=${1:-60}
COUNT=${2:-30000}
CONCURRENCY=${3:-64}
[[ -x distribution/target/herd/bin/herd ]] || mvn -B -q -DskipTests install
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
source bench/lib.sh
copy_herd
[[ -n "${INGRESS_WORKERS:-}" ]] && printf "workers_ingress=I\"%s\"\n" "$INGRESS_WORKERS" > "$work/herd/deploy/social.herd.jobs.config"
export HERD_FEDERATION_ALLOW_PRIVATE=true HERD_FEDERATION_INBOX_RATE=10000000
start_herd
sign_in alice
uri=$(curl -sf -X POST -H "Authorization: Bearer $token" "$base/api/v1/statuses" -d "status=like me" | json uri)
java bench/InboxBench.java "http://localhost:$HERD_PORT" "$uri" "$WARMUP" "$COUNT" "$CONCURRENCY"
grep -c "level=ERROR" "$work/herd.log" | xargs -I{} echo "server errors logged: {}"
