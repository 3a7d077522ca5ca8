#!/usr/bin/env bash
# End-to-end check of the `hromada` command line and a running server, on
# SQLite and (when HROMADA_TEST_POSTGRES_URL is set) PostgreSQL. Run by .ci/run
# after `swift build`; prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${HROMADA_BIN:-.build/debug/hromada}
[ -x "$BIN" ] || swift build --product hromada >/dev/null
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
passed=0; failed=0
ok() { passed=$((passed+1)); echo "ok   - $1"; }
fail() { failed=$((failed+1)); echo "FAIL - $1"; [ -n "${2:-}" ] && echo "$2" | sed 's/^/       /'; }
expect_output() { # name, expected substring, command...
  local name=$1 want=$2; shift 2
  local out; out=$("$@" 2>&1); local rc=$?
  if [ $rc -eq 0 ] && grep -qF -- "$want" <<<"$out"; then ok "$name"; else fail "$name (exit $rc)" "$out"; fi
}
expect_failure() { # name, expected substring, command...
  local name=$1 want=$2; shift 2
  local out; out=$("$@" 2>&1); local rc=$?
  if [ $rc -ne 0 ] && grep -qF -- "$want" <<<"$out"; then ok "$name"; else fail "$name (exit $rc)" "$out"; fi
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start_server() { # database url, extra args...
  local db=$1; shift
  PORT=$(free_port)
  "$BIN" serve --database "$db" --port "$PORT" "$@" >"$WORK/serve.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && return 0; sleep 0.2; done
  fail "server starts" "$(cat "$WORK/serve.log")"; return 1
}
stop_server() { kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=""; }

run_suite() { # label, database url
  local label=$1 DB=$2
  echo "# $label"
  expect_output "$label: migrate applies the schema" "Applied" "$BIN" migrate --database "$DB"
  expect_output "$label: migrate again changes nothing" "up to date" "$BIN" migrate --database "$DB"
  expect_output "$label: seed --demo" "demo mode is on" "$BIN" seed --demo --database "$DB"
  expect_output "$label: seed --demo is idempotent" "demo mode is on" "$BIN" seed --demo --database "$DB"
  local nid; nid=$(python3 -c 'import datetime as d
days=(d.date(1990,5,17)-d.date(1899,12,31)).days
s="%05d%04d"%(days,1234); w=[-1,5,7,9,4,6,10,5,7]
print(s+str(sum(int(c)*k for c,k in zip(s,w))%11%10))')
  expect_output "$label: users create with role and residency" "Verified as a resident of khmilnyk" \
    "$BIN" users create --database "$DB" --email moder@khmilnyk.example --password 'довгий пароль 2026' --name 'Іван Франко' \
      --city khmilnyk --role moderator --verify-resident khmilnyk --national-id "$nid"
  expect_failure "$label: duplicate email is refused" "already exists" \
    "$BIN" users create --database "$DB" --email moder@khmilnyk.example --password 'довгий пароль 2026' --name 'Інший'
  expect_failure "$label: same person cannot verify a second account" "already has a verified account" \
    "$BIN" users create --database "$DB" --email twin@khmilnyk.example --password 'довгий пароль 2026' --name 'Двійник' \
      --verify-resident khmilnyk --national-id "$nid"
  expect_failure "$label: weak password is explained" "at least 10 characters" \
    "$BIN" users create --database "$DB" --email weak@khmilnyk.example --password 123 --name 'Слабкий'
  expect_failure "$label: wrong birth date is explained" "does not match" \
    "$BIN" users create --database "$DB" --email bd@khmilnyk.example --password 'довгий пароль 2026' --name 'Б Д' \
      --verify-resident khmilnyk --national-id "$nid" --birth-date 1990-05-18
  expect_failure "$label: unknown city is explained" "No municipality with slug 'kyiv'" \
    "$BIN" users create --database "$DB" --email kyiv@example.com --password 'довгий пароль 2026' --name 'К' --city kyiv --role admin
  expect_output "$label: bulk-create makes verified residents with tokens" "Created 25 verified residents" \
    "$BIN" users bulk-create --database "$DB" --count 25 --verify-resident zhmerynka --tokens-out "$WORK/tokens.txt"
  [ "$(wc -l <"$WORK/tokens.txt")" -eq 25 ] && ok "$label: 25 tokens written" || fail "$label: 25 tokens written" "$(wc -l <"$WORK/tokens.txt")"

  start_server "$DB" || return
  local base="http://127.0.0.1:$PORT"
  curl -fs "$base/vinnytsia" | grep '<html lang="uk">' >/dev/null && ok "$label: city page is Ukrainian" || fail "$label: city page is Ukrainian"
  curl -fs -H 'Cookie: hromada_lang=en' "$base/vinnytsia" | grep 'Community tools' >/dev/null && ok "$label: English page" || fail "$label: English page"
  local token; token=$(head -1 "$WORK/tokens.txt")
  curl -fs -H "Authorization: Bearer $token" "$base/api/v1/me" | grep '"municipality":"zhmerynka"' >/dev/null \
    && ok "$label: bulk token authenticates a Zhmerynka resident" || fail "$label: bulk token authenticates"
  local status; status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{"email":' "$base/api/v1/session")
  [ "$status" = 400 ] && ok "$label: malformed JSON is a 400" || fail "$label: malformed JSON is a 400" "$status"
  local answer; answer=$(curl -s -X POST -H 'Content-Type: application/json' -d '{"email":1}' "$base/api/v1/session")
  grep -q '"field":"email"' <<<"$answer" && ok "$label: a value of the wrong kind is a 422 naming its field" \
    || fail "$label: a value of the wrong kind is a 422 naming its field" "$answer"
  status=$(curl -s -o /dev/null -w '%{http_code}' "$base/metrics")
  [ "$status" = 200 ] && ok "$label: /metrics answers on loopback" || fail "$label: /metrics answers on loopback" "$status"
  # The database figures appear once the first read or write is recorded; give that a moment.
  local seen=""
  for _ in 1 2 3 4 5 6; do curl -fs "$base/metrics" | grep 'hromada_db' >/dev/null && { seen=yes; break; }; sleep 0.5; done
  [ -n "$seen" ] && ok "$label: metrics count requests" || fail "$label: metrics count requests" "$(curl -s "$base/metrics" | grep -v '^#' | head -20)"
  sleep 2 # the sealer chains entries about once a second
  local height; height=$(curl -fs "$base/api/v1/audit/head" | python3 -c 'import json,sys; print(json.load(sys.stdin)["height"])')
  [ "${height:-0}" -ge 1 ] && ok "$label: audit blocks are sealed while serving" || fail "$label: audit blocks are sealed" "$height"
  stop_server
  expect_output "$label: audit verify passes" "Audit chain OK" "$BIN" audit verify --database "$DB"
}

# SQLite
run_suite sqlite "sqlite:$WORK/hromada.sqlite"
python3 - "$WORK/hromada.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE audit_entries SET action = 'role.revoked' WHERE block_height = 1 AND rowid = (SELECT MIN(rowid) FROM audit_entries WHERE block_height = 1)")
db.commit()
PY
expect_failure "sqlite: a tampered entry makes audit verify fail" "BROKEN" "$BIN" audit verify --database "sqlite:$WORK/hromada.sqlite"

# Participatory-budget rules on a real election: the pabutools outcome.
PB_FILE=../shared/data/pabulib/Poland_Wieliczka_2023_Green_Budget.pb
if [ -f "$PB_FILE" ]; then
  got=$("$BIN" pb tally "$PB_FILE" --rule mes-add1 --json 2>&1)
  want=$(python3 -c 'import json; print(json.dumps(json.load(open("Tests/BudgetRulesTests/Fixtures/Poland_Wieliczka_2023_Green_Budget.mes-add1.json"))["selected"]))')
  python3 -c 'import json,sys; got=json.loads(sys.argv[1]); want=json.loads(sys.argv[2]); sys.exit(0 if got["selected"]==want and got["rule"]=="mes-add1" and got["cost"]<=got["budget"] else 1)' "$got" "$want" \
    && ok "pb tally --rule mes-add1 --json prints the pabutools outcome for Wieliczka 2023" || fail "pb tally Wieliczka" "$got"
  # The plain `pb tally` shape is read before ArgumentParser (PBFastPath); `--` sends the same request through it.
  slow=$("$BIN" pb tally --json --rule mes-add1 -- "$PB_FILE" 2>&1)
  [ "$got" = "$slow" ] && ok "pb tally prints the same with and without the start-up fast path" || fail "pb tally fast path" "$got / $slow"
  expect_failure "pb tally without --rule is answered by ArgumentParser" "Missing value for '--rule <rule>'" "$BIN" pb tally "$PB_FILE" --rule
  expect_output "pb check summarises a file" "declared rule: equalshares/add1-comparison" "$BIN" pb check "$PB_FILE"
  expect_output "pb tally prints a readable table" "running total" "$BIN" pb tally "$PB_FILE" --rule greedy
  expect_output "pb tally --explain says who paid" "Funded, in the order bought" "$BIN" pb tally "$PB_FILE" --rule mes --explain
  expect_failure "pb tally refuses MES on cumulative ballots with a reason" "cannot read cumulative ballots" \
    "$BIN" pb tally ../shared/data/pabulib/Poland_Gdansk_2020_Osowa.pb --rule mes
  printf 'META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\np1;ten\nVOTES\nvoter_id;vote\n' > "$WORK/bad.pb"
  expect_failure "pb check names the line of a malformed file" "line 6: project p1" "$BIN" pb check "$WORK/bad.pb"
fi

# Vehicle routes on shared CVRPLIB instances: every answer checked by
# scripts/check-routes (not by the solver); a malformed file names its line.
CVRP=../shared/data/cvrp
if [ -d "$CVRP" ]; then
  for name in A/A-n32-k5 E/E-n51-k5 M/M-n101-k10 X/X-n101-k25 X/X-n1001-k43; do
    [ -f "$CVRP/$name.vrp" ] || continue
    if "$BIN" routes solve "$CVRP/$name.vrp" --seconds 2 --json >"$WORK/routes.json" 2>"$WORK/routes.err" \
       && verdict=$(scripts/check-routes "$CVRP/$name.vrp" "$WORK/routes.json" 2>&1); then
      ok "routes solve $name: $verdict"
    else
      fail "routes solve $name" "$(cat "$WORK/routes.err") ${verdict:-}"
    fi
  done
  expect_output "routes solve --vehicles 5 keeps A-n32-k5 to five routes" "Cost" "$BIN" routes solve "$CVRP/A/A-n32-k5.vrp" --seconds 1 --vehicles 5
  expect_failure "routes solve says when the fleet cannot carry the demand" "at least 5 are needed" \
    "$BIN" routes solve "$CVRP/A/A-n32-k5.vrp" --seconds 1 --vehicles 4
  printf 'NAME : bad\nTYPE : CVRP\nDIMENSION : 3\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 5\nNODE_COORD_SECTION\n1 0 0\n2 1 x\n' > "$WORK/bad.vrp"
  expect_failure "routes solve names the line of a malformed file" "line 8: coordinates" "$BIN" routes solve "$WORK/bad.vrp" --seconds 1
fi

# The bins' simulator, straight into the database: the planted faults and only they raise fault alerts.
"$BIN" seed --demo --database "sqlite:$WORK/simulate.sqlite" >/dev/null 2>&1
expect_output "waste simulate plays a month and each planted fault raises its alert" "Each planted fault raised its alert, and nothing else" \
  "$BIN" waste simulate --database "sqlite:$WORK/simulate.sqlite" --city zhmerynka --bins 40 --days 30
expect_output "waste simulate again adds no bins" "(0 new)" "$BIN" waste simulate --database "sqlite:$WORK/simulate.sqlite" --city zhmerynka --bins 40 --days 30
expect_failure "waste simulate wants both doors or neither" "Give both --url and --mqtt" \
  "$BIN" waste simulate --database "sqlite:$WORK/simulate.sqlite" --city zhmerynka --url http://127.0.0.1:1
expect_failure "waste simulate names an unknown city" "No municipality with slug 'atlantis'" \
  "$BIN" waste simulate --database "sqlite:$WORK/simulate.sqlite" --city atlantis --bins 5 --days 2
expect_failure "waste simulate refuses a fleet out of range" "--bins must be between 1 and 5000" \
  "$BIN" waste simulate --database "sqlite:$WORK/simulate.sqlite" --city zhmerynka --bins 0

# The secret file is made once, private, and reused.
[ -f "$WORK/hromada.secret" ] && [ "$(stat -c %a "$WORK/hromada.secret")" = 600 ] && ok "secret file is created with mode 600" || fail "secret file is created with mode 600"

# Demo mode stays on loopback: a newcomer's `serve` (built-in SQLite file,
# demo data when empty) on a public --host is refused before any demo data is
# written. `timeout`: a server that wrongly starts must not hang the check.
mkdir -p "$WORK/newcomer"
BIN_ABS="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
expect_failure "serve refuses demo mode on a public address and says how to go on" "--allow-public-demo" \
  timeout 120 bash -c 'cd "$1" && "$2" serve --host 0.0.0.0 --port "$3"' _ "$WORK/newcomer" "$BIN_ABS" "$(free_port)"
cities=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM municipalities").fetchone()[0])' "$WORK/newcomer/hromada.sqlite" 2>&1)
[ "$cities" = 0 ] && ok "the refused start wrote no demo data" || fail "the refused start wrote no demo data" "$cities"
"$BIN" serve --help 2>&1 | grep -qF -- "--allow-public-demo" && ok "serve --help names --allow-public-demo" || fail "serve --help names --allow-public-demo"
[ "$(stat -c %a "$WORK/newcomer/hromada.sqlite")" = 600 ] && ok "the database file is created with mode 600" || fail "the database file is created with mode 600" "$(stat -c %a "$WORK/newcomer/hromada.sqlite")"
HROMADA_MAIL_RETENTION=soon expect_failure "a bad mail retention is explained" "HROMADA_MAIL_RETENTION" "$BIN" serve --database "sqlite:$WORK/other.sqlite"

# Secrets from files (HROMADA_*_FILE) and systemd credentials ($CREDENTIALS_DIRECTORY).
mkdir -p "$WORK/secrets/credentials"
openssl rand -hex 32 > "$WORK/secrets/secret"
HROMADA_SECRET_FILE="$WORK/secrets/secret" expect_output "the secret is read from HROMADA_SECRET_FILE" "Applied" \
  "$BIN" migrate --database "sqlite:$WORK/secrets/db.sqlite"
[ ! -e "$WORK/secrets/hromada.secret" ] && ok "with a secret file no hromada.secret is made" || fail "with a secret file no hromada.secret is made"
HROMADA_SECRET=x HROMADA_SECRET_FILE="$WORK/secrets/secret" expect_failure "a secret set twice is refused" "keep one of them" \
  "$BIN" migrate --database "sqlite:$WORK/secrets/db.sqlite"
HROMADA_SECRET_FILE="$WORK/secrets/missing" expect_failure "a missing secret file is named" "secrets/missing: no such file" \
  "$BIN" migrate --database "sqlite:$WORK/secrets/db.sqlite"
printf 'too-short\n' > "$WORK/secrets/credentials/identity-key"
CREDENTIALS_DIRECTORY="$WORK/secrets/credentials" HROMADA_SECRET_FILE="$WORK/secrets/secret" \
  expect_failure "a systemd credential is read (a short identity key is refused)" "HROMADA_IDENTITY_KEY" \
  "$BIN" serve --database "sqlite:$WORK/secrets/db.sqlite"
HROMADA_SECRET_FILE="$WORK/secrets/secret" HROMADA_IDGOVUA_CLIENT_ID=hromada-test expect_failure "ID.GOV.UA without its client secret is explained" \
  "HROMADA_IDGOVUA_CLIENT_SECRET is not" "$BIN" audit verify --database "sqlite:$WORK/secrets/db.sqlite"
printf 'idgovua-client-secret\n' > "$WORK/secrets/idgovua"
HROMADA_SECRET_FILE="$WORK/secrets/secret" HROMADA_IDGOVUA_CLIENT_ID=hromada-test HROMADA_IDGOVUA_CLIENT_SECRET_FILE="$WORK/secrets/idgovua" \
  HROMADA_IDGOVUA_URL=http://id.example.org expect_failure "ID.GOV.UA's client secret is read from its file (then a plain-http URL is refused)" \
  "HROMADA_IDGOVUA_URL" "$BIN" audit verify --database "sqlite:$WORK/secrets/db.sqlite"
HROMADA_LOG_FORMAT=xml expect_failure "an unknown log format is explained" "text (the default) or json" "$BIN" migrate --database "sqlite:$WORK/secrets/db.sqlite"
HROMADA_LOG_FORMAT=json HROMADA_SECRET_FILE="$WORK/secrets/secret" "$BIN" migrate --database "sqlite:$WORK/secrets/db2.sqlite" 2>"$WORK/secrets/log" >/dev/null
python3 -c 'import json,sys; lines=open(sys.argv[1]).read().splitlines(); assert lines and all(json.loads(l)["level"] for l in lines)' "$WORK/secrets/log" \
  && ok "HROMADA_LOG_FORMAT=json writes one JSON object per line" || fail "HROMADA_LOG_FORMAT=json writes one JSON object per line" "$(head -3 "$WORK/secrets/log")"

# Bad configuration is explained.
expect_failure "unknown database scheme is explained" "is not understood" "$BIN" migrate --database mysql://x/y
HROMADA_PORT=99999 expect_failure "bad port is explained" "HROMADA_PORT" "$BIN" serve --database "sqlite:$WORK/other.sqlite"

if [ -n "${HROMADA_TEST_POSTGRES_URL:-}" ]; then
  base_url=${HROMADA_TEST_POSTGRES_URL%/*}
  dbname="hromada_e2e_$$"
  su postgres -c "psql -qtAc 'DROP DATABASE IF EXISTS $dbname'" >/dev/null 2>&1
  su postgres -c "createdb -O hromada $dbname" >/dev/null 2>&1 || psql "$HROMADA_TEST_POSTGRES_URL" -qtAc "CREATE DATABASE $dbname" >/dev/null
  PG="$base_url/$dbname"
  HROMADA_SECRET= expect_failure "postgres: serve refuses to start without HROMADA_SECRET" "HROMADA_SECRET is not set" "$BIN" serve --database "$PG"
  export HROMADA_SECRET=e2e-secret-0123456789-0123456789-abcdef
  run_suite postgres "$PG"
  unset HROMADA_SECRET
  su postgres -c "psql -qtAc 'DROP DATABASE IF EXISTS $dbname'" >/dev/null 2>&1
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
