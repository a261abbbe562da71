#!/usr/bin/env bash
# S3 benchmark: MiniCloud (standalone jar) beside adobe S3Mock and s3proxy (transient in-memory
# backend), same workload, one run, ratios printed at the end.
# Usage: benchmarks/s3/run.sh [client-threads]     (build first: mvn -B package -DskipTests)
#        DRIVER=sdk benchmarks/s3/run.sh ...        (AWS SDK v2 sync client instead of the raw HTTP driver)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
THREADS=${1:-4}
WORK=$(mktemp -d)
PEERS="$ROOT/benchmarks/s3/work/peers"  # git-ignored
mkdir -p "$PEERS"

# Peers from Maven Central (never part of the build).
[ -f "$PEERS/s3mock-5.2.0-exec.jar" ] || mvn -B -q dependency:copy \
  -Dartifact=com.adobe.testing:s3mock:5.2.0:jar:exec -DoutputDirectory="$PEERS"
[ -f "$PEERS/s3proxy-4.1.0-jar-with-dependencies.jar" ] || mvn -B -q dependency:copy \
  -Dartifact=org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies -DoutputDirectory="$PEERS"

# The driver's class path: the SDK from the S3 module's test scope.
CP_FILE="$WORK/cp.txt"
# (test-compile in the same reactor resolves emulator-core from target/, never from ~/.m2)
mvn -B -q -pl emulator-s3 -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$CP_FILE" >/dev/null
CP=$(cat "$CP_FILE")

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_http() { for _ in $(seq 1 300); do curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0; sleep 0.2; done; echo "no server on $1"; return 1; }

PIDS=()
MOCK_ROOT=""
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
  [ -z "$MOCK_ROOT" ] || rm -rf "$MOCK_ROOT"
}
trap cleanup EXIT
# Same JVM flags for all three; a pre-touched fixed heap keeps first-touch page faults of a growing
# heap (the kernel zeroing fresh pages) out of the figures, for every server alike.
HEAP="-Xms2g -Xmx2g -XX:+AlwaysPreTouch"

MC_PORT=$(free_port)
java $HEAP -jar "$(ls "$ROOT"/emulator-standalone/target/emulator-standalone-*-all.jar | head -1)" \
  --services s3 --edge-port "$MC_PORT" >"$WORK/minicloud.log" 2>&1 &
PIDS+=($!)

MOCK_PORT=$(free_port); MOCK_TLS=$(free_port)
STORE=/dev/shm; [ -d "$STORE" ] || STORE="$WORK"
# S3Mock has no in-memory store: give it a tmpfs directory where there is one.
MOCK_ROOT="$STORE/s3mock-bench-$$"
mkdir -p "$MOCK_ROOT"
java $HEAP -jar "$PEERS/s3mock-5.2.0-exec.jar" --server.port="$MOCK_TLS" --http.port="$MOCK_PORT" \
  --com.adobe.testing.s3mock.store.root="$MOCK_ROOT" >"$WORK/s3mock.log" 2>&1 &
PIDS+=($!)

PROXY_PORT=$(free_port)
cat >"$WORK/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$PROXY_PORT
s3proxy.authorization=none
jclouds.provider=transient
jclouds.identity=test
jclouds.credential=test
CONF
java $HEAP -jar "$PEERS/s3proxy-4.1.0-jar-with-dependencies.jar" --properties "$WORK/s3proxy.conf" \
  >"$WORK/s3proxy.log" 2>&1 &
PIDS+=($!)

wait_http "$MC_PORT"; wait_http "$MOCK_PORT"; wait_http "$PROXY_PORT"
# The servers keep compiling and initialising for a while after they first answer: wait until the
# machine is idle (at most 60 s) so the first server measured is not slowed by the others' startup.
cpu_busy() { # percent of CPU busy over one second
  local a b; read -r _ a1 a2 a3 a4 a5 _ < /proc/stat; sleep 1; read -r _ b1 b2 b3 b4 b5 _ < /proc/stat
  local busy=$(( (b1+b2+b3) - (a1+a2+a3) )) idle=$(( (b4+b5) - (a4+a5) ))
  echo $(( 100 * busy / (busy + idle + 1) ))
}
for _ in $(seq 1 60); do [ "$(cpu_busy)" -lt 10 ] && break; done
DRIVER=${DRIVER:-raw}
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); servers ${HEAP}; driver: $DRIVER"
java -Xmx1g -cp "$CP" "$ROOT/benchmarks/s3/S3Bench.java" --driver="$DRIVER" "$THREADS" \
  minicloud="http://127.0.0.1:$MC_PORT" minicloud-configured="http://127.0.0.1:$MC_PORT#configured" \
  s3mock="http://127.0.0.1:$MOCK_PORT" s3proxy="http://127.0.0.1:$PROXY_PORT"
