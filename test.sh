#!/usr/bin/env bash
# Runs the whole test suite: unit tests, integration tests against real PostgreSQL and Redis,
# Pax Exam tests on the assembled bundles, and the runtime folder started as a process.
# Installs what the tests need (redis-server) when missing.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/env.sh
# nginx-light: TLS proxies (in front of Herd for the Fedify peer test; in front of OpenSearch with basic
# auth for the search tests); openssl makes their test CAs
# chromium + fonts-dejavu-core: the browser tests (driven by playwright-core, axe-core from npm)
# unzip: the search tests unpack OpenSearch's integ-test zip (a Maven artifact) and run it as nobody
apt_install redis-server python3-mastodon ffmpeg nginx-light openssl chromium fonts-dejavu-core unzip
# masto.js 8, Fedify 2.3.6 and Node 22 for the client and peer acceptance tests (versions pinned in package-lock.json)
(cd itests/clients && npm ci --no-audit --no-fund --loglevel=error)
exec mvn -B -ntp verify "$@"
