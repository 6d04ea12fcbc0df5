#!/usr/bin/env bash
# Where the pause of `leaklab inspect` goes against the real leaky order service under load (issue 11 item 4).
# Not a test: it prints numbers. Starts the leaky variant in its own memory cgroup (LIMIT, default 512M, the GC's
# hard limit above it as the lab sets it), drives it at RATE req/s (default 1000) with the load generator, and each
# time the parked workers reach the next of AT (default "10000 15000 25000") runs `leaklab inspect --pid N` (memory
# snapshot, as the demo takes it) and prints the pause, its breakdown and the workers the service reported.
# Usage: loadtests/bench/leaky-pause.sh   Env: AT, RATE, LIMIT, NO_BUILD.
# Everything it starts is ended on exit (trap) and the cgroup removed.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
AT=${AT:-10000 15000 25000}
RATE=${RATE:-1000}
LIMIT=${LIMIT:-512M}
PORT=$((20000 + $$ % 10000))
ADMIN=$((PORT + 1))
CG=/sys/fs/cgroup/memory/leaklab-pausebench-$$
WORK=$(mktemp -d)
SERVICE_PID=
LOAD_PID=

cleanup() {
  for pid in $LOAD_PID $SERVICE_PID; do kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  [ -d "$CG" ] && { for _ in $(seq 1 50); do rmdir "$CG" 2>/dev/null && break; sleep 0.1; done; }
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

if [ -z "${NO_BUILD:-}" ]; then
  for p in lab/OrderLeakLab.Lab/OrderLeakLab.Lab.csproj services/OrderService/OrderService.csproj loadtests/OrderLeakLab.LoadTests/OrderLeakLab.LoadTests.csproj; do
    dotnet build "$ROOT/$p" -c Release -v q -nologo | grep -E " error " || true
  done
fi
LEAKLAB="$ROOT/lab/OrderLeakLab.Lab/bin/Release/net10.0/leaklab.dll"
SERVICE="$ROOT/services/OrderService/bin/Release/net10.0/OrderService.dll"
LOAD="$ROOT/loadtests/OrderLeakLab.LoadTests/bin/Release/net10.0/OrderLeakLab.LoadTests.dll"

mkdir "$CG"
echo "$LIMIT" >"$CG/memory.limit_in_bytes"
# Joins the cgroup before the runtime starts, as the lab does.
Orders__Variant=leaky Orders__AdminUrls="http://127.0.0.1:$ADMIN" ASPNETCORE_URLS="http://127.0.0.1:$PORT" DOTNET_GCHeapHardLimit=0x40000000 \
  sh -c "echo \$\$ >$CG/cgroup.procs; exec dotnet $SERVICE" >"$WORK/service.out" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.2; done
workers() { curl -s --max-time 2 "http://127.0.0.1:$PORT/metrics" | awk '/^orders_workers_inflight/ { printf "%d", $2 }'; }

dotnet "$LOAD" --target "leaky=http://127.0.0.1:$PORT" --rate "$RATE" --duration 120s >"$WORK/load.out" 2>&1 &
LOAD_PID=$!
echo "leaky order service pid $SERVICE_PID at $RATE req/s, cgroup limit $LIMIT, $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg)"
for want in $AT; do
  while :; do
    have=$(workers || true)
    [ -n "$have" ] && [ "$have" -ge "$want" ] && break
    kill -0 "$SERVICE_PID" 2>/dev/null || { echo "the service exited (cgroup OOM kills: $(awk '/oom_kill /{print $2}' "$CG/memory.oom_control"))"; exit 1; }
    sleep 0.5
  done
  usage=$(( $(cat "$CG/memory.usage_in_bytes") / 1048576 ))
  status=0
  timeout 300 dotnet "$LEAKLAB" inspect --pid "$SERVICE_PID" >"$WORK/out" 2>"$WORK/err" || status=$?
  after=$(workers || true)
  echo "-- $have workers in flight, cgroup usage $usage MiB, load average $(cut -d' ' -f1 /proc/loadavg), exit $status; the service answered /metrics afterwards: ${after:-no}"
  grep -E "^pid |^pause:|^leak site:" "$WORK/out" || tail -3 "$WORK/err"
done
