#!/usr/bin/env bash
# HTTP throughput of the city home page on embedded SQLite, as a ratio to
# /healthz measured in the same run, plus the server's idle memory.
#   scripts/bench-http.sh [seconds] [connections]
# Needs wrk (Debian: apt-get install wrk). Uses the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15}
CONNECTIONS=${2:-64}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
swift build -c release --product hromada >/dev/null
BIN=.build/release/hromada
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" serve --database "sqlite:$WORK/bench.sqlite" --port "$PORT" --demo >"$WORK/serve.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
sleep 3
idle_kb=$(awk '/VmRSS/ {print $2}' /proc/$PID/status)

cat >"$WORK/get.lua" <<'LUA'
-- One GET per request, keep-alive, a fixed Accept-Language like a browser.
wrk.method = "GET"
wrk.headers["Accept"] = "text/html"
wrk.headers["Accept-Language"] = "uk-UA,uk;q=0.9"
done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
run() { wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$WORK/get.lua" "http://127.0.0.1:$PORT$1" | grep RESULT; }
# Warm up both paths, then measure.
wrk -t2 -c8 -d2s "http://127.0.0.1:$PORT/healthz" >/dev/null
wrk -t2 -c8 -d2s "http://127.0.0.1:$PORT/vinnytsia" >/dev/null
health=$(run /healthz)
city=$(run /vinnytsia)
busy_kb=$(awk '/VmRSS/ {print $2}' /proc/$PID/status)
h_rps=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$health")
c_rps=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$city")
echo "healthz:    $health"
echo "/vinnytsia: $city"
python3 -c "print(f'ratio /vinnytsia : /healthz = {float($c_rps)/float($h_rps):.3f}')"
echo "idle RSS after start: $((idle_kb / 1024)) MiB; after load: $((busy_kb / 1024)) MiB"
