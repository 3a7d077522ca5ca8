#!/usr/bin/env bash
# End-to-end: the ui-walk (issue 21). A demo server on SQLite, walked by
# scripts/ui-walk.py in headless Chromium at 360 px: the home page, every
# city's public pages (each module's lists and detail pages, maps), the
# sign-in and registration pages, a few in English, and the resident's forms;
# then the sharing previews of a project, a petition and a lot, read by
# scripts/check-preview.py as Telegram's link-preview bot reads them.
# Every page: no horizontal scroll, no console errors, a label on every
# input, alt on every image. Installs chromium and its driver (Debian) when
# missing and selenium from PyPI into its own virtualenv. Run by .ci/run;
# prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/e2e-common.sh
e2e_init

command -v chromedriver >/dev/null || apt-get install -y -q chromium chromium-driver >"$WORK/apt.log" 2>&1
if ! command -v chromedriver >/dev/null; then fail "chromium and chromium-driver install from Debian" "$(tail -5 "$WORK/apt.log")"; e2e_finish; exit; fi
python3 -m venv "$WORK/venv" && "$WORK/venv/bin/pip" install --quiet --disable-pip-version-check selenium >"$WORK/pip.log" 2>&1
if ! "$WORK/venv/bin/python" -c 'import selenium' 2>/dev/null; then fail "selenium installs from PyPI" "$(tail -5 "$WORK/pip.log")"; e2e_finish; exit; fi

if ! start_server "sqlite:$WORK/hromada.sqlite" --demo; then
  fail "server starts" "$(tail -20 "$WORK/serve.log")"
else
  # Walked once; its report is the failure's detail.
  "$WORK/venv/bin/python" scripts/ui-walk.py "http://127.0.0.1:$PORT" >"$WORK/walk.log" 2>&1
  walked=$?
  check "every page walked at 360 px: no sideways scroll, no console errors, labelled inputs, alt on images ($(tail -1 "$WORK/walk.log"))" \
    "$(tail -25 "$WORK/walk.log")" test "$walked" -eq 0
  # What Telegram's bot reads when a resident shares a project, a petition or a lot.
  base="http://127.0.0.1:$PORT"
  pages=$(python3 - "$base" <<'PY'
import json, sys, urllib.request
base = sys.argv[1]
get = lambda path: json.load(urllib.request.urlopen(base + path))
edition = get("/api/v1/vinnytsia/budgets")["items"][0]["id"]
project = get(f"/api/v1/vinnytsia/budgets/{edition}/projects")["items"][0]["id"]
petition = get("/api/v1/vinnytsia/petitions")["items"][0]["id"]
lot = get("/api/v1/vinnytsia/auctions")["items"][0]["id"]
print(f"{base}/vinnytsia/budgets/{edition}/projects/{project} {base}/vinnytsia/petitions/{petition} {base}/vinnytsia/auctions/{lot}")
PY
)
  # shellcheck disable=SC2086
  check "sharing previews read as Telegram's bot reads them (a project, a petition, a lot)" \
    "$(python3 scripts/check-preview.py $pages 2>&1 | tail -10)" python3 scripts/check-preview.py $pages
fi
e2e_finish
