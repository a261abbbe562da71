#!/usr/bin/env bash
# The KV service with redis-cli: RESP2 and RESP3 (-3), inline commands, pipelined mass insertion
# (--pipe), expiry, transactions, pub/sub, ACL users (--user/--pass), MONITOR and error text. Run by
# scripts/interop.sh against the standalone jar; fails on any reply that differs from what Redis 7 sends.
set -euo pipefail

fail() { echo "kv interop: $*" >&2; exit 1; }
cli() { redis-cli -h 127.0.0.1 -p "$MINICLOUD_KV_PORT" "$@"; }
expect() { # expect <what> <expected> <actual>
  [ "$2" = "$3" ] || fail "$1: expected [$2], got [$3]"
}

ns="interop:$$:$RANDOM"
expect "PING" "PONG" "$(cli PING)"
expect "SET" "OK" "$(cli SET "$ns:s" 'hello world')"
expect "GET" "hello world" "$(cli GET "$ns:s")"
expect "INCR" "11" "$(cli INCRBY "$ns:n" 11)"
expect "WRONGTYPE" "WRONGTYPE Operation against a key holding the wrong kind of value" "$(cli LPUSH "$ns:s" x 2>&1)"
expect "unknown command" "ERR unknown command 'XFROBNICATE', with args beginning with: 'return 1' '0' " "$(cli XFROBNICATE 'return 1' 0 2>&1)"
expect "EVAL" "1" "$(cli EVAL 'return 1' 0)"
# redis-cli --eval: the file is the script, the keys come before the comma and the arguments after it
printf "return {KEYS[1], ARGV[1], redis.call('incr', KEYS[1])}" >"$INTEROP_WORK/script.lua"
expect "--eval" "$ns:c
a
1" "$(cli --eval "$INTEROP_WORK/script.lua" "$ns:c" , a)"
expect "SCRIPT KILL" "NOTBUSY No scripts in execution right now." "$(cli SCRIPT KILL 2>&1)"
expect "arity" "ERR wrong number of arguments for 'get' command" "$(cli GET 2>&1)"

# RESP3 through redis-cli -3: a map and a double come back typed
out=$(cli -3 --no-raw HELLO 3 | head -3 | tr '\n' ' ')
expect "HELLO 3" '1# "server" => "redis" 2# "version" => "7.4.2" 3# "proto" => (integer) 3 ' "$out"
cli HSET "$ns:h" f v >/dev/null
expect "HGETALL (RESP3 map)" '1# "f" => "v"' "$(cli -3 --no-raw HGETALL "$ns:h")"
cli ZADD "$ns:z" 1.5 m >/dev/null
expect "ZSCORE (RESP3 double)" '(double) 1.5' "$(cli -3 --no-raw ZSCORE "$ns:z" m)"

# Inline commands, as telnet or `nc` would send them
out=$(printf 'PING\r\nECHO "x y"\r\n' | cli 2>&1)
expect "piped inline" "PONG
x y" "$out"

# Mass insertion with --pipe: 20000 SETs in RESP, every reply counted
n=20000
python3 - "$ns" "$n" >"$INTEROP_WORK/mass.resp" <<'PY'
import sys
ns, n = sys.argv[1], int(sys.argv[2])
out = sys.stdout.buffer
for i in range(n):
    k = f"{ns}:k{i:06d}".encode()
    out.write(b"*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$1\r\nv\r\n" % (len(k), k))
PY
pipe_out=$(cli --pipe <"$INTEROP_WORK/mass.resp" 2>&1)
grep -q "errors: 0, replies: $n" <<<"$pipe_out" || fail "--pipe: $pipe_out"
expect "DBSIZE after --pipe" "1" "$( [ "$(cli --scan --pattern "$ns:k*" | wc -l)" -eq "$n" ] && echo 1 || echo 0)"

# Expiry and TTL
cli SET "$ns:e" v PX 1000 >/dev/null
ttl=$(cli PTTL "$ns:e"); [ "$ttl" -gt 0 ] && [ "$ttl" -le 1000 ] || fail "PTTL $ttl"
sleep 1.2
expect "expired key" "" "$(cli GET "$ns:e")"

# Transactions
out=$(printf 'MULTI\nINCR %s:t\nINCR %s:t\nEXEC\n' "$ns" "$ns" | cli | tr '\n' ' ')
expect "MULTI/EXEC" "OK QUEUED QUEUED 1 2 " "$out"

# Pub/Sub: a subscriber gets a message published by another connection
# redis-cli itself in the background (not the cli function's subshell), so kill reaches it
redis-cli -h 127.0.0.1 -p "$MINICLOUD_KV_PORT" SUBSCRIBE "$ns:ch" >"$INTEROP_WORK/sub.out" &
sub=$!
for _ in $(seq 1 50); do [ "$(cli PUBSUB NUMSUB "$ns:ch" | tail -1)" = "1" ] && break; sleep 0.1; done
expect "PUBLISH receivers" "1" "$(cli PUBLISH "$ns:ch" hello)"
for _ in $(seq 1 50); do grep -q '^hello$' "$INTEROP_WORK/sub.out" && break; sleep 0.1; done
kill "$sub" 2>/dev/null || true
wait "$sub" 2>/dev/null || true
grep -q '^hello$' "$INTEROP_WORK/sub.out" || fail "subscriber did not get the message: $(cat "$INTEROP_WORK/sub.out")"

