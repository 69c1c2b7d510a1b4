#!/usr/bin/env bash
# Imports N generated leads (default 10,000) through POST /api/leads/import into a running Handoff and
# prints how long the import took, what its report counted, and when the background scoring had judged
# every imported lead. Usage: scripts/import-benchmark.sh [rows] [base-url]  (on an otherwise idle Handoff)
set -euo pipefail
ROWS=${1:-10000}
BASE=${2:-http://localhost:8080}
CSV=$(mktemp --suffix=.csv)
python3 - "$ROWS" > "$CSV" <<'PY'
import random, sys, uuid, datetime
n = int(sys.argv[1]); r = random.Random(7)
titles = ["VP Sales", "CEO", "Marketing Manager", "Software Engineer", "Head of Growth", "Student", "Director IT", ""]
industries = ["Software", "SaaS", "Retail", "Manufacturing", "Education", "Healthcare", ""]
types = ["content_download", "webinar", "pricing_page", "demo_request", "email_click", "event_visit"]
run = uuid.uuid4().hex[:8]
now = datetime.datetime.now(datetime.timezone.utc)
print("externalId,firstName,lastName,email,phone,jobTitle,company,companySize,industry,country,source,campaign,engagements")
for i in range(n):
    eng = ";".join(f"{r.choice(types)}@{(now - datetime.timedelta(hours=r.randint(1, 2000))).strftime('%Y-%m-%dT%H:%M:%SZ')}"
                   for _ in range(r.randint(0, 4)))
    email = f"bench-{run}-{i}@example.com" if r.random() > 0.01 else "not-an-email"
    print(f"bench-{run}-{i},Ben,Ch{i},{email},+1 555 {i:04d},{r.choice(titles)},Co {i % 500},{r.choice([5, 40, 120, 600, 3000])},"
          f"{r.choice(industries)},{r.choice(['DE', 'US', 'GB', 'FR'])},{r.choice(['inbound', 'event', 'partner'])},bench,{eng}")
PY
echo "Importing $ROWS rows ($(du -h "$CSV" | cut -f1)) into $BASE ..."
START=$(date +%s.%N)
curl -sf -u "${HANDOFF_USER:-intake}:${HANDOFF_PASSWORD:-intake}" -H 'Content-Type: text/csv' --data-binary @"$CSV" \
  "$BASE/api/leads/import" -o /tmp/handoff-import-report.json
END=$(date +%s.%N)
python3 -c "
import json; r = json.load(open('/tmp/handoff-import-report.json'))
print(f\"rows {r['rows']}, created {r['created']}, duplicates {r['duplicates']}, rejected {r['rejected']}\")"
echo "import answered after $(python3 -c "print(round($END - $START, 1))") s"
# Imported leads are scored, judged and routed in the background: wait until none is left in stage LEAD.
while :; do
  LEFT=$(curl -sf -u "${HANDOFF_USER:-intake}:${HANDOFF_PASSWORD:-intake}" "$BASE/api/leads?stage=LEAD&size=1" \
    | python3 -c "import json, sys; print(json.load(sys.stdin)['total'])")
  [ "$LEFT" -eq 0 ] && break
  sleep 2
done
DONE=$(date +%s.%N)
echo "all imported leads judged after $(python3 -c "print(round($DONE - $START, 1))") s"
rm -f "$CSV"
