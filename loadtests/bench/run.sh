#!/usr/bin/env bash
# Benchmark of the open-model load engine on this machine (issue 3, item 4). Not a test: it prints numbers.
#   1. 2 fixed order services, 2 × RATE req/s for DURATION: achieved rate, schedule lag, generator CPU and RSS.
#   2. Max rate on one fast fixed service (work 1 ms): our engine (open model, far over capacity) vs wrk.
# Every process it starts is ended on exit (trap). Usage: loadtests/bench/run.sh  (env: RATE DURATION MAX_DURATION CONNECTIONS)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RATE=${RATE:-1000}
DURATION=${DURATION:-60s}
MAX_DURATION=${MAX_DURATION:-15}
CONNECTIONS=${CONNECTIONS:-64}
WORK=$(mktemp -d)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

echo "== build (Release)"
dotnet build "$ROOT/services/OrderService/OrderService.csproj" -c Release -v q -nologo | grep -E "error|Warn|Elapsed" || true
dotnet build "$ROOT/loadtests/OrderLeakLab.LoadTests/OrderLeakLab.LoadTests.csproj" -c Release -v q -nologo | grep -E "error|Warn|Elapsed" || true
SERVICE="$ROOT/services/OrderService/bin/Release/net10.0/OrderService.dll"
LOAD="$ROOT/loadtests/OrderLeakLab.LoadTests/bin/Release/net10.0/OrderLeakLab.LoadTests.dll"

# start_service NAME [ENV=VALUE...]: a fixed order service on a free loopback port; sets URL.
# (Not called in $(...): a subshell would lose the PID and leave the service running.)
start_service() {
  local name=$1; shift
  env Orders__Variant=fixed Orders__AdminUrls=http://127.0.0.1:0 "$@" \
    dotnet "$SERVICE" --urls http://127.0.0.1:0 >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 600); do
    if url=$(grep -o 'Orders listening on: [^ ]*' "$WORK/$name.log" | awk '{print $4}') && [ -n "$url" ]; then
      URL=${url%/}; return 0
    fi
    sleep 0.1
  done
  echo "service $name did not start:" >&2; cat "$WORK/$name.log" >&2; return 1
}

# run_load OUT ARGS...: runs the generator under /usr/bin/time; OUT.time holds "wall user sys maxrss_kb".
run_load() {
  local out=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$out.time" dotnet "$LOAD" "$@" --report "$out" >"$out.log" 2>&1 &
  local pid=$!; PIDS+=($pid)
  wait "$pid" || true
}

echo "== 1. schedule accuracy: 2 fixed services, 2 × $RATE req/s for $DURATION"
start_service fixed-a; A=$URL
start_service fixed-b; B=$URL
echo "services: fixed-a=$A fixed-b=$B (warm-up 3 s at 200 req/s)"
run_load "$WORK/warm" --target "a=$A" --target "b=$B" --rate 200 --duration 3s
run_load "$WORK/main" --target "fixed-a=$A" --target "fixed-b=$B" --rate "$RATE" --duration "$DURATION"
read -r wall user sys rss < "$WORK/main.time"
jq -r --arg rate "$RATE" '.scenarios[] |
  (.intervals | map(select(.final | not)) | map(.stats.sent)) as $sent |
  "\(.name): scheduled \(.scheduled) sent \(.total.sent) dropped \(.total.dropped) -> \((.total.sent / (($sent | length))) * 10 | round / 10) req/s over \($sent | length) s (target \($rate), per-second min \($sent | min) max \($sent | max)); completed \(.total.completed) ok \(.total.ok) (\(.total.statusCodes | to_entries | map("\(.key):\(.value)") | join(" "))) timeouts \(.total.timeouts) conn \(.total.connectionErrors)\n  schedule lag ms p50 \(.total.scheduleLagMs.p50) p99 \(.total.scheduleLagMs.p99) max \(.total.scheduleLagMs.max); latency ms p50 \(.total.latencyMs.p50) p99 \(.total.latencyMs.p99)"' \
  "$WORK/main/load-report.json"
awk -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" 'BEGIN { printf "generator: wall %.1f s, CPU user %.1f s + sys %.1f s = %.2f cores on average, max RSS %.0f MiB\n", w, u, s, (u+s)/w, m/1024 }'

echo "== 2. max rate on one fast fixed service (Orders__WorkMin/Max = 1 ms), $CONNECTIONS connections, ${MAX_DURATION}s each"
# Our engine offers far more than the service can take with at most $CONNECTIONS in flight (extra arrivals are
# dropped, cheaply), which makes it a closed loop of $CONNECTIONS like wrk's; throughput = ok responses/s.
start_service fast Orders__WorkMin=00:00:00.001 Orders__WorkMax=00:00:00.001; F=$URL
echo "service: fast=$F (warm-up 3 s)"
run_load "$WORK/warm2" --target "f=$F" --rate 500 --duration 3s
run_load "$WORK/max" --target "fast=$F" --rate 50000 --duration "${MAX_DURATION}s" --max-connections "$CONNECTIONS" --max-in-flight "$CONNECTIONS"
ours=$(jq -r '.scenarios[0] | (.intervals | map(select(.final | not)) | length) as $n | .total.ok / $n' "$WORK/max/load-report.json")
jq -r '.scenarios[0] | "engine: offered 50000 req/s open-model; ok \(.total.ok), completed \(.total.completed), dropped at the in-flight cap \(.total.dropped), timeouts \(.total.timeouts), latency p50 \(.total.latencyMs.p50) ms"' "$WORK/max/load-report.json"
read -r wall user sys rss < "$WORK/max.time"
wrk -t2 -c"$CONNECTIONS" -d"${MAX_DURATION}s" -s "$ROOT/loadtests/bench/post-order.lua" "$F/orders" >"$WORK/wrk.log" 2>&1 || true
theirs=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.log")
grep -E "Latency|Requests/sec|Non-2xx|Socket errors" "$WORK/wrk.log" | sed 's/^/wrk: /'
awk -v o="$ours" -v t="$theirs" -v u="$user" -v s="$sys" -v w="$wall" 'BEGIN { printf "max rate: engine %.0f ok/s (CPU %.2f cores), wrk %.0f req/s, engine/wrk = %.2f\n", o, (u+s)/w, t, o/t }'
