#!/usr/bin/env bash
# End-to-end: `hromada backup` while ballots, petition signatures and live
# auction raises pour into a running server; `hromada restore` into a fresh
# place; then every write acknowledged before the backup began must be in the
# restored database, `audit verify` must pass on it, and a server must start
# on it and be ready. Also: a backup never overwrites a file and is mode 600;
# restore refuses a non-empty database, a database of the other kind, and a
# place without the deployment's secret. On SQLite (VACUUM INTO) and, when
# HROMADA_TEST_POSTGRES_URL is set, PostgreSQL (pg_dump -Fc / pg_restore,
# from the server's own installation). Run by .ci/run; prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/e2e-common.sh
e2e_init
RESIDENTS=${BACKUP_RESIDENTS:-800}
SENDERS=${BACKUP_SENDERS:-4}
DRIVER="python3 scripts/lib/auction_crash.py"

# Signers and voters: each token signs the petition or votes once; every
# answer is logged ("201 VALUE TOKEN") the moment it comes.
cat >"$WORK/senders.py" <<'PY'
import json, sys, urllib.request
sys.path.insert(0, "scripts/lib")
import crash_senders
kind, base, target, tokens_file, log_file, senders = sys.argv[1:7]

def signature(n, token):
    return urllib.request.Request(
        f"{base}/api/v1/vinnytsia/petitions/{target}/signatures", method="POST",
        headers={"Authorization": f"Bearer {token}", "X-Forwarded-For": f"10.7.{n // 256}.{n % 256}"})

