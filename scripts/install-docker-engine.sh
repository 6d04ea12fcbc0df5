#!/usr/bin/env bash
# A Docker engine for the container tests on a machine that has none (no systemd, no image registry), and local
# stand-ins for the base images the Dockerfiles and docker-compose.yml name. On a machine whose Docker already
# works it does nothing: the tests then use the official images.
#
#   scripts/install-docker-engine.sh          install (once), start dockerd (if not running), build the stand-ins
#                                             (once); prints KEY=VALUE lines for the tests on stdout
#   scripts/install-docker-engine.sh --stop   stop the dockerd this script started, by its PID
#
# The engine: Debian 13's docker.io + docker-compose (v2) + docker-buildx, fetched through a private apt index
# (its own sources list and lists folder: the system's sources are left alone) and installed with their
# dependencies from this system's release; if that fails, this release's own docker.io. The mirror is the one
# apt is configured with. dockerd runs in the background, its PID in /var/run/docker.pid; --stop ends it and puts
# back net.ipv4.ip_forward and the iptables FORWARD policy it changes (its DOCKER* chains stay, empty).
#
# The stand-ins (no registry is reachable): a Debian root filesystem unpacked from .debs with `dpkg-deb -x`, plus
# this machine's .NET 10 (SDK, or shared runtimes only) or Debian's Prometheus, each made an image with
# `docker import`. What they provide is what the project's files use: dotnet on PATH, APP_UID=1654 and an app
# user, bash + head + grep for the healthchecks, busybox wget, and this machine's CA bundle (for NuGet).
set -euo pipefail

state=/var/lib/orderleaklab-docker         # downloaded .debs, the private apt index, the record of our dockerd
lock=/run/lock/orderleaklab-docker.lock    # one user of the engine at a time (the tests hold it while they run)
pidfile=/var/run/docker.pid
sdk_image=orderleaklab-local/dotnet-sdk:10.0
aspnet_image=orderleaklab-local/dotnet-aspnet:10.0
prometheus_image=orderleaklab-local/prometheus:bookworm
# Unpacked into every stand-in: the C/C++ runtime, OpenSSL, ICU and time zones for .NET, bash for the
# healthchecks, busybox for everything else (sh, head, grep, wget).
base_debs=(libc6 libgcc-s1 libstdc++6 zlib1g libssl3 libicu72 tzdata netbase base-files busybox-static bash libtinfo6)

log() { echo "install-docker-engine: [${SECONDS}s] $*" >&2; }
die() { log "FAILED: $*"; exit 1; }
[ "$(id -u)" = 0 ] || die "run as root (installs packages, starts dockerd)"
mkdir -p "$state" "$(dirname "$lock")"

# The lock: taken here unless the caller (the test fixture) already holds it for the whole container test run.
if [ "${ORDERLEAKLAB_DOCKER_LOCKED:-}" != 1 ]; then
  exec 9>"$lock"
  flock 9
fi

ours_pid() { # the PID of the running dockerd if this script started it, else nothing
  local pid
  pid=$(cat "$state/dockerd.pid" 2>/dev/null) || return 0
  if [ -n "$pid" ] && [ "$(cat "$pidfile" 2>/dev/null)" = "$pid" ] && kill -0 "$pid" 2>/dev/null; then echo "$pid"; fi
}

stop_engine() {
  local pid; pid=$(ours_pid)
  if [ -z "$pid" ]; then
    rm -f "$state/dockerd.pid"
    return 0
  fi
  log "stopping dockerd (PID $pid)"
  kill -TERM "$pid"
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then log "dockerd did not stop in 30 s: SIGKILL"; kill -KILL "$pid"; fi
  # What the daemon changed on the host when it started, put back as it was.
  if [ -f "$state/host-before" ]; then
    local forward policy
    read -r forward policy <"$state/host-before"
    echo "$forward" >/proc/sys/net/ipv4/ip_forward
    iptables -P FORWARD "$policy" 2>/dev/null || true
  fi
  rm -f "$state/dockerd.pid" "$state/host-before"
}

if [ "${1:-}" = --stop ]; then
  stop_engine
  exit 0
