#!/usr/bin/env bash
# End-to-end: the deployment files in deploy/ work as shipped.
#
# Static: `systemd-analyze verify` passes deploy/systemd/hromada.service
# without a warning (its binary path pointed at the debug build); the binary
# and its libraries ask for no writable-and-executable memory
# (MemoryDenyWriteExecute=yes); `promtool check rules` and `promtool test
# rules` pass deploy/prometheus/; deploy/nginx/hromada.conf, rendered with
# loopback ports and a throwaway certificate, passes `nginx -t`. (hadolint is
# not packaged by Debian, so deploy/Dockerfile is not linted.)
#
# Live: Hromada (debug build, --demo, SQLite in a temp folder, run with the
# kernel's MDWE on, as MemoryDenyWriteExecute=yes would) behind that nginx,
# run in the foreground with its own pid, logs and temp folders. Through
# nginx over HTTPS (curl trusting the throwaway certificate): HTTP redirects
# to HTTPS; /readyz is 200 over HTTP/2 and TLS 1.2 and 1.3; HSTS is on every
# answer, nginx's own errors too; pages and JSON are gzipped; each answer has
# nginx's X-Request-ID, also in its access log; a client's own X-Forwarded-For
# is not believed (21 failed sign-ins from 127.0.0.2 with a new forged address
# each are limited as one address, 127.0.0.2); /metrics is closed to other
# networks by nginx and needs the token from an allowed one; a request line
# over 80 KB gets 414 (HTTP/1.1) or is refused (HTTP/2), and oversized headers
# 400, before Hromada; a body of exactly the largest upload limit reaches
# Hromada and one byte more gets 413 from nginx; a 10 MiB PDF uploads through
# the staff form as a signed-in browser; the live auction's WebSocket upgrades
# through nginx, takes the session cookie only with the site's own Origin, and
# three watchers see a raise placed through the API.
#
# "The whole suite through nginx": scripts/api-fuzz against the HTTPS
# address, i.e. schemathesis over every documented API operation as a citizen
# and as a city admin, and the extreme-numbers pass over every numeric field
# (NGINX_FUZZ_EXAMPLES examples per operation, default 3). That is the widest
# existing end-to-end driver that takes a base URL; the crash scripts restart
# the server on new ports and check the database, which a proxy does not
# change. Then nginx's logs must show no 502/504 and no error above [error].
#
# Run by .ci/run with the other scripts/e2e-*.sh; prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/e2e-common.sh
. scripts/lib/e2e-nginx.sh
began=$(date +%s)
e2e_init
NGINX_PID=""; PID_app=""
trap 'nginx_stop; kill_instance app; e2e_cleanup' EXIT
e2e_apt_install nginx:nginx openssl:openssl promtool:prometheus systemd-analyze:systemd readelf:binutils || exit 1
e2e_apt_python websockets:python3-websockets || exit 1
WATCHERS="/usr/bin/python3 scripts/lib/live_watchers.py"
TOKEN=e2e-metrics-token-0123456789

echo "# static checks"
mkdir -p "$WORK/systemd"
BIN_ABS="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
sed "s|/opt/hromada/hromada|$BIN_ABS|g" deploy/systemd/hromada.service >"$WORK/systemd/hromada.service"
out=$(systemd-analyze verify "$WORK/systemd/hromada.service" 2>&1); rc=$?
check "systemd-analyze verify hromada.service: no error, no warning" "exit $rc: $out" [ $rc -eq 0 -a -z "$out" ]

wx=""
for elf in "$BIN_ABS" $(ldd "$BIN_ABS" | awk '/=> \//{print $3}'); do
  readelf -lW "$elf" | awk '$1 == "LOAD" || $1 == "GNU_STACK"' | grep -q 'W.*E' && wx+="$elf "
done
check "the binary and its libraries map nothing writable and executable (MemoryDenyWriteExecute=yes)" "$wx" [ -z "$wx" ]

out=$(cd deploy/prometheus && promtool check rules hromada-alerts.yml 2>&1); rc=$?
check "promtool check rules hromada-alerts.yml" "$out" [ $rc -eq 0 ]
out=$(cd deploy/prometheus && promtool test rules hromada-alerts.test.yml 2>&1); rc=$?
check "promtool test rules hromada-alerts.test.yml" "$out" [ $rc -eq 0 ]

