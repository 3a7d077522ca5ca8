#!/usr/bin/env bash
# End-to-end: two Hromada instances on one PostgreSQL database, behind nginx
# (deploy/nginx/hromada.conf rendered with both as its upstream, round robin).
#
# PostgreSQL comes from ../shared/scripts/postgres-up (or
# HROMADA_TEST_POSTGRES_URL, as .ci/run sets it); this script makes a fresh
# database of its own and drops it at the end. Both instances share
# HROMADA_SECRET and HROMADA_METRICS_TOKEN; the first seeds the demo data.
# Checks, through nginx unless said otherwise:
#   - nginx spreads requests over both instances;
#   - a session made on one instance works on the other (the API token of
#     POST /api/v1/session on A reads /api/v1/me on B);
#   - a rate limit is counted across both: failed sign-ins from one client
#     address sent alternately to A and B directly get 429 at the 21st, as
#     on one instance;
#   - a participatory-budget ballot is accepted (201) through nginx, and the
#     same resident's second one is refused (409) by the other instance;
#   - exactly one instance holds each scheduler lease (`auctions`,
#     `petitions`): hromada_scheduler_lease_held on each instance's /metrics
#     with the token (without that metric, the database's scheduler_leases);
#   - a live auction: WebSocket watchers connected to each instance directly
#     (two each) and one through nginx all see a raise placed on instance A
#     (the fan-out crosses instances through LISTEN/NOTIFY);
#   - a petition signing storm (SIGNERS residents, SENDERS at once) through
#     nginx, during which the instance holding the petitions lease is killed
#     with SIGKILL: signing carries on through the survivor (nginx fails
#     over; only requests in flight on the dead instance fail, with 502); the
#     survivor takes both leases within 10 s; every signer acknowledged with
#     201 is stored once, nothing else is, and the counters match;
#   - the audit chain the two instances wrote verifies.
# Prints "N passed, N failed" and the time it took; run by .ci/run with the
# other scripts/e2e-*.sh. TWO_LEASES_FROM_DB=1 reads the leases from the
# database even when the metric is there (the fallback's own test);
# TWO_SIGNERS, TWO_SENDERS and TWO_KILL_AFTER size the storm.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/e2e-common.sh
. scripts/lib/e2e-nginx.sh
began=$(date +%s)
e2e_init
SIGNERS=${TWO_SIGNERS:-300}
SENDERS=${TWO_SENDERS:-16}
KILL_AFTER=${TWO_KILL_AFTER:-80}
TOKEN=e2e-two-instances-metrics-token-0123456789
NGINX_PID=""; PID_a=""; PID_b=""; PG=""; STORM_PID=""; WATCH_PID=""
two_cleanup() {
  [ -n "$STORM_PID" ] && kill "$STORM_PID" 2>/dev/null
  [ -n "$WATCH_PID" ] && kill "$WATCH_PID" 2>/dev/null
  nginx_stop; kill_instance a; kill_instance b
  [ -n "$PG" ] && drop_database
  e2e_cleanup
}
trap two_cleanup EXIT
e2e_apt_install nginx:nginx openssl:openssl psql:postgresql-client || exit 1
e2e_apt_python websockets:python3-websockets || exit 1
WATCHERS="/usr/bin/python3 scripts/lib/live_watchers.py"
DRIVER="python3 scripts/lib/two_instances.py"
AUCTION="python3 scripts/lib/auction_crash.py"

# A fresh database on the shared PostgreSQL.
url=${HROMADA_TEST_POSTGRES_URL:-$(../shared/scripts/postgres-up | tail -1)}
dbname="hromada_two_instances_$$"
PG="${url%/*}/$dbname"
drop_database() { psql "$url" -qtAc "DROP DATABASE IF EXISTS $dbname WITH (FORCE)" >/dev/null 2>&1; }
drop_database
if ! psql "$url" -qtAc "CREATE DATABASE $dbname" >"$WORK/createdb.log" 2>&1; then
  fail "a fresh PostgreSQL database" "$(cat "$WORK/createdb.log")"; PG=""; e2e_finish; exit 1
fi

A_PORT=$(free_port); B_PORT=$(free_port)
A="http://127.0.0.1:$A_PORT"; B="http://127.0.0.1:$B_PORT"
nginx_certificate && nginx_render "127.0.0.1:$A_PORT" "127.0.0.1:$B_PORT" && nginx_test \
  || { fail "nginx's site renders for two upstreams" "$(cat "$NGX/test.log" 2>/dev/null)"; e2e_finish; exit 1; }
