#!/bin/sh
# A lead's full path on Handoff before lead-lifecycle was split into stage processes (the jar of commit
# BEFORE, default b3c8079) and on this checkout, as two JVMs side by side in interleaved slices.
#   scripts/stages-benchmark.sh [slices] [slice-millis] [before-commit]
set -e
cd "$(dirname "$0")/.."
before=${3:-b3c8079}
dir=target/stages-benchmark/$before
if [ ! -f "$dir/target/handoff.jar" ]; then
  rm -rf "$dir" && mkdir -p target/stages-benchmark && git worktree add -f "$dir" "$before" >/dev/null
  (cd "$dir" && ./mvnw -q -B -DskipTests package)
fi
./mvnw -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/benchmark.classpath)" \
  dev.handoff.resilience.StagesBenchmark "$dir/target/handoff.jar" "${1:-3}" "${2:-20000}"
