#!/usr/bin/env bash
# Builds the two layers of the Herd container image that are not the runtime folder (run by Maven
# in prepare-package, see ../../pom.xml; the image has no base image: it is FROM scratch):
#
#   $OUT/jre/     a Java runtime made with jlink from the build JDK                  -> /opt/java
#   $OUT/rootfs/  glibc (dynamic loader and shared libraries), libgcc_s, libstdc++,
#                 dash as /bin/sh (pg_ctl and initdb of the embedded PostgreSQL need it),
#                 the C.UTF-8 locale, /etc/passwd + group (user herd, 10001), nsswitch.conf,
#                 hosts, an empty /tmp, and the Debian copyright files                  -> /
#
# The libraries come from the Debian packages of the build machine's release, fetched with
# `apt-get download` into $OUT/debs and unpacked with dpkg-deb: nothing is copied from the host's
# own /lib. Downloads are kept in $OUT/debs, so a second build (or one without network) reuses them.
#
# usage: layers.sh JAVA_HOME OUT MODULES PACKAGES ETC_DIR
set -euo pipefail

JDK=$1 OUT=$2 MODULES=$3 PACKAGES=$4 ETC=$5
fail() { echo "herd-image: $*" >&2; exit 1; }
mkdir -p "$OUT"

# ---- the Java runtime -------------------------------------------------------------------------
jlink=$JDK/bin/jlink
[[ -x $jlink ]] || fail "no jlink in $JDK: the image is built with the JDK that runs Maven (a JDK, not a JRE)"
major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JDK/release")
((${major:-0} >= 24)) || fail "the image's entrypoint passes --sun-misc-unsafe-memory-access (Java 24+): build with a JDK 24 or newer ($JDK is ${major:-unknown})"
jlink_opts=(--add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages --compress=zip-6 --generate-cds-archive)
# Rebuilt only when the JDK or the options change (jlink takes ~15 s).
stamp="$(sha256sum < "$JDK/release" | cut -c1-16) ${jlink_opts[*]}"
if [[ ! -x $OUT/jre/bin/java || "$(cat "$OUT/jre.stamp" 2>/dev/null)" != "$stamp" ]]; then
  rm -rf "$OUT/jre" "$OUT/jre.stamp"
  echo "herd-image: jlink ${jlink_opts[*]}"
  "$jlink" "${jlink_opts[@]}" --output "$OUT/jre" \
    || fail "jlink failed (a JDK without jmods/ must be able to link from its run-time image, as Temurin 24+ can)"
  # the default CDS archive (JDK classes, ~1 s less start-up) for compressed oops only: the entrypoint's heap is < 32 GB
  rm -f "$OUT/jre/lib/server/classes_nocoops.jsa"
  echo "$stamp" > "$OUT/jre.stamp"
fi

# ---- Debian packages --------------------------------------------------------------------------
command -v dpkg-deb >/dev/null || fail "dpkg-deb is needed to unpack the Debian packages of the image's base layer (build on Debian or Ubuntu, or skip the image with -Dherd.image.skip=true)"
arch=$(dpkg --print-architecture 2>/dev/null || echo unknown)
[[ $arch == amd64 ]] || fail "the image is linux/amd64 (as the embedded PostgreSQL binaries are); this machine's Debian architecture is $arch"

