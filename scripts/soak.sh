#!/usr/bin/env bash
# Connection-load soak (off in mvn verify): a standalone MiniCloud with a 256 MiB heap in a child JVM
# holds 10,000 slow connections over the edge, KV and DNS TCP ports while normal clients must be
# served. Needs about 10,000 free file descriptors in this shell (ulimit -n) and a few minutes.
#   scripts/soak.sh            # 10,000 connections
#   scripts/soak.sh 2000       # fewer
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q install -DskipTests
mvn -B -ntp -o -pl emulator-standalone test -Dtest=ConnectionSoakIT -Dsurefire.failIfNoSpecifiedTests=false \
  -Dminicloud.soak=true -Dminicloud.soak.connections="${1:-10000}"
