# Shared by the HTTP write benchmarks (scripts/bench-ballots,
# scripts/bench-signatures); sourced, not run. Each benchmark sets its own
# parameters, sources this file, calls bench_init and bench_build, writes its
# wrk Lua request builder and its raw insert loop, defines
# `run_backend LABEL DATABASE_URL`, then calls bench_run_backends and
# bench_summary.
#
# What lives here: the release build with retries, the server's start and
# stop, small database and port helpers, the CPU and /metrics snapshots and
# their report, the wrk run with the common Lua half (token slices, distinct
# client addresses, answers by status, the RESULT line with wrk's latency
# percentiles), the stored-versus-201 verdict, the PostgreSQL scratch
# database, and the summary table.

BENCH_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Work folder, result files and the exit trap. Call once, before anything
# starts a server.
bench_init() {
  command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
  WORK=$(mktemp -d)
  SERVER_PID=""
  PG_ADMIN_URL=""; PG_DB=""
  RESULTS="$WORK/results"; : >"$RESULTS"
  NOTES="$WORK/notes"; : >"$NOTES"
  STATUS=0
  trap bench_cleanup EXIT
}

bench_cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  [ -n "$PG_DB" ] && psql "$PG_ADMIN_URL" -qtAc "DROP DATABASE IF EXISTS $PG_DB" >/dev/null 2>&1
  rm -rf "$WORK"
}

# Seconds each raw reference loop runs.
RAW_SECONDS=${BENCH_RAW_SECONDS:-5}

# Incremental: quick when the release binary is current. The binary is the
# static one deploy/Dockerfile ships (.build-static; loading the shared
# Foundation and ICU libraries costs every process a few ms otherwise).
# BENCH_BIN=path measures a given binary without building (before and after
# in one sitting). The tree is shared with people editing Sources/, so a
# failed build (someone mid-edit) is retried a minute later; after that an
# existing binary is used, with a warning.
bench_build() {
  if [ -n "${BENCH_BIN:-}" ]; then
    BIN=$BENCH_BIN
  else
    BIN=.build-static/release/hromada
    local log; log=$(mktemp)
    for attempt in 1 2 3; do
      swift build -c release --static-swift-stdlib --product hromada --scratch-path .build-static >"$log" 2>&1 && break
      if [ "$attempt" = 3 ]; then
        tail -20 "$log" >&2
        [ -x "$BIN" ] || { rm -f "$log"; exit 1; }
        echo "WARNING: release build failed; measuring the existing $BIN from $(date -r "$BIN" '+%F %T')" >&2
        break
      fi
      echo "release build failed (attempt $attempt), retrying in 60 s" >&2; sleep 60
    done
    rm -f "$log"
  fi
  # Numbers are only as quiet as the machine: say how busy it was at the start.
  echo "binary: $BIN; load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_server() { # database url
  PORT=$(free_port)
  # Trusting loopback as a proxy lets each request bring its own client
  # address in X-Forwarded-For, as it would behind nginx.
  HROMADA_TRUSTED_PROXIES=127.0.0.1/32 HROMADA_METRICS_TOKEN="$BENCH_METRICS_TOKEN" \
    "$BIN" serve --database "$1" --port "$PORT" --demo >"$WORK/serve.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "server did not start:" >&2; cat "$WORK/serve.log" >&2; return 1
}
# SIGTERM: a graceful stop lets requests still in flight finish and commit.
stop_server() { kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=""; }

# One number from the database: sqlite:PATH through python3, else psql.
db_scalar() { # database url, sql
  case "$1" in
    sqlite:*) python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "${1#sqlite:}" "$2" ;;
    *) psql "$1" -qtAc "$2" ;;
  esac
}

# CPU time in clock ticks (user + system) of the server, and of all
# PostgreSQL processes, to tell a CPU-bound run from one that waits; wrk's
# own time comes from bash's `time`.
cpu_server() { awk '{print $14+$15}' "/proc/$SERVER_PID/stat"; }
cpu_postgres() { cat /proc/[0-9]*/stat 2>/dev/null | awk '$2 == "(postgres)" {t += $14 + $15} END {print t + 0}'; }

# The server's own counters before and after the run (behind a trusted
# proxy /metrics needs the token): group-commit batches, commit and write
# times, statuses.
BENCH_METRICS_TOKEN=${BENCH_METRICS_TOKEN:-bench-metrics-$$}
metrics_snapshot() { curl -fs -H "Authorization: Bearer $BENCH_METRICS_TOKEN" "http://127.0.0.1:$PORT/metrics" >"$1" 2>/dev/null || : >"$1"; }

