#!/bin/sh
# What the stage processes cost a lead's intake and full path, two JVMs side by side in interleaved slices, and
# then a breach of every lead still waiting for its SDR, on each JVM in turn (server CPU per breach).
#   scripts/stages-benchmark.sh [slices] [slice-millis] [model|before-commit]
# model (the default): both nodes run this checkout, one with lead-lifecycle's last single-plane version
#   deployed as the latest: only the model differs, so the ratio is what the call activities cost.
# a commit (e.g. b3c8079, main before the split): that commit's jar against this checkout, everything else
#   that changed since included.
set -e
cd "$(dirname "$0")/.."
before=${3:-model}
peer=model
if [ "$before" != model ]; then
  dir=target/stages-benchmark/$before
  if [ ! -f "$dir/target/handoff.jar" ]; then
    rm -rf "$dir" && mkdir -p target/stages-benchmark && git worktree add -f "$dir" "$before" >/dev/null
    (cd "$dir" && ./mvnw -q -B -DskipTests package)
  fi
  peer=$dir/target/handoff.jar
fi
./mvnw -q -B -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
# BENCH_ARGS: Spring arguments for both nodes (e.g. --camunda.bpm.history-level=activity)
exec java -Dbench.args="${BENCH_ARGS:-}" -cp "target/test-classes:target/classes:$(cat target/benchmark.classpath)" \
  dev.handoff.resilience.StagesBenchmark "$peer" "${1:-3}" "${2:-20000}"
