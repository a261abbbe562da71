#!/usr/bin/env bash
# Startup benchmark: warm-JVM start() to first served request, and `java -jar` to "Ready.".
# Usage: benchmarks/startup/run.sh   (builds the shaded jar if missing)
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=$(ls emulator-standalone/target/emulator-standalone-*-all.jar 2>/dev/null | head -1 || true)
if [ -z "$JAR" ]; then mvn -B -q package -DskipTests; JAR=$(ls emulator-standalone/target/emulator-standalone-*-all.jar | head -1); fi

java -cp "$JAR" benchmarks/startup/StartupBenchmark.java "${ROUNDS:-50}"

runs=${RUNS:-10}; total=0; times=()
for i in $(seq 1 "$runs"); do
  out=$(mktemp)
  t0=$(date +%s%N)
  java -jar "$JAR" --edge-port 0 --kv-port 0 --dns-port 0 >"$out" 2>&1 &
  pid=$!
  until grep -q '^Ready\.$' "$out"; do
    kill -0 "$pid" 2>/dev/null || { cat "$out"; exit 1; }
    sleep 0.005
  done
  t1=$(date +%s%N)
  kill -TERM "$pid"; wait "$pid" || true; rm -f "$out"
  times+=($(( (t1 - t0) / 1000000 )))
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
echo "java -jar to Ready. over $runs runs (ms): median $(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p"), min $(echo "$sorted" | head -1), max $(echo "$sorted" | tail -1)"
