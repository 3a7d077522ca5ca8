#!/usr/bin/env bash
# End-to-end: a ballot acknowledged with 201 survives `kill -9` of the server.
# On SQLite and (when HROMADA_TEST_POSTGRES_URL is set) PostgreSQL: voters post
# ballots concurrently, the server is killed with SIGKILL while requests are
# still in flight, restarted on the same database, and every ballot that
# came back with 201 must be stored (sealed in the ballot box, or mixed),
# with as many participations as ballots. Then the server is killed again
# in the middle of mixing the box's last pools (publishing results), and
# after a restart and the publication every acknowledged receipt must be
# in budget_ballots exactly once, with nothing left in the box.
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
  # A ballot is either sealed in the box or mixed into budget_ballots.
  local ballots0 parts0 stored_sql
  stored_sql="SELECT (SELECT COUNT(*) FROM budget_ballots WHERE edition_id = '$edition') + (SELECT COUNT(*) FROM budget_ballot_box WHERE edition_id = '$edition')"
  ballots0=$(db_scalar "$DB" "$stored_sql")
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

  # Sealed ballots cannot be looked up by receipt: here they are counted;
  # every receipt is looked up once the box is emptied, below.
  local ballots1 parts1 new_ballots new_parts
  ballots1=$(db_scalar "$DB" "$stored_sql")
  parts1=$(db_scalar "$DB" "SELECT COUNT(*) FROM budget_participations WHERE edition_id = '$edition'")
  new_ballots=$((ballots1 - ballots0)); new_parts=$((parts1 - parts0))
  echo "       stored after restart: $new_ballots new ballots ($(db_scalar "$DB" "SELECT COUNT(*) FROM budget_ballot_box WHERE edition_id = '$edition'") sealed), $new_parts new participations"
  check "$label: all $acked acknowledged ballots are stored" "$new_ballots stored" [ "$new_ballots" -ge "$acked" ]
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
  ballots1=$(db_scalar "$DB" "$stored_sql")
  parts1=$(db_scalar "$DB" "SELECT COUNT(*) FROM budget_participations WHERE edition_id = '$edition'")
  check "$label: ballots and participations still match after the retry" "$((ballots1 - ballots0)) ballots, $((parts1 - parts0)) participations" \
    [ "$((ballots1 - ballots0))" -eq "$((parts1 - parts0))" ]

  kill_while_mixing "$label" "$DB" "$edition"
}