elif [ $# -gt 0 ]; then
  echo "usage: $0 [--stop]" >&2
  exit 2
fi


# A Docker this script did not start, already working: leave it and its images alone.
if docker info >/dev/null 2>&1 && [ -z "$(ours_pid)" ]; then
  log "a Docker engine is already running here (not started by this script): nothing to do"
  exit 0
fi

# No man pages: their man-db trigger alone takes ~30 s on a busy machine.
apt_quiet() { DEBIAN_FRONTEND=noninteractive DPKG_FORCE=unsafe-io apt-get -qq -o "DPkg::Options::=--path-exclude=/usr/share/man/*" "$@" >/dev/null; }

# The Debian mirror apt uses for this release (never a host named here).
. /etc/os-release
mirror=$(apt-get indextargets --no-release-info --format '$(REPO_URI)' "Release: $VERSION_CODENAME" 'Identifier: Packages' | head -n 1)
[ -n "$mirror" ] || die "no apt source for $VERSION_CODENAME in the apt configuration"

system_lists_ready() { [[ "$(apt-cache policy libc6 2>/dev/null)" == *"Candidate: "[0-9]* ]]; }

install_engine() {
  system_lists_ready || { log "apt-get update"; apt_quiet update; }
  # Debian 13's engine with compose v2 and buildx, through a private index: its own sources file and lists.
  local apt="$state/apt"
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/debs"
  printf 'Types: deb\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    "$mirror" >"$apt/trixie.sources"
  local private=(-o "Dir::Etc::SourceList=$apt/trixie.sources" -o "Dir::Etc::SourceParts=$apt/none"
    -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache"
    -o Acquire::IndexTargets::deb::DEP-11::DefaultEnabled=false
    -o Acquire::IndexTargets::deb::DEP-11-icons::DefaultEnabled=false
    -o Acquire::IndexTargets::deb::DEP-11-icons-small::DefaultEnabled=false
    -o Acquire::Languages=none)
  local wanted=(docker.io docker-compose docker-buildx)
  command -v docker >/dev/null || wanted+=(docker-cli)
  log "installing ${wanted[*]} from Debian 13 (trixie) through a private apt index"
  if apt-get -qq "${private[@]}" update >/dev/null 2>&1 &&
    (cd "$apt/debs" && rm -f ./*.deb && apt-get -qq -o APT::Sandbox::User=root "${private[@]}" download "${wanted[@]}" >/dev/null 2>&1) &&
    apt_quiet install -y --no-install-recommends "$apt"/debs/*.deb; then
    return 0
  fi
  log "Debian 13's engine did not install; falling back to $VERSION_CODENAME's docker.io (compose v1)"
  apt_quiet install -y --no-install-recommends docker.io docker-compose
}

has_compose() { docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null; }
if ! command -v dockerd >/dev/null || ! has_compose; then
  install_engine
fi
command -v dockerd >/dev/null || die "dockerd is not installed (see the apt output above)"

started_now=0
# dockerd in the background (no systemd here). It writes its own PID to /var/run/docker.pid (setsid's would be wrong).
if ! docker info >/dev/null 2>&1; then
  echo "$(cat /proc/sys/net/ipv4/ip_forward) $(iptables -S FORWARD 2>/dev/null | sed -n 's/^-P FORWARD //p' | head -n 1)" >"$state/host-before"
  log "starting dockerd (log: $state/dockerd.log)"
  rm -f "$pidfile"
  setsid dockerd --pidfile "$pidfile" >"$state/dockerd.log" 2>&1 </dev/null 9>&- &
  for _ in $(seq 1 300); do docker info >/dev/null 2>&1 && break; sleep 0.1; done
  docker info >/dev/null 2>&1 || { tail -n 20 "$state/dockerd.log" >&2; die "dockerd did not answer \`docker info\` within 30 s"; }
  cat "$pidfile" >"$state/dockerd.pid"
  started_now=1
fi

# --- stand-in base images ------------------------------------------------------------------------------------
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
# Rebuilt when what goes into them changes: the recipe (bump standin_recipe when editing the image part below),
# the package list, or the machine's .NET.
standin_recipe=1
fingerprint=$( (echo "$standin_recipe ${base_debs[*]}"; ls "$dotnet_root/shared"/*/ "$dotnet_root/sdk") | sha256sum | cut -c1-16)

current() { [ "$(docker image inspect -f '{{index .Config.Labels "org.orderleaklab.standin"}}' "$1" 2>/dev/null)" = "$fingerprint" ]; }

rootfs=""
make_rootfs() { # a Debian root filesystem from .debs, shared by the stand-ins of this run
  [ -n "$rootfs" ] && return 0
  local debs="$state/debs"
  mkdir -p "$debs"
  system_lists_ready || { log "apt-get update"; apt_quiet update; }
  (cd "$debs" && apt-get -qq -o APT::Sandbox::User=root download "${base_debs[@]}" prometheus >/dev/null) || die "could not download ${base_debs[*]} prometheus"
  rootfs=$(mktemp -d /tmp/orderleaklab-rootfs.XXXXXX)
  local name
  for name in "${base_debs[@]}"; do
    dpkg-deb -x "$(ls -t "$debs/${name}"_*.deb | head -n 1)" "$rootfs"
  done
  # busybox applets for what the Debian packages above do not bring (sh, head, grep, wget, ...).
  local applet
  for applet in $("$rootfs/bin/busybox" --list); do
    [ -e "$rootfs/bin/$applet" ] || [ -e "$rootfs/usr/bin/$applet" ] || ln -s busybox "$rootfs/bin/$applet"
  done
  ln -sf bash "$rootfs/bin/sh"
  mkdir -p "$rootfs"/{tmp,root,home/app,etc/ssl/certs,usr/lib/ssl,var/tmp}
  chmod 1777 "$rootfs/tmp" "$rootfs/var/tmp"
  chown 1654:1654 "$rootfs/home/app"
  printf 'root:x:0:0:root:/root:/bin/bash\napp:x:1654:1654::/home/app:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\napp:x:1654:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  printf 'hosts: files dns\n' >"$rootfs/etc/nsswitch.conf"
  # This machine's CA bundle: egress here is TLS-intercepted, and NuGet restores inside the SDK stand-in.
  cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/"
  ln -s /etc/ssl/certs "$rootfs/usr/lib/ssl/certs"
  ln -s /etc/ssl/certs/ca-certificates.crt "$rootfs/usr/lib/ssl/cert.pem"
}

import() { # $1 = tag, $2... = --change options then -- then tar arguments
  local tag=$1; shift
  local changes=()
  while [ "$1" != -- ]; do changes+=(--change "$1"); shift; done
  shift
  tar --numeric-owner -cf - "$@" | docker import "${changes[@]}" --change "LABEL org.orderleaklab.standin=$fingerprint" - "$tag" >/dev/null
  log "built $tag"
}

dotnet_env=(
  "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/share/dotnet"
  "ENV DOTNET_ROOT=/usr/share/dotnet"
  "ENV APP_UID=1654"
  "ENV DOTNET_RUNNING_IN_CONTAINER=true"
  "ENV DOTNET_CLI_TELEMETRY_OPTOUT=1"
  "ENV DOTNET_NOLOGO=1"
)
if ! current "$aspnet_image"; then
  make_rootfs
  import "$aspnet_image" "${dotnet_env[@]}" "WORKDIR /app" -- \
    -C "$rootfs" . -C / "${dotnet_root#/}/dotnet" "${dotnet_root#/}/host" "${dotnet_root#/}/shared"
fi
if ! current "$sdk_image"; then
  make_rootfs
  import "$sdk_image" "${dotnet_env[@]}" "ENV NUGET_XMLDOC_MODE=skip" "WORKDIR /src" -- \
    -C "$rootfs" . -C / "${dotnet_root#/}/dotnet" "${dotnet_root#/}/host" "${dotnet_root#/}/shared" \
    "${dotnet_root#/}/sdk" "${dotnet_root#/}/sdk-manifests" "${dotnet_root#/}/packs"
fi
if ! current "$prometheus_image"; then
  make_rootfs
  # Debian's Prometheus binaries only (its web UI would need the package's libjs-* files; the API does not).
  extra=$(mktemp -d /tmp/orderleaklab-prometheus.XXXXXX)
  dpkg-deb -x "$(ls -t "$state/debs"/prometheus_*.deb | head -n 1)" "$extra/deb"
  mkdir -p "$extra/root/bin" "$extra/root/prometheus" "$extra/root/etc/prometheus"
  cp "$extra/deb/usr/bin/prometheus" "$extra/deb/usr/bin/promtool" "$extra/root/bin/"
  chown 65534:65534 "$extra/root/prometheus"
  import "$prometheus_image" "USER 65534" "WORKDIR /prometheus" 'ENTRYPOINT ["/bin/prometheus"]' \
    'CMD ["--config.file=/etc/prometheus/prometheus.yml","--storage.tsdb.path=/prometheus"]' "EXPOSE 9090" -- \
    -C "$rootfs" . -C "$extra/root" bin/prometheus bin/promtool prometheus etc/prometheus
  rm -rf "$extra"
fi
[ -z "$rootfs" ] || rm -rf "$rootfs"

log "ready: $(docker version -f 'engine {{.Server.Version}} (API {{.Server.APIVersion}})'), $(docker compose version 2>/dev/null || docker-compose version --short)"

# For the tests (and anyone who wants the same): point the project's files at the stand-ins.
api=$(docker version -f '{{.Server.APIVersion}}')
echo "ORDERLEAKLAB_SDK_IMAGE=$sdk_image"
echo "ORDERLEAKLAB_ASPNET_IMAGE=$aspnet_image"
echo "ORDERLEAKLAB_RUNTIME_IMAGE=$aspnet_image"
echo "ORDERLEAKLAB_PROMETHEUS_IMAGE=$prometheus_image"
echo "ORDERLEAKLAB_DOCKERD_PID=$(ours_pid)"
echo "ORDERLEAKLAB_DOCKERD_STARTED=$started_now"
# Testcontainers: its reaper image cannot be pulled here, and this machine looks like a container to it.
echo "TESTCONTAINERS_RYUK_DISABLED=true"
echo "TESTCONTAINERS_HOST_OVERRIDE=localhost"
# Docker.DotNet asks for a newer API than a 20.10 engine (bookworm's) speaks unless told.
if [ "$(printf '%s\n' "$api" 1.43 | sort -V | head -n 1)" = "$api" ]; then echo "DOCKER_API_VERSION=$api"; fi