def ballot(n, token):
    edition, large, small = target.split("/")
    picks = [large.split(",")[n % len(large.split(","))], small.split(",")[n % len(small.split(","))]]
    return urllib.request.Request(
        f"{base}/api/v1/vinnytsia/budgets/{edition}/ballots", method="POST", data=json.dumps({"projects": picks}).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json", "X-Forwarded-For": f"10.9.{n // 256}.{n % 256}"})

crash_senders.run(tokens_file, log_file, int(senders), signature if kind == "sign" else ballot, lambda answer: "ok")
PY

cat >"$WORK/accounts.py" <<'PY'
import json, sys, urllib.request
base, log_file = sys.argv[1], sys.argv[2]
for line in open(log_file):
    status, _, token = line.split()
    if status != "201": continue
    request = urllib.request.Request(f"{base}/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        print(json.load(answer)["account"]["id"])
PY

run_suite() { # label, database url
  local label=$1 DB=$2
  echo "# $label"
  : >"$WORK/serve.log"; : >"$WORK/signs.log"; : >"$WORK/ballots.log"; : >"$WORK/acks.log"
  rm -f "$WORK/backup.$label"
  if ! start_server "$DB" --demo; then fail "$label: server starts" "$(tail -20 "$WORK/serve.log")"; return; fi
  local base="http://127.0.0.1:$PORT"
  e2e_bulk_create "$label" "$DB" "$RESIDENTS" || return
  local half=$((RESIDENTS / 2))
  head -n "$half" "$WORK/tokens.txt" >"$WORK/signers.txt"; tail -n +"$((half + 1))" "$WORK/tokens.txt" >"$WORK/voters.txt"

  local petition state threshold
  read -r petition state threshold < <(python3 scripts/lib/open-petition.py "$base" 2>"$WORK/open.err")
  [ "${state:-}" = open ] || { fail "$label: a petition is open" "$(cat "$WORK/open.err")"; return; }
  local voting
  voting=$(python3 - "$base" <<'PY'
import json, sys, urllib.request
base = sys.argv[1]
get = lambda p: json.load(urllib.request.urlopen(base + p))
edition = [e for e in get("/api/v1/vinnytsia/budgets")["items"] if e["phase"] == "voting"][0]
projects = [p for p in get(f"/api/v1/vinnytsia/budgets/{edition['id']}/projects")["items"] if p["status"] == "feasible"]
by = lambda c: ",".join(p["id"] for p in projects if p["category"] == c)
print(f"{edition['id']}/{by(edition['categories'][0]['id'])}/{by(edition['categories'][1]['id'])}")
PY
)
  local edition=${voting%%/*} lot
  lot=$($DRIVER setup "$base" 1 2 10 2>"$WORK/driver.err") || { fail "$label: a live auction is set up" "$(cat "$WORK/driver.err")"; return; }
  ok "$label: a petition, a voting edition and a live auction are ready"
  local parts0
  parts0=$(db_scalar "$DB" "SELECT COUNT(*) FROM budget_participations WHERE edition_id = '$edition'")

  # Everything pours in at once: the auction's raises first (it starts a few
  # seconds ahead), then signers and voters; the backup starts while all three run.
  $DRIVER bid "$base" "$lot" 18 "$WORK/acks.log" 2>"$WORK/bids.err" &
  local bidders_pid=$!
  for _ in $(seq 1 600); do [ "$(grep -c . "$WORK/acks.log")" -ge 1 ] && break; sleep 0.05; done
  python3 "$WORK/senders.py" sign "$base" "$petition" "$WORK/signers.txt" "$WORK/signs.log" "$SENDERS" 2>"$WORK/signs.err" &
  local signers_pid=$!
  python3 "$WORK/senders.py" vote "$base" "$voting" "$WORK/voters.txt" "$WORK/ballots.log" "$SENDERS" 2>"$WORK/ballots.err" &
  local voters_pid=$!
  for _ in $(seq 1 600); do
    [ "$(grep -c '^201 ' "$WORK/signs.log")" -ge 20 ] && [ "$(grep -c '^201 ' "$WORK/ballots.log")" -ge 20 ] && break
    sleep 0.02
  done
  # What was acknowledged before the backup began: it must all be in the copy.
  cp "$WORK/signs.log" "$WORK/signs.before"; cp "$WORK/ballots.log" "$WORK/ballots.before"; cp "$WORK/acks.log" "$WORK/acks.before"
  local started; started=$(date +%s.%N)
  if "$BIN" backup --database "$DB" "$WORK/backup.$label" >"$WORK/backup.out" 2>&1; then
    ok "$label: backup while writes pour in ($(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$started" "$(date +%s.%N)") s)"
  else
    fail "$label: backup while writes pour in" "$(cat "$WORK/backup.out")"; return
  fi
  grep -q "Audit chain OK" "$WORK/backup.out" && ok "$label: backup checked the copy's audit chain" || fail "$label: backup checked the copy's audit chain" "$(cat "$WORK/backup.out")"
  local during_signs during_ballots
  during_signs=$(( $(grep -c '^201 ' "$WORK/signs.log") - $(grep -c '^201 ' "$WORK/signs.before") ))
  during_ballots=$(( $(grep -c '^201 ' "$WORK/ballots.log") - $(grep -c '^201 ' "$WORK/ballots.before") ))
  echo "       acknowledged before the backup: $(grep -c '^201 ' "$WORK/signs.before") signatures, $(grep -c '^201 ' "$WORK/ballots.before") ballots, $(grep -c . "$WORK/acks.before") raises; during it: $during_signs signatures, $during_ballots ballots"
  check "$label: the backup is readable by its owner only" "$(stat -c %a "$WORK/backup.$label")" [ "$(stat -c %a "$WORK/backup.$label")" = 600 ]
  local again; again=$("$BIN" backup --database "$DB" "$WORK/backup.$label" 2>&1)
  check "$label: a backup never overwrites a file" "$again" grep -q "never overwrites" <<<"$again"
  wait "$signers_pid" "$voters_pid" 2>/dev/null
  kill "$bidders_pid" 2>/dev/null; wait "$bidders_pid" 2>/dev/null
  python3 "$WORK/accounts.py" "$base" "$WORK/signs.before" | sort >"$WORK/acked-signers.txt"
  stop_server

  # Restore into a fresh place.
  local RESTORED refusal
  case "$DB" in
    sqlite:*)
      mkdir -p "$WORK/fresh"; RESTORED="sqlite:$WORK/fresh/hromada.sqlite"
      refusal=$("$BIN" restore --database "$RESTORED" "$WORK/backup.$label" 2>&1)
      check "$label: restore without the deployment's secret is refused and says where to put it" "$refusal" grep -q "hromada.secret" <<<"$refusal"
      install -m 600 "$(dirname "${DB#sqlite:}")/hromada.secret" "$WORK/fresh/hromada.secret"
      ;;
    *)
      RESTORED="${DB%/*}/$(basename "${DB%%\?*}")_restored"
      su postgres -c "psql -qtAc 'DROP DATABASE IF EXISTS $(basename "$RESTORED")'" >/dev/null 2>&1
      su postgres -c "createdb -O hromada $(basename "$RESTORED")" >/dev/null 2>&1 \
        || psql "$HROMADA_TEST_POSTGRES_URL" -qtAc "CREATE DATABASE $(basename "$RESTORED")" >/dev/null
      ;;
  esac
  refusal=$("$BIN" restore --database "$DB" "$WORK/backup.$label" 2>&1)
  check "$label: restore refuses a database that is not empty" "$refusal" grep -q "is not empty" <<<"$refusal"
  if "$BIN" restore --database "$RESTORED" "$WORK/backup.$label" >"$WORK/restore.out" 2>&1; then
    ok "$label: restore into a fresh place"
  else
    fail "$label: restore into a fresh place" "$(cat "$WORK/restore.out")"; return
  fi
  [[ "$DB" == sqlite:* ]] && check "$label: the restored database is mode 600" "" [ "$(stat -c %a "${RESTORED#sqlite:}")" = 600 ]

  # Every acknowledged write from before the backup is there.
  db_rows "$RESTORED" "SELECT account_id FROM petition_signatures WHERE petition_id = '$petition'" | sort >"$WORK/restored-signers.txt"
  local missing; missing=$(comm -23 "$WORK/acked-signers.txt" "$WORK/restored-signers.txt" | wc -l)
  check "$label: every signature acknowledged before the backup is restored ($(grep -c . "$WORK/acked-signers.txt"))" "$missing missing" [ "$missing" -eq 0 ]
  local ballots_before parts
  ballots_before=$(grep -c '^201 ' "$WORK/ballots.before")
  parts=$(( $(db_scalar "$RESTORED" "SELECT COUNT(*) FROM budget_participations WHERE edition_id = '$edition'") - parts0 ))
  check "$label: every ballot acknowledged before the backup is restored ($ballots_before ≤ $parts)" "" [ "$parts" -ge "$ballots_before" ]
  local raises_before moves
  raises_before=$(grep -c . "$WORK/acks.before")
  moves=$(db_scalar "$RESTORED" "SELECT COUNT(*) FROM auction_moves WHERE lot_id = '$lot'")
  check "$label: every raise acknowledged before the backup is restored ($raises_before ≤ $moves)" "" [ "$moves" -ge "$raises_before" ]
  local verify; verify=$("$BIN" audit verify --database "$RESTORED" 2>&1)
  check "$label: audit verify passes on the restored database" "$verify" grep -q "Audit chain OK" <<<"$verify"
  if start_server "$RESTORED"; then
    check "$label: a server on the restored database is ready" "" curl -fs "http://127.0.0.1:$PORT/readyz" -o /dev/null
    stop_server
  else
    fail "$label: a server starts on the restored database" "$(tail -20 "$WORK/serve.log")"
  fi
  [[ "$DB" == sqlite:* ]] || su postgres -c "psql -qtAc 'DROP DATABASE IF EXISTS $(basename "$RESTORED")'" >/dev/null 2>&1
}

run_suite sqlite "sqlite:$WORK/hromada.sqlite"
# A backup of one kind does not restore into the other.
mismatch=$("$BIN" restore --database "postgres://x:y@127.0.0.1:1/none" "$WORK/backup.sqlite" 2>&1)
check "an SQLite backup is not restored into PostgreSQL" "$mismatch" grep -q "restore it into an SQLite file" <<<"$mismatch"
e2e_with_postgres hromada_e2e_backup run_suite postgres
e2e_finish
