#!/usr/bin/env bash
# Route 53 health checks and routing from live health with the AWS CLI, answers with dig: an HTTP
# health check on a local server probed on demand (admin probe round), failover flipped by a forced
# status, version-checked updates, CIDR collections answered by dig +subnet. Run by scripts/interop.sh.
set -euo pipefail

fail() { echo "dns-health interop: $*" >&2; exit 1; }
r53() { aws --endpoint-url "$MINICLOUD_ENDPOINT" route53 "$@"; }
q() { dig @127.0.0.1 -p "$MINICLOUD_DNS_PORT" +time=3 +tries=1 "$@"; }
admin() { curl -fsS -X POST "$MINICLOUD_ENDPOINT/_minicloud/dns/health-checks/$1"; }
expect() { # expect <what> <expected> <actual>
  [ "$2" = "$3" ] || fail "$1: expected [$2], got [$3]"
}

# A local HTTP server on a free port, as the primary's endpoint.
python3 -c '
import http.server, sys
s = http.server.HTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
print(s.server_address[1], flush=True)
s.serve_forever()' >"$INTEROP_WORK/http.port" 2>/dev/null &
HTTP_PID=$!
trap 'kill "$HTTP_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do [ -s "$INTEROP_WORK/http.port" ] && break; sleep 0.1; done
port=$(head -1 "$INTEROP_WORK/http.port")
[ -n "$port" ] || fail "the local HTTP server did not start"

ref="health-$$-$RANDOM"
hc=$(r53 create-health-check --caller-reference "$ref" --health-check-config \
  "Type=HTTP,IPAddress=127.0.0.1,Port=$port,ResourcePath=/,RequestInterval=10,FailureThreshold=1" \
  --query HealthCheck.Id --output text)
again=$(r53 create-health-check --caller-reference "$ref" --health-check-config \
  "Type=HTTP,IPAddress=127.0.0.1,Port=$port,ResourcePath=/,RequestInterval=10,FailureThreshold=1" \
  --query HealthCheck.Id --output text)
expect "retried caller reference" "$hc" "$again"
if out=$(r53 create-health-check --caller-reference "$ref" --health-check-config \
  "Type=TCP,IPAddress=127.0.0.1,Port=$port" 2>&1); then fail "reused caller reference with other settings accepted"; fi
grep -q HealthCheckAlreadyExists <<<"$out" || fail "wrong error for a reused caller reference: $out"
if out=$(r53 create-health-check --caller-reference "$ref-tcp" --health-check-config \
  "Type=TCP,IPAddress=127.0.0.1,Port=$port,ResourcePath=/x" 2>&1); then fail "TCP with a resource path accepted"; fi
grep -q "TCP health checks must not have a resource path" <<<"$out" || fail "wrong error for TCP with a path: $out"

admin probe-round | grep -q '"probed"' || fail "probe round did not answer"
status=$(r53 get-health-check-status --health-check-id "$hc" --query 'HealthCheckObservations[0].StatusReport.Status' --output text)
expect "health check status" "Success: HTTP Status Code 200, OK" "$status"

zone=$(r53 create-hosted-zone --name health.interop.example --caller-reference "$ref-zone" --query HostedZone.Id --output text)
cat >"$INTEROP_WORK/failover.json" <<JSON
{"Changes":[
 {"Action":"CREATE","ResourceRecordSet":{"Name":"app.health.interop.example","Type":"A","SetIdentifier":"p","Failover":"PRIMARY","TTL":60,"HealthCheckId":"$hc","ResourceRecords":[{"Value":"192.0.2.1"}]}},
 {"Action":"CREATE","ResourceRecordSet":{"Name":"app.health.interop.example","Type":"A","SetIdentifier":"s","Failover":"SECONDARY","TTL":60,"ResourceRecords":[{"Value":"192.0.2.2"}]}}
]}
JSON
r53 change-resource-record-sets --hosted-zone-id "$zone" --change-batch "file://$INTEROP_WORK/failover.json" >/dev/null
expect "failover while the primary is healthy" "192.0.2.1" "$(q +short app.health.interop.example A)"
admin "$hc?status=unhealthy" | grep -q '"healthy":false' || fail "forcing unhealthy did not answer"
expect "failover once the primary is unhealthy" "192.0.2.2" "$(q +short app.health.interop.example A)"
expect "TestDNSAnswer sees it too" "192.0.2.2" "$(r53 test-dns-answer --hosted-zone-id "$zone" \
  --record-name app.health.interop.example --record-type A --query 'RecordData[0]' --output text)"
