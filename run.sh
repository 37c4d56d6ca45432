#!/usr/bin/env bash
# Builds Herd (tests skipped) and runs it on embedded defaults: its own PostgreSQL in
# distribution/target/herd/data, in-process cache, mail to files. Extra arguments go to `herd run`'s
# environment as usual (HERD_PORT=9000 ./run.sh).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/env.sh
mvn -B -q -DskipTests install
exec distribution/target/herd/bin/herd run
