# Sourced by run.sh, test.sh and the benchmarks: picks a JDK 21+ (the machine's default java may be
# 17) and makes sure Maven is there. Idempotent; prints nothing when all is in place.
set -euo pipefail

java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'; }

pick_jdk() {
  local c
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/javac" && "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ]]; then return; fi
  for c in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    if [[ -x "$c/bin/javac" && "$(java_major "$c/bin/java")" -ge 21 ]]; then export JAVA_HOME="${c%/}"; return; fi
  done
  echo "herd: a JDK 21 or newer is required to build (none found in JAVA_HOME or /usr/lib/jvm)" >&2
  exit 2
}

apt_install() { # installs Debian packages that are missing, once
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  ((${#missing[@]} == 0)) && return
  if [[ $(id -u) -ne 0 ]]; then echo "herd: please install: ${missing[*]}" >&2; exit 2; fi
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

pick_jdk
export PATH="$JAVA_HOME/bin:$PATH"
command -v mvn >/dev/null || apt_install maven
# Maven's own libraries call sun.misc.Unsafe; silence Java 24+'s warning about it.
if [[ "$(java_major "$JAVA_HOME/bin/java")" -ge 24 ]]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
