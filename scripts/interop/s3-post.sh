#!/usr/bin/env bash
# S3 POST Object (browser form upload) with curl -F: a policy signed with SigV4 (openssl HMACs), the
# file streamed as multipart/form-data, then read back with the AWS CLI; a policy violation stores
# nothing. Run by scripts/interop.sh against the standalone jar; non-zero on any wrong behaviour.
set -euo pipefail

fail() { echo "s3-post interop: $*" >&2; exit 1; }
expect() { [ "$2" = "$3" ] || fail "$1: expected [$2], got [$3]"; }
s3api() { aws --endpoint-url "$MINICLOUD_ENDPOINT" s3api "$@"; }
hmac() { printf '%s' "$2" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$1" -binary | od -An -v -tx1 | tr -d ' \n'; }
W="$INTEROP_WORK/s3-post"
mkdir -p "$W"
B="post-$$-$RANDOM"
s3api create-bucket --bucket "$B" >/dev/null

DAY=$(date -u +%Y%m%d)
AMZ_DATE=$(date -u +%Y%m%dT%H%M%SZ)
EXPIRES=$(date -u -d '+10 minutes' +%Y-%m-%dT%H:%M:%SZ)
CRED="$AWS_ACCESS_KEY_ID/$DAY/$AWS_DEFAULT_REGION/s3/aws4_request"
POLICY=$(printf '{"expiration":"%s","conditions":[{"bucket":"%s"},["starts-with","$key","forms/"],{"success_action_status":"201"},["content-length-range",1,1048576],{"x-amz-algorithm":"AWS4-HMAC-SHA256"},{"x-amz-credential":"%s"},{"x-amz-date":"%s"}]}' \
  "$EXPIRES" "$B" "$CRED" "$AMZ_DATE" | base64 -w0)
key=$(printf '%s' "AWS4$AWS_SECRET_ACCESS_KEY" | od -An -v -tx1 | tr -d ' \n')
for part in "$DAY" "$AWS_DEFAULT_REGION" s3 aws4_request; do key=$(hmac "$key" "$part"); done
SIG=$(hmac "$key" "$POLICY")

head -c 300000 /dev/urandom >"$W/photo.bin"
code=$(curl -s -o "$W/answer.xml" -w '%{http_code}' "$MINICLOUD_ENDPOINT/$B" \
  -F 'key=forms/${filename}' -F success_action_status=201 -F x-amz-algorithm=AWS4-HMAC-SHA256 \
  -F "x-amz-credential=$CRED" -F "x-amz-date=$AMZ_DATE" -F "policy=$POLICY" -F "x-amz-signature=$SIG" \
  -F "file=@$W/photo.bin")
expect "post status" "201" "$code"
grep -q "<Key>forms/photo.bin</Key>" "$W/answer.xml" || fail "answer: $(cat "$W/answer.xml")"
s3api get-object --bucket "$B" --key forms/photo.bin "$W/back.bin" >/dev/null
cmp -s "$W/photo.bin" "$W/back.bin" || fail "downloaded bytes differ"

# A key outside the policy's prefix: 403, nothing stored.
code=$(curl -s -o "$W/denied.xml" -w '%{http_code}' "$MINICLOUD_ENDPOINT/$B" \
  -F 'key=elsewhere/${filename}' -F success_action_status=201 -F x-amz-algorithm=AWS4-HMAC-SHA256 \
  -F "x-amz-credential=$CRED" -F "x-amz-date=$AMZ_DATE" -F "policy=$POLICY" -F "x-amz-signature=$SIG" \
  -F "file=@$W/photo.bin")
expect "denied status" "403" "$code"
grep -q "Policy Condition failed" "$W/denied.xml" || fail "denied: $(cat "$W/denied.xml")"
expect "objects" "forms/photo.bin" "$(s3api list-objects-v2 --bucket "$B" --query "Contents[].Key" --output text)"
echo "s3-post interop: ok"
