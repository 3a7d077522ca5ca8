#!/usr/bin/env bash
# End-to-end: the strategies as a citizen, a researcher and a clerk use them,
# on a demo server (SQLite, then PostgreSQL when HROMADA_TEST_POSTGRES_URL is
# set): every roll-up figure the pages and the API publish equals the one
# scripts/check-strategy-rollup recomputes from the open data alone; each
# document's IATI export is valid against IATI's activity schema 2.03
# (`xmlschema` from PyPI, the schema from ../shared/data/iati when present);
# the clerk's import of the demo's own CSV with one changed value and one bad
# row is refused naming the row and column and stores nothing, the same
# file without the bad row is stored, and the figures still check; the
# results reports of a city and of the oblast render. Prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/e2e-common.sh
e2e_init

SCHEMA=../shared/data/iati/iati-activities-schema.xsd
PY=python3
if [ -f "$SCHEMA" ]; then
  python3 -m venv "$WORK/venv" && "$WORK/venv/bin/pip" install --quiet --disable-pip-version-check xmlschema >"$WORK/pip.log" 2>&1
  if "$WORK/venv/bin/python" -c 'import xmlschema' 2>/dev/null; then PY="$WORK/venv/bin/python"; else fail "xmlschema installs from PyPI" "$(tail -5 "$WORK/pip.log")"; fi
fi

suite() { # label, database url
  local label=$1 DB=$2
  if ! start_server "$DB" --demo; then fail "$label: server starts" "$(tail -20 "$WORK/serve.log")"; return 1; fi
  local base="http://127.0.0.1:$PORT" doc=vinnytsia-development-2027
  check "$label: every roll-up figure on the pages and in the API equals the one recomputed from the open data" \
    "$(scripts/check-strategy-rollup "$base" vinnytsia khmilnyk ladyzhyn zhmerynka 2>&1 | tail -8)" \
    scripts/check-strategy-rollup "$base" vinnytsia khmilnyk ladyzhyn zhmerynka

  if [ -f "$SCHEMA" ] && [ "$PY" != python3 ]; then
    for city in vinnytsia khmilnyk ladyzhyn; do
      for id in $(curl -fs "$base/api/v1/$city/strategies" | python3 -c 'import json,sys; print(" ".join(i["id"] for i in json.load(sys.stdin)["items"]))'); do
        curl -fs "$base/api/v1/$city/strategies/$id/iati.xml" >"$WORK/$id.xml"
        check "$label: $city's $id in IATI's results shape is valid against the activity schema 2.03" \
          "$("$PY" -c 'import sys, xmlschema; xmlschema.XMLSchema(sys.argv[1]).validate(sys.argv[2])' "$SCHEMA" "$WORK/$id.xml" 2>&1 | tail -5)" \
          "$PY" -c 'import sys, xmlschema; xmlschema.XMLSchema(sys.argv[1]).validate(sys.argv[2])' "$SCHEMA" "$WORK/$id.xml"
      done
    done
  fi

  local token
  token=$(curl -fs -H 'Content-Type: application/json' -d '{"email": "vinnytsia.admin@demo.hromada.ua", "password": "vinnytsia-demo-2026"}' \
    "$base/api/v1/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  curl -fs "$base/api/v1/vinnytsia/strategies/$doc/indicators.csv" >"$WORK/indicators.csv"
  local before
  before=$(curl -fs "$base/api/v1/vinnytsia/strategies/$doc" | python3 -c 'import json,sys; print(json.load(sys.stdin)["revision"])')
  # One changed actual (the first row with an actual gets 1 more) and one bad row (a target that is no number).
  python3 - "$WORK/indicators.csv" "$WORK/changed.csv" "$WORK/bad.csv" <<'EDIT'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
header = rows[0]
actual, target = header.index("actual"), header.index("target")
changed = [list(r) for r in rows]
for row in changed[1:]:
    if row[actual]:
        row[actual] = str(float(row[actual]) + 1).rstrip("0").rstrip(".")
        break
bad = [list(r) for r in changed]
bad[5][target] = "багато"
for path, data in ((sys.argv[2], changed), (sys.argv[3], bad)):
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\r\n").writerows(data)
EDIT
  local status
  status=$(curl -s -o "$WORK/bad.json" -w '%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' \
    --data-binary @"$WORK/bad.csv" "$base/api/v1/vinnytsia/strategies/$doc/indicators.csv")
  check "$label: a file with one bad row is a 422 naming its line and column" "$status $(cat "$WORK/bad.json")" \
    python3 -c 'import json,sys; e=json.load(open(sys.argv[2]))["error"]; sys.exit(0 if sys.argv[1]=="422" and e["field"]=="line.6.target" else 1)' "$status" "$WORK/bad.json"
  local after
  after=$(curl -fs "$base/api/v1/vinnytsia/strategies/$doc" | python3 -c 'import json,sys; print(json.load(sys.stdin)["revision"])')
  check "$label: nothing of the refused file is stored" "revision $before -> $after" test "$before" = "$after"
  status=$(curl -s -o "$WORK/dry.json" -w '%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' \
    --data-binary @"$WORK/changed.csv" "$base/api/v1/vinnytsia/strategies/$doc/indicators.csv?dryRun=true")
  check "$label: the dry run of the good file shows one change and stores nothing" "$status $(head -c 400 "$WORK/dry.json")" \
    python3 -c 'import json,sys; r=json.load(open(sys.argv[2])); sys.exit(0 if sys.argv[1]=="200" and r["changed"]==1 and r["dryRun"] and r["revision"]==int(sys.argv[3]) else 1)' "$status" "$WORK/dry.json" "$before"
  status=$(curl -s -o "$WORK/done.json" -w '%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' \
    --data-binary @"$WORK/changed.csv" "$base/api/v1/vinnytsia/strategies/$doc/indicators.csv")
  check "$label: the good file is stored as one new revision" "$status $(head -c 400 "$WORK/done.json")" \
    python3 -c 'import json,sys; r=json.load(open(sys.argv[2])); sys.exit(0 if sys.argv[1]=="200" and r["changed"]==1 and r["revision"]==int(sys.argv[3])+1 else 1)' "$status" "$WORK/done.json" "$before"
  curl -fs "$base/api/v1/vinnytsia/strategies/$doc/indicators.csv" >"$WORK/again.csv"
  check "$label: the export after the import is the imported file" "$(diff "$WORK/changed.csv" "$WORK/again.csv" | head -5)" cmp -s "$WORK/changed.csv" "$WORK/again.csv"
  check "$label: the figures still check after the import" "$(scripts/check-strategy-rollup "$base" vinnytsia 2>&1 | tail -5)" \
    scripts/check-strategy-rollup "$base" vinnytsia

  for path in "/vinnytsia/results?year=2025" "/vinnytsia/results?year=2026" "/oblast/vinnytska/results?year=2025"; do
    status=$(curl -s -o "$WORK/page.html" -w '%{http_code}' "$base$path")
    check "$label: $path renders" "$status" test "$status" = 200
  done
  stop_server
}

suite sqlite "sqlite:$WORK/hromada.sqlite"
e2e_with_postgres hromada_e2e_strategy suite postgres
e2e_finish
