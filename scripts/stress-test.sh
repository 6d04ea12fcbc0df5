#!/usr/bin/env bash
# Runs one test filter RUNS times in a row with both cores busy (stress-ng --cpu N in the background during each run),
# the way this project proves a formerly flaky test fixed ("passes 20 runs in a row with both cores busy").
# Usage: scripts/stress-test.sh tests/<Project> "<dotnet test --filter>" [RUNS=20]
# Needs a Release build (dotnet build OrderLeakLab.sln -c Release) and stress-ng (apt-get install stress-ng).
# Prints one line a run and "N of RUNS passed"; exits 1 if any run failed. Full logs: artifacts/stress/<run>.log.
set -uo pipefail
cd "$(dirname "$0")/.."
project=${1:?usage: scripts/stress-test.sh tests/<Project> "<filter>" [RUNS]}
filter=${2:?usage: scripts/stress-test.sh tests/<Project> "<filter>" [RUNS]}
runs=${3:-20}
command -v stress-ng >/dev/null || { echo "stress-ng is not installed: apt-get install -y stress-ng"; exit 2; }
logs=artifacts/stress; mkdir -p "$logs"
stress=
trap '[ -n "$stress" ] && kill "$stress" 2>/dev/null; wait 2>/dev/null' EXIT
trap 'exit 130' INT TERM # stop the loop too, not only the current run's stress-ng
passed=0
for run in $(seq 1 "$runs"); do
  stress-ng --cpu "$(nproc)" --timeout 3600s >/dev/null 2>&1 & stress=$!
  started=$SECONDS
  dotnet test "$project" -c Release --no-build --filter "$filter" --logger "console;verbosity=detailed" >"$logs/$run.log" 2>&1
  rc=$?
  kill "$stress" 2>/dev/null; wait "$stress" 2>/dev/null; stress=
  ok=$(grep -cE '^\s+Passed [A-Za-z]' "$logs/$run.log"); bad=$(grep -cE '^\s+Failed [A-Za-z]' "$logs/$run.log")
  # A run counts as passed only if dotnet test said so and some test ran (a filter that matches nothing is no proof).
  [ "$rc" -eq 0 ] && [ "$ok" -gt 0 ] && passed=$((passed + 1))
  echo "run $run: $ok passed, $bad failed, exit $rc ($((SECONDS - started)) s, load average $(cut -d' ' -f1 /proc/loadavg))"
  grep -E '^\s+Failed [A-Za-z]' "$logs/$run.log" | head -n 5
done
echo "$passed of $runs passed"
[ "$passed" -eq "$runs" ]
