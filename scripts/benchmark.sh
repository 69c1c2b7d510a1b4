#!/bin/sh
# Times the alignment reports over a generated history (default 1,000,000 leads over two years).
#   scripts/benchmark.sh h2|postgres [leads]
# The database is kept under target/benchmark/<db>/ and reused; delete it to generate anew.
set -e
cd "$(dirname "$0")/.."
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/benchmark.classpath -Dmdep.includeScope=test
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/benchmark.classpath)" \
  dev.handoff.report.ReportBenchmark "${1:-h2}" "${2:-1000000}"
