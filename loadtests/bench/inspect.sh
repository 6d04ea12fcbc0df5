#!/usr/bin/env bash
# Benchmark of `leaklab inspect` (issues 11 item 4 and 16 item 6). Not a test: it prints numbers.
# A target process parks WORKERS async workers (rooted in a static registry, each keeping OBJECTS small objects) and,
# under load, runs 2 threads that allocate without pause. For each of idle/load and live/snapshot/dump it runs
# `leaklab inspect --pid N --heap` (type table after a full GC, retention paths) and prints one table row: the target's
# pause and (snapshot mode) where it went, the whole inspection's time, the inspector's peak RSS and the target's RSS
# before → after.
# Usage: loadtests/bench/inspect.sh ["WORKERS…"] [OBJECTS]   (default "10000 100000" 10: a row set for 10k and for 100k
# parked workers, each keeping 10 objects)
# Env: MODES (default "live snapshot dump"), LOADS (default "idle load"), TIMEOUT per inspection in s (default 300).
# Every process it starts is ended on exit (trap); dump files are deleted.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORKER_COUNTS=${1:-10000 100000}
OBJECTS=${2:-10}
MODES=${MODES:-live snapshot dump}
LOADS=${LOADS:-idle load}
TIMEOUT=${TIMEOUT:-300}
WORK=$(mktemp -d)
TARGET_PID=

cleanup() {
  if [ -n "$TARGET_PID" ]; then kill -9 "$TARGET_PID" 2>/dev/null || true; wait "$TARGET_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

if [ -z "${NO_BUILD:-}" ]; then
  dotnet build "$ROOT/lab/OrderLeakLab.Lab/OrderLeakLab.Lab.csproj" -c Release -v q -nologo | grep -E " error |Elapsed" || true
  dotnet build "$ROOT/tests/OrderLeakLab.Inspect.Tests/OrderLeakLab.Inspect.Tests.csproj" -c Release -v q -nologo | grep -E " error |Elapsed" || true
fi
LEAKLAB="$ROOT/lab/OrderLeakLab.Lab/bin/Release/net10.0/leaklab.dll"
TARGET="$ROOT/tests/OrderLeakLab.Inspect.Tests/bin/Release/net10.0/OrderLeakLab.Inspect.Tests.dll"

rss_mib() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

echo "inspect benchmark: $WORKER_COUNTS parked workers × $OBJECTS objects each, $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg)"
echo "| workers | objects | target | mode | target paused | of it: suspend / copy (MB) | inspection | inspector peak RSS | target RSS before → after | leak site |"
echo "|---:|---:|---|---|---:|---|---:|---:|---|---|"
for WORKERS in $WORKER_COUNTS; do
for load in $LOADS; do
  busy=0; [ "$load" = load ] && busy=2
  mkfifo "$WORK/in"
  dotnet "$TARGET" bench "$WORKERS" "$OBJECTS" "$busy" <"$WORK/in" >"$WORK/target.out" 2>&1 &
  TARGET_PID=$!
  exec 3>"$WORK/in" # holds the target's stdin open until we close it
  for _ in $(seq 1 600); do grep -q ready "$WORK/target.out" && break; sleep 0.1; done
  for mode in $MODES; do
    flag=""; [ "$mode" = live ] && flag=--live; [ "$mode" = dump ] && flag=--dump
    before=$(rss_mib "$TARGET_PID")
    status=0
    /usr/bin/time -f "%M" -o "$WORK/time" timeout "$TIMEOUT" dotnet "$LEAKLAB" inspect --pid "$TARGET_PID" --heap $flag >"$WORK/out" 2>"$WORK/err" || status=$?
    after=$(rss_mib "$TARGET_PID")
    rm -f "${TMPDIR:-/tmp}"/leaklab-"$TARGET_PID"-*.dmp # --dump keeps its file; the benchmark does not
    if [ "$status" -ne 0 ]; then
      echo "| $WORKERS | $OBJECTS | $load | $mode | failed (exit $status): $(tail -1 "$WORK/err" | cut -c1-80) | | | | | |"
      continue
    fi
    # A line that is not there (live and dump modes have no "pause:" line) leaves its field empty, not the script ended.
    paused=$(grep -o 'target paused [0-9,]* ms' "$WORK/out" | head -1 | tr -dc '0-9' || true)
    took=$(grep -o 'inspection took [0-9,]* ms' "$WORK/out" | head -1 | tr -dc '0-9' || true)
    site=$(grep -m1 '^leak site:' "$WORK/out" | cut -c12-70 || true)
    # "pause: suspend 41 ms (212 threads), …, copy 231 ms (247 MB, …" (snapshot mode only)
    stages=$(grep -m1 '^pause:' "$WORK/out" | sed -nE 's/.*suspend ([0-9,]+ ms).*copy ([0-9,]+ ms) \(([0-9,]+) MB.*/\1 \/ \2 (\3)/p' || true)
    awk -v w="$WORKERS" -v o="$OBJECTS" -v l="$load" -v m="$mode" -v p="$paused" -v g="${stages:-–}" -v t="$took" -v r="$(cat "$WORK/time")" -v b="$before" -v a="$after" -v s="$site" \
      'BEGIN { printf "| %d | %d | %s | %s | %d ms | %s | %.1f s | %.0f MiB | %d → %d MiB | %s |\n", w, o, l, m, p, g, t / 1000, r / 1024, b, a, s }'
  done
  exec 3>&-
  kill -9 "$TARGET_PID" 2>/dev/null || true; wait "$TARGET_PID" 2>/dev/null || true; TARGET_PID=
  rm -f "$WORK/in"
done
done