# Blocking pop served by a later push
(sleep 0.3; cli RPUSH "$ns:q" job >/dev/null) &
expect "BLPOP" "$ns:q
job" "$(cli BLPOP "$ns:q" 5)"
wait

# Streams: ids, ranges, a consumer group, a blocking XREADGROUP served by a later XADD, errors
st="$ns:stream"
expect "XADD" "1-1" "$(cli XADD "$st" 1-1 f v)"
expect "XADD ms-*" "1-2" "$(cli XADD "$st" '1-*' f w)"
expect "XADD smaller id" "ERR The ID specified in XADD is equal or smaller than the target stream top item" "$(cli XADD "$st" 1-0 f v 2>&1)"
expect "XRANGE exclusive" "1-2
f
w" "$(cli XRANGE "$st" '(1-1' +)"
expect "XLEN" "2" "$(cli XLEN "$st")"
expect "TYPE stream" "stream" "$(cli TYPE "$st")"
expect "XGROUP CREATE" "OK" "$(cli XGROUP CREATE "$st" g 0)"
expect "XREADGROUP" "$st
1-1
f
v" "$(cli XREADGROUP GROUP g alice COUNT 1 STREAMS "$st" '>')"
expect "XPENDING" "1
1-1
1-1
alice
1" "$(cli XPENDING "$st" g)"
expect "XACK" "1" "$(cli XACK "$st" g 1-1)"
expect "XINFO GROUPS lag" "1" "$(cli XINFO GROUPS "$st" | sed -n '/^lag$/{n;p}')"
expect "XREADGROUP rest" "$st
1-2
f
w" "$(cli XREADGROUP GROUP g bob STREAMS "$st" '>')"
(sleep 0.3; cli XADD "$st" 2-0 job later >/dev/null) &
expect "XREADGROUP BLOCK" "$st
2-0
job
later" "$(cli XREADGROUP GROUP g bob BLOCK 5000 STREAMS "$st" '>')"
wait
expect "XREADGROUP no group" "NOGROUP No such key '$st' or consumer group 'nog' in XREADGROUP with GROUP option" \
  "$(cli XREADGROUP GROUP nog c STREAMS "$st" '>' 2>&1)"
expect "XADD bad id" "ERR Invalid stream ID specified as stream command argument" "$(cli XADD "$st" 1-x f v 2>&1)"

# ACL users: redis-cli --user/--pass as a user limited to its keys and two commands
u="interop$$"
pw="secret$RANDOM"
as_user() { cli --user "$u" --pass "$pw" --no-auth-warning "$@"; }
expect "ACL SETUSER" "OK" "$(cli ACL SETUSER "$u" on ">$pw" "~$ns:*" +get +set)"
expect "--user SET" "OK" "$(as_user SET "$ns:acl" v)"
expect "--user GET" "v" "$(as_user GET "$ns:acl")"
expect "--user NOPERM command" "NOPERM User $u has no permissions to run the 'del' command" "$(as_user DEL "$ns:acl" 2>&1)"
expect "--user NOPERM key" "NOPERM No permissions to access a key" "$(as_user GET "other:$ns" 2>&1)"
expect "ACL DELUSER" "1" "$(cli ACL DELUSER "$u")"

# MONITOR: redis-cli prints each command another connection runs
redis-cli -h 127.0.0.1 -p "$MINICLOUD_KV_PORT" MONITOR >"$INTEROP_WORK/monitor.out" &
mon=$!
for _ in $(seq 1 50); do grep -q '^OK$' "$INTEROP_WORK/monitor.out" && break; sleep 0.1; done
cli SET "$ns:mon" watched >/dev/null
for _ in $(seq 1 50); do grep -q "\"SET\" \"$ns:mon\" \"watched\"" "$INTEROP_WORK/monitor.out" && break; sleep 0.1; done
kill "$mon" 2>/dev/null || true
wait "$mon" 2>/dev/null || true
grep -Eq "^[0-9]+\.[0-9]{6} \[0 127\.0\.0\.1:[0-9]+\] \"SET\" \"$ns:mon\" \"watched\"$" "$INTEROP_WORK/monitor.out" \
  || fail "MONITOR line: $(cat "$INTEROP_WORK/monitor.out")"

# A protocol error closes only that connection
exec 3<>"/dev/tcp/127.0.0.1/$MINICLOUD_KV_PORT"
printf '*1\r\n$2147483647\r\n' >&3
out=$(timeout 5 cat <&3 || true)
exec 3<&-
expect "protocol error, then close" "-ERR Protocol error: invalid bulk length" "$(tr -d '\r' <<<"$out")"
expect "server alive" "PONG" "$(cli PING)"

# redis-cli's own helpers that walk the keyspace
cli --scan --pattern "$ns:h" | grep -q "^$ns:h$" || fail "--scan"
expect "INFO role" "role:master" "$(cli INFO replication | tr -d '\r' | grep '^role:')"
cli DEL $(cli --scan --pattern "$ns:*" | head -1000) >/dev/null
echo "kv interop: ok"
