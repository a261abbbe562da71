#!/usr/bin/env bash
# Fuzzes every Jazzer target (8 s each per round, the @FuzzTest maxDuration) for the given number of
# rounds; each round continues from the corpus the last one grew (<module>/.cifuzz-corpus/, not in git).
# A crash, a failed assertion or a hang (an input running over Jazzer's per-input timeout) stops the
# script with the failing input saved as a new seed under src/test/resources/.../<Test>Inputs/<method>/,
# where plain `mvn verify` then replays it as a regression test.
#
#   scripts/fuzz.sh            # one round: about a minute of fuzzing (what .ci/run does)
#   scripts/fuzz.sh 30         # thirty rounds, about half an hour
#   scripts/fuzz.sh 5 emulator-kv:RespDecoderFuzzTest   # one target only
set -euo pipefail
cd "$(dirname "$0")/.."

rounds="${1:-1}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(
    emulator-kv:RespDecoderFuzzTest
    emulator-kv:GlobFuzzTest
    emulator-core:AwsChunkedDecoderFuzzTest
    emulator-core:SigV4ParserFuzzTest
    emulator-core:SafeXmlReaderFuzzTest
    emulator-dns:DnsQueryFuzzTest
    emulator-dns:Route53EdgeFuzzTest
    emulator-s3:S3EdgeFuzzTest
  )
fi

# the fuzz tests run against the installed sibling modules
mvn -B -ntp -q install -DskipTests

for ((round = 1; round <= rounds; round++)); do
  for target in "${targets[@]}"; do
    module="${target%%:*}"
    test="${target#*:}"
    echo "== fuzz round $round/$rounds: $test ($module)"
    JAZZER_FUZZ=1 mvn -B -ntp -q -o -pl "$module" test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false
  done
done
echo "== fuzzing found nothing"
