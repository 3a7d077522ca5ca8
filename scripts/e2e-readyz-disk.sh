#!/usr/bin/env bash
# End-to-end: /readyz says 503 ("disk_full") within 5 seconds when the disk
# under an SQLite database fills up, and 200 again within 5 seconds after
# space is freed, while /livez stays 200 throughout. The database lives on a
# small tmpfs mounted for the check, filled with a file; needs root (mount),
# and skips with a note where mounting is not allowed. Run by .ci/run;
# prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/e2e-common.sh
e2e_init
DISK="$WORK/disk"
mkdir -p "$DISK"
if ! mount -t tmpfs -o size=40m tmpfs "$DISK" 2>"$WORK/mount.err"; then
  echo "# skip: cannot mount a tmpfs here ($(cat "$WORK/mount.err")); the check needs root"
  e2e_finish; exit
fi
trap 'e2e_cleanup_disk' EXIT
e2e_cleanup_disk() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  SERVER_PID=""
  umount "$DISK" 2>/dev/null
  e2e_cleanup
}

status() { curl -s -o "$WORK/body" -w '%{http_code}' "http://127.0.0.1:$PORT/$1"; }
# Seconds until /readyz answers WANT (polled every 0.1 s, up to 10 s), or "never".
until_ready_is() {
  local want=$1 start; start=$(date +%s.%N)
  for _ in $(seq 1 100); do
    if [ "$(status readyz)" = "$want" ]; then python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$start" "$(date +%s.%N)"; return; fi
    sleep 0.1
  done
  echo never
}

export HROMADA_METRICS_TOKEN=e2e-metrics-token-0123456789
if ! start_server "sqlite:$DISK/hromada.sqlite" --demo; then fail "server starts on the small disk" "$(tail -20 "$WORK/serve.log")"; e2e_finish; exit; fi
first=$(status readyz)
check "ready on a disk with room" "$(cat "$WORK/body")" [ "$first" = 200 ]

# Fill the disk: a file takes everything but a few KiB.
dd if=/dev/zero of="$DISK/filler" bs=1M count=64 status=none 2>/dev/null
took=$(until_ready_is 503)
check "not ready within 5 s of the disk filling ($took s)" "$(cat "$WORK/body")" python3 -c "import sys; sys.exit(0 if sys.argv[1] != 'never' and float(sys.argv[1]) <= 5 else 1)" "$took"
grep -q disk_full "$WORK/body" && ok "the 503 names disk_full" || fail "the 503 names disk_full" "$(cat "$WORK/body")"
check "still live while the disk is full" "" [ "$(status livez)" = 200 ]
metric=$(curl -s -H "Authorization: Bearer $HROMADA_METRICS_TOKEN" "http://127.0.0.1:$PORT/metrics" | grep '^hromada_ready ')
check "hromada_ready is 0 while the disk is full" "$metric" [ "$metric" = "hromada_ready 0.0" ]

rm -f "$DISK/filler"
took=$(until_ready_is 200)
check "ready again within 5 s of space being freed ($took s)" "$(cat "$WORK/body")" python3 -c "import sys; sys.exit(0 if sys.argv[1] != 'never' and float(sys.argv[1]) <= 5 else 1)" "$took"
e2e_finish