admin "$hc?status=auto" >/dev/null
expect "failover back with the probes deciding" "192.0.2.1" "$(q +short app.health.interop.example A)"

version=$(r53 update-health-check --health-check-id "$hc" --health-check-version 1 --failure-threshold 2 \
  --query HealthCheck.HealthCheckVersion --output text)
expect "updated version" 2 "$version"
if out=$(r53 update-health-check --health-check-id "$hc" --health-check-version 1 --failure-threshold 3 2>&1); then
  fail "stale HealthCheckVersion accepted"
fi
grep -q HealthCheckVersionMismatch <<<"$out" || fail "wrong error for a stale version: $out"
r53 change-tags-for-resource --resource-type healthcheck --resource-id "$hc" --add-tags Key=team,Value=dns
expect "health check tag" "dns" "$(r53 list-tags-for-resource --resource-type healthcheck --resource-id "$hc" \
  --query 'ResourceTagSet.Tags[0].Value' --output text)"

# IP-based routing: a CIDR collection and dig +subnet.
coll=$(r53 create-cidr-collection --name "offices$$" --caller-reference "$ref-cidr" --query Collection.Id --output text)
r53 change-cidr-collection --id "$coll" --changes "LocationName=berlin,Action=PUT,CidrList=10.2.0.0/16" >/dev/null
expect "CIDR blocks" "10.2.0.0/16" "$(r53 list-cidr-blocks --collection-id "$coll" --query 'CidrBlocks[0].CidrBlock' --output text)"
cat >"$INTEROP_WORK/cidr.json" <<JSON
{"Changes":[
 {"Action":"CREATE","ResourceRecordSet":{"Name":"ip.health.interop.example","Type":"A","SetIdentifier":"berlin","CidrRoutingConfig":{"CollectionId":"$coll","LocationName":"berlin"},"TTL":60,"ResourceRecords":[{"Value":"192.0.2.71"}]}},
 {"Action":"CREATE","ResourceRecordSet":{"Name":"ip.health.interop.example","Type":"A","SetIdentifier":"default","CidrRoutingConfig":{"CollectionId":"$coll","LocationName":"*"},"TTL":60,"ResourceRecords":[{"Value":"192.0.2.70"}]}}
]}
JSON
r53 change-resource-record-sets --hosted-zone-id "$zone" --change-batch "file://$INTEROP_WORK/cidr.json" >/dev/null
expect "CIDR location by client subnet" "192.0.2.71" "$(q +short +subnet=10.2.3.0/24 ip.health.interop.example A)"
expect "CIDR default" "192.0.2.70" "$(q +short ip.health.interop.example A)"

# Clean up.
sed 's/"CREATE"/"DELETE"/g' "$INTEROP_WORK/failover.json" >"$INTEROP_WORK/failover-delete.json"
sed 's/"CREATE"/"DELETE"/g' "$INTEROP_WORK/cidr.json" >"$INTEROP_WORK/cidr-delete.json"
r53 change-resource-record-sets --hosted-zone-id "$zone" --change-batch "file://$INTEROP_WORK/failover-delete.json" >/dev/null
r53 change-resource-record-sets --hosted-zone-id "$zone" --change-batch "file://$INTEROP_WORK/cidr-delete.json" >/dev/null
r53 change-cidr-collection --id "$coll" --changes "LocationName=berlin,Action=DELETE_IF_EXISTS,CidrList=10.2.0.0/16" >/dev/null
r53 delete-cidr-collection --id "$coll"
r53 delete-hosted-zone --id "$zone" >/dev/null
r53 delete-health-check --health-check-id "$hc"
r53 get-health-check --health-check-id "$hc" >/dev/null 2>&1 && fail "deleted health check still there"
echo "dns-health interop: all checks passed"
