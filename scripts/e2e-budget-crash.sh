#!/usr/bin/env bash
# End-to-end: a ballot acknowledged with 201 survives `kill -9` of the server.
# On SQLite and (when HROMADA_TEST_POSTGRES_URL is set) PostgreSQL: voters post
# ballots concurrently, the server is killed with SIGKILL while requests are
# still in flight, restarted on the same database, and every receipt that
# came back with 201 must be stored, with as many participations as ballots.
# Run by .ci/run after scripts/e2e-cli.sh; prints "N passed, N failed".
# The helpers it shares with scripts/e2e-petition-crash.sh are in
# scripts/lib/e2e-common.sh and scripts/lib/crash_senders.py.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/e2e-common.sh
e2e_init
VOTERS=${CRASH_VOTERS:-300}
# Killed once this many ballots are acknowledged: well before the voters run
# out, so the other senders are mid-request when the server dies.
KILL_AFTER=${CRASH_KILL_AFTER:-60}
SENDERS=${CRASH_SENDERS:-24}

# The voters: SENDERS threads post a valid ballot each; every answer is
# logged as "201 RECEIPT TOKEN" the moment it comes, so what the server
# acknowledged is on disk no matter when it is killed
# (scripts/lib/crash_senders.py).
cat >"$WORK/voters.py" <<'PY'
import json, sys, urllib.request
sys.path.insert(0, "scripts/lib")
import crash_senders
base, edition, tokens_file, log_file, senders = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
large, small = sys.argv[6].split(","), sys.argv[7].split(",")

def ballot(n, token):
    picks = [large[n % len(large)], small[n % len(small)]]
    if n % 2: picks.append(large[(n + 1) % len(large)])
    return urllib.request.Request(
        f"{base}/api/v1/vinnytsia/budgets/{edition}/ballots", method="POST",
        data=json.dumps({"projects": picks}).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json",
                 "X-Forwarded-For": f"10.9.{n // 256}.{n % 256}"})

crash_senders.run(tokens_file, log_file, senders, ballot, lambda answer: answer.get("receipt"))
PY