BASE="https://127.0.0.1:$HTTPS_PORT"
export SSL_CERT_FILE="$NGX/cert.pem"
export HROMADA_SECRET=e2e-two-instances-secret-0123456789-abcdef HROMADA_METRICS_TOKEN=$TOKEN
export HROMADA_TRUSTED_PROXIES=127.0.0.1/32 HROMADA_PUBLIC_URL="$BASE"

echo "# two instances on $dbname"
if start_instance a "$PG" "$A_PORT" --demo && start_instance b "$PG" "$B_PORT"; then
  ok "instances A (:$A_PORT, seeds the demo) and B (:$B_PORT) start on one database"
else
  fail "instances A and B start on one database" "$(tail -20 "$WORK/a.log" "$WORK/b.log")"; e2e_finish; exit 1
fi
if nginx_start; then ok "nginx starts in front of both"; else fail "nginx starts" "$(tail -20 "$NGX/error.log")"; e2e_finish; exit 1; fi
for _ in $(seq 1 8); do ncurl -o /dev/null "$BASE/readyz"; done
spread=$(grep -o 'upstream=127.0.0.1:[0-9]*' "$NGX/access.log" | sort -u | wc -l)
check "nginx spreads requests over both instances" "$(grep -o 'upstream=[^ ]*' "$NGX/access.log" | sort | uniq -c)" [ "$spread" -eq 2 ]

# A session made on A is good on B.
session=$(curl -s -X POST -H 'Content-Type: application/json' -H 'X-Forwarded-For: 10.251.0.1' \
  -d '{"email": "olena@demo.hromada.ua", "password": "resident-demo-2026"}' "$A/api/v1/session" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin).get("token", ""))')
me=$(curl -s -o "$WORK/me.json" -w '%{http_code}' -H "Authorization: Bearer $session" "$B/api/v1/me")
check "a session made on A works on B" "$me $(head -c 300 "$WORK/me.json")" \
  both [ -n "$session" -a "$me" = 200 ] -- grep -q 'olena@demo.hromada.ua' "$WORK/me.json"

# One client address, failed sign-ins alternately on A and B: 20 allowed.
wait_for_fresh_window
statuses=""
for n in $(seq 1 21); do
  if [ $((n % 2)) = 1 ]; then statuses+="$($DRIVER signin "$A" 198.51.100.7) "; else statuses+="$($DRIVER signin "$B" 198.51.100.7) "; fi
done
limited=$(grep -o 429 <<<"$statuses" | wc -l); last=$(awk '{print $NF}' <<<"$statuses")
check "a rate limit counts across both instances (the 21st failed sign-in, alternating A and B, is 429)" "$statuses" \
  [ "$last" = 429 -a "$limited" -eq 1 ]

# Residents for the ballot and the storm (the CLI, on the same database and secret).
e2e_bulk_create "postgres" "$PG" "$SIGNERS" || { e2e_finish; exit 1; }
voter=$(head -1 "$WORK/tokens.txt")
first=$($DRIVER ballot "$BASE" "$voter" 10.250.0.1 2>&1)
again=$($DRIVER ballot "$B" "$voter" 10.250.0.2 2>&1)
check "a budget ballot is accepted through nginx (201) and the same resident's second is refused by B (409)" \
  "first: $first; again: $again" [ "${first%% *}" = 201 -a "${again%% *}" = 409 ]

