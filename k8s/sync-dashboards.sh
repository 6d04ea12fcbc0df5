#!/usr/bin/env bash
# Copies what kustomize needs from dashboards/ into k8s/ (kustomize cannot read outside its folder):
# the Grafana dashboard JSON and provisioning files, and the Prometheus alert rules.
#   k8s/sync-dashboards.sh          copy
#   k8s/sync-dashboards.sh --check  exit 1 and name the files that differ (what the tests assert too)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
pairs=(
  "dashboards/grafana/dashboards/orderleaklab.json:k8s/grafana/dashboards/orderleaklab.json"
  "dashboards/grafana/provisioning/datasources/prometheus.yml:k8s/grafana/provisioning/datasources/prometheus.yml"
  "dashboards/grafana/provisioning/dashboards/orderleaklab.yml:k8s/grafana/provisioning/dashboards/orderleaklab.yml"
  "dashboards/prometheus/alerts.yml:k8s/prometheus/alerts.yml"
)
check=false
[ "${1:-}" = "--check" ] && check=true
stale=0
for pair in "${pairs[@]}"; do
  src="$root/${pair%%:*}"; dst="$root/${pair##*:}"
  if "$check"; then
    if ! cmp -s "$src" "$dst"; then echo "out of date: ${pair##*:} (run k8s/sync-dashboards.sh)"; stale=1; fi
  else
    mkdir -p "$(dirname "$dst")"
    cp "$src" "$dst"
    echo "copied ${pair%%:*} -> ${pair##*:}"
  fi
done
exit "$stale"
