#!/usr/bin/env bash
# End-to-end: the investment portal as a GIS and an investor use it, on a
# demo server (SQLite, then PostgreSQL when HROMADA_TEST_POSTGRES_URL is set):
# every city's sites.geojson loads in the `geojson` package (valid, a
# FeatureCollection) and each boundary in `shapely` (a valid shape whose
# area agrees with the site's areaHa); the GeoJSON and the list answer the
# same filters alike; a malformed cadastral number or boundary sent by the
# city's admin is a 422 naming the field and stores nothing; an
# investor's enquiry is a 202 and the acknowledgement is in the outbox;
# no investor's contact appears in anything public; a site's documents
# download with the hash its JSON gives and open in `pypdf` (strict), and
# the site in auction names a lot whose page exists. Installs geojson,
# shapely and pypdf from PyPI into its own virtualenv. Run by .ci/run; prints
# "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/e2e-common.sh
e2e_init

python3 -m venv "$WORK/venv" && "$WORK/venv/bin/pip" install --quiet --disable-pip-version-check geojson shapely pypdf >"$WORK/pip.log" 2>&1
if ! "$WORK/venv/bin/python" -c 'import geojson, shapely, pypdf' 2>/dev/null; then fail "geojson, shapely and pypdf install from PyPI" "$(tail -5 "$WORK/pip.log")"; e2e_finish; exit; fi
PY="$WORK/venv/bin/python"

