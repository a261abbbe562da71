#!/usr/bin/env bash
# Per-PUT server CPU cost of S3's default CRC64NVME (4 KiB and 1 MiB bodies, before/after).
# Usage: benchmarks/s3/put-checksum-cost.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
# Builds emulator-s3 and runs one small test: its surefire report carries the resolved test class
# path, which works offline (as in benchmarks/awskit/run.sh).
mvn -B -o -q -pl emulator-s3 -am test -Dtest=S3AddressTest -Dsurefire.failIfNoSpecifiedTests=false >/dev/null
REPORT=emulator-s3/target/surefire-reports/TEST-dev.minicloud.s3.internal.api.S3AddressTest.xml
CP=$(grep -o 'name="surefire.test.class.path" value="[^"]*"' "$REPORT" | sed 's/.*value="//; s/"$//')
java -Xmx1g -Dio.netty.leakDetection.level=disabled -cp "$CP" benchmarks/s3/PutChecksumCost.java
