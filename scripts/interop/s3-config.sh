#!/usr/bin/env bash
# S3 bucket configuration with the AWS CLI (aws s3api): owner identity, ownership controls, ACLs,
# public access block, policy status, CORS (and a curl preflight), encryption, request payment,
# logging, notifications, acceleration, analytics, inventory, metrics and intelligent-tiering.
# Run by scripts/interop.sh against the standalone jar; fails (non-zero) on any wrong behaviour.
set -euo pipefail

fail() { echo "s3-config interop: $*" >&2; exit 1; }
expect() { [ "$2" = "$3" ] || fail "$1: expected [$2], got [$3]"; }
s3api() { aws --endpoint-url "$MINICLOUD_ENDPOINT" s3api "$@"; }
W="$INTEROP_WORK/s3-config"
mkdir -p "$W"
B="config-$$-$RANDOM"

s3api create-bucket --bucket "$B" >/dev/null
owner=$(s3api get-bucket-acl --bucket "$B" --query Owner.ID --output text)
[[ "$owner" =~ ^[0-9a-f]{64}$ ]] || fail "owner id: $owner"
expect "owner in ListBuckets" "$owner" "$(s3api list-buckets --query Owner.ID --output text)"

# New buckets: bucket owner enforced and every public access blocked, as on S3 since 2023.
expect "ownership" "BucketOwnerEnforced" \
  "$(s3api get-bucket-ownership-controls --bucket "$B" --query 'OwnershipControls.Rules[0].ObjectOwnership' --output text)"
expect "public access block" "True" \
  "$(s3api get-public-access-block --bucket "$B" --query PublicAccessBlockConfiguration.BlockPublicAcls --output text)"
if out=$(s3api put-bucket-acl --bucket "$B" --acl public-read 2>&1); then fail "ACL write with ACLs disabled"; fi
echo "$out" | grep -q AccessControlListNotSupported || fail "acl disabled: $out"

# ACLs enabled, public access allowed: a public-read bucket ACL.
s3api delete-public-access-block --bucket "$B"
s3api put-bucket-ownership-controls --bucket "$B" --ownership-controls 'Rules=[{ObjectOwnership=ObjectWriter}]'
s3api put-bucket-acl --bucket "$B" --acl public-read
s3api get-bucket-acl --bucket "$B" --query 'Grants[].Grantee.URI' --output text | grep -q global/AllUsers \
  || fail "public-read grant missing"

# A public policy and its status.
s3api put-bucket-policy --bucket "$B" --policy "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\
\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::$B/*\"}]}"
expect "policy status" "True" "$(s3api get-bucket-policy-status --bucket "$B" --query PolicyStatus.IsPublic --output text)"

# CORS rules and a browser's preflight.
cat > "$W/cors.json" <<JSON
{"CORSRules":[{"AllowedOrigins":["https://app.example"],"AllowedMethods":["GET","PUT"],"AllowedHeaders":["*"],
"ExposeHeaders":["ETag"],"MaxAgeSeconds":60}]}
JSON
s3api put-bucket-cors --bucket "$B" --cors-configuration "file://$W/cors.json"
expect "cors origin" "https://app.example" \
  "$(s3api get-bucket-cors --bucket "$B" --query 'CORSRules[0].AllowedOrigins[0]' --output text)"
pre=$(curl -s -D - -o /dev/null -X OPTIONS "$MINICLOUD_ENDPOINT/$B/file.txt" -H "Origin: https://app.example" \
  -H "Access-Control-Request-Method: PUT" -H "Access-Control-Request-Headers: content-type")
echo "$pre" | head -1 | grep -q " 200" || fail "preflight: $pre"
echo "$pre" | grep -qi "^access-control-allow-origin: https://app.example" || fail "preflight origin: $pre"
s3api delete-bucket-cors --bucket "$B"
if out=$(s3api get-bucket-cors --bucket "$B" 2>&1); then fail "deleted CORS answered"; fi
echo "$out" | grep -q NoSuchCORSConfiguration || fail "no cors: $out"

