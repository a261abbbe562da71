#!/usr/bin/env bash
# The admin API and the edge port's error handling, through curl.
set -euo pipefail
E=$MINICLOUD_ENDPOINT
curl -fsS "$E/_minicloud/health" | grep -q '"status":"running"'
curl -fsSI "$E/_minicloud/health" | grep -qi '^x-minicloud-version:'
curl -fsS -X POST "$E/_minicloud/reset" | grep -q '"reset"'
# A malformed request line gets 400 and the server keeps serving.
printf 'GARBAGE\r\n\r\n' | timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$MINICLOUD_EDGE_PORT; cat >&3; head -1 <&3" | grep -q ' 400 '
curl -fsS "$E/_minicloud/health" >/dev/null
