#!/usr/bin/env bash
# End-to-end: a petition signature acknowledged with 201 survives `kill -9`
# of the server. On SQLite and (when HROMADA_TEST_POSTGRES_URL is set)
# PostgreSQL: one petition is opened through the API, residents sign it
# concurrently (each with their own token and client address), the server is
# killed with SIGKILL while signatures are in flight, restarted on the same
# database, and then every signer who got 201 must be stored, once; the
# counters must sum to exactly the stored signatures; a 201 signer who signs
# again gets 409; and the displayed count catches up with the exact one.
# Run by .ci/run with the other scripts/e2e-*.sh; prints "N passed, N failed".
# The helpers it shares with scripts/e2e-budget-crash.sh are in
# scripts/lib/e2e-common.sh and scripts/lib/crash_senders.py.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/e2e-common.sh
e2e_init
SIGNERS=${CRASH_SIGNERS:-300}
# Killed once this many signatures are acknowledged: well before the signers
# run out, so the other senders are mid-request when the server dies.
KILL_AFTER=${CRASH_KILL_AFTER:-60}
SENDERS=${CRASH_SENDERS:-24}

# The signers: SENDERS threads sign once each; every answer is logged as
# "201 COUNT TOKEN" (the exact count the server answered) the moment it comes.
cat >"$WORK/signers.py" <<'PY'
import sys, urllib.request
sys.path.insert(0, "scripts/lib")
import crash_senders
base, petition, tokens_file, log_file, senders = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])

def signature(n, token):
    return urllib.request.Request(
        f"{base}/api/v1/vinnytsia/petitions/{petition}/signatures", method="POST",
        headers={"Authorization": f"Bearer {token}", "X-Forwarded-For": f"10.7.{n // 256}.{n % 256}"})

crash_senders.run(tokens_file, log_file, senders, signature, lambda answer: answer.get("signatureCount"))
PY

