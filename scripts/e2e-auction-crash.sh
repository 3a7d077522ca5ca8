#!/usr/bin/env bash
# End-to-end: a live English auction survives `kill -9` of the server. On
# SQLite and (when HROMADA_TEST_POSTGRES_URL is set) PostgreSQL: a lot is
# announced through the API with 10-second turns, the two demo residents bid
# and are admitted, and the auction runs. Mid-round the server is killed with
# SIGKILL and restarted at once: the auction must continue with identical
# state (the same turn, deadline and prices) and every acknowledged raise
# stored once. Then it is killed again and left down past the turn's end:
# after the restart that turn counts as a pass (the next participant's turn,
# prices unchanged). Finally the auction is bid to its end, the lot moves to
# qualification with the highest bid first in the award chain, and the audit
# chain verifies. Run by .ci/run with the other scripts/e2e-*.sh; prints
# "N passed, N failed". Drives the API through scripts/lib/auction_crash.py.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/e2e-common.sh
e2e_init
TURN=${CRASH_TURN_SECONDS:-10}
DRIVER="python3 scripts/lib/auction_crash.py"

# A field of the `state` line, by a small Python expression over `s`.
field() { python3 -c "import json,sys; s=json.loads(sys.argv[1]); print($2)" "$1"; }

run_suite() { # label, database url
  local label=$1 DB=$2
  echo "# $label"
  : >"$WORK/serve.log"; : >"$WORK/acks.log"
  if ! start_server "$DB" --demo; then fail "$label: server starts" "$(tail -20 "$WORK/serve.log")"; return; fi
  local base="http://127.0.0.1:$PORT" lot
  if lot=$($DRIVER setup "$base" 1 "$TURN" 3 2>"$WORK/driver.err"); then
    ok "$label: a lot is announced, both demo residents bid and are admitted"
  else
    fail "$label: a lot is announced, both demo residents bid and are admitted" "$(cat "$WORK/driver.err")"; return
  fi

  # Three raises in turn, then SIGKILL in the middle of the fourth turn.
  if ! $DRIVER bid "$base" "$lot" 3 "$WORK/acks.log" 2>"$WORK/driver.err"; then
    fail "$label: three raises are acknowledged in turn" "$(cat "$WORK/driver.err")"; return
  fi
  ok "$label: three raises are acknowledged in turn"
  local before after
  before=$($DRIVER state "$base" "$lot")
  kill_server
  local killed_at; killed_at=$(date +%s.%N)
  if start_server "$DB"; then ok "$label: server starts again after kill -9"; else fail "$label: server starts again after kill -9" "$(tail -20 "$WORK/serve.log")"; return; fi
  base="http://127.0.0.1:$PORT"
  after=$($DRIVER state "$base" "$lot")
  local restarted_in; restarted_in=$(python3 -c "import time; print(round(time.time() - $killed_at, 1))")
  echo "       restarted in ${restarted_in} s; before: $(field "$before" 's["stage"]')"
  check "$label: the prices after the restart are the prices before the kill" "before $before
after  $after" [ "$(field "$before" 's["standings"]')" = "$(field "$after" 's["standings"]')" ]
  # Unless the restart outlasted the turn, it is the same turn with the same deadline.
  local same_turn; same_turn=$(python3 -c '
import json, sys, datetime
b, a = json.loads(sys.argv[1])["stage"], json.loads(sys.argv[2])["stage"]
until = datetime.datetime.fromisoformat(b["until"].replace("Z", "+00:00")).timestamp()
if float(sys.argv[3]) + 0.5 < until:
    print("yes" if (a["round"], a["participant"], a["until"]) == (b["round"], b["participant"], b["until"]) else "no")
else:
    print("late")' "$before" "$after" "$(date +%s.%N)")
  check "$label: the auction continues at the same round, turn and deadline" "before $before
after  $after ($same_turn)" [ "$same_turn" = yes -o "$same_turn" = late ]
  [ "$same_turn" = late ] && echo "       (the restart outlasted the turn; only the prices were compared)"
  local acked stored
  acked=$(grep -c '^ACK ' "$WORK/acks.log")
  stored=$(db_scalar "$DB" "SELECT COUNT(*) FROM auction_moves WHERE lot_id = '$lot' AND move = 'raise'")
  check "$label: every acknowledged raise is stored once ($acked)" "acknowledged $acked, stored $stored" [ "$acked" -eq "$stored" ]
  local highest_acked highest_stored
  highest_acked=$(awk '{print $4}' "$WORK/acks.log" | sort -n | tail -1)
  highest_stored=$(db_scalar "$DB" "SELECT MAX(amount) FROM auction_moves WHERE lot_id = '$lot'")
  check "$label: the highest stored raise is the last acknowledged one" "acked $highest_acked, stored $highest_stored" [ "$highest_acked" = "$highest_stored" ]

  # Killed again and left down until the current turn is over: that turn is a pass.
  before=$($DRIVER state "$base" "$lot")
  kill_server
  local wait_for; wait_for=$(python3 -c '
import json, sys, datetime, time
until = datetime.datetime.fromisoformat(json.loads(sys.argv[1])["stage"]["until"].replace("Z", "+00:00")).timestamp()
print(max(0.0, until - time.time() + 0.5))' "$before")
  sleep "$wait_for"
  if start_server "$DB"; then ok "$label: server starts after a turn ran out while it was down"; else fail "$label: server starts after a turn ran out while it was down" "$(tail -20 "$WORK/serve.log")"; return; fi
  base="http://127.0.0.1:$PORT"
  after=$($DRIVER state "$base" "$lot")
  local moved_on; moved_on=$(python3 -c '
import json, sys
b, a = json.loads(sys.argv[1]), json.loads(sys.argv[2])
bs, as_ = b["stage"], a["stage"]
later = as_["kind"] in ("finished",) or (as_.get("round", 0), 0) > (bs["round"], 0) or (as_["round"] == bs["round"] and as_["participant"] != bs["participant"])
print("yes" if later and a["standings"] == b["standings"] else "no")' "$before" "$after")
  check "$label: a turn that ran out while the server was down counts as a pass" "before $before
after  $after" [ "$moved_on" = yes ]

  # Bid to the end: the lot goes to qualification, highest bid first.
  if ! $DRIVER finish "$base" "$lot" "$WORK/acks.log" 2>"$WORK/driver.err"; then
    fail "$label: the auction is bid to its end" "$(cat "$WORK/driver.err")"; return
  fi
  local final status
  for _ in $(seq 1 50); do
    final=$($DRIVER state "$base" "$lot"); status=$(field "$final" 's["status"]')
    [ "$status" = active.qualification ] && break
    sleep 0.2
  done
  check "$label: the finished auction moves the lot to active.qualification" "$final" [ "$status" = active.qualification ]
  local winner; winner=$(field "$final" '(s["awards"] or [{}])[0].get("amount") == max(x["amount"] for x in s["standings"]) and (s["awards"] or [{}])[0].get("status") == "pending"')
  check "$label: the highest bid heads the award chain, pending qualification" "$final" [ "$winner" = True ]
  acked=$(grep -c '^ACK ' "$WORK/acks.log")
  stored=$(db_scalar "$DB" "SELECT COUNT(*) FROM auction_moves WHERE lot_id = '$lot' AND move = 'raise'")
  check "$label: every acknowledged raise of the whole auction is stored ($acked)" "acknowledged $acked, stored $stored" [ "$acked" -eq "$stored" ]
  local moves audited
  moves=$(db_scalar "$DB" "SELECT COUNT(*) FROM auction_moves WHERE lot_id = '$lot'")
  audited=$(db_scalar "$DB" "SELECT COUNT(*) FROM audit_entries WHERE action = 'auction.move' AND subject = '$lot'")
  check "$label: every stored move has its audit entry ($moves)" "moves $moves, audit entries $audited" [ "$moves" -eq "$audited" ]
  stop_server
  if "$BIN" audit verify --database "$DB" >"$WORK/verify.log" 2>&1 && grep -q "Audit chain OK" "$WORK/verify.log"; then
    ok "$label: the audit chain verifies"
  else
    fail "$label: the audit chain verifies" "$(tail -5 "$WORK/verify.log")"
  fi
  [[ "$DB" == sqlite:* ]] && check "$label: integrity_check after two kills" "" [ "$(db_scalar "$DB" "PRAGMA integrity_check")" = ok ]
}

run_suite sqlite "sqlite:$WORK/crash.sqlite"
e2e_with_postgres hromada_auction_crash run_suite postgres
e2e_finish
