#!/usr/bin/env bash
# Route 53 control plane with the AWS CLI, data plane with dig (UDP, +tcp, +bufsize), split-horizon
# private zones through a VPC resolver endpoint. Run by scripts/interop.sh against the standalone jar.
set -euo pipefail

fail() { echo "dns interop: $*" >&2; exit 1; }
r53() { aws --endpoint-url "$MINICLOUD_ENDPOINT" route53 "$@"; }
q() { dig @127.0.0.1 -p "$MINICLOUD_DNS_PORT" +time=3 +tries=1 "$@"; }
expect() { # expect <what> <expected> <actual>
  [ "$2" = "$3" ] || fail "$1: expected [$2], got [$3]"
}

ref="interop-$$-$RANDOM"
zone_id=$(r53 create-hosted-zone --name interop.example --caller-reference "$ref" \
  --hosted-zone-config Comment=interop --query HostedZone.Id --output text)
case "$zone_id" in /hostedzone/Z*) ;; *) fail "unexpected zone id $zone_id" ;; esac

# Reusing the caller reference is HostedZoneAlreadyExists.
if out=$(r53 create-hosted-zone --name other.example --caller-reference "$ref" 2>&1); then
  fail "reused caller reference accepted"
fi
grep -q HostedZoneAlreadyExists <<<"$out" || fail "wrong error for reused caller reference: $out"

txt=""
for i in $(seq 1 30); do txt="$txt{\"Value\":\"\\\"$(printf 'z%.0s' $(seq 1 40))$i\\\"\"},"; done
cat >"$INTEROP_WORK/batch.json" <<JSON
{"Comment":"interop","Changes":[
 {"Action":"CREATE","ResourceRecordSet":{"Name":"www.interop.example","Type":"A","TTL":60,"ResourceRecords":[{"Value":"192.0.2.10"}]}},
 {"Action":"CREATE","ResourceRecordSet":{"Name":"alias-src.interop.example","Type":"CNAME","TTL":60,"ResourceRecords":[{"Value":"www.interop.example"}]}},
 {"Action":"CREATE","ResourceRecordSet":{"Name":"*.wild.interop.example","Type":"AAAA","TTL":60,"ResourceRecords":[{"Value":"2001:db8::1"}]}},
 {"Action":"CREATE","ResourceRecordSet":{"Name":"interop.example","Type":"MX","TTL":60,"ResourceRecords":[{"Value":"10 mail.interop.example"}]}},
 {"Action":"CREATE","ResourceRecordSet":{"Name":"mail.interop.example","Type":"A","TTL":60,"ResourceRecords":[{"Value":"192.0.2.25"}]}},
 {"Action":"CREATE","ResourceRecordSet":{"Name":"big.interop.example","Type":"TXT","TTL":60,"ResourceRecords":[${txt%,}]}}
]}
JSON
change_id=$(r53 change-resource-record-sets --hosted-zone-id "$zone_id" --change-batch "file://$INTEROP_WORK/batch.json" \
  --query ChangeInfo.Id --output text)
status=$(r53 get-change --id "$change_id" --query ChangeInfo.Status --output text)
case "$status" in PENDING|INSYNC) ;; *) fail "get-change status $status" ;; esac

# Creating an existing set fails with Route 53's InvalidChangeBatch message.
if out=$(r53 change-resource-record-sets --hosted-zone-id "$zone_id" --change-batch \
  '{"Changes":[{"Action":"CREATE","ResourceRecordSet":{"Name":"www.interop.example","Type":"A","TTL":60,"ResourceRecords":[{"Value":"192.0.2.11"}]}}]}' 2>&1); then
  fail "duplicate CREATE accepted"
fi
grep -q "InvalidChangeBatch" <<<"$out" || fail "wrong error for duplicate CREATE: $out"
grep -q "but it already exists" <<<"$out" || fail "wrong message for duplicate CREATE: $out"

count=$(r53 list-resource-record-sets --hosted-zone-id "$zone_id" --query 'length(ResourceRecordSets)' --output text)
expect "record set count" 8 "$count"
# The CLI's own pagination (NextRecordName/Type cursors, NextMarker) must walk every item exactly once.
# (with --output text the CLI prints one line per page)
count=$(r53 list-resource-record-sets --hosted-zone-id "$zone_id" --page-size 2 \
  --query 'ResourceRecordSets[].[Name,Type]' --output text | wc -l | tr -d ' ')
expect "record set count, paginated by 2" 8 "$count"
r53 create-hosted-zone --name second.example --caller-reference "$ref-2" >/dev/null
zones=$(r53 list-hosted-zones --page-size 1 --query 'HostedZones[].Name' --output text | tr '\t\n' '  ' | sed 's/ *$//')
expect "zones, paginated by 1" "interop.example. second.example." "$zones"
by_name=$(r53 list-hosted-zones-by-name --query 'HostedZones[].Name' --output text | tr '\t\n' '  ' | sed 's/ *$//')
expect "zones by name" "interop.example. second.example." "$by_name"
first=$(r53 list-resource-record-sets --hosted-zone-id "$zone_id" --query 'ResourceRecordSets[?Type==`AAAA`].Name' --output text)
expect "wildcard name as listed" '\052.wild.interop.example.' "$first"

