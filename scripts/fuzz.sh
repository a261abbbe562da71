#!/usr/bin/env bash
# Fuzzes every Jazzer target (8 s each per round, the @FuzzTest maxDuration) for the given number of
# rounds; each round continues from the corpus the last one grew (<module>/.cifuzz-corpus/, not in git).
# A crash, a failed assertion or a hang (an input running over Jazzer's per-input timeout) stops the
# script with the failing input saved as a new seed under src/test/resources/.../<Test>Inputs/<method>/,
# where plain `mvn verify` then replays it as a regression test.
#
#   scripts/fuzz.sh            # one round of every target: about a minute of fuzzing
#   scripts/fuzz.sh 1 --ci     # what .ci/run does: the same single round of every target
#   scripts/fuzz.sh 30         # thirty rounds, about half an hour
#   scripts/fuzz.sh 5 emulator-kv:RespDecoderFuzzTest   # one target only
#
# Each target is one Maven run (Jazzer fuzzes one test per JVM), which costs more than its 8 s of
# fuzzing; CI still fuzzes all nine (about 72 s of fuzzing), as issue 16 asks for every parser that
# faces input. Every target's seeds also replay in `mvn verify`.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds="${1:-1}"
shift || true
targets=("$@")
if [ "${targets[0]:-}" = "--ci" ] || [ ${#targets[@]} -eq 0 ]; then
  targets=(
    emulator-kv:RespDecoderFuzzTest
    emulator-kv:GlobFuzzTest
    emulator-core:AwsChunkedDecoderFuzzTest
    emulator-core:SigV4ParserFuzzTest
    emulator-core:SafeXmlReaderFuzzTest
    emulator-dns:DnsQueryFuzzTest
    emulator-dns:Route53EdgeFuzzTest
    emulator-s3:S3EdgeFuzzTest
    emulator-s3:FormDataDecoderFuzzTest
  )
fi

for ((round = 1; round <= rounds; round++)); do
  for target in "${targets[@]}"; do
    module="${target%%:*}"
    test="${target#*:}"
    echo "== fuzz round $round/$rounds: $test ($module)"
    # -am builds the sibling modules from this tree (never from ~/.m2); only $test runs
    JAZZER_FUZZ=1 mvn -B -ntp -q -pl "$module" -am test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false
  done
done
echo "== fuzzing found nothing"