# Whose the tokens are: "STATUS ACCOUNT_ID" for each logged answer of the
# given statuses, from GET /api/v1/me with that token.
cat >"$WORK/accounts.py" <<'PY'
import json, sys, urllib.request
base, log_file, statuses = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
for line in open(log_file):
    status, _, token = line.split()
    if status not in statuses: continue
    request = urllib.request.Request(f"{base}/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        print(status, json.load(answer)["account"]["id"])
PY

run_suite() { # label, database url
  local label=$1 DB=$2
  echo "# $label"
  : >"$WORK/answers.log"; : >"$WORK/serve.log"
  if ! start_server "$DB" --demo; then fail "$label: server starts" "$(tail -20 "$WORK/serve.log")"; return; fi
  local base="http://127.0.0.1:$PORT"
  e2e_bulk_create "$label" "$DB" "$SIGNERS" || return

  local petition state threshold
  read -r petition state threshold < <(python3 scripts/lib/open-petition.py "$base" 2>"$WORK/open.err")
  if [ "${state:-}" = open ]; then
    ok "$label: a petition filed by a resident and published by a moderator is open"
  else
    fail "$label: a petition filed by a resident and published by a moderator is open" "$(cat "$WORK/open.err")"; return
  fi
  local path="/api/v1/vinnytsia/petitions/$petition"
  local where="petition_id = '$petition'"
  local valid="$where AND confirmed = 1 AND invalidated_at IS NULL"
  local exact_sql="SELECT CAST(COALESCE(SUM(count), 0) AS BIGINT) FROM petition_counters WHERE $where"

  python3 "$WORK/signers.py" "$base" "$petition" "$WORK/tokens.txt" "$WORK/answers.log" "$SENDERS" 2>"$WORK/signers.err" &
  SENDER_PID=$!
  # SIGKILL as soon as enough 201s are in: no shutdown hook, no final flush.
  e2e_kill_after_acks "$WORK/answers.log" "$KILL_AFTER"

  local acked answered errors others
  acked=$(grep -c '^201 ' "$WORK/answers.log"); errors=$(grep -c '^ERR ' "$WORK/answers.log")
  others=$(grep -vcE '^(201|ERR) ' "$WORK/answers.log")
  answered=$(grep -c . "$WORK/answers.log")
  echo "       $acked acknowledged, $errors cut off by the kill, $others other answers, $((SIGNERS - answered)) signers never sent"
  check "$label: signatures were acknowledged before the kill" "$(head -5 "$WORK/signers.err")" [ "$acked" -ge 1 ]
  check "$label: the kill came while signatures were in flight" "no request was cut off; all $answered answered" [ "$errors" -ge 1 ]
  check "$label: every answer before the kill was 201" "$(grep -vE '^(201|ERR) ' "$WORK/answers.log" | cut -d' ' -f1 | sort | uniq -c)" [ "$others" -eq 0 ]

  # Restart on the same database: SQLite replays its WAL, PostgreSQL has
  # rolled back what the dead server left open.
  if start_server "$DB"; then ok "$label: server starts again after kill -9"; else fail "$label: server starts again after kill -9" "$(tail -20 "$WORK/serve.log")"; return; fi
  base="http://127.0.0.1:$PORT"

  # Who signed, by account: the 201 and cut-off signers through /me, the
  # stored ones from the database.
  if ! python3 "$WORK/accounts.py" "$base" "$WORK/answers.log" 201,ERR >"$WORK/senders.txt" 2>"$WORK/accounts.err"; then
    fail "$label: the signers' tokens still authenticate after the restart" "$(tail -3 "$WORK/accounts.err")"; return
  fi
  db_rows "$DB" "SELECT account_id FROM petition_signatures WHERE $valid" | sort >"$WORK/stored.txt"
  awk '$1 == 201 {print $2}' "$WORK/senders.txt" | sort >"$WORK/acked.txt"
  awk '{print $2}' "$WORK/senders.txt" | sort >"$WORK/sent.txt"
  local missing strays stored distinct counters all_rows
  missing=$(comm -23 "$WORK/acked.txt" "$WORK/stored.txt" | wc -l)
  strays=$(comm -13 "$WORK/sent.txt" "$WORK/stored.txt" | wc -l)
  stored=$(grep -c . "$WORK/stored.txt")
  all_rows=$(db_scalar "$DB" "SELECT COUNT(*) FROM petition_signatures WHERE $where")
  distinct=$(db_scalar "$DB" "SELECT COUNT(DISTINCT account_id) FROM petition_signatures WHERE $where")
  counters=$(db_scalar "$DB" "$exact_sql")
  echo "       stored after restart: $stored valid signatures ($all_rows rows), counters sum to $counters"
  check "$label: every signer acknowledged with 201 is stored ($acked)" \
    "$missing acknowledged signers are missing: $(comm -23 "$WORK/acked.txt" "$WORK/stored.txt" | head -5 | tr '\n' ' ')" [ "$missing" -eq 0 ]
  # Signature and counter commit in one transaction: neither without the other.
  check "$label: the exact count (sum of the counters) equals the stored signatures" "counters $counters, signatures $stored" \
    [ "$counters" -eq "$stored" ]
  check "$label: no signer is stored twice" "$all_rows rows for $distinct accounts" [ "$all_rows" -eq "$distinct" ]
  # Unanswered requests may or may not have committed, but nothing else can have.
  check "$label: only signers who were acknowledged or cut off are stored" \
    "$strays stored signers never sent or refused; $stored stored, $acked acknowledged + $errors cut off" \
    [ "$strays" -eq 0 -a "$stored" -le "$((acked + errors))" ]
  local highest; highest=$(awk '$1 == 201 && $2 + 0 > m {m = $2 + 0} END {print m + 0}' "$WORK/answers.log")
  check "$label: no acknowledged count exceeds what is stored" "highest count answered $highest, stored $stored" [ "$highest" -le "$stored" ]
  [[ "$DB" == sqlite:* ]] && check "$label: integrity_check after the kill" "" \
    [ "$(db_scalar "$DB" "PRAGMA integrity_check")" = ok ]

  # After the restart the server still knows who signed: an acknowledged
  # signer is refused, and a signer cut off by the kill gets a clear answer
  # (201 if the signature was lost with the connection, 409 if it was stored).
  sign() { curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $1" -H "X-Forwarded-For: 10.6.0.$2" "$base$path/signatures"; }
  local token status
  token=$(awk '$1 == 201 {print $3; exit}' "$WORK/answers.log")
  status=$(sign "$token" 1)
  check "$label: an acknowledged signer is refused a second signature (409)" "got $status" [ "$status" = 409 ]
  token=$(awk '$1 == "ERR" {print $3; exit}' "$WORK/answers.log")
  if [ -n "$token" ]; then
    status=$(sign "$token" 2)
    check "$label: a signer cut off by the kill gets 201 or 409 on retry" "got $status" [ "$status" = 201 -o "$status" = 409 ]
  fi

  # The displayed count (refreshed by the scheduler about every second)
  # catches up with the exact count.
  local exact shown waited=0
  for waited in $(seq 1 50); do
    exact=$(db_scalar "$DB" "$exact_sql")
    shown=$(curl -fs "$base$path/count" | python3 -c 'import json,sys; print(json.load(sys.stdin)["signatureCount"])')
    [ "$shown" = "$exact" ] && break
    sleep 0.1
  done
  check "$label: the displayed count catches up with the exact count ($exact)" "shown $shown, exact $exact after 5 s" [ "$shown" = "$exact" ]
  stop_server
  stored=$(db_scalar "$DB" "SELECT COUNT(*) FROM petition_signatures WHERE $valid")
  counters=$(db_scalar "$DB" "$exact_sql")
  check "$label: counters and signatures still match after the retry" "counters $counters, signatures $stored" [ "$counters" -eq "$stored" ]
}

run_suite sqlite "sqlite:$WORK/crash.sqlite"
e2e_with_postgres hromada_petition_crash run_suite postgres
e2e_finish
