#!/usr/bin/env bash
# Startup benchmark: warm-JVM start() to first served request, and `java -jar` to "Ready.".
# Usage: benchmarks/startup/run.sh   (builds the shaded jar if missing)
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=$(ls emulator-standalone/target/emulator-standalone-*-all.jar 2>/dev/null | head -1 || true)
if [ -z "$JAR" ]; then mvn -B -q package -DskipTests; JAR=$(ls emulator-standalone/target/emulator-standalone-*-all.jar | head -1); fi

java -cp "$JAR" benchmarks/startup/StartupBenchmark.java "${ROUNDS:-50}"

# One cold start: milliseconds from `java ... -jar` to "Ready.", and the idle RSS (kB) 2 s later when
# $RSS is set. Extra JVM flags come first.
cold_start() {
  local out t0 t1 pid rss=""
  out=$(mktemp)
  t0=$(date +%s%N)
  java "$@" -jar "$JAR" --edge-port 0 --kv-port 0 --dns-port 0 >"$out" 2>&1 &
  pid=$!
  until grep -q '^Ready\.$' "$out"; do
    kill -0 "$pid" 2>/dev/null || { cat "$out"; exit 1; }
    sleep 0.005
  done
  t1=$(date +%s%N)
  if [ -n "${RSS:-}" ]; then sleep 2; rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status"); fi
  kill -TERM "$pid"; wait "$pid" || true; rm -f "$out"
  echo "$(( (t1 - t0) / 1000000 )) $rss"
}

# Median, min and max of a run of cold starts with the given JVM flags.
series() {
  local label=$1; shift
  local runs=${RUNS:-10} times=() rss=""
  for i in $(seq 1 "$runs"); do
    read -r ms r < <(RSS=$([ "$i" = 1 ] && echo 1 || true) cold_start "$@")
    times+=("$ms"); [ -n "$r" ] && rss=$r
  done
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  echo "$label: java -jar to Ready. over $runs runs (ms): median $(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p"), min $(echo "$sorted" | head -1), max $(echo "$sorted" | tail -1); idle RSS ${rss} kB"
}

series "plain" 

# The AppCDS recipe of the README: one training run writes the archive, later starts map it.
CDS=$(mktemp -d)/minicloud.jsa
java -XX:ArchiveClassesAtExit="$CDS" -jar "$JAR" --edge-port 0 --kv-port 0 --dns-port 0 >/dev/null 2>&1 &
pid=$!; sleep 3; kill -TERM "$pid"; wait "$pid" || true
series "AppCDS" -XX:SharedArchiveFile="$CDS"
series "AppCDS + small (SerialGC, C1 only)" -XX:SharedArchiveFile="$CDS" -XX:+UseSerialGC -XX:TieredStopAtLevel=1
rm -rf "$(dirname "$CDS")"
