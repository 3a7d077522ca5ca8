#!/usr/bin/env bash
# HTTP throughput of the pages every anonymous reader sees (the city home,
# the budgets and petitions lists, a petition, a budget project, a budget's
# results) on embedded SQLite, each as a ratio to /healthz measured in the
# same run, with p50/p99 latency, plus the server's memory.
#   scripts/bench-http.sh [seconds] [connections]
#   BENCH_BIN=/tmp/hromada-before scripts/bench-http.sh 10   (measure a given binary, no build)
# Target (issue 25): each page >= 0.5x /healthz with p99 < 30 ms at 64
# connections. Needs wrk (apt-get install -y wrk). Builds the static release
# binary as deploy/Dockerfile does (.build-static). Not run by CI.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
CONNECTIONS=${2:-64}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
if [ -n "${BENCH_BIN:-}" ]; then
  BIN=$BENCH_BIN
else
  swift build -c release --static-swift-stdlib --product hromada --scratch-path .build-static >/dev/null
  BIN=.build-static/release/hromada
fi
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" serve --database "sqlite:$WORK/bench.sqlite" --port "$PORT" --demo >"$WORK/serve.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$WORK"' EXIT
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 150); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
sleep 3
idle_kb=$(awk '/VmRSS/ {print $2}' /proc/$PID/status)
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs; binary $BIN"

# The demo's ids are random: find one petition, one budget with results and
# one of its projects by following the links a reader would.
first_link() { curl -fs "$BASE$1" | grep -oE "href=\"$2\"" | head -1 | sed -E 's/^href="(.*)"$/\1/'; }
petition=$(first_link /vinnytsia/petitions '/vinnytsia/petitions/[0-9a-z]{26}')
results=""
for budget in $(curl -fs "$BASE/vinnytsia/budgets" | grep -oE 'href="/vinnytsia/budgets/[0-9a-z]{26}"' | sed -E 's/^href="(.*)"$/\1/' | sort -u); do
  results=$(first_link "$budget" '/vinnytsia/budgets/[0-9a-z]{26}/results') && [ -n "$results" ] && break
done
project=$(first_link "${results%/results}" '/vinnytsia/budgets/[0-9a-z]{26}/projects/[0-9a-z]{26}')
PAGES=(/vinnytsia /vinnytsia/budgets /vinnytsia/petitions "$petition" "$project" "$results")
NAMES=("city home" "budgets list" "petitions list" "a petition" "a budget project" "budget results")

cat >"$WORK/get.lua" <<'LUA'
-- One GET per request, keep-alive, a browser's Accept-Language; no cookies,
-- so every request is an anonymous reader's first visit.
wrk.method = "GET"
wrk.headers["Accept"] = "text/html"
wrk.headers["Accept-Language"] = "uk-UA,uk;q=0.9"
local non200 = 0
response = function(status, headers, body)
  if status ~= 200 then non200 = non200 + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
run() { wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$WORK/get.lua" "$BASE$1" | grep RESULT; }
field() { sed -E "s/.* $1=([0-9.]+).*/\1/" <<<"$2"; }

# Warm up every path, then measure /healthz first and the pages after it.
for path in /healthz "${PAGES[@]}"; do
  [ -n "$path" ] || { echo "could not find every page in the demo" >&2; exit 1; }
  curl -fs -o /dev/null "$BASE$path" || { echo "GET $path failed" >&2; exit 1; }
  wrk -t2 -c8 -d1s "$BASE$path" >/dev/null
done
health=$(run /healthz)
h_rps=$(field rps "$health")
printf '| %-16s | %8s | %6s | %6s | %6s | %s |\n' page "req/s" "p50 ms" "p99 ms" ratio "target (>= 0.5x, p99 < 30 ms)"
printf '|%s|\n' "------------------|----------|--------|--------|--------|------"
printf '| %-16s | %8.0f | %6.2f | %6.2f | %6s | %s |\n' /healthz "$h_rps" "$(field p50_ms "$health")" "$(field p99_ms "$health")" 1.00 reference
STATUS=0
for i in "${!PAGES[@]}"; do
  result=$(run "${PAGES[$i]}")
  verdict=$(python3 -c "
import sys
rps, p99, ref, errors = map(float, sys.argv[1:5])
ok = rps >= 0.5 * ref and p99 < 30 and errors == 0
print(f'{rps / ref:.2f} {\"met\" if ok else \"NOT met\"}{\"\" if errors == 0 else f\" ({errors:.0f} errors)\"}')" \
    "$(field rps "$result")" "$(field p99_ms "$result")" "$h_rps" "$(field errors "$result")")
  [[ "$verdict" == *"NOT met"* ]] && STATUS=1
  printf '| %-16s | %8.0f | %6.2f | %6.2f | %6s | %s |\n' "${NAMES[$i]}" "$(field rps "$result")" "$(field p50_ms "$result")" \
    "$(field p99_ms "$result")" "${verdict%% *}" "${verdict#* }"
done
echo "pages: ${PAGES[*]}"
busy_kb=$(awk '/VmRSS/ {print $2}' /proc/$PID/status)
echo "idle RSS after start: $((idle_kb / 1024)) MiB; after load: $((busy_kb / 1024)) MiB"
exit $STATUS
