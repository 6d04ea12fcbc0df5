#!/usr/bin/env bash
# Measures one leak pattern's signature: its leaky and fixed variants side by side, each in its own memory cgroup
# (v1, kernel OOM-kill as in `leaklab demo`), under the same open-model load. Samples each variant every 5 s under
# load and twice in a 10 s cooldown after it (RSS, managed heap after the last GC, workers in flight, threads,
# thread-pool threads and queue, timers, CPU seconds and cores since the previous sample), watches for exits every
# second (time of the first exit after the load generator was launched, exit code, cgroup oom_kill), and ends with one line per
# variant — baseline → last sample under load, and after cooldown — and the load generator's throughput and p99.
# usage: scripts/catalog-signatures.sh PATTERN [RATE=1000] [SECONDS=60] [LIMIT=256M]   (as root; build Release first)
set -uo pipefail
pattern=$1; rate=${2:-1000}; seconds=${3:-60}; limit=${4:-256M}; cooldown=10
root=$(cd "$(dirname "$0")/.." && pwd)
dll=$root/services/OrderService/bin/Release/net10.0/OrderService.dll
load=$root/loadtests/OrderLeakLab.LoadTests/bin/Release/net10.0/OrderLeakLab.LoadTests.dll
[ -f "$dll" ] && [ -f "$load" ] || { echo "build Release first: dotnet build OrderLeakLab.sln -c Release" >&2; exit 2; }
work=$(mktemp -d); cg=/sys/fs/cgroup/memory/catalog-sig-$$
declare -A pid pub adm gone lastcpu lastt; used=
cleanup() { kill "${loader:-0}" 2>/dev/null; for v in leaky fixed; do kill "${pid[$v]:-0}" 2>/dev/null; done; wait 2>/dev/null; rmdir "$cg"-* 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT INT TERM
echo "catalog-signatures $pattern: $rate req/s per variant for ${seconds}s, limit $limit, $(date -u '+%F %T UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
for v in leaky fixed; do
  mkdir -p "$cg-$v"; echo "$limit" > "$cg-$v/memory.limit_in_bytes"
  env Orders__Variant=$v Orders__Leak="$pattern" ASPNETCORE_URLS=http://127.0.0.1:0 Orders__AdminUrls=http://127.0.0.1:0 \
    DOTNET_GCHeapHardLimit=0x40000000 DOTNET_gcServer=0 \
    sh -c 'echo $$ > "$0/cgroup.procs" && exec dotnet "$1"' "$cg-$v" "$dll" > "$work/$v.log" 2>&1 &
  pid[$v]=$!
done
for v in leaky fixed; do
  for _ in $(seq 1 300); do grep -q "Admin listening" "$work/$v.log" && break; sleep 0.2; done
  pub[$v]=$(grep -o 'Orders listening on: http://[^ ]*' "$work/$v.log" | head -1 | awk '{print $4}')
  adm[$v]=$(grep -o 'Admin listening on: http://[^ ]*' "$work/$v.log" | head -1 | awk '{print $4}')
  [ -n "${pub[$v]}" ] || { echo "$v did not start:" >&2; cat "$work/$v.log" >&2; exit 1; }
done
cores() { # variant elapsed cpu-seconds: sets $used, the CPU cores used since the previous sample (in this shell)
  used=$(awk -v a="${lastcpu[$1]:-}" -v b="$3" -v t0="${lastt[$1]:-}" -v t1="$2" \
    'BEGIN{ if (a == "" || t1 <= t0) print "   -"; else printf "%4.2f", (b - a) / (t1 - t0) }')
  lastcpu[$1]=$3; lastt[$1]=$2
}
proc() { # variant elapsed [note]: a starved process cannot answer /metrics; /proc still tells its RSS, threads and CPU
  local p=${pid[$1]} st cpu; st=$(cat "/proc/$p/stat" 2>/dev/null) || { printf '%4ss %-5s gone\n' "$2" "$1"; return; }
  st=${st##*) }; cpu=$(awk '{printf "%.2f", ($12 + $13) / 100}' <<<"$st"); cores "$1" "$2" "$cpu"
  awk -v t="$2" -v v="$1" -v cpu="$cpu" -v cores="$used" -v note="${3:-}" '/^VmRSS:/{rss=$2} /^Threads:/{th=$2}
    END{printf "%4ss %-5s rss %4.0f MiB  heap    ? MiB  workers      ?  threads %4d  pool    ?  queue      ?  timers      ?  cpu %7.1fs %s cores  (/metrics silent; /proc)%s\n",
        t, v, rss/1024, th, cpu, cores, note}' "/proc/$p/status" | tee -a "$work/$1.samples"
}
sample() { # variant elapsed [note]
  local m cpu; m=$(curl -s -m 3 "${pub[$1]}/metrics") || { proc "$1" "$2" "${3:-}"; return; }
  cpu=$(awk '/^process_cpu_seconds_total /{print $2}' <<<"$m"); cores "$1" "$2" "${cpu:-0}"
  awk -v t="$2" -v v="$1" -v cores="$used" -v note="${3:-}" '
    /^process_working_set_bytes /{rss=$2} /^orders_workers_inflight/{w+=$2} /^process_num_threads /{th=$2}
    /^dotnet_thread_pool_(thread_count|threads) /{tp=$2} /^dotnet_thread_pool_queue_length /{q=$2}
    /^dotnet_timer(_count|s) /{tm=$2} /^process_cpu_seconds_total /{cpu=$2}
    /^dotnet_gc_last_collection_heap_size_bytes/{heap+=$2}
    END{printf "%4ss %-5s rss %4.0f MiB  heap %4.0f MiB  workers %6d  threads %4d  pool %4d  queue %6d  timers %6d  cpu %7.1fs %s cores%s\n",
        t, v, rss/1048576, heap/1048576, w, th, tp, q, tm, cpu, cores, note}' <<<"$m" | tee -a "$work/$1.samples"
}
watch_exits() { # elapsed: records the first exit of each variant, to the second
  for v in leaky fixed; do
    if [ -z "${gone[$v]:-}" ] && ! kill -0 "${pid[$v]}" 2>/dev/null; then
      wait "${pid[$v]}"; local code=$?
      gone[$v]="exit $code at ${1}s after the load generator's launch, cgroup $(grep oom_kill "$cg-$v/memory.oom_control" | tr '\n' ' ')"
      printf '%4ss %-5s EXIT %s\n' "$1" "$v" "${gone[$v]}"
    fi
  done
}
for v in leaky fixed; do sample $v 0; done
dotnet "$load" --target "leaky=${pub[leaky]}" --target "fixed=${pub[fixed]}" --rate "$rate" --duration "${seconds}s" --report "$work/load" > "$work/load.out" 2>&1 &
loader=$!
start=$(date +%s); launched=$(date +%s.%N); next=5
while kill -0 $loader 2>/dev/null; do
  sleep 1; t=$(( $(date +%s) - start )); watch_exits $t
  if [ $t -ge $next ]; then
    for v in leaky fixed; do [ -z "${gone[$v]:-}" ] && sample $v $t; done
    next=$(( t + 5 ))
  fi
done
wait $loader
for v in leaky fixed; do [ -z "${gone[$v]:-}" ] && cp "$work/$v.samples" "$work/$v.underload"; done
end=$(( $(date +%s) - start ))
for c in 5 10; do
  sleep 5; t=$(( $(date +%s) - start )); watch_exits $t
  for v in leaky fixed; do [ -z "${gone[$v]:-}" ] && sample $v "$t" "  (cooldown)"; done
done
started=$(python3 - "$work/load/load-report.json" "$launched" <<'PY' 2>/dev/null || echo "?"
import datetime, json, re, sys
at = re.sub(r"(\.\d{6})\d*", r"\1", json.load(open(sys.argv[1]))["startedAt"])  # .NET writes 7 fraction digits
print(f"{datetime.datetime.fromisoformat(at).timestamp() - float(sys.argv[2]):.1f}")
PY
)
echo "times are seconds since the load generator's launch; its load began at ${started}s (its report's startedAt) and it exited at ${end}s; cooldown ${cooldown}s"
for v in leaky fixed; do
  first=$(head -1 "$work/$v.samples")
  last=$(tail -n 1 "$work/$v.underload" 2>/dev/null || grep -v gone "$work/$v.samples" | tail -n 1)
  after=$( [ -z "${gone[$v]:-}" ] && tail -n 1 "$work/$v.samples")
  echo "$v: ${gone[$v]:-alive after ${seconds}s of load}"
  echo "  baseline        ${first#*s }"
  echo "  last under load ${last#*s }"
  [ -n "$after" ] && echo "  after cooldown  ${after#*s }"
done
tail -n 4 "$work/load.out"
python3 - "$work/load/load-report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for s in r["scenarios"]:
    iv = [x["stats"] for x in s["intervals"] if not x["final"]]
    first, last = iv[5:15], iv[-10:]
    rate = lambda xs: sum(x["completedPerSecond"] for x in xs) / max(1, len(xs))
    ok = lambda xs: sum(x["ok"] / max(x["durationSeconds"], 1e-9) for x in xs) / max(1, len(xs))
    p99 = lambda xs: max((x["latencyMs"]["p99"] for x in xs), default=0)
    print(f'{s["name"]}: completed/s {rate(first):.0f} → {rate(last):.0f}, ok/s {ok(first):.0f} → {ok(last):.0f}, '
          f'worst one-second p99 {p99(first):.0f} → {p99(last):.0f} ms (seconds 5–15 vs the last 10 of the load)')
PY
