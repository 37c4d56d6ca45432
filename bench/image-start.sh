#!/usr/bin/env bash
# Benchmark (never run by CI): the container image's start-up without a container engine.
#
# Unpacks distribution/image/target/herd-image.tar (manifest.json, config, layers) into a temporary
# root, then runs the image's own entrypoint + cmd from its config in a chroot as uid 10001 with the
# image's environment and working directory, on a READ-ONLY root where only the image's volumes
# (/opt/herd/data, /opt/herd/deploy, /tmp) are writable: what `docker run --read-only` would give.
# Database: the runtime's embedded PostgreSQL (running from the image's glibc layer), or an external
# one when HERD_DB_URL (and HERD_DB_USER / HERD_DB_PASSWORD) are set.
#
# Prints the image size, and per start the time until GET /health/ready answers 200 and the RSS of
# the JVM (VmRSS) right then and 10 s later. Start 1 is a first start (initdb, owner account); the
# following ones restart on the same data. Then (unless BASELINE=0) the same starts of the runtime
# folder distribution/target/herd itself with the build JDK, and the ratio image/folder.
#
# Needs root (mount namespace, chroot), tar, curl and python3.   usage: bench/image-start.sh [starts]
set -euo pipefail

# sets ready to the time (ns) /health/ready first answered 200 on $port, or empty if $pid died first
await_ready() {
  ready=
  for _ in $(seq 1 1800); do
    if curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready"; then ready=$(date +%s%N); break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
}
cd "$(dirname "$0")/.."
starts=${1:-2}
tar=distribution/image/target/herd-image.tar
[[ -f $tar ]] || { echo "no $tar: build it with mvn -B -q install -DskipTests -pl distribution/image" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || { echo "needs root (unshare --mount, chroot)" >&2; exit 2; }
for c in tar curl python3 unshare; do command -v $c >/dev/null || { echo "needs $c" >&2; exit 2; }; done

work=$(mktemp -d /tmp/herd-image-bench.XXXXXX)
root=$work/root vol=$work/vol
pid= ns= image_ready=()
in_ns() { [[ -n $ns && "$(readlink "/proc/$1/ns/mnt" 2>/dev/null)" == "$ns" ]]; }
stop_all() { # the JVM, then whatever else runs in its mount namespace (the embedded PostgreSQL)
  [[ -n $pid ]] && kill -TERM "$pid" 2>/dev/null && for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  for p in /proc/[0-9]*; do in_ns "${p#/proc/}" && kill -KILL "${p#/proc/}" 2>/dev/null || true; done
  pid= ns=
}
trap 'stop_all; rm -rf "$work"' EXIT

mkdir -p "$work/blobs" "$root" "$vol"/{data,deploy,tmp}
tar -xf "$tar" -C "$work/blobs"
# layers, entrypoint+cmd (NUL-separated) and env of the image's config
python3 - "$work/blobs" > "$work/layers" <<'EOF'
import json, sys, os
d = sys.argv[1]
m = json.load(open(os.path.join(d, "manifest.json")))[0]
c = json.load(open(os.path.join(d, m["Config"])))["config"]
open(os.path.join(d, "argv"), "wb").write(b"\0".join(a.encode() for a in c["Entrypoint"] + c.get("Cmd", [])))
open(os.path.join(d, "env"), "wb").write(b"\0".join(e.encode() for e in c.get("Env", [])))
open(os.path.join(d, "workdir"), "w").write(c.get("WorkingDir", "/"))
open(os.path.join(d, "user"), "w").write(c.get("User", "0:0"))
for l in m["Layers"]: print(l)
EOF
layer_sizes=()
while read -r l; do
  tar --warning=no-unknown-keyword -xzpf "$work/blobs/$l" -C "$root"
  layer_sizes+=("$(( $(stat -c %s "$work/blobs/$l") / 1024 / 1024 )) MiB")
done < "$work/layers"
mapfile -d '' argv < "$work/blobs/argv"
mapfile -d '' env < "$work/blobs/env"
workdir=$(cat "$work/blobs/workdir") user=$(cat "$work/blobs/user")
mkdir -p "$root/proc" "$root/dev"
chown "$user" "$vol/data" "$vol/deploy"; chmod 1777 "$vol/tmp"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
extra_env=(HERD_PORT="$port")
for v in HERD_DB_URL HERD_DB_USER HERD_DB_PASSWORD; do [[ -n ${!v:-} ]] && extra_env+=("$v=${!v}"); done
db=$([[ -n ${HERD_DB_URL:-} ]] && echo "external PostgreSQL" || echo "embedded PostgreSQL")

echo "image: $tar $(( $(stat -c %s "$tar") / 1024 / 1024 )) MiB; layers (gzip): ${layer_sizes[*]}; unpacked $(du -sm "$root" | cut -f1) MiB"
echo "entrypoint + cmd: ${argv[*]}"
echo "database: $db; read-only root, writable volumes only; uid $user; port $port"
python=$(command -v python3)
# chroot + working directory + user, then exec the entrypoint: no shell inside the image is involved
enter='import os, sys; r, w, u = sys.argv[1:4]; uid, gid = map(int, u.split(":")); os.chroot(r); os.chdir(w); os.setgroups([]); os.setgid(gid); os.setuid(uid); os.execv(sys.argv[4], sys.argv[4:])'
rss() { awk '/^VmRSS/ {printf "%d MiB", $2/1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }
for n in $(seq 1 "$starts"); do
  t0=$(date +%s%N)
  # unshare without --fork and every step exec'ing: $! is the JVM's pid
  unshare --mount --propagation private /bin/sh -c '
    r=$1 v=$2 w=$3 u=$4; shift 4
    mount --bind "$r" "$r" && mount -o remount,bind,ro "$r"
    mount --bind "$v/data" "$r/opt/herd/data"; mount --bind "$v/deploy" "$r/opt/herd/deploy"; mount --bind "$v/tmp" "$r/tmp"
    mount -t proc proc "$r/proc"; mount --rbind /dev "$r/dev"
    exec "$@"' sh "$root" "$vol" "$workdir" "$user" \
    env -i "${env[@]}" "${extra_env[@]}" "$python" -c "$enter" "$root" "$workdir" "$user" "${argv[@]}" \
    > "$work/herd-$n.log" 2>&1 &
  pid=$!
  sleep 0.2; ns=$(readlink "/proc/$pid/ns/mnt")
  await_ready
  if [[ -z $ready ]]; then echo "start $n: not ready; log:"; tail -n 30 "$work/herd-$n.log"; exit 1; fi
  jvm=$pid
  rss_ready=$(rss "$jvm")
  sleep 10
  pg=0
  for p in /proc/[0-9]*; do
    in_ns "${p#/proc/}" && [[ ${p#/proc/} != "$jvm" ]] \
      && pg=$(( pg + $(awk '/^VmRSS/ {print $2}' "$p/status" 2>/dev/null || echo 0) ))
  done
  printf 'start %d%s: ready after %.1f s; JVM VmRSS %s at ready, %s 10 s later; other processes (PostgreSQL) %d MiB RSS summed\n' \
    "$n" "$([[ $n == 1 ]] && echo " (first)" || echo " (restart)")" "$(( (ready - t0) / 1000000 ))e-3" \
    "$rss_ready" "$(rss "$jvm")" $(( pg / 1024 ))
  grep -h "herd ready" "$work/herd-$n.log" | sed 's/^/  log: /' || true
  grep -hE "level=(WARN|ERROR)" "$work/herd-$n.log" | head -n 5 | cut -c1-300 | sed 's/^/  log: /' || true
  stop_all
  image_ready+=("$(( (ready - t0) / 1000000 ))")
done

# The same starts of the runtime folder itself (bin/herd with the build JDK, no chroot), for the ratio
[[ ${BASELINE:-1} == 1 && -x distribution/target/herd/bin/herd ]] || exit 0
cp -r distribution/target/herd "$work/herd" && rm -rf "$work/herd/data/"* "$work/herd/deploy/"*
for n in $(seq 1 "$starts"); do
  t0=$(date +%s%N)
  HERD_PORT=$port "$work/herd/bin/herd" run > "$work/folder-$n.log" 2>&1 &
  pid=$!
  await_ready
  [[ -n $ready ]] || { echo "runtime folder start $n: not ready"; tail -n 30 "$work/folder-$n.log"; exit 1; }
  jvm=$(pgrep -P "$pid" java || echo "$pid")
  printf 'runtime folder start %d: ready after %.1f s (image/folder %.2f); JVM VmRSS %s\n' "$n" "$(( (ready - t0) / 1000000 ))e-3" \
    "$(python3 -c "print(${image_ready[$((n-1))]} / $(( (ready - t0) / 1000000 )))")" "$(rss "$jvm")"
  kill -TERM "$pid"; for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
done
