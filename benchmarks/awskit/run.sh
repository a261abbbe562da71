#!/usr/bin/env bash
# AWS toolkit benchmark: our checksums vs the AWS SDK's, and PayloadDecoder vs the bare checksum cost.
# Usage: benchmarks/awskit/run.sh [MiB per round, default 256]
set -euo pipefail
cd "$(dirname "$0")/../.."
# Builds emulator-core and runs one small test; its surefire report carries the resolved test
# class path (the SDK's checksums and the CRT, the peer here), which works offline, unlike
# dependency:build-classpath on this machine.
mvn -B -o -q -pl emulator-core -am test -Dtest=ChecksumAlgorithmTest -Dsurefire.failIfNoSpecifiedTests=false >/dev/null
REPORT=emulator-core/target/surefire-reports/TEST-dev.minicloud.internal.aws.checksum.ChecksumAlgorithmTest.xml
CP=$(grep -o 'name="surefire.test.class.path" value="[^"]*"' "$REPORT" | sed 's/.*value="//; s/"$//')
java -Xmx512m -Dio.netty.leakDetection.level=disabled -cp "$CP" benchmarks/awskit/ToolkitBenchmark.java "${1:-256}"
