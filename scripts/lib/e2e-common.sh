# Shared by the end-to-end checks that run a real server (scripts/e2e-*.sh);
# sourced, not run. Gives the "ok - / FAIL -" reporting with its closing
# "N passed, N failed" line, the debug binary, a work folder cleaned up on
# exit, the server's start (loopback as a trusted proxy, log appended to
# $WORK/serve.log), small database helpers for SQLite and PostgreSQL, and a
# scratch PostgreSQL database per run.

E2E_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# The binary, the work folder and the exit trap. Call once at the start.
e2e_init() {
  BIN=${HROMADA_BIN:-.build/debug/hromada}
  [ -x "$BIN" ] || swift build --product hromada >/dev/null
  WORK=$(mktemp -d)
  SERVER_PID=""; SENDER_PID=""
  passed=0; failed=0
  trap e2e_cleanup EXIT
}

e2e_cleanup() {
  [ -n "$SENDER_PID" ] && kill "$SENDER_PID" 2>/dev/null
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$WORK"
}

ok() { passed=$((passed+1)); echo "ok   - $1"; }
fail() { failed=$((failed+1)); echo "FAIL - $1"; [ -n "${2:-}" ] && echo "$2" | sed 's/^/       /'; }
check() { # name, detail on failure, test...
  local name=$1 detail=$2; shift 2
  if "$@"; then ok "$name"; else fail "$name" "$detail"; fi
}

# The closing line .ci/run reads, and the exit status.
e2e_finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_server() { # database url, extra args...
  local db=$1; shift
  PORT=$(free_port)
  # Loopback is a trusted proxy, so each client can bring its own address in
  # X-Forwarded-For: hundreds of requests from one address would hit the limits.
  HROMADA_TRUSTED_PROXIES=127.0.0.1/32 "$BIN" serve --database "$db" --port "$PORT" "$@" >>"$WORK/serve.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && return 0; sleep 0.2; done
  return 1
}

# SIGKILL: no shutdown hook, no final flush.
kill_server() { kill -9 "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=""; }
# SIGTERM: a graceful stop.
stop_server() { kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=""; }

# One number from the database: sqlite:PATH through python3, else psql.
db_scalar() { # database url, sql
  case "$1" in
    sqlite:*) python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "${1#sqlite:}" "$2" ;;
    *) psql "$1" -qtAc "$2" ;;
  esac
}

# Rows from the database, one per line, columns separated by "|".
db_rows() { # database url, sql
  case "$1" in
    sqlite:*) python3 -c 'import sqlite3,sys
for row in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print("|".join(map(str, row)))' "${1#sqlite:}" "$2" ;;
    *) psql "$1" -qtAc "$2" ;;
  esac
}

# `users bulk-create` of COUNT verified Vinnytsia residents into
# $WORK/tokens.txt, reported as one check.
e2e_bulk_create() { # label, database url, count
  if "$BIN" users bulk-create --database "$2" --count "$3" --verify-resident vinnytsia --tokens-out "$WORK/tokens.txt" >"$WORK/bulk.log" 2>&1 \
     && [ "$(grep -c . "$WORK/tokens.txt")" -eq "$3" ]; then
    ok "$1: bulk-create made $3 residents"
  else
    fail "$1: bulk-create made $3 residents" "$(cat "$WORK/bulk.log")"; return 1
  fi
}

# Runs FUNCTION LABEL URL on a scratch PostgreSQL database when
# HROMADA_TEST_POSTGRES_URL is set, dropped afterwards. The CLI and the
# server share HROMADA_SECRET, or bulk-created tokens would not match.
e2e_with_postgres() { # database name prefix, function, label
  [ -n "${HROMADA_TEST_POSTGRES_URL:-}" ] || return 0
  local base_url=${HROMADA_TEST_POSTGRES_URL%/*} dbname="$1_$$"
  su postgres -c "psql -qtAc 'DROP DATABASE IF EXISTS $dbname'" >/dev/null 2>&1
  su postgres -c "createdb -O hromada $dbname" >/dev/null 2>&1 || psql "$HROMADA_TEST_POSTGRES_URL" -qtAc "CREATE DATABASE $dbname" >/dev/null
  export HROMADA_SECRET=e2e-crash-secret-0123456789-0123456789
  "$2" "$3" "$base_url/$dbname"
  unset HROMADA_SECRET
  su postgres -c "psql -qtAc 'DROP DATABASE IF EXISTS $dbname'" >/dev/null 2>&1 \
    || psql "$HROMADA_TEST_POSTGRES_URL" -qtAc "DROP DATABASE IF EXISTS $dbname" >/dev/null 2>&1
}

# Starts the crash senders in the background (SENDER_PID), waits until
# KILL_AFTER answers in LOG are 201 (or the senders are done), then kills
# the server with SIGKILL while the others are mid-request, and waits for the
# senders to notice.
e2e_kill_after_acks() { # answers log, kill after this many 201s
  for _ in $(seq 1 1200); do
    [ "$(grep -c '^201 ' "$1")" -ge "$2" ] && break
    kill -0 "$SENDER_PID" 2>/dev/null || break
    sleep 0.02
  done
  kill_server
  wait "$SENDER_PID" 2>/dev/null; SENDER_PID=""
}

# Sign-in limits count in fixed five-minute windows (RateLimitRule
# signInPerAddress): 21 attempts that straddle a window's end split between
# two windows and none is refused. Wait out a window's last 30 seconds.
wait_for_fresh_window() {
  local into=$(( $(date +%s) % 300 ))
  if [ "$into" -ge 270 ]; then sleep $(( 301 - into )); fi
}