# Publishing results opens the box's last pools, moves them into
# budget_ballots with their audit entries and stores the outcome, in one
# transaction. Killed inside it, the server must come back with the pool
# still sealed and the results unpublished; published again, every
# acknowledged receipt must be in budget_ballots exactly once.
kill_while_mixing() { # label, database url, edition
  local label=$1 DB=$2 edition=$3
  if ! start_server "$DB"; then fail "$label: server starts for the mixing check" "$(tail -20 "$WORK/serve.log")"; return; fi
  local base="http://127.0.0.1:$PORT" published_sql
  published_sql="SELECT COUNT(*) FROM budget_editions WHERE id = '$edition' AND definition LIKE '%resultsPublishedAt%'"
  local closed; closed=$(python3 scripts/lib/budget_phase.py "$base" "$edition" close_voting 2>&1)
  check "$label: voting closes" "$closed" test "$closed" = "close_voting 200"
  local total; total=$(db_scalar "$DB" "$stored_sql")
  local sealed_seen="" mixed_seen="" inside=no
  if [[ "$DB" == sqlite:* ]]; then
    # SQLite: stop the server the moment it says it opens the box, see
    # from outside that nothing is committed yet, then kill it.
    python3 - "$WORK/serve.log" "$SERVER_PID" <<'PY' &
import os, signal, sys, time
path, pid = sys.argv[1], int(sys.argv[2])
log = open(path, "rb")
log.seek(0, 2)
seen, deadline = b"", time.time() + 60
while time.time() < deadline:
    chunk = log.read()
    if not chunk:
        time.sleep(0.0005)
        continue
    seen = seen[-200:] + chunk
    if b"publishing results: opening the ballot box" in seen:
        os.kill(pid, signal.SIGSTOP)
        sys.exit(0)
sys.exit(1)
PY
    local watcher=$!
    sleep 0.3
    python3 scripts/lib/budget_phase.py "$base" "$edition" publish_results >"$WORK/publish.log" 2>&1 &
    local publisher=$!
    wait "$watcher"
    sealed_seen=$(db_scalar "$DB" "SELECT COUNT(*) FROM budget_ballot_box WHERE edition_id = '$edition'")
    mixed_seen=$(db_scalar "$DB" "SELECT COUNT(*) FROM budget_ballots WHERE edition_id = '$edition'")
    [ "$(db_scalar "$DB" "$published_sql")" = 0 ] && [ "$sealed_seen" -gt 0 ] && inside=yes
    kill -9 "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=""
    wait "$publisher" 2>/dev/null
    if [ "$inside" = yes ]; then ok "$label: killed inside the final mix ($sealed_seen sealed, not yet published)"
    else echo "note - $label: the final mix committed before the stop came; only consistency is checked"; fi
  else
    # PostgreSQL: hold audit_entries, so the publication blocks after it
    # has moved the pool out of the box and before it commits; kill it there.
    psql "$DB" -qtAc "BEGIN; LOCK TABLE audit_entries IN SHARE MODE; SELECT pg_sleep(300); COMMIT;" >/dev/null 2>&1 &
    local locker=$!
    for _ in $(seq 1 200); do
      [ "$(db_scalar "$DB" "SELECT COUNT(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'audit_entries' AND l.mode = 'ShareLock' AND l.granted")" -ge 1 ] && break
      sleep 0.05
    done
    sealed_seen=$(db_scalar "$DB" "SELECT COUNT(*) FROM budget_ballot_box WHERE edition_id = '$edition'")
    mixed_seen=$(db_scalar "$DB" "SELECT COUNT(*) FROM budget_ballots WHERE edition_id = '$edition'")
    python3 scripts/lib/budget_phase.py "$base" "$edition" publish_results >"$WORK/publish.log" 2>&1 &
    local publisher=$!
    for _ in $(seq 1 600); do
      [ "$(db_scalar "$DB" "SELECT COUNT(*) FROM pg_locks w JOIN pg_class cw ON cw.oid = w.relation
         WHERE cw.relname = 'audit_entries' AND NOT w.granted AND EXISTS (
           SELECT 1 FROM pg_locks b JOIN pg_class cb ON cb.oid = b.relation
           WHERE cb.relname = 'budget_ballot_box' AND b.pid = w.pid AND b.granted AND b.mode = 'ShareRowExclusiveLock')")" -ge 1 ] \
        && { inside=yes; break; }
      sleep 0.05
    done
    kill_server
    # End every session of the dead server and the lock's: what they held open rolls back.
    db_scalar "$DB" "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()" >/dev/null
    wait "$locker" 2>/dev/null; wait "$publisher" 2>/dev/null
    check "$label: killed inside the final mix ($sealed_seen sealed, pool moved, not committed)" "$(cat "$WORK/publish.log")" [ "$inside" = yes ]
  fi
  local sealed_after mixed_after
  sealed_after=$(db_scalar "$DB" "SELECT COUNT(*) FROM budget_ballot_box WHERE edition_id = '$edition'")
  mixed_after=$(db_scalar "$DB" "SELECT COUNT(*) FROM budget_ballots WHERE edition_id = '$edition'")
  check "$label: no ballot lost or doubled by the kill" "$sealed_after sealed + $mixed_after mixed, $total before" \
    [ "$((sealed_after + mixed_after))" -eq "$total" ]
  if [ "$inside" = yes ]; then
    check "$label: the interrupted mix left the pool sealed" "$sealed_after sealed, $sealed_seen before the kill" [ "$sealed_after" -eq "$sealed_seen" ]
    check "$label: the interrupted publication published nothing" "" [ "$(db_scalar "$DB" "$published_sql")" = 0 ]
  fi
  [[ "$DB" == sqlite:* ]] && check "$label: integrity_check after the kill while mixing" "" \
    [ "$(db_scalar "$DB" "PRAGMA integrity_check")" = ok ]

  if ! start_server "$DB"; then fail "$label: server starts again after the kill while mixing" "$(tail -20 "$WORK/serve.log")"; return; fi
  ok "$label: server starts again after the kill while mixing"
  local again; again=$(python3 scripts/lib/budget_phase.py "http://127.0.0.1:$PORT" "$edition" publish_results 2>&1)
  # Unless the kill came after the commit, in which case it is published already.
  [ "$(db_scalar "$DB" "$published_sql")" = 1 ] && ok "$label: results are published after the restart" \
    || fail "$label: results are published after the restart" "$again"
  stop_server

  local receipts acked_n once doubled sealed parts ballots
  receipts=$(awk -v q="'" '$1 == 201 && $2 != "-" {printf "%s%s%s%s", (n++ ? "," : ""), q, $2, q}' "$WORK/answers.log")
  acked_n=$(awk '$1 == 201 && $2 != "-"' "$WORK/answers.log" | wc -l)
  once=$(db_scalar "$DB" "SELECT COUNT(DISTINCT receipt) FROM budget_ballots WHERE edition_id = '$edition' AND receipt IN (${receipts:-''})")
  doubled=$(db_scalar "$DB" "SELECT COUNT(*) - COUNT(DISTINCT receipt) FROM budget_ballots WHERE edition_id = '$edition'")
  sealed=$(db_scalar "$DB" "SELECT COUNT(*) FROM budget_ballot_box WHERE edition_id = '$edition'")
  ballots=$(db_scalar "$DB" "SELECT COUNT(*) FROM budget_ballots WHERE edition_id = '$edition'")
  parts=$(db_scalar "$DB" "SELECT COUNT(*) FROM budget_participations WHERE edition_id = '$edition'")
  check "$label: every acknowledged receipt is in budget_ballots" "$once of $acked_n found" [ "$once" -eq "$acked_n" ]
  check "$label: no receipt is stored twice" "$doubled duplicates" [ "$doubled" -eq 0 ]
  check "$label: nothing is left in the ballot box" "$sealed sealed" [ "$sealed" -eq 0 ]
  check "$label: as many ballots as participations" "$((ballots - ballots0)) new ballots, $((parts - parts0)) new participations" \
    [ "$((ballots - ballots0))" -eq "$((parts - parts0))" ]
}

run_suite sqlite "sqlite:$WORK/crash.sqlite"

e2e_with_postgres hromada_crash run_suite postgres
e2e_finish
