#!/usr/bin/env bash
# S3 lifecycle and archive restores with the AWS CLI: put/get/delete-bucket-lifecycle-configuration
# from a file (and a refused one that changes nothing), x-amz-expiration on put and head, the abort
# date of a multipart upload, a date rule in the past applied by POST /_minicloud/s3/lifecycle/run,
# and restore-object of a GLACIER object (InvalidObjectState, then 202 and RestoreAlreadyInProgress).
# The jar runs on the system clock, so restores stay in progress here; the Java tests advance a clock.
# Run by scripts/interop.sh against the standalone jar; non-zero on any wrong behaviour.
set -euo pipefail

fail() { echo "s3-lifecycle interop: $*" >&2; exit 1; }
expect() { [ "$2" = "$3" ] || fail "$1: expected [$2], got [$3]"; }
s3api() { aws --endpoint-url "$MINICLOUD_ENDPOINT" s3api "$@"; }
W="$INTEROP_WORK/s3-lifecycle"
mkdir -p "$W"
B="lifecycle-$$-$RANDOM"
s3api create-bucket --bucket "$B" >/dev/null

cat >"$W/lifecycle.json" <<JSON
{
  "Rules": [
    { "ID": "expire-logs", "Status": "Enabled", "Filter": { "Prefix": "logs/" }, "Expiration": { "Days": 30 } },
    { "ID": "past-date", "Status": "Enabled", "Filter": { "Prefix": "tmp/" },
      "Expiration": { "Date": "2020-01-01T00:00:00Z" } },
    { "ID": "abort-uploads", "Status": "Enabled", "Filter": { "Prefix": "" },
      "AbortIncompleteMultipartUpload": { "DaysAfterInitiation": 7 } },
    { "Status": "Enabled", "Filter": { "And": { "Prefix": "docs/", "Tags": [ { "Key": "tier", "Value": "cold" } ] } },
      "Transitions": [ { "Days": 90, "StorageClass": "GLACIER" } ] }
  ]
}
JSON
s3api put-bucket-lifecycle-configuration --bucket "$B" --lifecycle-configuration "file://$W/lifecycle.json"
expect "rule ids" "expire-logs past-date abort-uploads" \
  "$(s3api get-bucket-lifecycle-configuration --bucket "$B" --query 'Rules[0:3].ID' --output text | tr '\t' ' ')"
generated=$(s3api get-bucket-lifecycle-configuration --bucket "$B" --query 'Rules[3].ID' --output text)
expect "generated id length" "48" "${#generated}"
expect "past date" "2020-01-01T00:00:00+00:00" \
  "$(s3api get-bucket-lifecycle-configuration --bucket "$B" --query 'Rules[1].Expiration.Date' --output text)"

# A refused configuration (Days 0) is S3's InvalidArgument and leaves the stored one.
cat >"$W/bad.json" <<JSON
{ "Rules": [ { "ID": "zero", "Status": "Enabled", "Filter": { "Prefix": "" }, "Expiration": { "Days": 0 } } ] }
JSON
if out=$(s3api put-bucket-lifecycle-configuration --bucket "$B" --lifecycle-configuration "file://$W/bad.json" 2>&1); then
  fail "Days 0 accepted"
fi
echo "$out" | grep -q "InvalidArgument" || fail "Days 0: $out"
echo "$out" | grep -q "'Days' for Expiration action must be a positive integer" || fail "Days 0 message: $out"
expect "rules kept" "4" "$(s3api get-bucket-lifecycle-configuration --bucket "$B" --query 'length(Rules)' --output text)"

printf 'log line\n' >"$W/log.txt"
exp=$(s3api put-object --bucket "$B" --key logs/app.log --body "$W/log.txt" --query Expiration --output text)
echo "$exp" | grep -Eq '^expiry-date="[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} 00:00:00 GMT", rule-id="expire-logs"$' \
  || fail "put x-amz-expiration: $exp"
expect "head x-amz-expiration" "$exp" "$(s3api head-object --bucket "$B" --key logs/app.log --query Expiration --output text)"

abort=$(s3api create-multipart-upload --bucket "$B" --key big.bin --query '[AbortRuleId,AbortDate]' --output text)
echo "$abort" | grep -Eq '^abort-uploads	[0-9]{4}-[0-9]{2}-[0-9]{2}T00:00:00' || fail "abort headers: $abort"

# A date rule in the past applies at once: the next pass removes tmp/ objects, not logs/ ones.
s3api put-object --bucket "$B" --key tmp/scratch --body "$W/log.txt" >/dev/null
code=$(curl -s -o "$W/run.json" -w '%{http_code}' -X POST "$MINICLOUD_ENDPOINT/_minicloud/s3/lifecycle/run")
expect "lifecycle run" "200" "$code"
grep -q '"expired":1' "$W/run.json" || fail "run: $(cat "$W/run.json")"
if s3api head-object --bucket "$B" --key tmp/scratch >/dev/null 2>&1; then fail "tmp/scratch not expired"; fi
s3api head-object --bucket "$B" --key logs/app.log >/dev/null || fail "logs/app.log expired early"

# Archived objects: GET refused until restored; a restore runs for hours of the (system) clock.
s3api put-object --bucket "$B" --key cold.txt --body "$W/log.txt" --storage-class GLACIER >/dev/null
expect "storage class" "GLACIER" "$(s3api head-object --bucket "$B" --key cold.txt --query StorageClass --output text)"
if out=$(s3api get-object --bucket "$B" --key cold.txt "$W/cold.out" 2>&1); then fail "archived object read"; fi
echo "$out" | grep -q "InvalidObjectState" || fail "archived get: $out"
s3api restore-object --bucket "$B" --key cold.txt --restore-request '{"Days": 2, "GlacierJobParameters": {"Tier": "Standard"}}'
expect "restore header" 'ongoing-request="true"' "$(s3api head-object --bucket "$B" --key cold.txt --query Restore --output text)"
if out=$(s3api restore-object --bucket "$B" --key cold.txt --restore-request '{"Days": 2}' 2>&1); then
  fail "second restore accepted"
fi
echo "$out" | grep -q "RestoreAlreadyInProgress" || fail "second restore: $out"

s3api delete-bucket-lifecycle --bucket "$B"
if out=$(s3api get-bucket-lifecycle-configuration --bucket "$B" 2>&1); then fail "lifecycle still configured after delete"; fi
echo "$out" | grep -q "NoSuchLifecycleConfiguration" || fail "after delete: $out"