debs=$OUT/debs
mkdir -p "$debs"
deb_of() { ls "$debs/$1"_*_*.deb 2>/dev/null | sort -V | tail -n 1; }
fetch() { # downloads the packages not yet in $debs
  local missing=() p
  for p in "$@"; do [[ -n $(deb_of "$p") ]] || missing+=("$p"); done
  ((${#missing[@]})) || return 0
  command -v apt-get >/dev/null || fail "'apt-get download' is needed to fetch ${missing[*]} for the image's base layer; build on Debian or Ubuntu, put the .deb files into $debs, or skip the image with -Dherd.image.skip=true"
  echo "herd-image: apt-get download ${missing[*]}"
  if ! (cd "$debs" && apt-get "${apt_opts[@]}" download "${missing[@]}" >/dev/null); then
    # A fresh machine may have no package lists yet: fetch them into target/, leaving the
    # system's apt state alone, and try again with those.
    if [[ ! -d $OUT/apt/lists ]]; then
      echo "herd-image: the system's package lists do not have them; fetching package lists into $OUT/apt"
      mkdir -p "$OUT/apt/lists/partial" "$OUT/apt/cache/archives/partial"
      apt_opts+=(-o Dir::State::Lists="$OUT/apt/lists" -o Dir::Cache="$OUT/apt/cache" -o Debug::NoLocking=1)
      apt-get "${apt_opts[@]}" update >/dev/null || fail "apt-get update (into $OUT/apt) failed: no Debian mirror reachable?"
    fi
    (cd "$debs" && apt-get "${apt_opts[@]}" download "${missing[@]}" >/dev/null) || fail "apt-get download ${missing[*]} failed"
  fi
}
apt_opts=(-q -o APT::Sandbox::User="$(id -un)")
[[ -d $OUT/apt/lists ]] && apt_opts+=(-o Dir::State::Lists="$OUT/apt/lists" -o Dir::Cache="$OUT/apt/cache" -o Debug::NoLocking=1)
fetch $PACKAGES
# libgcc-s1 and libstdc++6 keep their copyright file in gcc-<n>-base: fetch that too (docs only)
docs=()
for p in $PACKAGES; do
  for d in $(dpkg-deb -f "$(deb_of "$p")" Depends | tr ',' '\n' | sed -n 's/^ *\(gcc-[0-9]*-base\).*/\1/p'); do docs+=("$d"); done
done
mapfile -t docs < <(printf '%s\n' "${docs[@]}" | sort -u | sed '/^$/d')
((${#docs[@]} == 0)) || fetch "${docs[@]}"

# ---- the root file system layer ---------------------------------------------------------------
root=$OUT/rootfs unpacked=$OUT/unpacked
rm -rf "$root" "$unpacked"
mkdir -p "$root" "$unpacked"
for p in $PACKAGES "${docs[@]}"; do
  deb=$(deb_of "$p")
  dpkg-deb -x "$deb" "$unpacked"
  if [[ -f $unpacked/usr/share/doc/$p/copyright ]]; then
    install -D -m 644 "$unpacked/usr/share/doc/$p/copyright" "$root/usr/share/doc/$p/copyright"
  fi
  echo "$(basename "$deb")" >> "$root/usr/share/doc/herd-image-packages.txt"
done

# Shared libraries under their file names (SONAMEs), as regular files: Jib would copy a symlink's
# target anyway, so the versioned file a symlink points to (libstdc++.so.6.0.30) is left out.
for dir in lib/x86_64-linux-gnu usr/lib/x86_64-linux-gnu; do
  [[ -d $unpacked/$dir ]] || continue
  mkdir -p "$root/$dir"
  declare -A targets=()
  for f in "$unpacked/$dir"/*.so.*; do
    [[ -L $f ]] && targets[$(basename "$(readlink -f "$f")")]=1
  done
  for f in "$unpacked/$dir"/*.so.*; do
    [[ -e $f ]] || continue
    name=$(basename "$f")
    [[ ! -L $f && -n ${targets[$name]:-} ]] && continue
    cp -L "$f" "$root/$dir/$name"
  done
  unset targets
done
# The dynamic loader at the path every x86-64 executable names (PT_INTERP)
loader=$(find "$unpacked" -name ld-linux-x86-64.so.2 \( -type f -o -type l \) | head -n 1)
[[ -n $loader ]] || fail "no ld-linux-x86-64.so.2 in the unpacked packages ($PACKAGES)"
install -D -m 755 "$(readlink -f "$loader")" "$root/lib64/ld-linux-x86-64.so.2"
[[ -f $root/lib/x86_64-linux-gnu/libc.so.6 || -f $root/usr/lib/x86_64-linux-gnu/libc.so.6 ]] \
  || fail "no libc.so.6 in the unpacked packages ($PACKAGES)"
# C.UTF-8 (LANG in the image): UTF-8 file names for Java (sun.jnu.encoding) and PostgreSQL's initdb
if [[ -d $unpacked/usr/lib/locale/C.utf8 ]]; then
  mkdir -p "$root/usr/lib/locale" && cp -r "$unpacked/usr/lib/locale/C.utf8" "$root/usr/lib/locale/"
fi
# /bin/sh: not for the entrypoint (that is java itself) but for pg_ctl and initdb, which start
# postgres through /bin/sh -c, and for Java's Process API fallbacks
dash=$(find "$unpacked" -path '*/bin/dash' -type f | head -n 1)
[[ -n $dash ]] || fail "no bin/dash in the unpacked packages ($PACKAGES)"
install -D -m 755 "$dash" "$root/bin/sh"

install -d "$root/etc" "$root/tmp"
for f in passwd group nsswitch.conf hosts; do install -m 644 "$ETC/$f" "$root/etc/$f"; done

rm -rf "$unpacked"
echo "herd-image: layers ready: jre $(du -sh "$OUT/jre" | cut -f1), rootfs $(du -sh "$root" | cut -f1)"
