#!/usr/bin/env bash
# Runs the whole test suite: unit tests, integration tests against real PostgreSQL and Redis,
# Pax Exam tests on the assembled bundles, and the runtime folder started as a process.
# Installs what the tests need (redis-server) when missing.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/env.sh
apt_install redis-server python3-mastodon ffmpeg
# masto.js 8 and Node 22 for the client acceptance tests (versions pinned in package-lock.json)
(cd itests/clients && npm ci --no-audit --no-fund --loglevel=error)
exec mvn -B -ntp verify "$@"