APP_PORT=$(free_port)
if nginx_certificate && nginx_render "127.0.0.1:$APP_PORT"; then ok "deploy/nginx/hromada.conf renders with loopback ports"
else fail "deploy/nginx/hromada.conf renders with loopback ports" "$(cat "$NGX/openssl.log" 2>/dev/null)"; e2e_finish; exit 1; fi
if nginx_test; then ok "nginx -t accepts the site"; else fail "nginx -t accepts the site" "$(cat "$NGX/test.log")"; e2e_finish; exit 1; fi

echo "# Hromada behind nginx"
BASE="https://127.0.0.1:$HTTPS_PORT"
export SSL_CERT_FILE="$NGX/cert.pem" REQUESTS_CA_BUNDLE="$NGX/cert.pem"
export HROMADA_TRUSTED_PROXIES=127.0.0.1/32 HROMADA_PUBLIC_URL="$BASE" HROMADA_METRICS_TOKEN=$TOKEN
DB="sqlite:$WORK/hromada.sqlite"
# The kernel's MDWE (prctl PR_SET_MDWE, Linux 6.3+), inherited by the exec'd
# server: what MemoryDenyWriteExecute=yes does under systemd.
MDWE='import ctypes, os, sys
if ctypes.CDLL(None).prctl(65, 1, 0, 0, 0) != 0: sys.exit(97)
os.execv(sys.argv[1], sys.argv[1:])'
if python3 -c 'import ctypes, sys; sys.exit(ctypes.CDLL(None).prctl(65, 1, 0, 0, 0) != 0)'; then
  E2E_LAUNCH=(python3 -c "$MDWE"); mdwe=" with write-execute memory denied (MDWE)"
else
  E2E_LAUNCH=(); mdwe=""; echo "# this kernel has no PR_SET_MDWE: the server runs without it"
fi
if start_instance app "$DB" "$APP_PORT" --demo; then ok "Hromada starts$mdwe"
else fail "Hromada starts$mdwe" "$(tail -20 "$WORK/app.log")"; e2e_finish; exit 1; fi
if nginx_start; then ok "nginx starts on 127.0.0.1:$HTTPS_PORT"
else fail "nginx starts" "$(tail -20 "$NGX/error.log" "$NGX/stdout.log")"; e2e_finish; exit 1; fi

# Redirect and TLS.
out=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$HTTP_PORT/vinnytsia?lang=en")
check "HTTP answers 301 to the same path over HTTPS" "$out" [ "$out" = "301 $BASE/vinnytsia?lang=en" ]
out=$(ncurl -o "$WORK/ready.json" -w '%{http_code} %{http_version}' "$BASE/readyz")
check "/readyz through nginx is 200 over HTTP/2" "$out $(cat "$WORK/ready.json")" \
  both [ "$out" = "200 2" ] -- grep -q '"ready"' "$WORK/ready.json"
v12=$(ncurl -o /dev/null -w '%{http_code}' --tlsv1.2 --tls-max 1.2 "$BASE/livez")
v13=$(ncurl -o /dev/null -w '%{http_code}' --tlsv1.3 "$BASE/livez")
check "TLS 1.2 and TLS 1.3 are both served" "1.2: $v12, 1.3: $v13" [ "$v12" = 200 -a "$v13" = 200 ]

# Headers.
ncurl -D "$WORK/page.h" -o /dev/null "$BASE/vinnytsia"
check "HSTS on a page" "$(cat "$WORK/page.h")" grep -qi '^strict-transport-security: max-age=63072000; includeSubDomains' "$WORK/page.h"
ncurl -D "$WORK/404.h" -o /dev/null "$BASE/vinnytsia/no-such-page"
check "HSTS on Hromada's 404" "$(head -1 "$WORK/404.h")" grep -qi '^strict-transport-security:' "$WORK/404.h"
rid=$(awk 'tolower($1) == "x-request-id:" {print $2}' "$WORK/page.h" | tr -d '\r')
check "nginx's X-Request-ID is on the answer ($rid) and in its access log" "$(tail -3 "$NGX/access.log")" \
  [ "${#rid}" -eq 32 ] && grep -q "rid=$rid " "$NGX/access.log"
