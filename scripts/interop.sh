#!/usr/bin/env bash
# Drives the standalone jar with real Debian clients (aws, s3cmd, redis-cli, dig).
# Installs what it needs with apt-get, starts the jar on free ports, runs scripts/interop/*.sh.
# Usage: scripts/interop.sh  (after `mvn -B verify` or `mvn -B package -DskipTests`)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

# Debian's clients, not whatever else is on PATH (a pyenv shim may carry AWS CLI v1).
export PATH=/usr/bin:/usr/sbin:$PATH
need=()
[ -x /usr/bin/aws ] || need+=(awscli)
[ -x /usr/bin/s3cmd ] || need+=(s3cmd)
command -v redis-cli >/dev/null || need+=(redis-tools)
command -v dig >/dev/null || need+=(dnsutils)
if ((${#need[@]})); then
  echo "installing ${need[*]}"
  (apt-get update -qq || true) >/dev/null 2>&1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

JAR=$(ls "$ROOT"/emulator-standalone/target/emulator-standalone-*-all.jar | head -1)
WORK=$(mktemp -d)
LOG="$WORK/minicloud.log"
java -jar "$JAR" --edge-port 0 --kv-port 0 --dns-port 0 >"$LOG" 2>&1 &
PID=$!
cleanup() { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
for _ in $(seq 1 100); do grep -q '^Ready\.$' "$LOG" && break; sleep 0.1; done
grep -q '^Ready\.$' "$LOG" || { cat "$LOG"; echo "MiniCloud did not start"; exit 1; }

export MINICLOUD_EDGE_PORT=$(sed -n 's/^ *edge: *http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$LOG" | head -1)
export MINICLOUD_KV_PORT=$(sed -n 's/^ *kv: *redis:\/\/[^:]*:\([0-9]*\).*/\1/p' "$LOG" | head -1)
export MINICLOUD_DNS_PORT=$(sed -n 's/^ *dns: *udp+tcp:\/\/[^:]*:\([0-9]*\).*/\1/p' "$LOG" | head -1)
export MINICLOUD_ENDPOINT="http://127.0.0.1:$MINICLOUD_EDGE_PORT"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
export INTEROP_WORK="$WORK"
echo "MiniCloud: edge $MINICLOUD_EDGE_PORT, kv $MINICLOUD_KV_PORT, dns $MINICLOUD_DNS_PORT"

passed=0; failed=0
for s in "$ROOT"/scripts/interop/*.sh; do
  name=$(basename "$s" .sh)
  if bash "$s"; then echo "interop $name: ok"; passed=$((passed+1)); else echo "interop $name: FAILED"; failed=$((failed+1)); fi
done
kill -0 "$PID" || { echo "MiniCloud died during interop"; cat "$LOG"; exit 1; }
echo "interop: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
