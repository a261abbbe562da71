#!/usr/bin/env bash
# S3 Object Lock and conditional deletes with the AWS CLI s3api: a lock bucket, a default retention,
# retention and legal hold by version, refused deletes (also with a governance bypass for COMPLIANCE),
# DeleteObjects per key, and DeleteObject with If-Match. Run by scripts/interop.sh against the
# standalone jar; non-zero on any wrong behaviour.
set -euo pipefail

fail() { echo "s3-lock interop: $*" >&2; exit 1; }
expect() { [ "$2" = "$3" ] || fail "$1: expected [$2], got [$3]"; }
s3api() { aws --endpoint-url "$MINICLOUD_ENDPOINT" s3api "$@"; }
refused() { # refused CODE COMMAND...: the command must fail with CODE in its message
  local code=$1; shift
  local out
  if out=$("$@" 2>&1); then fail "accepted: $*"; fi
  echo "$out" | grep -q "$code" || fail "expected $code from $*: $out"
}
W="$INTEROP_WORK/s3-lock"
mkdir -p "$W"
B="lock-$$-$RANDOM"
PLAIN="nolock-$$-$RANDOM"
UNTIL=$(date -u -d '+1 day' +%Y-%m-%dT%H:%M:%SZ)
printf 'keep me\n' >"$W/doc.txt"

s3api create-bucket --bucket "$B" --object-lock-enabled-for-bucket >/dev/null
expect "versioning" "Enabled" "$(s3api get-bucket-versioning --bucket "$B" --query Status --output text)"
expect "lock enabled" "Enabled" "$(s3api get-object-lock-configuration --bucket "$B" \
  --query ObjectLockConfiguration.ObjectLockEnabled --output text)"
refused InvalidBucketState s3api put-bucket-versioning --bucket "$B" --versioning-configuration Status=Suspended

s3api create-bucket --bucket "$PLAIN" >/dev/null
refused ObjectLockConfigurationNotFoundError s3api get-object-lock-configuration --bucket "$PLAIN"
refused "Bucket is missing ObjectLockConfiguration" s3api put-object --bucket "$PLAIN" --key k --body "$W/doc.txt" \
  --object-lock-legal-hold-status ON --checksum-algorithm CRC32

# COMPLIANCE by headers: shown on HEAD, deleting the version is refused even with the bypass.
vid=$(s3api put-object --bucket "$B" --key doc.txt --body "$W/doc.txt" --checksum-algorithm CRC32 \
  --object-lock-mode COMPLIANCE --object-lock-retain-until-date "$UNTIL" --query VersionId --output text)
expect "head mode" "COMPLIANCE" "$(s3api head-object --bucket "$B" --key doc.txt --query ObjectLockMode --output text)"
expect "retention" "COMPLIANCE" "$(s3api get-object-retention --bucket "$B" --key doc.txt --version-id "$vid" \
  --query Retention.Mode --output text)"
refused AccessDenied s3api delete-object --bucket "$B" --key doc.txt --version-id "$vid"
refused AccessDenied s3api delete-object --bucket "$B" --key doc.txt --version-id "$vid" --bypass-governance-retention
refused AccessDenied s3api put-object-retention --bucket "$B" --key doc.txt --version-id "$vid" \
  --retention "Mode=GOVERNANCE,RetainUntilDate=$UNTIL"
# Without a version id the delete only adds a marker.
expect "delete marker" "True" "$(s3api delete-object --bucket "$B" --key doc.txt --query DeleteMarker --output text)"
expect "version kept" "$vid" "$(s3api head-object --bucket "$B" --key doc.txt --version-id "$vid" --query VersionId --output text)"

# GOVERNANCE yields to the bypass only.
gid=$(s3api put-object --bucket "$B" --key gov.txt --body "$W/doc.txt" --checksum-algorithm CRC32 \
  --object-lock-mode GOVERNANCE --object-lock-retain-until-date "$UNTIL" --query VersionId --output text)
refused AccessDenied s3api delete-object --bucket "$B" --key gov.txt --version-id "$gid"
s3api delete-object --bucket "$B" --key gov.txt --version-id "$gid" --bypass-governance-retention >/dev/null
refused "Not Found\|404" s3api head-object --bucket "$B" --key gov.txt --version-id "$gid"

# Legal hold: blocks the delete until it is removed.
hid=$(s3api put-object --bucket "$B" --key held.txt --body "$W/doc.txt" --query VersionId --output text)
s3api put-object-legal-hold --bucket "$B" --key held.txt --version-id "$hid" --legal-hold Status=ON
expect "legal hold" "ON" "$(s3api get-object-legal-hold --bucket "$B" --key held.txt --query LegalHold.Status --output text)"
out=$(s3api delete-objects --bucket "$B" --delete "{\"Objects\":[{\"Key\":\"held.txt\",\"VersionId\":\"$hid\"}]}" \
  --query 'Errors[0].Code' --output text)
expect "delete-objects per key" "AccessDenied" "$out"
s3api put-object-legal-hold --bucket "$B" --key held.txt --version-id "$hid" --legal-hold Status=OFF
s3api delete-object --bucket "$B" --key held.txt --version-id "$hid" >/dev/null

# Default retention applies to new versions.
s3api put-object-lock-configuration --bucket "$B" --object-lock-configuration \
  '{"ObjectLockEnabled":"Enabled","Rule":{"DefaultRetention":{"Mode":"GOVERNANCE","Days":1}}}'
expect "default rule" "GOVERNANCE 1" "$(s3api get-object-lock-configuration --bucket "$B" \
  --query 'ObjectLockConfiguration.Rule.DefaultRetention.[Mode,Days]' --output text | tr '\t' ' ')"
s3api put-object --bucket "$B" --key dflt.txt --body "$W/doc.txt" --checksum-algorithm CRC32 >/dev/null
expect "default mode" "GOVERNANCE" "$(s3api head-object --bucket "$B" --key dflt.txt --query ObjectLockMode --output text)"
refused InvalidArgument s3api put-object-lock-configuration --bucket "$B" --object-lock-configuration \
  '{"ObjectLockEnabled":"Enabled","Rule":{"DefaultRetention":{"Mode":"GOVERNANCE","Days":0}}}'

# Conditional delete: a wrong ETag is 412 and deletes nothing; the right one deletes.
s3api put-object --bucket "$PLAIN" --key c.txt --body "$W/doc.txt" >/dev/null
etag=$(s3api head-object --bucket "$PLAIN" --key c.txt --query ETag --output text)
out=$(curl -s -o /dev/null -w '%{http_code}' -X DELETE -H 'If-Match: "0000"' "$MINICLOUD_ENDPOINT/$PLAIN/c.txt")
expect "if-match mismatch" "412" "$out"
expect "still there" "$etag" "$(s3api head-object --bucket "$PLAIN" --key c.txt --query ETag --output text)"
out=$(curl -s -o /dev/null -w '%{http_code}' -X DELETE -H "If-Match: $etag" "$MINICLOUD_ENDPOINT/$PLAIN/c.txt")
expect "if-match delete" "204" "$out"
refused "Not Found\|404" s3api head-object --bucket "$PLAIN" --key c.txt
echo "s3-lock interop: ok"