# `users bulk-create` on DB into $WORK/tokens.txt, timed into the notes.
bench_bulk_create() { # label, database url, count
  local t0 t1 made
  t0=$(date +%s.%N)
  if ! "$BIN" users bulk-create --database "$2" --count "$3" --verify-resident vinnytsia --tokens-out "$WORK/tokens.txt" >"$WORK/bulk.log" 2>&1; then
    cat "$WORK/bulk.log" >&2; return 1
  fi
  t1=$(date +%s.%N)
  made=$(grep -c . "$WORK/tokens.txt")
  python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'$1: bulk-create: {int(sys.argv[3])} residents in {s:.1f} s ({int(sys.argv[3])/s:.0f}/s)')" "$t0" "$t1" "$made" | tee -a "$NOTES"
}

# The common half of the wrk script. Each wrk thread has its own Lua state.
# setup() runs in the main state once per thread and hands each its number;
# init() then takes that thread's own contiguous slice of the tokens file, so
# no token is ever sent twice, and counts the answers by status in thread
# globals that done() collects. The benchmark's half defines
#   bench_request(token, address, n) -> wrk.format(...)   (required)
#   bench_init()                                          (optional)
# and may use split(s) for comma lists from the environment.
bench_write_lua() { # benchmark's half (file), output file
  cat >"$2" <<'LUA'
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function split(s)
  local out = {}
  for part in string.gmatch(s or "", "[^,]+") do out[#out + 1] = part end
  return out
end

function init(args)
  local nthreads = tonumber(os.getenv("BENCH_THREADS"))
  local all = {}
  for line in io.lines(os.getenv("BENCH_TOKENS")) do
    if #line > 0 then all[#all + 1] = line end
  end
  local per = math.floor(#all / nthreads)
  tokens = {}
  for i = id * per + 1, (id + 1) * per do tokens[#tokens + 1] = all[i] end
  path = os.getenv("BENCH_PATH")
  sent, exhausted = 0, 0
  s201, s409, s422, s429, s4xx, s5xx, sother = 0, 0, 0, 0, 0, 0, 0
  if bench_init then bench_init() end
end

function request()
  sent = sent + 1
  local token = tokens[sent]
  if token == nil then
    -- Out of tokens: keep the connection busy with something harmless and
    -- say so in the result rather than reuse a token (which would be a 409).
    exhausted = exhausted + 1
    return wrk.format("GET", "/healthz")
  end
  -- A distinct client address per request (10.thread.x.y, sent only as a
  -- header to the server on loopback): the per-address limits are 60 or 120
  -- in 10 minutes, and 65536 addresses per thread never come back round
  -- within one run.
  local address = string.format("10.%d.%d.%d", id % 256, math.floor(sent / 256) % 256, sent % 256)
  return bench_request(token, address, sent)
end

function response(status, headers, body)
  if status == 201 then s201 = s201 + 1
  elseif status == 409 then s409 = s409 + 1
  elseif status == 422 then s422 = s422 + 1
  elseif status == 429 then s429 = s429 + 1
  elseif status >= 500 then s5xx = s5xx + 1
  elseif status >= 400 then s4xx = s4xx + 1
  else sother = sother + 1 end
end

function done(summary, latency, requests)
  local t = { s201 = 0, s409 = 0, s422 = 0, s429 = 0, s4xx = 0, s5xx = 0, sother = 0, sent = 0, exhausted = 0 }
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + (thread:get(k) or 0) end
  end
  local answered = t.s201 + t.s409 + t.s422 + t.s429 + t.s4xx + t.s5xx + t.sother
  local seconds = summary.duration / 1e6
  -- Requests generated but never answered: cut off when wrk stopped (the
  -- server may still have committed them) or lost to socket errors.
  local unanswered = t.sent - t.exhausted - answered
  local e = summary.errors
  io.write(string.format(
    "RESULT seconds=%.3f ok201=%d rps201=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f s409=%d s422=%d s429=%d s4xx=%d s5xx=%d sother=%d unanswered=%d exhausted=%d sockerr=%d\n",
    seconds, t.s201, t.s201 / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    t.s409, t.s422, t.s429, t.s4xx, t.s5xx, t.sother, unanswered, t.exhausted,
    e.connect + e.read + e.write + e.timeout))
end

-- The benchmark's own half.
LUA
  cat "$1" >>"$2"
}

# Warms up with GET WARM_PATH, then runs wrk with LUA against the server on
# $PORT for $DURATION s, timing wrk's own CPU and the server's, with /metrics
# snapshots either side. Extra BENCH_* variables for the Lua half come from
# the caller's environment. Sets RESULT (the Lua's RESULT line); returns 1
# without one.
bench_wrk() { # label, lua file, request path, warm-up path
  local label=$1 lua=$2 path=$3 warm=$4 base="http://127.0.0.1:$PORT"
  # Warm up the read path and the connections without spending tokens.
  wrk -t"$THREADS" -c"$CONNECTIONS" -d2s "$base$warm" >/dev/null 2>&1
  metrics_snapshot "$WORK/metrics0"
  PG_CPU0=$(cpu_postgres); SERVER_CPU0=$(cpu_server)
  BENCH_THREADS=$THREADS BENCH_TOKENS="$WORK/tokens.txt" BENCH_PATH="$path" \
    bash -c 'TIMEFORMAT="%U %S"; time wrk "$@" >"$0" 2>&1' "$WORK/wrk-$label.txt" \
      -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -s "$lua" "$base" 2>"$WORK/wrk-time"
  PG_CPU1=$(cpu_postgres); SERVER_CPU1=$(cpu_server)
  RESULT=$(grep '^RESULT' "$WORK/wrk-$label.txt")
  if [ -z "$RESULT" ]; then cat "$WORK/wrk-$label.txt" >&2; return 1; fi
  echo "$RESULT"
}

# One number from the RESULT line.
field() { sed -E "s/.* $1=([0-9.]+).*/\1/" <<<"$RESULT"; }

# All answers other than 201.
non201() { echo $(( $(field s409) + $(field s422) + $(field s429) + $(field s4xx) + $(field s5xx) + $(field sother) )); }

# CPU per process and the server's /metrics differences over the run;
# ROUTE_RE picks the route's hromada_http_requests_total series (e.g. 'ballots"').
bench_report_metrics() { # label, noun (ballot, signature), route regex
  metrics_snapshot "$WORK/metrics1"
  python3 - "$WORK/metrics0" "$WORK/metrics1" "$PG_CPU0" "$PG_CPU1" "$SERVER_CPU0" "$SERVER_CPU1" "$(field seconds)" "$1" \
    "$(tail -1 "$WORK/wrk-time")" "$2" "$3" <<'PY' | tee -a "$NOTES"
import os, re, sys
before, after = ({}, {})
for path, into in ((sys.argv[1], before), (sys.argv[2], after)):
    for line in open(path):
        m = re.match(r'^([a-z_]+)(\{.*\})? ([0-9.eE+-]+)$', line.strip())
        if m: into[m.group(1) + (m.group(2) or "")] = float(m.group(3))
d = lambda key: after.get(key, 0.0) - before.get(key, 0.0)
label, seconds, tick = sys.argv[8], float(sys.argv[7]), os.sysconf("SC_CLK_TCK")
noun, route = sys.argv[10], sys.argv[11]
postgres = (float(sys.argv[4]) - float(sys.argv[3])) / tick / seconds
server = (float(sys.argv[6]) - float(sys.argv[5])) / tick / seconds
wrk = sum(map(float, sys.argv[9].split())) / seconds
load = open("/proc/loadavg").read().split()[0]
print(f"{label}: CPU during the run, in cores of {os.cpu_count()}: hromada {server:.2f}, wrk {wrk:.2f}"
      + (f", PostgreSQL {postgres:.2f}" if label == "postgres" else "") + f" (load average after: {load})")
writes = d("hromada_db_write_duration_seconds_count")
if writes:
    slow = writes - d('hromada_db_write_duration_seconds_bucket{le="0.1"}')
    print(f"{label}: {writes:.0f} store writes ({writes / seconds:.0f}/s), mean {1000 * d('hromada_db_write_duration_seconds_sum') / writes:.1f} ms "
          f"from submit to done; {slow:.0f} took over 100 ms")
commits = d("hromada_db_group_commit_writes_count")
if commits:
    print(f"{label}: group commit: {commits:.0f} commits, {d('hromada_db_group_commit_writes_sum') / commits:.1f} writes per commit, "
          f"{1000 * d('hromada_db_commit_duration_seconds_sum') / commits:.2f} ms per commit "
          f"(the single writer was busy {d('hromada_db_commit_duration_seconds_sum') / seconds * 100:.0f}% of the run)")
statuses = {}
for key in after:
    m = re.match(r'hromada_http_requests_total\{.*' + route + r'.*status="(\d+)"', key)
    if m: statuses[m.group(1)] = statuses.get(m.group(1), 0) + d(key)
if statuses:
    print(f"{label}: {noun} answers by the server's count: " + ", ".join(f"{k}: {v:.0f}" for k, v in sorted(statuses.items())))
PY
}

# Errors the server logged while serving (5xx, database trouble): the count,
# the most common, and the first few as they were.
bench_server_errors() {
  local errors; errors=$(grep -ciE ' (error|critical) ' "$WORK/serve.log")
  if [ "$errors" -gt 0 ]; then
    echo "server log: $errors error lines, most common:" | tee -a "$NOTES"
    grep -iE ' (error|critical) ' "$WORK/serve.log" | sed -E 's/^[^ ]+ //' | sort | uniq -c | sort -rn | head -5 | tee -a "$NOTES"
    echo "server log: first error lines as logged:" | tee -a "$NOTES"
    grep -iE ' (error|critical) ' "$WORK/serve.log" | head -3 | cut -c1-400 | tee -a "$NOTES"
  fi
}

# Every 201 must be a stored row. wrk stops mid-flight, so requests it
# abandoned may have been committed unanswered: the verdict allows at most
# that many more, and says so. EXTRA is appended to an ok verdict, and
# EXTRA_OK=0 fails it (e.g. a second table that disagrees).
bench_verdict() { # label, rows stored, noun (plural), extra text, extra ok (1/0)
  local label=$1 stored=$2 noun=$3 extra=${4:-} extra_ok=${5:-1}
  local ok201 unanswered exhausted verdict
  ok201=$(field ok201); unanswered=$(field unanswered); exhausted=$(field exhausted)
  if [ "$stored" -eq "$ok201" ] && [ "$extra_ok" = 1 ]; then
    verdict="ok: $stored new $noun stored = $ok201 answered 201${extra:+; $extra}"
  elif [ "$stored" -ge "$ok201" ] && [ "$((stored - ok201))" -le "$unanswered" ] && [ "$extra_ok" = 1 ]; then
    verdict="ok: $stored new $noun stored = $ok201 answered 201 + $((stored - ok201)) of the $unanswered requests cut off when wrk stopped${extra:+; $extra}"
  else
    verdict="FAIL: $stored new $noun stored, $ok201 answered 201 ($unanswered unanswered)${extra:+; $extra}"
    STATUS=1
  fi
  echo "$label: $verdict" | tee -a "$NOTES"
  [ "$exhausted" -gt 0 ] && { echo "$label: ran out of tokens ($exhausted requests went to /healthz): raise the count" | tee -a "$NOTES"; STATUS=1; }
  return 0
}

# pgbench: one client (BENCH_PGBENCH_CLIENTS=n for more), one transaction per
# row set, prepared statements (python3 has no PostgreSQL driver here;
# pgbench adds least overhead).
# Prints transactions per second (0 on failure, with pgbench's error).
bench_pgbench() { # sql file, database url
  local tps
  local clients=${BENCH_PGBENCH_CLIENTS:-1}
  tps=$(pgbench -n -M prepared -c "$clients" -j "$(( clients < 2 ? 1 : 2 ))" -T "$DURATION" -f "$1" "$2" 2>"$WORK/pgbench.err" \
          | sed -nE 's/^tps = ([0-9.]+) .*without initial connection.*/\1/p')
  [ -n "$tps" ] || { cat "$WORK/pgbench.err" >&2; tps=0; }
  echo "$tps"
}

# The storage-limit reference on SQLite (issue 25): a plain loop writing the
# rows one server write writes, on the same database with the server
# stopped, at 1 per commit (the serial reference), at the batch size the
# server's group commit reached in this run (from its metrics, in $NOTES),
# and at 50 per commit (what the disk allows once commits are shared).
# SCRIPT takes its own arguments, then seconds and the batch size. Prints
# the three rates and the server's ratios; sets RAW to the 50-per-commit rate.
bench_storage_reference() { # label, noun (signatures), python script, script arguments...
  local label=$1 noun=$2 script=$3; shift 3
  local group serial batched fifty
  group=$(grep -oE 'group commit: [0-9]+ commits, [0-9.]+ writes per commit' "$NOTES" | tail -1 | sed -E 's/.*, ([0-9.]+) writes.*/\1/')
  group=${group:-1}
  serial=$(python3 "$script" "$@" "$RAW_SECONDS" 1)
  batched=$(python3 "$script" "$@" "$RAW_SECONDS" "$group")
  fifty=$(python3 "$script" "$@" "$RAW_SECONDS" 50)
  printf '%s: storage-limit reference (a plain loop, the same rows, the same database): 1 per commit %.0f %s/s; %s per commit (the group commit batch) %.0f/s; 50 per commit %.0f/s\n' \
    "$label" "$serial" "$noun" "$group" "$batched" "$fifty" | tee -a "$NOTES"
  python3 -c "import sys; r, s, b, f = map(float, sys.argv[1:5]); print(f'$label: server / 50 per commit = {r / f:.2f} (target >= 0.3); / same batch = {r / b:.2f}; / 1 per commit = {r / s:.2f}')" \
    "$(field rps201)" "$serial" "$batched" "$fifty" | tee -a "$NOTES"
  RAW=$fifty
}

# One line of the summary table.
bench_result_row() { # label, raw rows/s
  echo "$1 $(field rps201) $(field p50_ms) $(field p99_ms) $2 $(field ok201) $(non201) $(field s5xx)" >>"$RESULTS"
}

# SQLite always; PostgreSQL when HROMADA_TEST_POSTGRES_URL is set or
# ../shared/scripts/postgres-up works; BENCH_BACKENDS=sqlite (or postgres)
# runs only one of them. PostgreSQL gets a database of its own, dropped at
# the end; the CLI and the server share HROMADA_SECRET, or bulk-created
# tokens would not match.
bench_run_backends() { # database file name for SQLite (in $WORK)
  local backends=${BENCH_BACKENDS:-sqlite,postgres}
  [[ ",$backends," == *,sqlite,* ]] && run_backend sqlite "sqlite:$WORK/$1"
  [[ ",$backends," == *,postgres,* ]] || return 0
  local url=${HROMADA_TEST_POSTGRES_URL:-}
  [ -z "$url" ] && url=$(../shared/scripts/postgres-up 2>/dev/null | tail -1)
  if [[ "$url" == postgres* ]] && command -v psql >/dev/null && command -v pgbench >/dev/null; then
    PG_ADMIN_URL=$url
    PG_DB="hromada_bench_$$"
    if psql "$PG_ADMIN_URL" -qtAc "CREATE DATABASE $PG_DB" >/dev/null; then
      export HROMADA_SECRET=bench-secret-0123456789-0123456789-abcdef
      run_backend postgres "${url%/*}/$PG_DB"
      unset HROMADA_SECRET
    else
      echo "postgres: could not create a database, skipped" | tee -a "$NOTES"
    fi
  else
    echo "postgres: not available (set HROMADA_TEST_POSTGRES_URL), skipped" | tee -a "$NOTES"
  fi
}

# The table of all backends, the SQLite target and the notes; then exits
# with $STATUS. The reference is the storage limit: on SQLite a plain loop
# at 50 per commit, on PostgreSQL pgbench with 16 clients.
bench_summary() { # title, unit (ballots/s), SQLite target (per second), p99 target (ms), ratio target (optional)
  echo
  echo "$1 ($THREADS wrk threads, $CONNECTIONS connections, ${DURATION} s) vs the storage-limit reference, $(nproc) CPUs"
  python3 - "$RESULTS" "$2" "$3" "$4" "${5:-0}" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
unit, target, p99_target, ratio_target = sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
head = ("backend", unit, "p50 ms", "p99 ms", "reference/s", "ratio", "201s", "non-201", "5xx")
print("| " + " | ".join(head) + " |")
print("|" + "|".join("---" for _ in head) + "|")
for label, rps, p50, p99, raw, ok, non, err in rows:
    ratio = float(rps) / float(raw) if float(raw) > 0 else float("nan")
    print(f"| {label} | {float(rps):.0f} | {float(p50):.1f} | {float(p99):.1f} | {float(raw):.0f} | {ratio:.2f} | {ok} | {non} | {err} |")
# The goal for the embedded database, stated so a run says plainly where it stands.
for label, rps, p50, p99, raw, *_ in rows:
    if label == "sqlite":
        ratio = float(rps) / float(raw) if float(raw) > 0 else 0
        met = float(rps) >= target and float(p99) < p99_target and ratio >= ratio_target
        wanted = f">= {target:.0f} {unit}, p99 < {p99_target:.0f} ms" + (f", >= {ratio_target}x the reference" if ratio_target else "")
        print(f"target on SQLite ({wanted}): {'met' if met else 'NOT met'} "
              f"({float(rps):.0f} {unit}, p99 {float(p99):.0f} ms, {ratio:.2f}x)")
PY
  cat "$NOTES"
  exit "$STATUS"
}
