#!/usr/bin/env bash
# Measures one leak pattern's signature: its leaky and fixed variants side by side, each in its own memory cgroup
# (v1, kernel OOM-kill as in `leaklab demo`), under the same open-model load; samples /metrics every 5 s and prints
# one line per sample, then the first exit of each variant (time, code, cgroup oom_kill).
# usage: scripts/catalog-signatures.sh PATTERN [RATE=1000] [SECONDS=60] [LIMIT=256M]   (as root; build Release first)
set -uo pipefail
pattern=$1; rate=${2:-1000}; seconds=${3:-60}; limit=${4:-256M}
root=$(cd "$(dirname "$0")/.." && pwd)
dll=$root/services/OrderService/bin/Release/net10.0/OrderService.dll
load=$root/loadtests/OrderLeakLab.LoadTests/bin/Release/net10.0/OrderLeakLab.LoadTests.dll
work=$(mktemp -d); cg=/sys/fs/cgroup/memory/catalog-sig-$$
declare -A pid pub adm
cleanup() { kill "${loader:-0}" 2>/dev/null; for v in leaky fixed; do kill "${pid[$v]:-0}" 2>/dev/null; done; wait 2>/dev/null; rmdir "$cg"-* 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT INT TERM
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
done
proc() { # variant elapsed: a starved process cannot answer /metrics; /proc still tells its RSS, threads and CPU
  local p=${pid[$1]} st; st=$(cat "/proc/$p/stat" 2>/dev/null) || { printf '%4ss %-5s gone\n' "$2" "$1"; return; }
  awk -v t="$2" -v v="$1" -v st="${st##*) }" '/^VmRSS:/{rss=$2} /^Threads:/{th=$2}
    END{split(st, f, " "); printf "%4ss %-5s rss %4.0f MiB  (/metrics silent)                     threads %4d  (from /proc)                          cpu %7.1fs\n",
        t, v, rss/1024, th, (f[12]+f[13])/100}' "/proc/$p/status"
}
sample() { # variant elapsed
  local m; m=$(curl -s -m 3 "${pub[$1]}/metrics") || { proc "$1" "$2"; return; }
  awk -v t="$2" -v v="$1" '
    /^process_working_set_bytes /{rss=$2} /^orders_workers_inflight/{w+=$2} /^process_num_threads /{th=$2}
    /^dotnet_thread_pool_(thread_count|threads) /{tp=$2} /^dotnet_thread_pool_queue_length /{q=$2}
    /^dotnet_timer(_count|s) /{tm=$2} /^process_cpu_seconds_total /{cpu=$2}
    /^dotnet_gc_last_collection_heap_size_bytes/{heap+=$2}
    END{printf "%4ss %-5s rss %4.0f MiB  heap %4.0f MiB  workers %6d  threads %4d  pool %4d  queue %6d  timers %6d  cpu %7.1fs\n",
        t, v, rss/1048576, heap/1048576, w, th, tp, q, tm, cpu}' <<<"$m"
}
for v in leaky fixed; do sample $v 0; done
dotnet "$load" --target "leaky=${pub[leaky]}" --target "fixed=${pub[fixed]}" --rate "$rate" --duration "${seconds}s" --report "$work/load" > "$work/load.out" 2>&1 &
loader=$!
declare -A gone
start=$(date +%s)
while kill -0 $loader 2>/dev/null; do
  sleep 5; t=$(( $(date +%s) - start ))
  for v in leaky fixed; do
    if [ -z "${gone[$v]:-}" ] && ! kill -0 "${pid[$v]}" 2>/dev/null; then
      wait "${pid[$v]}"; code=$?
      gone[$v]="exit $code at ~${t}s, cgroup $(grep oom_kill "$cg-$v/memory.oom_control" | tr '\n' ' ')"
    fi
    [ -z "${gone[$v]:-}" ] && sample $v $t
  done
done
for v in leaky fixed; do echo "$v: ${gone[$v]:-alive after ${seconds}s of load}"; done
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
          f'p99 {p99(first):.0f} → {p99(last):.0f} ms (seconds 5–15 vs the last 10)')
PY
