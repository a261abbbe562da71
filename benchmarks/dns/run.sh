#!/usr/bin/env bash
# DNS benchmark: MiniCloud vs Knot DNS serving the same generated zone, measured by dnsperf over UDP
# and TCP in one run, plus the time for a 1,000-record change batch until the records answer
# (MiniCloud: one ChangeResourceRecordSets call; Knot: one RFC 2136 update via nsupdate).
# Then routing by health: MiniCloud answering a zone of failover/weighted/latency/geolocation sets
# behind probed health checks, against Knot on the plain zone (goal: >= 0.9x), and the same with
# 10,000 health checks probed every 10 s (how many were probed in time, and what it costs queries).
# Usage: benchmarks/dns/run.sh [seconds-per-run (default 6)] [dnsperf clients (default 4)] [rounds (default 3)]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
SECS=${1:-6}
CLIENTS=${2:-4}
ROUNDS=${3:-3}

need=()
command -v knotd >/dev/null || need+=(knot)
command -v dnsperf >/dev/null || need+=(dnsperf)
command -v dig >/dev/null || need+=(dnsutils)
if ((${#need[@]})); then
  (apt-get update -qq || true) >/dev/null 2>&1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
JAR=$(ls "$ROOT"/emulator-standalone/target/emulator-standalone-*-all.jar 2>/dev/null | head -1 || true)
if [ -z "$JAR" ]; then
  mvn -B -o -q package -DskipTests >/dev/null
  JAR=$(ls "$ROOT"/emulator-standalone/target/emulator-standalone-*-all.jar | head -1)
fi

WORK=$(mktemp -d)
MC_PID=""; KNOT_PID=""
cleanup() {
  [ -n "$MC_PID" ] && kill "$MC_PID" 2>/dev/null || true
  [ -n "$KNOT_PID" ] && kill "$KNOT_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Knot needs a port number up front; MiniCloud binds 0 and reports its port.
KNOT_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 "$ROOT/benchmarks/dns/genzone.py" "$WORK" "$KNOT_PORT"

mkdir -p "$WORK/knot/db"
cp "$WORK/bench.example.zone" "$WORK/knot/"
cat >"$WORK/knot/knot.conf" <<CONF
server:
    listen: 127.0.0.1@$KNOT_PORT
    rundir: $WORK/knot
database:
    storage: $WORK/knot/db
log:
  - target: stderr
    any: warning
acl:
  - id: local_update
    address: 127.0.0.1
    action: update
template:
  - id: default
    storage: $WORK/knot
    zonefile-sync: -1
    zonefile-load: whole
    journal-content: changes
zone:
  - domain: bench.example
    file: bench.example.zone
    acl: local_update
CONF
knotd -c "$WORK/knot/knot.conf" >"$WORK/knot.log" 2>&1 &
KNOT_PID=$!

java -jar "$JAR" --services dns --edge-port 0 --dns-port 0 --dns-limits MAX_HEALTH_CHECKS_BY_OWNER=20000 >"$WORK/mc.log" 2>&1 &
MC_PID=$!
for _ in $(seq 1 100); do grep -q '^Ready\.$' "$WORK/mc.log" && break; sleep 0.1; done
grep -q '^Ready\.$' "$WORK/mc.log" || { cat "$WORK/mc.log"; echo "MiniCloud did not start"; exit 1; }
EDGE=$(sed -n 's/^ *edge: *http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$WORK/mc.log" | head -1)
MC_PORT=$(sed -n 's/^ *dns: *udp+tcp:\/\/[^:]*:\([0-9]*\).*/\1/p' "$WORK/mc.log" | head -1)
R53="http://127.0.0.1:$EDGE/2013-04-01"

ZONE_ID=$(curl -fsS -X POST "$R53/hostedzone" -H 'Content-Type: text/xml' --data-binary \
  '<CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Name>bench.example</Name><CallerReference>bench</CallerReference></CreateHostedZoneRequest>' \
  | sed -n 's/.*<Id>\/hostedzone\/\([A-Z0-9]*\)<\/Id>.*/\1/p')
for b in "$WORK"/batch*.xml; do
  curl -fsS -X POST "$R53/hostedzone/$ZONE_ID/rrset" -H 'Content-Type: text/xml' --data-binary "@$b" >/dev/null
done
for _ in $(seq 1 100); do dig @127.0.0.1 -p "$KNOT_PORT" +short host999.bench.example A | grep -q . && break; sleep 0.1; done
for port in "$KNOT_PORT" "$MC_PORT"; do
  got=$(dig @127.0.0.1 -p "$port" +short host999.bench.example A)
  [ "$got" = "10.3.249.244" ] || { echo "server on $port does not serve the zone (got '$got')"; cat "$WORK/knot.log"; exit 1; }
  dig @127.0.0.1 -p "$port" missing1.bench.example A | grep -q NXDOMAIN || { echo "no NXDOMAIN from $port"; exit 1; }
done

perf() { # perf <port> <udp|tcp> -> queries per second
  dnsperf -s 127.0.0.1 -p "$1" -m "$2" -d "$WORK/queries.txt" -l "$SECS" -c "$CLIENTS" -q 200 -t 2 2>&1 \
    | tee -a "$WORK/dnsperf.log" | sed -n 's/^ *Queries per second: *\([0-9.]*\).*/\1/p'
}

echo "DNS benchmark: $(grep -c . "$WORK/queries.txt") queries (75% existing mixed types, 10% NODATA, 5% wildcard, 10% NXDOMAIN),"
echo "  zone of $(grep -c . "$WORK/bench.example.zone") records; ${SECS}s per run, $ROUNDS rounds, $CLIENTS dnsperf clients, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
# Warm-up (JIT for MiniCloud; cache for both), not reported.
dnsperf -s 127.0.0.1 -p "$MC_PORT" -d "$WORK/queries.txt" -l 3 -c "$CLIENTS" -q 200 >/dev/null 2>&1 || true
dnsperf -s 127.0.0.1 -p "$KNOT_PORT" -d "$WORK/queries.txt" -l 1 -c "$CLIENTS" -q 200 >/dev/null 2>&1 || true
# The machine may be shared: runs alternate between the two servers, ROUNDS times, and the medians
# are compared, so a burst of outside load does not land on one server only.
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
printf '%-6s %16s %16s %8s\n' mode "MiniCloud q/s" "Knot q/s" ratio
for mode in udp tcp; do
  mc_all=(); kn_all=()
  for r in $(seq 1 "$ROUNDS"); do
    if (( r % 2 )); then mc_all+=("$(perf "$MC_PORT" "$mode")"); kn_all+=("$(perf "$KNOT_PORT" "$mode")")
    else kn_all+=("$(perf "$KNOT_PORT" "$mode")"); mc_all+=("$(perf "$MC_PORT" "$mode")"); fi
  done
  mc=$(printf '%s\n' "${mc_all[@]}" | median); kn=$(printf '%s\n' "${kn_all[@]}" | median)
  ratio=$(python3 -c "print(f'{$mc/$kn:.2f}x')")
  printf '%-6s %16.0f %16.0f %8s   (runs: MiniCloud %s; Knot %s)\n' "$mode" "$mc" "$kn" "$ratio" \
    "$(printf '%.0f ' "${mc_all[@]}")" "$(printf '%.0f ' "${kn_all[@]}")"
done
echo "queries lost over all runs: $(sed -n 's/^ *Queries lost: *\([0-9]*\).*/\1/p' "$WORK/dnsperf.log" | awk '{s+=$1} END {print s+0}')"

# A 1,000-record change until the last record answers (after one untimed warm-up change on each).
curl -fsS -X POST "$R53/hostedzone/$ZONE_ID/rrset" -H 'Content-Type: text/xml' --data-binary "@$WORK/warm1000.xml" >/dev/null
nsupdate -v "$WORK/warm1000.nsupdate"
t0=$(now_ms)
api_s=$(curl -fsS -o /dev/null -w '%{time_total}' -X POST "$R53/hostedzone/$ZONE_ID/rrset" -H 'Content-Type: text/xml' \
  --data-binary "@$WORK/change1000.xml")
until [ "$(dig @127.0.0.1 -p "$MC_PORT" +short batch999.bench.example A)" = "10.200.3.250" ]; do :; done
mc_ms=$(( $(now_ms) - t0 ))
t0=$(now_ms)
nsupdate -v "$WORK/change1000.nsupdate"
until [ "$(dig @127.0.0.1 -p "$KNOT_PORT" +short batch999.bench.example A)" = "10.200.3.250" ]; do :; done
kn_ms=$(( $(now_ms) - t0 ))
for port in "$MC_PORT" "$KNOT_PORT"; do
  [ "$(dig @127.0.0.1 -p "$port" +short batch0.bench.example A)" = "10.200.0.1" ] || { echo "batch0 missing on $port"; exit 1; }
done
printf '1000-record change until answered: MiniCloud %d ms (the API call itself: %s s), Knot (nsupdate) %d ms\n' \
  "$mc_ms" "$api_s" "$kn_ms"
echo "(each includes starting one client process: curl for MiniCloud, nsupdate for Knot, plus dig)"

# Routing by health: every answer is chosen per query (weighted sets are random, so never cached),
# from health checks that really probe (TCP to MiniCloud's own DNS port, every 10 s).
python3 "$ROOT/benchmarks/dns/routed.py" zone "$EDGE" "$WORK" "$MC_PORT"
[ -n "$(dig @127.0.0.1 -p "$MC_PORT" +short w7.routed.example A)" ] || { echo "routed zone not served"; exit 1; }
routed() { # routed <label>: alternating UDP rounds, MiniCloud on routed names vs Knot on the plain zone
  local mc_all=() kn_all=() r mc kn
  for r in $(seq 1 "$ROUNDS"); do
    mc_all+=("$(dnsperf -s 127.0.0.1 -p "$MC_PORT" -d "$WORK/routed-queries.txt" -l "$SECS" -c "$CLIENTS" -q 200 -t 2 2>&1 \
      | tee -a "$WORK/dnsperf.log" | sed -n 's/^ *Queries per second: *\([0-9.]*\).*/\1/p')")
    kn_all+=("$(perf "$KNOT_PORT" udp)")
  done
  mc=$(printf '%s\n' "${mc_all[@]}" | median); kn=$(printf '%s\n' "${kn_all[@]}" | median)
  printf '%-34s %12.0f %12.0f %8s\n' "$1" "$mc" "$kn" "$(python3 -c "print(f'{$mc/$kn:.2f}x')")"
}
dnsperf -s 127.0.0.1 -p "$MC_PORT" -d "$WORK/routed-queries.txt" -l 3 -c "$CLIENTS" -q 200 >/dev/null 2>&1 || true
printf '%-34s %12s %12s %8s\n' "routing by health (UDP)" "MiniCloud" "Knot plain" ratio
routed "64 checks behind 2,400 sets"
python3 "$ROOT/benchmarks/dns/routed.py" checks "$EDGE" 10000 "$MC_PORT"
sleep 12 # every new check is due within its first 10 s interval
since=$(date +%s)
routed "+ 10,000 checks probed every 10 s"
read -r fresh sampled total <<<"$(python3 "$ROOT/benchmarks/dns/routed.py" observed "$EDGE" "$since")"
echo "health checks: $total exist; of $sampled sampled, $fresh were probed during the last measurement (10 s interval)"
echo "queries lost over all runs: $(sed -n 's/^ *Queries lost: *\([0-9]*\).*/\1/p' "$WORK/dnsperf.log" | awk '{s+=$1} END {print s+0}')"
