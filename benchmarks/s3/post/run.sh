#!/usr/bin/env bash
# POST Object vs PutObject, 1 MiB uploads, one run (issue 12: POST >= 90% of PutObject's MB/s).
# Usage: benchmarks/s3/post/run.sh [clients] [seconds] [rounds]   (builds the shaded jar if missing)
set -euo pipefail
cd "$(dirname "$0")/../../.."
JAR=$(ls emulator-standalone/target/emulator-standalone-*-all.jar 2>/dev/null | head -1 || true)
if [ -z "$JAR" ]; then mvn -B -q package -DskipTests; JAR=$(ls emulator-standalone/target/emulator-standalone-*-all.jar | head -1); fi
exec java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -cp "$JAR" benchmarks/s3/post/PostBenchmark.java "${1:-4}" "${2:-10}" "${3:-3}"
