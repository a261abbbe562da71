#!/usr/bin/env bash
# S3 replication benchmark: lag p50/p99 and objects/s for 10,000 4 KiB objects, and PUT throughput
# with vs without a replication rule. Usage: benchmarks/s3/replication/run.sh [objects] [clients] [rounds]
# (builds the shaded jar if missing).
set -euo pipefail
cd "$(dirname "$0")/../../.."
JAR=$(ls emulator-standalone/target/emulator-standalone-*-all.jar 2>/dev/null | head -1 || true)
if [ -z "$JAR" ]; then mvn -B -q package -DskipTests; JAR=$(ls emulator-standalone/target/emulator-standalone-*-all.jar | head -1); fi
exec java -Xmx2g -cp "$JAR" benchmarks/s3/replication/ReplicationBenchmark.java "${1:-10000}" "${2:-8}" "${3:-5}"
