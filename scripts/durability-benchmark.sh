#!/bin/sh
# Lead intake on H2 with each commit written before the answer (Handoff's default, WRITE_DELAY=0) against H2's
# own default (written up to 500 ms later), as two JVMs side by side in interleaved slices.
#   scripts/durability-benchmark.sh [slices]
set -e
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/benchmark.classpath)" \
  dev.handoff.resilience.DurabilityBenchmark "${1:-3}"