echo=$(curl -s -D - -o /dev/null -H 'X-Request-ID: e2e-request-id-probe' "http://127.0.0.1:$APP_PORT/livez" | tr -d '\r' | awk 'tolower($1) == "x-request-id:" {print $2}')
if [ -n "$echo" ]; then
  check "Hromada takes X-Request-ID from the proxy as its request id" "echoed $echo" [ "$echo" = e2e-request-id-probe ]
else
  echo "# skip - this build of Hromada does not echo X-Request-ID yet; nginx sets its own on every answer"
fi

# gzip.
ncurl -H 'Accept-Encoding: gzip' -D "$WORK/gz.h" -o "$WORK/page.gz" "$BASE/vinnytsia"
gzip -dc "$WORK/page.gz" >"$WORK/page.html" 2>/dev/null
check "an HTML page is gzipped" "$(cat "$WORK/gz.h")" \
  both grep -qi '^content-encoding: gzip' "$WORK/gz.h" -- grep -q '<html lang="uk">' "$WORK/page.html"
ncurl -H 'Accept-Encoding: gzip' -D "$WORK/gzj.h" -o "$WORK/openapi.gz" "$BASE/api/openapi.json"
gzip -dc "$WORK/openapi.gz" >"$WORK/openapi.json" 2>/dev/null
check "JSON is gzipped" "$(cat "$WORK/gzj.h")" \
  both grep -qi '^content-encoding: gzip' "$WORK/gzj.h" -- python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$WORK/openapi.json"

# X-Forwarded-For: a client on 127.0.0.2 (not a trusted proxy) forges a new
# address on each failed sign-in. nginx appends 127.0.0.2, Hromada takes the
# rightmost untrusted hop, so all 21 count against 127.0.0.2 (20 allowed).
wait_for_fresh_window
statuses=""
for n in $(seq 1 21); do
  statuses+="$(ncurl --interface 127.0.0.2 -o /dev/null -w '%{http_code}' -H "X-Forwarded-For: 203.0.113.$n" \
    -H 'Content-Type: application/json' -d '{"email": "not-an-address", "password": "wrong password"}' "$BASE/api/v1/session") "
done
hits=$(db_scalar "$DB" "SELECT COALESCE(SUM(hits), 0) FROM rate_limit_hits WHERE rule = 'signin-ip' AND subject = '127.0.0.2'")
forged=$(db_scalar "$DB" "SELECT COUNT(*) FROM rate_limit_hits WHERE subject LIKE '203.0.113.%'")
last=$(awk '{print $NF}' <<<"$statuses"); limited=$(grep -o 429 <<<"$statuses" | wc -l)
check "a client's forged X-Forwarded-For is not believed: 21 attempts count as 127.0.0.2 and the 21st is 429" \
  "statuses: $statuses; hits for 127.0.0.2: $hits; rows for forged addresses: $forged" \
  [ "$last" = 429 -a "$limited" -eq 1 -a "$hits" -ge 21 -a "$forged" -eq 0 ]

