#!/usr/bin/env bash
# Route 53 account resources with the AWS CLI: a reusable delegation set shared by two zones (and
# served in their NS answers, checked with dig), query logging configs, limits, geo locations and a
# traffic policy instance answered by dig.
# Run by scripts/interop.sh.
set -euo pipefail
# An account of its own (a 12-digit access key is that account): the zones here never show in another script's lists.
export AWS_ACCESS_KEY_ID=210987654322

fail() { echo "dns-account interop: $*" >&2; exit 1; }
r53() { aws --endpoint-url "$MINICLOUD_ENDPOINT" route53 "$@"; }
q() { dig @127.0.0.1 -p "$MINICLOUD_DNS_PORT" +time=3 +tries=1 "$@"; }
expect() { # expect <what> <expected> <actual>
  [ "$2" = "$3" ] || fail "$1: expected [$2], got [$3]"
}

ref="account-$$-$RANDOM"
set_id=$(r53 create-reusable-delegation-set --caller-reference "$ref" --query DelegationSet.Id --output text)
servers=$(r53 get-reusable-delegation-set --id "$set_id" --query 'DelegationSet.NameServers' --output text | tr '\t' '\n' | sort)
[ "$(wc -l <<<"$servers")" -eq 4 ] || fail "a delegation set has four name servers, got: $servers"
one=$(r53 create-hosted-zone --name one.account.interop.example --caller-reference "$ref-1" \
  --delegation-set-id "$set_id" --query HostedZone.Id --output text)
two=$(r53 create-hosted-zone --name two.account.interop.example --caller-reference "$ref-2" \
  --delegation-set-id "$set_id" --query HostedZone.Id --output text)
for name in one two; do
  ns=$(q +short "$name.account.interop.example" NS | sed 's/\.$//' | sort)
  expect "NS of $name on the shared set" "$servers" "$ns"
done
if out=$(r53 create-hosted-zone --name www.one.account.interop.example --caller-reference "$ref-3" \
  --delegation-set-id "$set_id" 2>&1); then fail "a child zone on the same set was accepted"; fi
grep -q ConflictingDomainExists <<<"$out" || fail "wrong error for a child zone on the same set: $out"
if out=$(r53 delete-reusable-delegation-set --id "$set_id" 2>&1); then fail "a set in use was deleted"; fi
grep -q DelegationSetInUse <<<"$out" || fail "wrong error for deleting a set in use: $out"
expect "zones on the set" "2" "$(r53 get-reusable-delegation-set-limit --delegation-set-id "$set_id" \
  --type MAX_ZONES_BY_REUSABLE_DELEGATION_SET --query Count --output text)"

arn="arn:aws:logs:us-east-1:000000000000:log-group:/aws/route53/one.account.interop.example"
cfg=$(r53 create-query-logging-config --hosted-zone-id "$one" --cloud-watch-logs-log-group-arn "$arn" \
  --query QueryLoggingConfig.Id --output text)
expect "query logging config of the zone" "$cfg" "$(r53 list-query-logging-configs --hosted-zone-id "$one" \
  --query 'QueryLoggingConfigs[0].Id' --output text)"
if out=$(r53 create-query-logging-config --hosted-zone-id "$one" --cloud-watch-logs-log-group-arn "$arn" 2>&1); then
  fail "a second query logging config for one zone was accepted"; fi
grep -q QueryLoggingConfigAlreadyExists <<<"$out" || fail "wrong error for a second config: $out"
r53 delete-query-logging-config --id "$cfg" >/dev/null

expect "hosted zone limit" "500" "$(r53 get-account-limit --type MAX_HOSTED_ZONES_BY_OWNER --query Limit.Value --output text)"
expect "records per zone" "10000" "$(r53 get-hosted-zone-limit --hosted-zone-id "$one" --type MAX_RRSETS_BY_ZONE \
  --query Limit.Value --output text)"
expect "a US state" "California" "$(r53 get-geo-location --country-code US --subdivision-code CA \
  --query GeoLocationDetails.SubdivisionName --output text)"
expect "a continent" "Europe" "$(r53 get-geo-location --continent-code EU --query GeoLocationDetails.ContinentName --output text)"
# Continents come last: listing from the first of them gives the seven.
expect "the continents" "AF AN AS EU NA OC SA" "$(r53 list-geo-locations --start-continent-code AF \
  --query 'GeoLocationDetailsList[].ContinentCode' --output text | tr '\t' ' ')"

# A traffic policy: weighted between two endpoints, instantiated in zone one and answered by dig.
cat >"$INTEROP_WORK/policy.json" <<'JSON'
{"AWSPolicyFormatVersion":"2015-10-01","RecordType":"A","StartRule":"split",
 "Endpoints":{"a":{"Type":"value","Value":"192.0.2.51"},"b":{"Type":"value","Value":"192.0.2.52"}},
 "Rules":{"split":{"RuleType":"weighted","Items":[{"EndpointReference":"a","Weight":"1"},{"EndpointReference":"b","Weight":"0"}]}}}
JSON
policy=$(r53 create-traffic-policy --name "split-$ref" --document "file://$INTEROP_WORK/policy.json" \
  --query TrafficPolicy.Id --output text)
instance=$(r53 create-traffic-policy-instance --hosted-zone-id "$one" --name tp.one.account.interop.example \
  --ttl 60 --traffic-policy-id "$policy" --traffic-policy-version 1 --query TrafficPolicyInstance.Id --output text)
expect "the traffic policy's answer" "192.0.2.51" "$(q +short tp.one.account.interop.example A)"
expect "the instance's record in the zone" "$instance" "$(r53 list-resource-record-sets --hosted-zone-id "$one" \
  --query "ResourceRecordSets[?Name=='tp.one.account.interop.example.'].TrafficPolicyInstanceId" --output text)"
# (--version is the CLI's own flag: the policy version goes in as JSON.)
delete_policy() { r53 delete-traffic-policy --cli-input-json "{\"Id\":\"$policy\",\"Version\":1}"; }
if out=$(delete_policy 2>&1); then fail "a policy in use was deleted"; fi
grep -q TrafficPolicyInUse <<<"$out" || fail "wrong error for deleting a policy in use: $out"
r53 delete-traffic-policy-instance --id "$instance" >/dev/null
delete_policy >/dev/null
if out=$(r53 list-traffic-policies --query 'TrafficPolicySummaries[].Id' --output text 2>&1) && grep -q "$policy" <<<"$out"; then
  fail "a deleted policy is still listed"; fi

r53 delete-hosted-zone --id "$one" >/dev/null
r53 delete-hosted-zone --id "$two" >/dev/null
r53 delete-reusable-delegation-set --id "$set_id" >/dev/null