# Encryption: SSE-S3 by default, reported on objects.
expect "default encryption" "AES256" "$(s3api get-bucket-encryption --bucket "$B" \
  --query 'ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm' --output text)"
echo hello > "$W/hello.txt"
expect "object encryption" "AES256" \
  "$(s3api put-object --bucket "$B" --key hello.txt --body "$W/hello.txt" --query ServerSideEncryption --output text)"

# Stored configurations.
s3api put-bucket-request-payment --bucket "$B" --request-payment-configuration Payer=Requester
expect "request payment" "Requester" "$(s3api get-bucket-request-payment --bucket "$B" --query Payer --output text)"
expect "logging off" "None" "$(s3api get-bucket-logging --bucket "$B" --query LoggingEnabled --output text)"

# Notification, acceleration, analytics, inventory, metrics and intelligent-tiering configurations:
# stored, returned, listed and deleted as S3 does (nothing is delivered or measured).
s3api put-bucket-notification-configuration --bucket "$B" --notification-configuration \
  '{"TopicConfigurations":[{"Id":"created","TopicArn":"arn:aws:sns:us-east-1:000000000000:uploads","Events":["s3:ObjectCreated:*"]}]}'
expect "notification" "created" \
  "$(s3api get-bucket-notification-configuration --bucket "$B" --query 'TopicConfigurations[0].Id' --output text)"
s3api put-bucket-accelerate-configuration --bucket "$B" --accelerate-configuration Status=Enabled
expect "acceleration" "Enabled" "$(s3api get-bucket-accelerate-configuration --bucket "$B" --query Status --output text)"
s3api put-bucket-analytics-configuration --bucket "$B" --id usage \
  --analytics-configuration '{"Id":"usage","StorageClassAnalysis":{}}'
expect "analytics" "usage" "$(s3api list-bucket-analytics-configurations --bucket "$B" \
  --query 'AnalyticsConfigurationList[0].Id' --output text)"
s3api put-bucket-inventory-configuration --bucket "$B" --id weekly --inventory-configuration \
  "{\"Id\":\"weekly\",\"IsEnabled\":true,\"Destination\":{\"S3BucketDestination\":{\"Bucket\":\"arn:aws:s3:::$B\",\"Format\":\"CSV\"}},\"IncludedObjectVersions\":\"Current\",\"Schedule\":{\"Frequency\":\"Weekly\"}}"
expect "inventory" "Weekly" "$(s3api get-bucket-inventory-configuration --bucket "$B" --id weekly \
  --query InventoryConfiguration.Schedule.Frequency --output text)"
s3api put-bucket-metrics-configuration --bucket "$B" --id all --metrics-configuration '{"Id":"all"}'
expect "metrics" "all" "$(s3api list-bucket-metrics-configurations --bucket "$B" --query 'MetricsConfigurationList[0].Id' --output text)"
s3api put-bucket-intelligent-tiering-configuration --bucket "$B" --id archive --intelligent-tiering-configuration \
  '{"Id":"archive","Status":"Enabled","Tierings":[{"Days":90,"AccessTier":"ARCHIVE_ACCESS"}]}'
expect "intelligent-tiering" "90" "$(s3api get-bucket-intelligent-tiering-configuration --bucket "$B" --id archive \
  --query 'IntelligentTieringConfiguration.Tierings[0].Days' --output text)"
s3api delete-bucket-analytics-configuration --bucket "$B" --id usage
s3api delete-bucket-inventory-configuration --bucket "$B" --id weekly
s3api delete-bucket-metrics-configuration --bucket "$B" --id all
s3api delete-bucket-intelligent-tiering-configuration --bucket "$B" --id archive
if out=$(s3api get-bucket-metrics-configuration --bucket "$B" --id all 2>&1); then fail "deleted metrics answered"; fi
echo "$out" | grep -q NoSuchConfiguration || fail "no metrics: $out"

s3api delete-object --bucket "$B" --key hello.txt
s3api delete-bucket --bucket "$B"
