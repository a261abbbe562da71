#!/usr/bin/env bash
# KV benchmark: MiniCloud's RESP server vs a real Debian redis-server, side by side in one run.
#   benchmarks/kv/run.sh            (from the repository root; builds the standalone jar if absent)
# Env: REQUESTS (default 200000), CLIENTS (50), TESTS (set,get,incr,lpush,rpop,sadd,hset,zadd,lrange_100;
#      empty = none of them), SCRIPTS (1: also EVAL and EVALSHA of "return redis.call('incr',KEYS[1])" 1 k;
#      0 = not), STREAMS (1: also XADD, XREADGROUP COUNT 1 > and XACK on a pre-filled stream; 0 = not),
#      ROUNDS (3), KEYS_FOR_MEMORY (1000000; 0 = no memory figure),
#      GEO_MEMBERS (1000000: GEOSEARCH FROMLONLAT ... BYRADIUS 20 km COUNT 10 over that many members
#      spread over Europe; 0 = not), TRACKING_CLIENTS (1000: SET again while that many RESP3 clients
#      with CLIENT TRACKING ON have each read 10 of the keys it writes; 0 = not),
#      JAVA_OPTS (default -XX:+UseSerialGC -Xms1g -Xmx3g).
# Prints requests/s per test for both servers with and without -P 16, the ratios, and the memory
# for 1M keys of 16-byte values (Redis used_memory vs the JVM heap used after a full GC).
# Each mode runs ROUNDS times, alternating which server goes first, and keeps each server's best
# figure per test: on a shared machine that filters out the rounds another process disturbed.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
REQUESTS=${REQUESTS:-200000}
CLIENTS=${CLIENTS:-50}
TESTS=${TESTS-set,get,incr,lpush,rpop,sadd,hset,zadd,lrange_100}
KEYS_FOR_MEMORY=${KEYS_FOR_MEMORY:-1000000}
SCRIPTS=${SCRIPTS:-1}
STREAMS=${STREAMS:-1}
SCRIPT="return redis.call('incr',KEYS[1])"
ROUNDS=${ROUNDS:-3}
# Serial GC: on 2 cores, GC worker threads would only compete with the event loop and the benchmark
JAVA_OPTS=${JAVA_OPTS:--XX:+UseSerialGC -Xms1g -Xmx3g}

