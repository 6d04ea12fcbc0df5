#!/usr/bin/env bash
# Cost of the order service's metrics (issue 10, item 4): two builds of the service side by side in one run, each a
# fixed variant at RATE req/s for DURATION, scraped every second the way Prometheus scrapes (OpenMetrics preferred).
# Prints per build: service CPU (cores, from /proc/PID/stat over the load), p99 latency (load generator),
# /metrics scrape time (median, p90, max) and size. Not a test: it prints numbers.
# DRIVER=wrk instead drives each with wrk (closed loop, CONNECTIONS each, both at once) and services whose work takes
# 1 ms, so the HTTP and metrics pipeline dominates: on a machine too busy to serve RATE, CPU per answered request
# is still comparable. Usage: loadtests/bench/metrics-cost.sh BEFORE_DLL [AFTER_DLL]  (env: RATE DURATION DRIVER CONNECTIONS)
#   e.g. git worktree add /tmp/before ac7c6b6 && dotnet build /tmp/before/services/OrderService -c Release
#        loadtests/bench/metrics-cost.sh /tmp/before/services/OrderService/bin/Release/net10.0/OrderService.dll
# Every process it starts is ended on exit (trap).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BEFORE=${1:?usage: $0 BEFORE_DLL [AFTER_DLL]}
AFTER=${2:-$ROOT/services/OrderService/bin/Release/net10.0/OrderService.dll}
RATE=${RATE:-1000}
DURATION=${DURATION:-60}
DRIVER=${DRIVER:-engine}
CONNECTIONS=${CONNECTIONS:-16}
WORK_ENV=()
[ "$DRIVER" = wrk ] && WORK_ENV=(Orders__WorkMin=00:00:00.001 Orders__WorkMax=00:00:00.001)
LOAD="$ROOT/loadtests/OrderLeakLab.LoadTests/bin/Release/net10.0/OrderLeakLab.LoadTests.dll"
ACCEPT='application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1'
WORK=$(mktemp -d)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

[ -f "$LOAD" ] || dotnet build "$ROOT/loadtests/OrderLeakLab.LoadTests/OrderLeakLab.LoadTests.csproj" -c Release -v q -nologo

# start_service NAME DLL: a fixed order service on a free loopback port; sets URL and PID.
start_service() {
  local name=$1 dll=$2
  env Orders__Variant=fixed Orders__AdminUrls=http://127.0.0.1:0 "${WORK_ENV[@]}" dotnet "$dll" --urls http://127.0.0.1:0 >"$WORK/$name.log" 2>&1 &
  PID=$!; PIDS+=("$PID")
  for _ in $(seq 1 600); do
    if url=$(grep -o 'Orders listening on: [^ ]*' "$WORK/$name.log" | awk '{print $4}') && [ -n "$url" ]; then
      URL=${url%/}; return 0
    fi
    sleep 0.1
  done
  echo "service $name did not start:" >&2; cat "$WORK/$name.log" >&2; return 1
}

# cpu_ticks PID: user + system clock ticks the process has used.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

start_service before "$BEFORE"; B_URL=$URL; B_PID=$PID
start_service after "$AFTER"; A_URL=$URL; A_PID=$PID
echo "before=$B_URL (pid $B_PID, $BEFORE)"
echo "after=$A_URL (pid $A_PID, $AFTER)"
dotnet "$LOAD" --target "before=$B_URL" --target "after=$A_URL" --rate 200 --duration 5s >"$WORK/warm.log" 2>&1

b0=$(cpu_ticks "$B_PID"); a0=$(cpu_ticks "$A_PID"); t0=$(date +%s.%N)
if [ "$DRIVER" = wrk ]; then
  ( wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$ROOT/loadtests/bench/post-order.lua" "$B_URL/orders" >"$WORK/wrk-before.log" 2>&1 & b=$!
    wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$ROOT/loadtests/bench/post-order.lua" "$A_URL/orders" >"$WORK/wrk-after.log" 2>&1
    wait $b ) &
else
  dotnet "$LOAD" --target "before=$B_URL" --target "after=$A_URL" --rate "$RATE" --duration "${DURATION}s" --report "$WORK/load" >"$WORK/load.log" 2>&1 &
fi
LOAD_PID=$!; PIDS+=("$LOAD_PID")
# Scrape both every second while the load runs, alternating which goes first.
sleep 5
i=0
while kill -0 "$LOAD_PID" 2>/dev/null && [ "$i" -lt $((DURATION - 8)) ]; do
  for name in $( [ $((i % 2)) -eq 0 ] && echo "before after" || echo "after before" ); do
    url=$B_URL; [ "$name" = after ] && url=$A_URL
    curl -s -o /dev/null -H "Accept: $ACCEPT" -w "$name %{time_total} %{size_download}\n" "$url/metrics" >>"$WORK/scrapes" || true
  done
  i=$((i + 1)); sleep 1
done
wait "$LOAD_PID" || true
b1=$(cpu_ticks "$B_PID"); a1=$(cpu_ticks "$A_PID"); t1=$(date +%s.%N)
hz=$(getconf CLK_TCK)

for name in before after; do
  if [ "$name" = before ]; then c0=$b0; c1=$b1; else c0=$a0; c1=$a1; fi
  if [ "$DRIVER" = wrk ]; then
    answered=$(awk '/requests in/ {print $1}' "$WORK/wrk-$name.log")
    p99="$(awk '$1 == "99%" {print $2}' "$WORK/wrk-$name.log") (wrk, $CONNECTIONS connections: $answered answered, $(awk '/Requests\/sec/ {print $2}' "$WORK/wrk-$name.log") req/s)"
  else
  p99=$(jq -r --arg n "$name" '.scenarios[] | select(.name == $n) | "\(.total.latencyMs.p99) ms (sent \(.total.sent), client timeouts \(.total.timeouts))"' "$WORK/load/load-report.json")
  answered=$(jq -r --arg n "$name" '.scenarios[] | select(.name == $n) | .total.ok + ([.total.statusCodes | to_entries[] | select(.key != "200") | .value] | add // 0)' "$WORK/load/load-report.json")
  fi
  scrape=$(awk -v n="$name" '$1 == n {print $2 * 1000, $3}' "$WORK/scrapes" | sort -n | awk '
    { t[NR] = $1; s += $2 } END { printf "median %.1f ms, p90 %.1f ms, max %.1f ms over %d scrapes, %.0f bytes", t[int((NR + 1) / 2)], t[int(NR * 0.9 + 0.5)], t[NR], NR, s / NR }')
  awk -v n="$name" -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" -v hz="$hz" -v p99="$p99" -v sc="$scrape" -v a="$answered" \
    'BEGIN { printf "%-6s CPU %.3f cores, %.3f ms per answered request | p99 %s | /metrics %s\n", n, (c1 - c0) / hz / (t1 - t0), (a > 0 ? (c1 - c0) / hz * 1000 / a : 0), p99, sc }'
done
