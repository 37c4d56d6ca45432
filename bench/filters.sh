#!/usr/bin/env bash
# Benchmark (reported, never gating), issue 6: POST /api/v1/statuses requests/s with every shipped
# filter plugin installed (keywords with 50 entries, mention-flood, domain-policy, link-spam), as a
# ratio of posting with no filter, in the same run: after a warm-up (WARMUP seconds, default 60),
# rounds alternate none, all, none, all, none (installing and removing the plugins in between), so
# drift of the machine falls on both sides; the ratio is mean(all) / mean(none). The first rounds
# still run while the warm-up's fan-out jobs drain: compare the later ones for the steady state. Posts are ordinary ones (no link, no mention, none of
# the words), so every filter runs in full and lets the post through, as for most real posts.
# Usage: bench/filters.sh [seconds per round]   (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
apt_install wrk curl
SECONDS_ROUND=${1:-20}
[[ -x distribution/target/herd/bin/herd ]] || mvn -B -q -DskipTests install
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
source bench/lib.sh
copy_herd
printf 'rate_limit_requests=I"1000000000"\n' > "$work/herd/deploy/social.herd.web.config"
start_herd
sign_in poster

cat > "$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, "/api/v1/statuses", nil, "status=an+ordinary+post+about+the+weather+" .. n .. "+" .. math.random(1, 1000000000))
end
LUA
round() { # $1 = label; prints requests/s
  wrk -t2 -c16 -d5s -s "$work/post.lua" -H "Authorization: Bearer $token" "$base" >/dev/null   # warm-up
  wrk -t2 -c16 -d"${SECONDS_ROUND}s" -s "$work/post.lua" -H "Authorization: Bearer $token" "$base" \
    | awk -v l="$1" '/Requests\/sec/ {print $2; printf "  %-5s %s req/s\n", l, $2 > "/dev/stderr"}'
}
probe() { curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $token" "$base/api/v1/statuses" -d "status=benchforbidden"; }

install_all() {
  for p in keywords mention-flood domain-policy link-spam; do
    cp "plugins/filter-$p/target/herd-plugin-filter-$p-"*.jar "$work/herd/deploy/$p.jar"
  done
  for _ in $(seq 1 100); do [[ "$(probe)" == 422 ]] && break; sleep 0.2; done
  [[ "$(probe)" == 422 ]] || { echo "the filter plugins did not start" >&2; exit 1; }
  sleep 2   # let FileInstall finish starting the other three
}
remove_all() {
  rm -f "$work/herd/deploy/"{keywords,mention-flood,domain-policy,link-spam}.jar
  for _ in $(seq 1 100); do [[ "$(probe)" == 200 ]] && break; sleep 0.2; done
  sleep 2
}
words=$(python3 -c 'import json; print(json.dumps(["benchforbidden"] + ["spamword%d" % i for i in range(40)] + ["/fr[e3]{2} m[o0]ney %d/" % i for i in range(9)]))')
printf 'reject=%s\nhold=["giveaway"]\nwarn=["election"]\n' "$words" > "$work/herd/deploy/social.herd.filter.keywords.config"
printf 'reject=["spam.example"]\nmedia_nsfw=["lewd.example"]\nfederated_timeline_removal=["loud.example"]\n' \
  > "$work/herd/deploy/social.herd.filter.domain_policy.config"

wrk -t2 -c16 -d"${WARMUP:-60}s" -s "$work/post.lua" -H "Authorization: Bearer $token" "$base" >/dev/null   # JIT and pools warm
results=()
for kind in none all none all none; do
  [[ $kind == all ]] && install_all
  results+=("$kind=$(round "$kind")")
  [[ $kind == all ]] && remove_all
done
python3 - "${results[@]}" <<'PY'
import sys
rounds = [(k, float(v)) for k, v in (a.split("=") for a in sys.argv[1:])]
none = [v for k, v in rounds if k == "none"]
alls = [v for k, v in rounds if k == "all"]
n, a = sum(none) / len(none), sum(alls) / len(alls)
print(f"posting with all shipped filters / with none: {a:.0f} / {n:.0f} req/s = {a / n:.2f}"
      f" (rounds: {', '.join(f'{k} {v:.0f}' for k, v in rounds)}; target >= 0.9)")
PY
echo "server errors logged: $(grep -c "level=ERROR" "$work/herd.log" || true)"
