#!/usr/bin/env bash
# ElastiCache benchmark (issue 17, "Speed"): CreateCacheCluster -> PING and CreateReplicationGroup with
# two replicas -> all three PING (p50 over 50 runs; goals < 50 ms and < 150 ms), replication lag
# primary -> replica at 50k writes/s (p99), and the RSS each idle cache node adds (100 nodes). Each part
# runs in a JVM of its own. Usage: benchmarks/elasticache/run.sh [runs] [writes/s] [seconds] [nodes]
# (builds the shaded jar if missing; JAVA_OPTS are passed to every JVM).
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=$(ls emulator-standalone/target/emulator-standalone-*-all.jar 2>/dev/null | head -1 || true)
if [ -z "$JAR" ]; then mvn -B -q package -DskipTests; JAR=$(ls emulator-standalone/target/emulator-standalone-*-all.jar | head -1); fi
BENCH=benchmarks/elasticache/ElastiCacheBenchmark.java
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -cp "$JAR" "$BENCH" create "${1:-50}"
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -cp "$JAR" "$BENCH" lag "${2:-50000}" "${3:-10}"
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -cp "$JAR" "$BENCH" nodes "${4:-100}"