# /metrics.
m_other=$(ncurl --interface 127.0.0.2 -o /dev/null -w '%{http_code}' "$BASE/metrics")
m_bare=$(ncurl -o /dev/null -w '%{http_code}' "$BASE/metrics")
m_token=$(ncurl -o "$WORK/metrics.txt" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$BASE/metrics")
check "/metrics: 403 from nginx to other networks, 404 without the token, 200 with it" "$m_other $m_bare $m_token" \
  both [ "$m_other $m_bare $m_token" = "403 404 200" ] -- grep -q '^hromada_' "$WORK/metrics.txt"

# Oversized requests stop at nginx.
long=$(head -c 83000 /dev/zero | tr '\0' a)
s11=$(ncurl --http1.1 -o "$WORK/414.html" -w '%{http_code}' "$BASE/vinnytsia/petitions?q=$long")
check "an 83 KB request line gets 414 from nginx (HTTP/1.1)" "$s11 $(head -c 200 "$WORK/414.html")" \
  both [ "$s11" = 414 ] -- grep -q '<center>nginx</center>' "$WORK/414.html"
s2=$(ncurl -o /dev/null -w '%{http_code}' "$BASE/vinnytsia/petitions?q=$long")
check "an 83 KB request line is refused by nginx over HTTP/2" "got $s2" [ "$s2" = 414 -o "$s2" = 000 ]
big=$(head -c 15000 /dev/zero | tr '\0' b)
sh=$(ncurl --http1.1 -o /dev/null -w '%{http_code}' -H "X-A: $big" -H "X-B: $big" -H "X-C: $big" -H "X-D: $big" -H "X-E: $big" -H "X-F: $big" "$BASE/vinnytsia")
check "90 KB of headers get 400 from nginx" "got $sh" [ "$sh" = 400 ]
ncurl --http1.1 -D "$WORK/414.h" -o /dev/null "$BASE/vinnytsia?q=$long"
check "HSTS on nginx's own 414" "$(cat "$WORK/414.h")" grep -qi '^strict-transport-security:' "$WORK/414.h"

# Uploads: exactly Hromada's largest upload limit (10 MiB + 64 KiB) reaches
# Hromada (401: not signed in); one byte more is nginx's 413.
limit=$((10 * 1024 * 1024 + 64 * 1024))
head -c "$limit" /dev/zero >"$WORK/limit.bin"; head -c $((limit + 1)) /dev/zero >"$WORK/over.bin"
upload_path=/vinnytsia/admin/property/unknown/documents
at=$(ncurl -o /dev/null -w '%{http_code}' -H 'Content-Type: multipart/form-data; boundary=e2e' --data-binary @"$WORK/limit.bin" "$BASE$upload_path")
over=$(ncurl -o "$WORK/413.html" -w '%{http_code}' -H 'Content-Type: multipart/form-data; boundary=e2e' --data-binary @"$WORK/over.bin" "$BASE$upload_path")
check "a body of exactly $limit bytes reaches Hromada; one byte more gets 413 from nginx" "at the limit: $at; over: $over" \
  both [ "$at" = 401 -a "$over" = 413 ] -- grep -q '<center>nginx</center>' "$WORK/413.html"
rm -f "$WORK/limit.bin" "$WORK/over.bin"

# A signed-in browser (cookies and the form's _csrf) uploads a 10 MiB PDF,
# the largest document Hromada keeps, through the staff form.
csrf_of() { grep -o 'name="_csrf" value="[^"]*"' "$1" | head -1 | sed 's/.*value="//; s/"$//'; }
JAR=$WORK/admin.jar
ncurl -c "$JAR" -b "$JAR" -o "$WORK/login.html" "$BASE/login"
login=$(ncurl -c "$JAR" -b "$JAR" -o /dev/null -w '%{http_code}' --data-urlencode "_csrf=$(csrf_of "$WORK/login.html")" \
  --data-urlencode next=/ --data-urlencode email=vinnytsia.admin@demo.hromada.ua --data-urlencode password=vinnytsia-demo-2026 "$BASE/login")
check "the city admin signs in through the login form (303)" "got $login" [ "$login" = 303 ]
object=$(python3 - "$BASE" <<'PY'
import sys
sys.path.insert(0, "scripts/lib")
import auction_crash as a
base = sys.argv[1]
status, body = a.call(base, "POST", "/api/v1/vinnytsia/property", {
    "kind": "premises", "title": "Приміщення для перевірки завантаження через nginx", "address": "вул. Соборна, 2",
    "area": 12.5, "balanceHolder": "КП «Вінницька міська нерухомість»", "leaseList": "first"}, a.token(base, a.ADMIN))
print(body.get("id", f"failed {status} {body}"))
PY
)
ncurl -c "$JAR" -b "$JAR" -o "$WORK/files.html" "$BASE/vinnytsia/admin/property/$object/files"
{ printf '%%PDF-1.4\n%% Hromada e2e upload through nginx\n'; head -c $((10 * 1024 * 1024 - 44)) /dev/zero; } >"$WORK/report.pdf"
up=$(ncurl -c "$JAR" -b "$JAR" -o /dev/null -w '%{http_code} %{redirect_url}' -F "_csrf=$(csrf_of "$WORK/files.html")" \
  -F "title=Звіт про оцінку (10 МБ)" -F "document=@$WORK/report.pdf;type=application/pdf" "$BASE/vinnytsia/admin/property/$object/documents")
stored=$(db_scalar "$DB" "SELECT COUNT(*) FROM attachments WHERE owner_kind = 'property_object' AND owner_id = '$object' AND byte_count = $(stat -c %s "$WORK/report.pdf")")
check "a $(stat -c %s "$WORK/report.pdf")-byte PDF uploads through nginx and is stored" "object $object; answer $up; stored $stored" \
  [ "${up%% *}" = 303 -a "$stored" = 1 ]

# The live auction's WebSocket through nginx.
DRIVER="python3 scripts/lib/auction_crash.py"
lot=$($DRIVER setup "$BASE" 1 30 3 2>"$WORK/driver.err")
if [ -z "$lot" ]; then fail "a lot is announced through nginx" "$(cat "$WORK/driver.err")"; else
  ok "a lot is announced through nginx, both demo residents bid and are admitted"
  WSS="wss://127.0.0.1:$HTTPS_PORT/api/v1/vinnytsia/auctions/$lot/live"
  session=$(awk '$6 == "hromada_session" {print $7}' "$JAR")
  own=$($WATCHERS hello "$WSS" --cafile "$NGX/cert.pem" --origin "$BASE" --cookie "hromada_session=$session" 2>&1)
  evil=$($WATCHERS hello "$WSS" --cafile "$NGX/cert.pem" --origin https://evil.example --cookie "hromada_session=$session" 2>&1)
  check "the socket upgrades through nginx and takes the session cookie only from the site's own origin" \
    "own origin: $own; other origin: $evil" [ "$own" = observer -a "$evil" = anonymous ]
  for _ in $(seq 1 100); do
    kind=$($DRIVER state "$BASE" "$lot" | python3 -c 'import json,sys; print((json.load(sys.stdin)["stage"] or {}).get("kind"))')
    [ "$kind" = turn ] && break; sleep 0.2
  done
  tokens=$(python3 -c 'import sys; sys.path.insert(0, "scripts/lib"); import auction_crash as a
print(" ".join(a.token(sys.argv[1], b) for b in a.BIDDERS))' "$BASE")
  read -r t1 t2 <<<"$tokens"
  $WATCHERS watch "$WSS" "$WSS?token=$t1" "$WSS?token=$t2" --ready "$WORK/ws.ready" --cafile "$NGX/cert.pem" --timeout 20 >"$WORK/ws.out" 2>&1 &
  WATCH_PID=$!
  for _ in $(seq 1 150); do [ -e "$WORK/ws.ready" ] || ! kill -0 $WATCH_PID 2>/dev/null && break; sleep 0.1; done
  $DRIVER bid "$BASE" "$lot" 1 "$WORK/acks.log" 2>>"$WORK/driver.err"
  wait $WATCH_PID; rc=$?
  acked=$(awk '{print $4}' "$WORK/acks.log" | tail -1)
  seen=$(awk -v a="$acked" '$4 == a' "$WORK/ws.out" | wc -l)
  check "three watchers (anonymous, two bidders) see a raise of $acked placed through the API" "$(cat "$WORK/ws.out" "$WORK/driver.err")" \
    [ $rc -eq 0 -a "$seen" -eq 3 ]
  awk '{printf "       %s %s saw the raise %s s after the watchers were ready\n", $1, $2, $5}' "$WORK/ws.out"
fi

# The API suite through nginx.
echo "# scripts/api-fuzz through nginx (${NGINX_FUZZ_EXAMPLES:-3} examples per operation)"
fuzz_began=$(date +%s)
python3 scripts/api-fuzz --url "$BASE" --examples "${NGINX_FUZZ_EXAMPLES:-3}" >"$WORK/api-fuzz.log" 2>&1; rc=$?
check "scripts/api-fuzz through nginx: no 5xx, no failure ($(tail -1 "$WORK/api-fuzz.log"), $(( $(date +%s) - fuzz_began )) s)" \
  "$(grep -E 'FAIL|Error|error' "$WORK/api-fuzz.log" | head -20; tail -5 "$WORK/api-fuzz.log")" [ $rc -eq 0 ]

bad=$(grep -E '" 50[24] ' "$NGX/access.log" | head -5)
check "nginx never failed to reach Hromada (no 502/504 in its access log)" "$bad" [ -z "$bad" ]
bad=$(grep -E '\[(crit|alert|emerg)\]' "$NGX/error.log" | head -5)
check "nginx logged nothing worse than [error]" "$bad" [ -z "$bad" ]
check "Hromada still answers /readyz through nginx" "" [ "$(ncurl -o /dev/null -w '%{http_code}' "$BASE/readyz")" = 200 ]

echo "== scripts/e2e-nginx.sh took $(( $(date +%s) - began )) s"
e2e_finish
