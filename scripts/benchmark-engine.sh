#!/bin/sh
# Handoff against the engine it runs on, side by side in one run: raw engine start and start+complete through
# /engine-rest against lead intake at 1, 2 and 4 client threads (rates, p50/p95/p99, server CPU per call), an SLA
# breach storm beside a storm of the raw peer's timers, a CSV import until judged, start-up time and heap after a
# full GC, with cores and load average.
#   scripts/benchmark-engine.sh [h2|postgres|jdbc:postgresql://host/db] [key=value ...]
# Keys (defaults): slice=10 (s per slice) rounds=2 warmup=10 threads=1,2,4 storm=10000 import=10000
#   grow= (e.g. 10000,100000: import up to that many leads, then measure intake again) nodes=1 (2: a second
#   storm with two nodes sharing PostgreSQL) jvm=-Xmx1g (the node's JVM options).
#   storm-timeout= (s to wait for the last breach; default one per breach, at least 300).
# A short run: scripts/benchmark-engine.sh h2 slice=5 rounds=1 storm=1000 import=1000
# HANDOFF_JAR=/path/to/handoff.jar measures another build (e.g. main's, for a before/after comparison);
# SKIP_BUILD=1 skips the Maven build.
set -e
cd "$(dirname "$0")/.."
if [ -z "$SKIP_BUILD" ]; then
  ./mvnw -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/benchmark.classpath \
    -Dmdep.includeScope=test
fi
exec java -Xmx512m -Dhandoff.jar="${HANDOFF_JAR:-}" -cp "target/test-classes:target/classes:$(cat target/benchmark.classpath)" \
  dev.handoff.resilience.EngineBenchmark "${@:-h2}"