need=()
command -v redis-server >/dev/null || need+=(redis-server)
command -v redis-benchmark >/dev/null || need+=(redis-tools)
if ((${#need[@]})); then
  echo "installing ${need[*]}"
  (apt-get update -qq || true) >/dev/null 2>&1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
JAR=$(ls "$ROOT"/emulator-standalone/target/emulator-standalone-*-all.jar 2>/dev/null | head -1 || true)
if [ -z "$JAR" ]; then
  mvn -B -q -o package -DskipTests
  JAR=$(ls "$ROOT"/emulator-standalone/target/emulator-standalone-*-all.jar | head -1)
fi

WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

# redis-server cannot report a port it picked, so take a free one from the OS for it
REDIS_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
  --logfile "$WORK/redis.log" &
PIDS+=($!)
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" --services kv --edge-port 0 --kv-port 0 >"$WORK/minicloud.log" 2>&1 &
MC_PID=$!
PIDS+=($MC_PID)
for _ in $(seq 1 200); do grep -q '^Ready\.$' "$WORK/minicloud.log" && break; sleep 0.1; done
grep -q '^Ready\.$' "$WORK/minicloud.log" || { cat "$WORK/minicloud.log"; echo "MiniCloud did not start"; exit 1; }
MC_PORT=$(sed -n 's/^ *kv: *redis:\/\/[^:]*:\([0-9]*\).*/\1/p' "$WORK/minicloud.log" | head -1)
for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

echo "redis-server $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/') on $REDIS_PORT, MiniCloud on $MC_PORT ($JAVA_OPTS)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# EVALSHA needs the script in both caches (FLUSHALL between rounds keeps it, as in Redis)
SHA=$(redis-cli -p "$REDIS_PORT" script load "$SCRIPT")
[ "$(redis-cli -p "$MC_PORT" script load "$SCRIPT")" = "$SHA" ] || { echo "SCRIPT LOAD differs"; exit 1; }

bench() { # bench <port> <requests> <extra args...> -> csv lines "test",rps
  local port=$1 n=$2; shift 2
  if [ -n "$TESTS" ]; then
    redis-benchmark -p "$port" -t "$TESTS" -c "$CLIENTS" -n "$n" --csv "$@" 2>/dev/null | grep -v '^"test"'
  fi
  if [ "$SCRIPTS" = 1 ]; then
    redis-benchmark -p "$port" -c "$CLIENTS" -n "$n" --csv "$@" EVAL "$SCRIPT" 1 k 2>/dev/null \
      | grep -v '^"test"' | sed 's/^"[^"]*"/"EVAL incr 1 k"/'
    redis-benchmark -p "$port" -c "$CLIENTS" -n "$n" --csv "$@" EVALSHA "$SHA" 1 k 2>/dev/null \
      | grep -v '^"test"' | sed 's/^"[^"]*"/"EVALSHA incr 1 k"/'
  fi
  if [ "$STREAMS" = 1 ]; then
    stream_bench "$port" "$n" "$@"
  fi
}

# XREADGROUP and XACK need a stream to read: <n> entries with ids 1-0..n-0 and a group at 0-0,
# loaded with --pipe before each measured run (so the benchmark measures only the reads and acks)
stream_fill() { # stream_fill <port> <n>
  local file="$WORK/stream-$2.resp"
  [ -f "$file" ] || python3 - "$2" >"$file" <<'PY'
import sys
n = int(sys.argv[1])
out = sys.stdout.buffer
def cmd(*a):
    out.write(b"*%d\r\n" % len(a) + b"".join(b"$%d\r\n%s\r\n" % (len(x), x) for x in a))
cmd(b"DEL", b"bench:xrg")
for i in range(1, n + 1):
    cmd(b"XADD", b"bench:xrg", b"%d-0" % i, b"field", b"value")
cmd(b"XGROUP", b"CREATE", b"bench:xrg", b"g", b"0")
PY
  redis-cli -p "$1" --pipe <"$file" >/dev/null
}

stream_bench() { # stream_bench <port> <requests> <extra args...> -> csv lines "test",rps
  local port=$1 n=$2; shift 2
  redis-benchmark -p "$port" -c "$CLIENTS" -n "$n" --csv "$@" XADD bench:xadd '*' field value 2>/dev/null \
    | grep -v '^"test"' | sed 's/^"[^"]*"/"XADD * field value"/'
  stream_fill "$port" "$n"
  redis-benchmark -p "$port" -c "$CLIENTS" -n "$n" --csv "$@" XREADGROUP GROUP g c COUNT 1 STREAMS bench:xrg '>' 2>/dev/null \
    | grep -v '^"test"' | sed 's/^"[^"]*"/"XREADGROUP COUNT 1 >"/'
  # every entry is now pending: acknowledge random ones (ids 1-0..n-0; __rand_int__ is 0..n-1)
  redis-benchmark -p "$port" -c "$CLIENTS" -n "$n" -r "$n" --csv "$@" XACK bench:xrg g __rand_int__-0 2>/dev/null \
    | grep -v '^"test"' | sed 's/^"[^"]*"/"XACK random id"/'
}

# The JVM compiles its hot paths first: one untimed warm-up pass (Redis needs none)
bench "$MC_PORT" 100000 >/dev/null
bench "$MC_PORT" 100000 -P 16 >/dev/null
for mode in "" "-P 16"; do
  : >"$WORK/redis.csv"
  : >"$WORK/mc.csv"
  for round in $(seq 1 "$ROUNDS"); do
    order="redis mc"
    [ $((round % 2)) -eq 0 ] && order="mc redis"
    for who in $order; do
      port=$REDIS_PORT
      [ "$who" = mc ] && port=$MC_PORT
      # shellcheck disable=SC2086
      bench "$port" "$REQUESTS" $mode >>"$WORK/$who.csv"
      redis-cli -p "$port" flushall >/dev/null
    done
  done
  echo
  echo "redis-benchmark -t ${TESTS:-(none)} $( [ "$SCRIPTS" = 1 ] && echo "+ EVAL/EVALSHA") $( [ "$STREAMS" = 1 ] && echo "+ XADD/XREADGROUP/XACK") -c $CLIENTS -n $REQUESTS ${mode:-(no pipelining)}  (best of $ROUNDS rounds)"
  python3 - "$WORK/redis.csv" "$WORK/mc.csv" <<'PY'
import csv, math, sys
def load(p):
    best = {}
    for r in csv.reader(open(p)):
        if r and r[0] != "test":
            best[r[0]] = max(best.get(r[0], 0.0), float(r[1]))
    return best
redis, mc = load(sys.argv[1]), load(sys.argv[2])
print(f"  {'test':<36}{'redis rps':>12}{'minicloud rps':>15}{'ratio':>8}")
ratios = []
for t, r in redis.items():
    m = mc.get(t, 0.0)
    ratios.append(m / r)
    print(f"  {t:<36}{r:>12.0f}{m:>15.0f}{m / r:>8.2f}")
if ratios:
    print(f"  {'geometric mean':<36}{'':>27}{math.exp(sum(map(math.log, ratios)) / len(ratios)):>8.2f}")
PY
done

GEO_MEMBERS=${GEO_MEMBERS:-1000000}
TRACKING_CLIENTS=${TRACKING_CLIENTS:-1000}

best_of() { # best_of <label> <redis-benchmark args...>: both servers, ROUNDS alternating, best rps each
  local label=$1; shift
  local r=0 m=0 round who port v
  for round in $(seq 1 "$ROUNDS"); do
    for who in $([ $((round % 2)) -eq 0 ] && echo "mc redis" || echo "redis mc"); do
      port=$REDIS_PORT; [ "$who" = mc ] && port=$MC_PORT
      v=$(redis-benchmark -p "$port" -c "$CLIENTS" -n "$REQUESTS" --csv "$@" 2>/dev/null | grep -v '^"test"' \
        | head -1 | cut -d, -f2 | tr -d '"')
      if [ "$who" = mc ]; then m=$(python3 -c "print(max($m, $v))"); else r=$(python3 -c "print(max($r, $v))"); fi
    done
  done
  python3 -c "print(f'  {\"$label\":<44}{$r:>12.0f}{$m:>15.0f}{$m / $r:>8.2f}')"
}

if [ "$GEO_MEMBERS" -gt 0 ]; then
  # Members on a grid over Europe (lon -10..30, lat 35..70), loaded with --pipe into both servers
  python3 - "$GEO_MEMBERS" >"$WORK/geo.resp" <<'PY'
import sys
n = int(sys.argv[1])
out = sys.stdout.buffer
side = int(n ** 0.5) + 1
batch = []
for i in range(n):
    lon = -10 + 40.0 * (i % side) / side
    lat = 35 + 35.0 * (i // side) / side
    batch += [b"%.6f" % lon, b"%.6f" % lat, b"m%d" % i]
    if len(batch) == 300 or i == n - 1:
        a = [b"GEOADD", b"bench:geo"] + batch
        out.write(b"*%d\r\n" % len(a) + b"".join(b"$%d\r\n%s\r\n" % (len(x), x) for x in a))
        batch = []
PY
  redis-cli -p "$REDIS_PORT" --pipe <"$WORK/geo.resp" >/dev/null
  redis-cli -p "$MC_PORT" --pipe <"$WORK/geo.resp" >/dev/null
  echo
  echo "GEOSEARCH over $(redis-cli -p "$MC_PORT" zcard bench:geo) members (redis $(redis-cli -p "$REDIS_PORT" zcard bench:geo)), -c $CLIENTS -n $REQUESTS, best of $ROUNDS"
  echo "  $(printf '%-44s%12s%15s%8s' test 'redis rps' 'minicloud rps' ratio)"
  best_of "GEOSEARCH FROMLONLAT BYRADIUS 20 km COUNT 10" \
    GEOSEARCH bench:geo FROMLONLAT 8.5 47.3 BYRADIUS 20 km ASC COUNT 10
  best_of "GEOSEARCH FROMLONLAT BYBOX 50 km WITHDIST" \
    GEOSEARCH bench:geo FROMLONLAT 2.35 48.85 BYBOX 50 50 km WITHDIST
  redis-cli -p "$REDIS_PORT" del bench:geo >/dev/null
  redis-cli -p "$MC_PORT" del bench:geo >/dev/null
fi

if [ "$TRACKING_CLIENTS" -gt 0 ]; then
  # Holders: N RESP3 connections per server, each CLIENT TRACKING ON and 10 GETs of keys SET -r writes,
  # then reading (and dropping) their invalidation pushes until killed
  holder() { # holder <port> <clients>
    python3 - "$1" "$2" <<'PY' &
import random, selectors, socket, sys
port, n = int(sys.argv[1]), int(sys.argv[2])
sel = selectors.DefaultSelector()
def cmd(*a):
    return b"*%d\r\n" % len(a) + b"".join(b"$%d\r\n%s\r\n" % (len(x), x) for x in a)
for i in range(n):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(cmd(b"HELLO", b"3") + cmd(b"CLIENT", b"TRACKING", b"ON")
              + b"".join(cmd(b"GET", b"key:%012d" % random.randrange(100000)) for _ in range(10)))
    s.setblocking(False)
    sel.register(s, selectors.EVENT_READ)
print("ready", flush=True)
while True:
    for key, _ in sel.select():
        try:
            if not key.fileobj.recv(65536):
                sel.unregister(key.fileobj)
        except BlockingIOError:
            pass
PY
    PIDS+=($!)
  }
  echo
  echo "SET -r 100000 with $TRACKING_CLIENTS tracking clients on each server (each read 10 of its keys), -c $CLIENTS -n $REQUESTS, best of $ROUNDS"
  echo "  $(printf '%-44s%12s%15s%8s' test 'redis rps' 'minicloud rps' ratio)"
  best_of "SET -r 100000, no tracking clients" -r 100000 -t set
  holder "$REDIS_PORT" "$TRACKING_CLIENTS" >"$WORK/holder-redis.log"
  holder "$MC_PORT" "$TRACKING_CLIENTS" >"$WORK/holder-mc.log"
  for _ in $(seq 1 300); do grep -q ready "$WORK/holder-redis.log" && grep -q ready "$WORK/holder-mc.log" && break; sleep 0.1; done
  echo "  tracking clients: redis $(redis-cli -p "$REDIS_PORT" info clients | tr -d '\r' | sed -n 's/^tracking_clients://p'), minicloud $(redis-cli -p "$MC_PORT" info clients | tr -d '\r' | sed -n 's/^tracking_clients://p')"
  best_of "SET -r 100000, $TRACKING_CLIENTS tracking clients" -r 100000 -t set
fi

[ "$KEYS_FOR_MEMORY" -gt 0 ] || exit 0
# Memory: 1M keys of 16-byte values, loaded with redis-cli --pipe into both servers
python3 - "$KEYS_FOR_MEMORY" >"$WORK/load.resp" <<'PY'
import sys
out = sys.stdout.buffer
for i in range(int(sys.argv[1])):
    k = b"key:%012d" % i
    out.write(b"*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$16\r\n%s\r\n" % (len(k), k, b"v" * 16))
PY
heap_used() { # bytes of Java heap in use after a full GC
  jcmd "$MC_PID" GC.run >/dev/null
  jcmd "$MC_PID" GC.heap_info | python3 -c '
import re, sys
t = sys.stdin.read()
print(sum(int(v) * {"K": 1024, "M": 1 << 20}[u] for v, u in re.findall(r"used (\d+)([KM])", t.split("Metaspace")[0])))'
}
redis_mem() { redis-cli -p "$REDIS_PORT" info memory | tr -d '\r' | sed -n 's/^used_memory://p'; }
r0=$(redis_mem); h0=$(heap_used)
redis-cli -p "$REDIS_PORT" --pipe <"$WORK/load.resp" >/dev/null
redis-cli -p "$MC_PORT" --pipe <"$WORK/load.resp" >/dev/null
r1=$(redis_mem); h1=$(heap_used)
echo
echo "memory for $KEYS_FOR_MEMORY keys with 16-byte values (redis used_memory vs JVM heap after full GC)"
python3 - "$r0" "$r1" "$h0" "$h1" "$(redis-cli -p "$REDIS_PORT" dbsize)" "$(redis-cli -p "$MC_PORT" dbsize)" <<'PY'
import sys
r0, r1, h0, h1, rk, mk = map(int, sys.argv[1:])
mb = lambda b: b / 1048576
print(f"  keys: redis {rk}, minicloud {mk}")
print(f"  redis used_memory: {mb(r1):.1f} MiB total, {mb(r1 - r0):.1f} MiB for the keys")
print(f"  minicloud heap:    {mb(h1):.1f} MiB total, {mb(h1 - h0):.1f} MiB for the keys")
print(f"  ratio (minicloud / redis): {h1 / r1:.2f} total, {(h1 - h0) / (r1 - r0):.2f} for the keys")
PY
