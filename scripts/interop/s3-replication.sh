#!/usr/bin/env bash
# S3 versioning and cross-region replication with the AWS CLI: put-bucket-versioning,
# put-bucket-replication from a file, a put, a wait on the admin endpoint, then the copy and both
# status headers. Run by scripts/interop.sh against the standalone jar; non-zero on any wrong behaviour.
set -euo pipefail

fail() { echo "s3-replication interop: $*" >&2; exit 1; }
expect() { [ "$2" = "$3" ] || fail "$1: expected [$2], got [$3]"; }
s3api() { aws --endpoint-url "$MINICLOUD_ENDPOINT" s3api "$@"; }
W="$INTEROP_WORK/s3-replication"
mkdir -p "$W"
SRC="repl-src-$$-$RANDOM"
DST="repl-dst-$$-$RANDOM"

s3api create-bucket --bucket "$SRC" >/dev/null
s3api create-bucket --bucket "$DST" --create-bucket-configuration LocationConstraint=eu-west-1 >/dev/null

# Replication needs versioning on the source first: AWS's InvalidRequest.
cat >"$W/replication.json" <<JSON
{
  "Role": "arn:aws:iam::000000000000:role/replication",
  "Rules": [
    {
      "ID": "logs-to-ireland",
      "Priority": 1,
      "Status": "Enabled",
      "Filter": { "Prefix": "logs/" },
      "DeleteMarkerReplication": { "Status": "Enabled" },
      "Destination": { "Bucket": "arn:aws:s3:::$DST", "StorageClass": "STANDARD" }
    }
  ]
}
JSON
if out=$(s3api put-bucket-replication --bucket "$SRC" --replication-configuration "file://$W/replication.json" 2>&1); then
  fail "replication accepted on an unversioned bucket"
fi
echo "$out" | grep -q "InvalidRequest" || fail "unversioned source: $out"

s3api put-bucket-versioning --bucket "$SRC" --versioning-configuration Status=Enabled
s3api put-bucket-versioning --bucket "$DST" --versioning-configuration Status=Enabled
expect "versioning" "Enabled" "$(s3api get-bucket-versioning --bucket "$SRC" --query Status --output text)"
s3api put-bucket-replication --bucket "$SRC" --replication-configuration "file://$W/replication.json"
expect "stored rule" "logs-to-ireland logs/" \
  "$(s3api get-bucket-replication --bucket "$SRC" --query 'ReplicationConfiguration.Rules[0].[ID,Filter.Prefix]' --output text | tr '\t' ' ')"

printf 'replicate me\n' >"$W/app.log"
vid=$(s3api put-object --bucket "$SRC" --key logs/app.log --body "$W/app.log" --metadata origin=interop \
  --tagging team=storage --query VersionId --output text)
[ -n "$vid" ] && [ "$vid" != "None" ] || fail "no version id on put"
s3api put-object --bucket "$SRC" --key other/skip.txt --body "$W/app.log" >/dev/null

code=$(curl -s -o "$W/await.json" -w '%{http_code}' -X POST "$MINICLOUD_ENDPOINT/_minicloud/s3/replication/await?timeoutMs=30000")
expect "await status" "200" "$code"
grep -q '"idle":true' "$W/await.json" || fail "await: $(cat "$W/await.json")"

expect "source status" "COMPLETED" "$(s3api head-object --bucket "$SRC" --key logs/app.log --query ReplicationStatus --output text)"
expect "replica status" "REPLICA" "$(s3api head-object --bucket "$DST" --key logs/app.log --query ReplicationStatus --output text)"
expect "replica version" "$vid" "$(s3api head-object --bucket "$DST" --key logs/app.log --query VersionId --output text)"
expect "replica metadata" "interop" "$(s3api head-object --bucket "$DST" --key logs/app.log --query Metadata.origin --output text)"
expect "replica tags" "team=storage" "$(s3api get-object-tagging --bucket "$DST" --key logs/app.log --query 'TagSet[0].[Key,Value]' --output text | tr '\t' '=')"
s3api get-object --bucket "$DST" --key logs/app.log "$W/app.back" >/dev/null
cmp "$W/app.log" "$W/app.back" || fail "replica content differs"
if s3api head-object --bucket "$DST" --key other/skip.txt >/dev/null 2>&1; then fail "object outside the filter was replicated"; fi
expect "destination region" "eu-west-1" "$(s3api get-bucket-location --bucket "$DST" --query LocationConstraint --output text)"

# A delete marker follows (DeleteMarkerReplication Enabled); the replica's versions stay listable.
s3api delete-object --bucket "$SRC" --key logs/app.log >/dev/null
curl -sf -X POST "$MINICLOUD_ENDPOINT/_minicloud/s3/replication/await?timeoutMs=30000" >/dev/null || fail "await after delete"
expect "replicated markers" "1" "$(s3api list-object-versions --bucket "$DST" --prefix logs/ --query 'length(DeleteMarkers)' --output text)"
expect "replica versions" "$vid" "$(s3api list-object-versions --bucket "$DST" --prefix logs/ --query 'Versions[0].VersionId' --output text)"

s3api delete-bucket-replication --bucket "$SRC"
if s3api get-bucket-replication --bucket "$SRC" >/dev/null 2>&1; then fail "replication still configured after delete"; fi