# Scheduler leases: one holder each.
metrics() { curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$1/metrics"; }
held() { # port lease -> 1, 0, or nothing without the metric
  metrics "$1" | awk -v l="lease=\"$2\"" '$1 ~ /^hromada_scheduler_lease_held\{/ && index($1, l) {print $2 + 0}'
}
holders() { # lease -> "A B" values
  echo "$(held "$A_PORT" "$1")-$(held "$B_PORT" "$1")"
}
if [ -z "${TWO_LEASES_FROM_DB:-}" ] && metrics "$A_PORT" | grep -q '^hromada_scheduler_lease_held'; then LEASE_METRIC=yes; else LEASE_METRIC=""; fi
if [ -n "$LEASE_METRIC" ]; then
  for _ in $(seq 1 50); do
    pa=$(holders petitions); au=$(holders auctions)
    [[ "$pa" =~ ^(1-0|0-1)$ && "$au" =~ ^(1-0|0-1)$ ]] && break; sleep 0.2
  done
  one=no; [[ "$pa" =~ ^(1-0|0-1)$ && "$au" =~ ^(1-0|0-1)$ ]] && one=yes
  check "exactly one instance holds each lease (hromada_scheduler_lease_held on A-B: petitions $pa, auctions $au)" \
    "$(metrics "$A_PORT" | grep lease_held; metrics "$B_PORT" | grep lease_held)" [ $one = yes ]
  [ "$pa" = 0-1 ] && VICTIM=b || VICTIM=a
else
  # TODO: hromada_scheduler_lease_held is not exported by this build; the
  # check falls back on the table the leases live in.
  echo "# TODO: this build exports no hromada_scheduler_lease_held; the leases are read from scheduler_leases instead"
  rows=$(db_rows "$PG" "SELECT name, holder FROM scheduler_leases WHERE expires_at >= EXTRACT(EPOCH FROM now())::BIGINT ORDER BY name")
  check "each lease has one live holder (scheduler_leases)" "$rows" [ "$(grep -cE '^(auctions|petitions)\|' <<<"$rows")" -eq 2 ]
  VICTIM=a
fi

# A live auction: watchers on each instance directly and one through nginx;
# the raise is made on A.
lot=$($AUCTION setup "$BASE" 1 30 3 2>"$WORK/auction.err")
if [ -z "$lot" ]; then fail "a lot is announced through nginx" "$(cat "$WORK/auction.err")"; else
  for _ in $(seq 1 100); do
    kind=$($AUCTION state "$BASE" "$lot" | python3 -c 'import json,sys; print((json.load(sys.stdin)["stage"] or {}).get("kind"))')
    [ "$kind" = turn ] && break; sleep 0.2
  done
  live="/api/v1/vinnytsia/auctions/$lot/live"
  $WATCHERS watch "ws://127.0.0.1:$A_PORT$live" "ws://127.0.0.1:$A_PORT$live" "ws://127.0.0.1:$B_PORT$live" "ws://127.0.0.1:$B_PORT$live" \
    "wss://127.0.0.1:$HTTPS_PORT$live" --cafile "$NGX/cert.pem" --ready "$WORK/ws.ready" --timeout 20 >"$WORK/ws.out" 2>&1 &
  WATCH_PID=$!
  for _ in $(seq 1 150); do [ -e "$WORK/ws.ready" ] || ! kill -0 $WATCH_PID 2>/dev/null && break; sleep 0.1; done
  $AUCTION bid "$A" "$lot" 1 "$WORK/acks.log" 2>>"$WORK/auction.err"
  wait $WATCH_PID; rc=$?; WATCH_PID=""
  acked=$(awk '{print $4}' "$WORK/acks.log" | tail -1)
  seen=$(awk -v a="$acked" '$4 == a' "$WORK/ws.out" | wc -l)
  check "a raise of ${acked:-?} on A reaches 2 watchers on A, 2 on B and 1 through nginx" "$(cat "$WORK/ws.out" "$WORK/auction.err")" \
    [ $rc -eq 0 -a "$seen" -eq 5 ]
  paste -d' ' <(printf 'A\nA\nB\nB\nnginx\n') "$WORK/ws.out" | awk '{printf "       %s on %s saw it %s s after the watchers were ready\n", $2, $1, $6}'
fi

# The signing storm through nginx, and SIGKILL of the petitions lease holder.
read -r petition state _ < <(python3 scripts/lib/open-petition.py "$BASE" "Два сервери: освітлення набережної" 2>"$WORK/open.err")
if [ "${state:-}" != open ]; then fail "a petition is opened through nginx" "$(cat "$WORK/open.err")"; e2e_finish; exit 1; fi
ok "a petition is opened through nginx"
: >"$WORK/answers.log"
$DRIVER sign "$BASE" "$petition" "$WORK/tokens.txt" "$WORK/answers.log" "$SENDERS" 2>"$WORK/sign.err" &
STORM_PID=$!
for _ in $(seq 1 1500); do
  [ "$(grep -c '^201 ' "$WORK/answers.log")" -ge "$KILL_AFTER" ] && break
  kill -0 "$STORM_PID" 2>/dev/null || break
  sleep 0.02
done
before_kill=$(grep -c . "$WORK/answers.log")
if [ "$VICTIM" = a ]; then SURVIVOR=$B_PORT; VNAME=A; else SURVIVOR=$A_PORT; VNAME=B; fi
kill_instance "$VICTIM" KILL
killed_at=$(date +%s.%N)
echo "       $VNAME killed with SIGKILL after $before_kill answers ($(grep -c '^201 ' "$WORK/answers.log") acknowledged)"

# The survivor takes the leases.
taken=""
for _ in $(seq 1 75); do
  if [ -n "$LEASE_METRIC" ]; then
    [ "$(held "$SURVIVOR" petitions)" = 1 ] && [ "$(held "$SURVIVOR" auctions)" = 1 ] && { taken=yes; break; }
  else
    # Once the dead instance's leases have run out (5 s), both live leases
    # have one holder: the survivor.
    [ "$(python3 -c "import time; print(time.time() - $killed_at > 5.5)")" = True ] \
      && [ "$(db_scalar "$PG" "SELECT COUNT(*) || '-' || COUNT(DISTINCT holder) FROM scheduler_leases WHERE expires_at >= EXTRACT(EPOCH FROM now())::BIGINT")" = 2-1 ] \
      && { taken=yes; break; }
  fi
  sleep 0.2
done
handover=$(python3 -c "import time; print(round(time.time() - $killed_at, 1))")
check "the survivor holds both leases ${handover} s after the kill (at most 10 s)" "$(metrics "$SURVIVOR" | grep lease_held)" \
  both [ -n "$taken" ] -- python3 -c "import sys; sys.exit(not $handover <= 10)"

wait "$STORM_PID"; STORM_PID=""
acked=$(grep -c '^201 ' "$WORK/answers.log"); after=$(tail -n +"$((before_kill + 1))" "$WORK/answers.log" | grep -c '^201 ')
bad=$(grep -c '^502 ' "$WORK/answers.log"); errors=$(grep -c '^ERR ' "$WORK/answers.log")
others=$(grep -vcE '^(201|502) ' "$WORK/answers.log")
echo "       $acked acknowledged ($after after the kill), $bad answered 502, $errors connection errors, $others other answers"
check "signing carries on through nginx after the kill ($after more acknowledged)" "$(tail -5 "$WORK/sign.err")" [ "$after" -ge 1 ]
# A 502 is a request the dead instance had taken: at most one per sender in
# flight, plus the few sent on nginx's kept-alive connections to it before
# max_fails=3 takes it out of the upstream.
check "only requests caught by the kill failed (502: $bad, at most $SENDERS + 3; every other answer 201)" \
  "$(grep -vE '^201 ' "$WORK/answers.log" | cut -d' ' -f1 | sort | uniq -c)" [ "$bad" -le "$((SENDERS + 3))" -a "$others" -eq 0 ]

# No acknowledged signature lost: by account, as e2e-petition-crash.sh counts.
if $DRIVER accounts "$BASE" "$WORK/answers.log" 201,502 >"$WORK/senders.txt" 2>"$WORK/accounts.err"; then
  where="petition_id = '$petition'"
  db_rows "$PG" "SELECT account_id FROM petition_signatures WHERE $where AND confirmed = 1 AND invalidated_at IS NULL" | sort >"$WORK/stored.txt"
  awk '$1 == 201 {print $2}' "$WORK/senders.txt" | sort >"$WORK/acked.txt"
  awk '{print $2}' "$WORK/senders.txt" | sort >"$WORK/sent.txt"
  missing=$(comm -23 "$WORK/acked.txt" "$WORK/stored.txt" | wc -l); strays=$(comm -13 "$WORK/sent.txt" "$WORK/stored.txt" | wc -l)
  stored=$(grep -c . "$WORK/stored.txt")
  rows=$(db_scalar "$PG" "SELECT COUNT(*) FROM petition_signatures WHERE $where")
  counters=$(db_scalar "$PG" "SELECT CAST(COALESCE(SUM(count), 0) AS BIGINT) FROM petition_counters WHERE $where")
  echo "       stored: $stored signatures ($rows rows), counters sum to $counters"
  check "every signer acknowledged with 201 is stored ($acked)" "$missing missing" [ "$missing" -eq 0 ]
  check "nothing is stored but acknowledged or cut-off signatures, each once" "$strays strays; $rows rows for $stored" \
    [ "$strays" -eq 0 -a "$rows" -eq "$stored" ]
  check "the counters sum to the stored signatures" "counters $counters, stored $stored" [ "$counters" -eq "$stored" ]
else
  fail "the signers' tokens authenticate on the survivor" "$(tail -3 "$WORK/accounts.err")"
fi
shown=""
for _ in $(seq 1 50); do
  shown=$(ncurl "$BASE/api/v1/vinnytsia/petitions/$petition/count" | python3 -c 'import json,sys; print(json.load(sys.stdin)["signatureCount"])')
  [ "$shown" = "${counters:-x}" ] && break; sleep 0.2
done
check "the displayed count catches up on the survivor ($shown)" "shown $shown, exact ${counters:-?}" [ "$shown" = "${counters:-x}" ]
check "nginx still answers /readyz 200 from the survivor" "" [ "$(ncurl -o /dev/null -w '%{http_code}' "$BASE/readyz")" = 200 ]

nginx_stop; kill_instance a; kill_instance b
if "$BIN" audit verify --database "$PG" >"$WORK/verify.log" 2>&1 && grep -q "Audit chain OK" "$WORK/verify.log"; then
  ok "the audit chain both instances wrote verifies"
else
  fail "the audit chain both instances wrote verifies" "$(tail -5 "$WORK/verify.log")"
fi

echo "== scripts/e2e-two-instances.sh took $(( $(date +%s) - began )) s"
e2e_finish