suite() { # label, database url
  local label=$1 DB=$2
  if ! start_server "$DB" --demo; then fail "$label: server starts" "$(tail -20 "$WORK/serve.log")"; return 1; fi
  local base="http://127.0.0.1:$PORT"
  for city in vinnytsia zhmerynka khmilnyk ladyzhyn; do
    curl -fs "$base/api/v1/$city/invest/sites.geojson" >"$WORK/$city.geojson"
    check "$label: $city's sites.geojson is a valid FeatureCollection (geojson) of valid boundaries agreeing with their areas (shapely)" \
      "$("$PY" scripts/lib/check_geojson.py "$WORK/$city.geojson" 2>&1 | tail -5)" "$PY" scripts/lib/check_geojson.py "$WORK/$city.geojson"
  done
  local query="minAreaHa=2&minPowerKw=1000&gas=true&bbox=28.3,49.1,28.7,49.4"
  curl -fs "$base/api/v1/vinnytsia/invest/sites.geojson?$query" >"$WORK/filtered.geojson"
  curl -fs "$base/api/v1/vinnytsia/invest/sites?$query" >"$WORK/filtered.json"
  check "$label: the GeoJSON and the list answer the same filters with the same sites" "" "$PY" - "$WORK/filtered.geojson" "$WORK/filtered.json" <<'CHECK'
import json, sys
features = json.load(open(sys.argv[1]))["features"]
items = json.load(open(sys.argv[2]))["items"]
ids = {f["id"] for f in features}
ok = ids == {i["id"] for i in items} and ids and all(i["areaHa"] >= 2 and i["utilities"]["powerKw"] >= 1000 for i in items)
sys.exit(0 if ok else 1)
CHECK

  "$PY" - "$base" >"$WORK/files.log" 2>&1 <<'CHECK'
import hashlib, io, json, sys, urllib.request
import pypdf
base = sys.argv[1]
items = json.load(urllib.request.urlopen(base + "/api/v1/vinnytsia/invest/sites?limit=100"))["items"]
documents = 0
for item in items:
    site = json.load(urllib.request.urlopen(base + "/api/v1/vinnytsia/invest/sites/" + item["id"]))
    for document in site["files"]["documents"]:
        data = urllib.request.urlopen(base + document["url"]).read()
        assert hashlib.sha256(data).hexdigest() == document["sha256"] and len(data) == document["byteCount"], document["url"]
        assert len(pypdf.PdfReader(io.BytesIO(data), strict=True).pages) >= 1, document["url"]
        documents += 1
    lot = site["details"]["auctionLotId"]
    if lot:
        assert urllib.request.urlopen(base + "/vinnytsia/auctions/" + lot).status == 200, lot
assert documents >= len(items) > 0 and any(i["details"]["auctionLotId"] for i in items), (documents, len(items))
print(documents, "documents")
CHECK
  local files_status=$?
  check "$label: every Вінниця site's documents download with their hash and open as PDFs (pypdf, strict); the site in auction's lot exists" \
    "$(tail -3 "$WORK/files.log")" [ "$files_status" = 0 ]

  curl -s -o "$WORK/oblast.json" -w '%{http_code}' "$base/api/v1/oblast/vinnytska/invest/passport" >"$WORK/status"
  check "$label: the oblast's passport adds up its four cities" "$(cat "$WORK/status") $(head -c 300 "$WORK/oblast.json")" \
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if open(sys.argv[2]).read()=="200" and len(d["cities"])==4 and {f["code"] for f in d["derived"]} >= {"population","sites_on_offer","hectares_on_offer"} else 1)' \
    "$WORK/oblast.json" "$WORK/status"

  local token before
  token=$(curl -fs -H 'Content-Type: application/json' -d '{"email": "vinnytsia.admin@demo.hromada.ua", "password": "vinnytsia-demo-2026"}' \
    "$base/api/v1/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  before=$(db_scalar "$DB" "SELECT COUNT(*) FROM invest_sites")
  local plot='{"type": "Polygon", "coordinates": [[[28.53, 49.2], [28.5315, 49.2], [28.5315, 49.2022], [28.53, 49.2022], [28.53, 49.2]]]}'
  local crossing='{"type": "Polygon", "coordinates": [[[28.53, 49.2], [28.5315, 49.2022], [28.5315, 49.2], [28.53, 49.2022], [28.53, 49.2]]]}'
  for case in "cadastralNumber|0510100000:03:004|$plot" "geometry|0510100000:03:004:0777|$crossing"; do
    IFS='|' read -r field number shape <<<"$case"
    local body="{\"type\": \"greenfield\", \"title\": {\"uk\": \"Ділянка\", \"en\": \"Plot\"}, \"geometry\": $shape, \"cadastralNumber\": \"$number\", \"areaHa\": 2.4, \"right\": \"sale\"}"
    curl -s -o "$WORK/answer.json" -w '%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$body" \
      "$base/api/v1/vinnytsia/invest/sites" >"$WORK/status"
    check "$label: a malformed $field is a 422 naming it" "$(cat "$WORK/status") $(cat "$WORK/answer.json")" \
      python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); sys.exit(0 if open(sys.argv[2]).read()=="422" and a["error"]["field"]==sys.argv[3] else 1)' \
      "$WORK/answer.json" "$WORK/status" "$field"
  done
  check "$label: nothing was stored" "" [ "$(db_scalar "$DB" "SELECT COUNT(*) FROM invest_sites")" = "$before" ]

  curl -s -o "$WORK/enquiry.json" -w '%{http_code}' -H 'Content-Type: application/json' -H 'X-Forwarded-For: 198.51.100.77' \
    -d '{"name": "Erika Muster", "email": "erika.muster@example.org", "company": "Muster GmbH", "language": "en", "message": "We need 5 ha with 2 MW and a rail siding for a packaging plant of 90 jobs."}' \
    "$base/api/v1/vinnytsia/invest/enquiries" >"$WORK/status"
  check "$label: an investor's enquiry is a 202, acknowledged in the outbox in English" "$(cat "$WORK/status") $(cat "$WORK/enquiry.json")" \
    [ "$(cat "$WORK/status")" = 202 -a "$(db_scalar "$DB" "SELECT COUNT(*) FROM outbox WHERE recipient = 'erika.muster@example.org' AND subject LIKE 'Your enquiry%'")" = 1 ]
  for path in /api/v1/vinnytsia/invest/sites.geojson /api/v1/vinnytsia/invest/sites /api/v1/vinnytsia/invest/passport.csv /vinnytsia/invest \
              /api/v1/oblast/vinnytska/invest/passport "/api/3/action/package_search?rows=1000"; do
    curl -fs "$base$path" >>"$WORK/public.txt"
  done
  for dataset in $(curl -fs "$base/api/v1/vinnytsia/open-data" | python3 -c 'import json,sys; print(" ".join(d["csv"] for d in json.load(sys.stdin)["items"] if "/invest/" in d["csv"]))' 2>/dev/null); do
    curl -fs "$base$dataset" >>"$WORK/public.txt"
  done
  check "$label: no investor's name or address in anything public" "$(grep -o -m3 'erika[^",]*\|investor[0-9]*@example.com\|Jan Novák' "$WORK/public.txt")" \
    bash -c "! grep -q 'erika.muster\|investor[0-9]*@example.com\|Jan Novák\|Erika Muster' '$WORK/public.txt'"
  stop_server
}

suite sqlite "sqlite:$WORK/hromada.sqlite"
e2e_with_postgres hromada_e2e_invest suite postgres
e2e_finish