run_suite() { # label, database url
  local label=$1 DB=$2
  echo "# $label"
  : >"$WORK/answers.log"; : >"$WORK/serve.log"
  if ! start_server "$DB" --demo; then fail "$label: server starts" "$(tail -20 "$WORK/serve.log")"; return; fi
  local base="http://127.0.0.1:$PORT"
  e2e_bulk_create "$label" "$DB" "$VOTERS" || return

  # The edition in the voting phase and its ballot-ready projects by category.
  local edition large small
  read -r edition large small < <(python3 - "$base" <<'PY'
import json, sys, urllib.request
base = sys.argv[1]
get = lambda p: json.load(urllib.request.urlopen(base + p))
edition = [e for e in get("/api/v1/vinnytsia/budgets")["items"] if e["phase"] == "voting"][0]
projects = [p for p in get(f"/api/v1/vinnytsia/budgets/{edition['id']}/projects")["items"] if p["status"] == "feasible"]
by = lambda c: ",".join(p["id"] for p in projects if p["category"] == c)
print(edition["id"], by(edition["categories"][0]["id"]), by(edition["categories"][1]["id"]))
PY
)
  if [ -z "${small:-}" ]; then fail "$label: a voting edition with projects"; return; fi
  # The demo seeds ballots of its own: only what this run adds is compared.
  local ballots0 parts0
  ballots0=$(db_scalar "$DB" "SELECT COUNT(*) FROM budget_ballots WHERE edition_id = '$edition'")
  parts0=$(db_scalar "$DB" "SELECT COUNT(*) FROM budget_participations WHERE edition_id = '$edition'")

  python3 "$WORK/voters.py" "$base" "$edition" "$WORK/tokens.txt" "$WORK/answers.log" "$SENDERS" "$large" "$small" 2>"$WORK/voters.err" &
  SENDER_PID=$!
  # SIGKILL as soon as enough 201s are in: no shutdown hook, no final flush.
  e2e_kill_after_acks "$WORK/answers.log" "$KILL_AFTER"

  local acked answered errors others
  acked=$(grep -c '^201 ' "$WORK/answers.log"); errors=$(grep -c '^ERR ' "$WORK/answers.log")
  others=$(grep -vcE '^(201|ERR) ' "$WORK/answers.log")
  answered=$(grep -c . "$WORK/answers.log")
  echo "       $acked acknowledged, $errors cut off by the kill, $others other answers, $((VOTERS - answered)) voters never sent"
  check "$label: ballots were acknowledged before the kill" "$(head -5 "$WORK/voters.err")" [ "$acked" -ge 1 ]
  check "$label: the kill came while ballots were in flight" "no request was cut off; all $answered answered" [ "$errors" -ge 1 ]
  check "$label: every answer before the kill was 201" "$(grep -vE '^(201|ERR) ' "$WORK/answers.log" | cut -d' ' -f1 | sort | uniq -c)" [ "$others" -eq 0 ]

  # Restart on the same database: SQLite replays its WAL, PostgreSQL has
  # rolled back what the dead server left open.
  if start_server "$DB"; then ok "$label: server starts again after kill -9"; else fail "$label: server starts again after kill -9" "$(tail -20 "$WORK/serve.log")"; return; fi

  # Every acknowledged receipt, looked up in the database.
  local receipts missing
  receipts=$(awk -v q="'" '$1 == 201 && $2 != "-" {printf "%s%s%s%s", (n++ ? "," : ""), q, $2, q}' "$WORK/answers.log")
  local stored_acked; stored_acked=$(db_scalar "$DB" "SELECT COUNT(*) FROM budget_ballots WHERE edition_id = '$edition' AND receipt IN (${receipts:-''})")
  missing=$((acked - stored_acked))
  check "$label: all $acked acknowledged receipts are stored" "$missing acknowledged ballots are missing" [ "$stored_acked" -eq "$acked" ]

  local ballots1 parts1 new_ballots new_parts
  ballots1=$(db_scalar "$DB" "SELECT COUNT(*) FROM budget_ballots WHERE edition_id = '$edition'")
  parts1=$(db_scalar "$DB" "SELECT COUNT(*) FROM budget_participations WHERE edition_id = '$edition'")
  new_ballots=$((ballots1 - ballots0)); new_parts=$((parts1 - parts0))
  echo "       stored after restart: $new_ballots new ballots, $new_parts new participations"
  check "$label: stored ballots never exceed participations" "$ballots1 ballots, $parts1 participations" [ "$ballots1" -le "$parts1" ]
  # Participation and ballot commit in one transaction: neither without the other.
  check "$label: each new participation has its ballot" "$new_ballots ballots, $new_parts participations" [ "$new_ballots" -eq "$new_parts" ]
  # Unanswered requests may or may not have committed, but nothing else can have.
  check "$label: no more ballots than acknowledged plus cut off" "$new_ballots stored, $acked acknowledged + $errors cut off" \
    [ "$new_ballots" -le "$((acked + errors))" ]
  [[ "$DB" == sqlite:* ]] && check "$label: integrity_check after the kill" "" \
    [ "$(db_scalar "$DB" "PRAGMA integrity_check")" = ok ]

  # After the restart the server still knows who voted: an acknowledged
  # voter is refused, and a voter cut off by the kill gets a clear answer
  # (201 if the ballot was lost with the connection, 409 if it was stored).
  local vote_body; vote_body="{\"projects\":[\"${large%%,*}\",\"${small%%,*}\"]}"
  post_ballot() { curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
    -H "X-Forwarded-For: 10.8.0.$2" -d "$vote_body" "http://127.0.0.1:$PORT/api/v1/vinnytsia/budgets/$edition/ballots"; }
  local token status
  token=$(awk '$1 == 201 {print $3; exit}' "$WORK/answers.log")
  status=$(post_ballot "$token" 1)
  check "$label: an acknowledged voter is refused a second ballot (409)" "got $status" [ "$status" = 409 ]
  token=$(awk '$1 == "ERR" {print $3; exit}' "$WORK/answers.log")
  if [ -n "$token" ]; then
    status=$(post_ballot "$token" 2)
    check "$label: a voter cut off by the kill gets 201 or 409 on retry" "got $status" [ "$status" = 201 -o "$status" = 409 ]
  fi
  stop_server
  ballots1=$(db_scalar "$DB" "SELECT COUNT(*) FROM budget_ballots WHERE edition_id = '$edition'")
  parts1=$(db_scalar "$DB" "SELECT COUNT(*) FROM budget_participations WHERE edition_id = '$edition'")
  check "$label: ballots and participations still match after the retry" "$((ballots1 - ballots0)) ballots, $((parts1 - parts0)) participations" \
    [ "$((ballots1 - ballots0))" -eq "$((parts1 - parts0))" ]
}

run_suite sqlite "sqlite:$WORK/crash.sqlite"

e2e_with_postgres hromada_crash run_suite postgres
e2e_finish
