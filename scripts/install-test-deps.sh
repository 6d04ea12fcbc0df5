#!/usr/bin/env bash
# Installs the real tools the tests run against (Debian packages), only when missing:
# promtool/prometheus (exposition, rules and queries), chromium (report and dashboard pages), wrk (benchmark peer).
set -euo pipefail
need=()
command -v promtool   >/dev/null || need+=(prometheus)
command -v chromium   >/dev/null || need+=(chromium)
command -v wrk        >/dev/null || need+=(wrk)
if ((${#need[@]})); then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "installing: ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
