#!/bin/sh
# Start-up of the packaged jar against the same jar extracted with a class-data-sharing archive (README,
# "Faster start-up"), alternately on fresh H2 databases, with the machine's cores and load beside each figure.
#   scripts/startup-benchmark.sh [rounds] [jvm options]
set -e
cd "$(dirname "$0")/.."
rounds=${1:-3}
jvm=${2:--Xmx768m -XX:+UseSerialGC}
[ -f target/handoff.jar ] || ./mvnw -q -B -DskipTests package
work=target/startup-benchmark
rm -rf "$work" && mkdir -p "$work"
java -Djarmode=tools -jar target/handoff.jar extract --destination "$work/app" >/dev/null
# The training run: starts, stops after the context refresh, writes the archive.
# -cp with lib/*, not -jar: Tomcat serves the webapps' resources only from jars on the class path it is given.
cp="$work/app/handoff.jar:$work/app/lib/*"
java $jvm -XX:ArchiveClassesAtExit="$work/handoff.jsa" -Dspring.context.exit=onRefresh -cp "$cp" dev.handoff.HandoffApplication \
  --server.port=0 --spring.datasource.url="jdbc:h2:file:$PWD/$work/training/handoff" > "$work/training.log" 2>&1

started() { # mode round -> seconds until "Started", on a fresh database
  log="$work/$1-$2.log"
  if [ "$1" = plain ]; then set -- -jar target/handoff.jar; else set -- -XX:SharedArchiveFile="$work/handoff.jsa" -cp "$cp" dev.handoff.HandoffApplication; fi
  java $jvm "$@" --server.port=0 --handoff.demo.seed-quarter=false \
    --spring.datasource.url="jdbc:h2:file:$PWD/$log.db/handoff" > "$log" 2>&1 &
  pid=$!
  while ! grep -q "Started HandoffApplication" "$log"; do
    kill -0 $pid 2>/dev/null || { echo "start-up failed, see $log" >&2; exit 1; }
    sleep 0.2
  done
  kill $pid; wait $pid 2>/dev/null || true
  sed -n 's/.*Started HandoffApplication in \([0-9.]*\) seconds.*/\1/p' "$log"
}

echo "cores $(nproc), jvm: $jvm"
i=1
while [ $i -le "$rounds" ]; do
  p=$(started plain $i); c=$(started cds $i)
  echo "round $i: packaged jar $p s, extracted + archive $c s, ratio $(echo "$c $p" | awk '{printf "%.2f", $1/$2}'), load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "$p $c" >> "$work/rounds"
  i=$((i + 1))
done
sort -n -k1 "$work/rounds" | awk '{p[NR]=$1} END {printf "median packaged jar %s s\n", p[int((NR+1)/2)]}'
sort -n -k2 "$work/rounds" | awk '{c[NR]=$2} END {printf "median with archive %s s\n", c[int((NR+1)/2)]}'