# Data plane: UDP, TCP, CNAME chain, wildcard, MX additional, NXDOMAIN, REFUSED, truncation.
expect "A over UDP" "192.0.2.10" "$(q +short www.interop.example A)"
expect "A over TCP" "192.0.2.10" "$(q +tcp +short www.interop.example A)"
expect "CNAME chain" "www.interop.example.
192.0.2.10" "$(q +short alias-src.interop.example A)"
expect "wildcard" "2001:db8::1" "$(q +short anything.wild.interop.example AAAA)"
q +norec interop.example MX | grep -q '^mail.interop.example.*192.0.2.25' || fail "MX additional A missing"
q www.interop.example A | grep -q 'flags: qr aa' || fail "answer not authoritative"
q nope.interop.example A | grep -q 'status: NXDOMAIN' || fail "no NXDOMAIN"
q nope.interop.example A | grep -q 'AUTHORITY: 1' || fail "no SOA in NXDOMAIN authority"
q www.not-served.example A | grep -q 'status: REFUSED' || fail "out-of-zone not REFUSED"
q +bufsize=512 +ignore big.interop.example TXT | grep -Eq '^;; flags:[a-z ]* tc[ ;]' || fail "no TC at bufsize 512"
q +noedns +ignore big.interop.example TXT | grep -Eq '^;; flags:[a-z ]* tc[ ;]' || fail "no TC without EDNS"
expect "TXT over TCP" 30 "$(q +tcp +short big.interop.example TXT | wc -l | tr -d ' ')"
expect "TXT after TC fallback" 30 "$(q +bufsize=512 +short big.interop.example TXT | wc -l | tr -d ' ')"
expect "TXT at bufsize 4096" 30 "$(q +bufsize=4096 +short big.interop.example TXT | wc -l | tr -d ' ')"
q +edns=1 +noednsnegotiation www.interop.example A | grep -q 'status: BADVERS' || fail "EDNS version 1 not BADVERS"

# Private zone: visible only through its VPC's resolver endpoint. The VPC must exist in EC2 (a
# made-up id is Route 53's InvalidVPCId), as on AWS.
if r53 create-hosted-zone --name nope.example --caller-reference "$ref-nope" \
  --vpc VPCRegion=us-east-1,VPCId=vpc-00000000000000000 >/dev/null 2>"$INTEROP_WORK/r53.err"; then fail "made-up VPC accepted"; fi
grep -q InvalidVPCId "$INTEROP_WORK/r53.err" || fail "made-up VPC not InvalidVPCId"
vpc_id=$(aws --endpoint-url "$MINICLOUD_ENDPOINT" ec2 create-vpc --cidr-block 10.77.0.0/16 --query Vpc.VpcId --output text)
priv_id=$(r53 create-hosted-zone --name interop.example --caller-reference "$ref-private" \
  --vpc VPCRegion=us-east-1,VPCId="$vpc_id" --query HostedZone.Id --output text)
r53 change-resource-record-sets --hosted-zone-id "$priv_id" --change-batch \
  '{"Changes":[{"Action":"CREATE","ResourceRecordSet":{"Name":"db.interop.example","Type":"A","TTL":60,"ResourceRecords":[{"Value":"10.0.0.5"}]}}]}' >/dev/null
resolvers=$(curl -fsS "$MINICLOUD_ENDPOINT/_minicloud/dns/resolvers")
vpc_port=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["vpcs"][sys.argv[1]]["port"])' "$vpc_id" <<<"$resolvers")
public_port=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["public"]["port"])' <<<"$resolvers")
expect "public endpoint in admin API" "$MINICLOUD_DNS_PORT" "$public_port"
expect "private A via VPC resolver" "10.0.0.5" "$(dig @127.0.0.1 -p "$vpc_port" +short db.interop.example A)"
expect "private A via VPC resolver over TCP" "10.0.0.5" "$(dig @127.0.0.1 -p "$vpc_port" +tcp +short db.interop.example A)"
q db.interop.example A | grep -q 'status: NXDOMAIN' || fail "private record visible on the public endpoint"
dig @127.0.0.1 -p "$vpc_port" www.interop.example A | grep -q 'status: NXDOMAIN' \
  || fail "VPC resolver fell through to the public zone"

# Clean up: a zone with records cannot be deleted; emptied, it can.
if r53 delete-hosted-zone --id "$zone_id" >/dev/null 2>&1; then fail "non-empty zone deleted"; fi
r53 change-resource-record-sets --hosted-zone-id "$priv_id" --change-batch \
  '{"Changes":[{"Action":"DELETE","ResourceRecordSet":{"Name":"db.interop.example","Type":"A","TTL":60,"ResourceRecords":[{"Value":"10.0.0.5"}]}}]}' >/dev/null
r53 delete-hosted-zone --id "$priv_id" >/dev/null
r53 get-hosted-zone --id "$priv_id" >/dev/null 2>&1 && fail "deleted zone still there"
echo "dns interop: all checks passed"
