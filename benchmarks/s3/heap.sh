#!/usr/bin/env bash
# Heap cost of a 1 GiB multipart upload: starts the standalone jar (--services s3, -Xmx2g), uploads
# 128 x 8 MiB parts with the SDK v2 sync client, and reads the server's live heap (full GC, jcmd)
# every 16 parts and after completion. Prints what is held beyond the stored bytes.
# Usage: benchmarks/s3/heap.sh     (build first: mvn -B package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
WORK=$(mktemp -d)
PID=""
cleanup() { [ -z "$PID" ] || kill "$PID" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

mvn -B -q -pl emulator-s3 -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
java -Xmx2g -jar "$(ls "$ROOT"/emulator-standalone/target/emulator-standalone-*-all.jar | head -1)" \
  --services s3 --edge-port "$PORT" >"$WORK/minicloud.log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do grep -qs '^Ready\.$' "$WORK/minicloud.log" && break; sleep 0.1; done
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); server -Xmx2g (G1)"
java -Xmx1g -cp "$(cat "$WORK/cp.txt")" "$ROOT/benchmarks/s3/MultipartHeap.java" "http://127.0.0.1:$PORT" "$PID"
