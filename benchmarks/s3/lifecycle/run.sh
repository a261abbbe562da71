#!/usr/bin/env bash
# S3 lifecycle benchmark: 4 KiB PUT+GET p99 idle vs during a lifecycle pass over N objects (default
# 1,000,000), and the pass's objects/s. Usage: benchmarks/s3/lifecycle/run.sh [objects] [clients] [pairs] [batch]
# (batch: --s3-lifecycle-batch, keys per worker task; the default when absent)
# (builds the shaded jar if missing).
set -euo pipefail
cd "$(dirname "$0")/../../.."
JAR=$(ls emulator-standalone/target/emulator-standalone-*-all.jar 2>/dev/null | head -1 || true)
if [ -z "$JAR" ]; then mvn -B -q package -DskipTests; JAR=$(ls emulator-standalone/target/emulator-standalone-*-all.jar | head -1); fi
exec java -Xmx3g -cp "$JAR" benchmarks/s3/lifecycle/LifecycleBenchmark.java "${1:-1000000}" "${2:-4}" "${3:-20000}" ${4:+"$4"}
