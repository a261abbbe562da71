#!/usr/bin/env bash
# Route 53 DNSSEC with the AWS CLI, validated by BIND's delv: a zone signed with a key-signing key
# answers a record and a missing name that delv fully validates with the key as trust anchor, and a
# wrong anchor (another zone's key) makes validation fail. Run by scripts/interop.sh.
set -euo pipefail
# An account of its own (a 12-digit access key is that account): the zones here never show in another script's lists.
export AWS_ACCESS_KEY_ID=210987654321

fail() { echo "dns-dnssec interop: $*" >&2; exit 1; }
r53() { aws --endpoint-url "$MINICLOUD_ENDPOINT" route53 "$@"; }
validate() { delv @127.0.0.1 -p "$MINICLOUD_DNS_PORT" -a "$1" +root="$2" "$3" A 2>&1; }
kms="arn:aws:kms:us-east-1:000000000000:key/0a1b2c3d-0000-4000-8000-000000000000"

# signed_zone <name>: a zone with www.<name> A 192.0.2.8, signed; prints "<zone id> <KSK DNSKEY rdata>".
signed_zone() {
  local zone key
  zone=$(r53 create-hosted-zone --name "$1" --caller-reference "$1-$$" --query HostedZone.Id --output text)
  printf '{"Changes":[{"Action":"CREATE","ResourceRecordSet":{"Name":"www.%s","Type":"A","TTL":60,"ResourceRecords":[{"Value":"192.0.2.8"}]}}]}' \
    "$1" >"$INTEROP_WORK/$1.json"
  r53 change-resource-record-sets --hosted-zone-id "$zone" --change-batch "file://$INTEROP_WORK/$1.json" >/dev/null
  key=$(r53 create-key-signing-key --hosted-zone-id "$zone" --name ksk_interop --caller-reference "k-$1-$$" \
    --key-management-service-arn "$kms" --status ACTIVE --query KeySigningKey.DNSKEYRecord --output text)
  r53 enable-hosted-zone-dnssec --hosted-zone-id "$zone" >/dev/null
  echo "$zone $key"
}
anchor() { # anchor <file> <zone> <flags> <protocol> <algorithm> <key>
  printf 'trust-anchors { "%s." static-key %s %s %s "%s"; };\n' "$2" "$3" "$4" "$5" "$6" >"$1"
}

read -r zone flags protocol algorithm key <<<"$(signed_zone dnssec.interop.example)"
read -r _ oflags oprotocol oalgorithm okey <<<"$(signed_zone other-dnssec.interop.example)"
expect_status=$(r53 get-dnssec --hosted-zone-id "$zone" --query Status.ServeSignature --output text)
[ "$expect_status" = SIGNING ] || fail "GetDNSSEC says $expect_status"

anchor "$INTEROP_WORK/good.conf" dnssec.interop.example "$flags" "$protocol" "$algorithm" "$key"
out=$(validate "$INTEROP_WORK/good.conf" dnssec.interop.example www.dnssec.interop.example)
grep -q '^; fully validated' <<<"$out" || fail "a signed answer did not validate: $out"
grep -q '192.0.2.8' <<<"$out" || fail "the validated answer lacks the record: $out"
out=$(validate "$INTEROP_WORK/good.conf" dnssec.interop.example missing.dnssec.interop.example)
grep -q 'negative response, fully validated' <<<"$out" || fail "a signed negative answer did not validate: $out"

anchor "$INTEROP_WORK/wrong.conf" dnssec.interop.example "$oflags" "$oprotocol" "$oalgorithm" "$okey"
out=$(validate "$INTEROP_WORK/wrong.conf" dnssec.interop.example www.dnssec.interop.example || true)
grep -q 'fully validated' <<<"$out" && fail "an answer validated against the wrong key: $out"
grep -qE 'resolution failed|no valid|broken trust chain' <<<"$out" || fail "unexpected delv output for a wrong key: $out"

r53 disable-hosted-zone-dnssec --hosted-zone-id "$zone" >/dev/null
out=$(dig @127.0.0.1 -p "$MINICLOUD_DNS_PORT" +dnssec +tcp www.dnssec.interop.example A)
grep -q RRSIG <<<"$out" && fail "a zone with signing disabled still signs: $out"
exit 0
