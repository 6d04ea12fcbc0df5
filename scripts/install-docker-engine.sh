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
# back what it changed on the host (docker-host-state.sh: ip_forward, iptables, docker0, its cgroups). While it runs
# its containers' CPU weight is raised (the container tests hold the machine's heavy-work lock). Everything that can
# overlap does (downloads, dpkg, unpacking, imports), and nothing done before is done again: a second run only
# starts dockerd. Fresh machine: ~60 s.
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

# shellcheck source=scripts/docker-host-state.sh
. "$(dirname "$0")/docker-host-state.sh"

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
  restore_host_state
  rm -f "$state/dockerd.pid"
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
# Waits for dpkg's lock (other users of this machine install packages too) rather than failing on it.
apt_quiet() { DEBIAN_FRONTEND=noninteractive DPKG_FORCE=unsafe-io apt-get -qq -o DPkg::Lock::Timeout=300 -o "DPkg::Options::=--path-exclude=/usr/share/man/*" "$@" >/dev/null; }

# The Debian mirror apt uses for this release (never a host named here).
. /etc/os-release
mirror=$(apt-get indextargets --no-release-info --format '$(REPO_URI)' "Release: $VERSION_CODENAME" 'Identifier: Packages' | head -n 1)
[ -n "$mirror" ] || die "no apt source for $VERSION_CODENAME in the apt configuration"

# Downloaded package lists for this release (an installed package has a "candidate" from dpkg's status alone).
system_lists_ready() { compgen -G "/var/lib/apt/lists/*_dists_${VERSION_CODENAME}_main_*_Packages*" >/dev/null; }
update_system_lists() { system_lists_ready || { log "apt-get update (no package lists yet)"; apt_quiet update; log "package lists ready"; }; }

# Debian 13's engine with compose v2 and buildx, through a private index: its own sources file, lists and cache.
apt_dir="$state/apt"
private=(-o "Dir::Etc::SourceList=$apt_dir/trixie.sources" -o "Dir::Etc::SourceParts=$apt_dir/none"
  -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o Acquire::Languages=none
  -o Acquire::IndexTargets::deb::DEP-11::DefaultEnabled=false
  -o Acquire::IndexTargets::deb::DEP-11-icons::DefaultEnabled=false
  -o Acquire::IndexTargets::deb::DEP-11-icons-small::DefaultEnabled=false)
engine_debs=(docker.io docker-compose docker-buildx)
command -v docker >/dev/null || engine_debs+=(docker-cli)

fetch_trixie_engine() { # the private index, then the engine's .debs (kept: a second run downloads nothing)
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/debs"
  printf 'Types: deb\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    "$mirror" >"$apt_dir/trixie.sources"
  [ -n "$(ls "$apt_dir/lists/"*_Packages* 2>/dev/null)" ] || apt-get -qq "${private[@]}" update >/dev/null 2>&1 || return 1
  local name missing=()
  for name in "${engine_debs[@]}"; do compgen -G "$apt_dir/debs/${name}_*.deb" >/dev/null || missing+=("$name"); done
  [ ${#missing[@]} -eq 0 ] || (cd "$apt_dir/debs" && apt-get -qq -o APT::Sandbox::User=root "${private[@]}" download "${missing[@]}" >/dev/null 2>&1)
}

engine_deb_files() { local name; for name in "${engine_debs[@]}"; do ls -t "$apt_dir/debs/${name}"_*.deb | head -n 1; done; }

# What docker.io needs from this release (its Depends that a base system lacks), downloaded beside the trixie .debs.
engine_deps=(containerd runc tini iptables)

install_engine() { # after fetch_trixie_engine (job $1) and the download of engine_deps (job $2), both in the background
  wait "$2" || true
  # shellcheck disable=SC2046 # one path a line, no spaces
  if wait "$1" && log "engine packages downloaded" && apt_quiet install -y --no-install-recommends $(engine_deb_files); then
    log "engine installed"
    return 0
  fi
  log "Debian 13's engine did not install; falling back to $VERSION_CODENAME's docker.io (compose v1)"
  apt_quiet install -y --no-install-recommends docker.io docker-compose
}

# The Debian root filesystem the stand-ins share, unpacked from .debs (kept in $state/debs) while the engine installs.
rootfs=$state/rootfs
make_rootfs() {
  local debs="$state/debs" name missing=()
  mkdir -p "$debs"
  for name in "${base_debs[@]}" prometheus; do compgen -G "$debs/${name}_*.deb" >/dev/null || missing+=("$name"); done
  if [ ${#missing[@]} -gt 0 ]; then
    (cd "$debs" && apt-get -qq -o APT::Sandbox::User=root download "${missing[@]}" >/dev/null) || { log "could not download ${missing[*]}"; return 1; }
  fi
  rm -rf "$rootfs"; mkdir -p "$rootfs"
  for name in "${base_debs[@]}"; do dpkg-deb -x "$(ls -t "$debs/${name}"_*.deb | head -n 1)" "$rootfs"; done
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

dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
# Stand-ins are rebuilt when what goes into them changes: the recipe (bump standin_recipe when editing the image
# part below), the package list, or the machine's .NET. $state/standins holds the fingerprint last imported.
standin_recipe=3
fingerprint=$( (echo "$standin_recipe ${base_debs[*]}"; ls "$dotnet_root/shared"/*/ "$dotnet_root/sdk") | sha256sum | cut -c1-16)
has_compose() { docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null; }
need_engine=0; { command -v dockerd >/dev/null && has_compose; } || need_engine=1
need_standins=0; [ "$(cat "$state/standins" 2>/dev/null)" = "$fingerprint" ] || need_standins=1
# Everything that can overlap does: the private index and the system's lists download together; the stand-ins'
# root filesystem unpacks while dpkg installs the engine.
if [ "$need_engine" = 1 ]; then
  log "installing ${engine_debs[*]} from Debian 13 (trixie) through a private apt index"
  fetch_trixie_engine & fetch_job=$!
fi
[ "$need_engine" = 0 ] && [ "$need_standins" = 0 ] || update_system_lists
[ "$need_engine" = 0 ] || { apt_quiet install --download-only -y --no-install-recommends "${engine_deps[@]}" & deps_job=$!; }
rootfs_job=""; rootfs_done=0
if [ "$need_standins" = 1 ]; then make_rootfs >"$state/rootfs.log" 2>&1 & rootfs_job=$!; fi
[ "$need_engine" = 0 ] || install_engine "$fetch_job" "$deps_job"
command -v dockerd >/dev/null || die "dockerd is not installed (see the apt output above)"

started_now=0
# dockerd in the background (no systemd here). It writes its own PID to /var/run/docker.pid (setsid's would be wrong).
# What it changes on the host (docker-host-state.sh) is recorded first and put back by --stop.
if ! docker info >/dev/null 2>&1; then
  record_host_state
  log "starting dockerd (log: $state/dockerd.log)"
  rm -f "$pidfile"
  setsid dockerd --pidfile "$pidfile" >"$state/dockerd.log" 2>&1 </dev/null 9>&- &
  for _ in $(seq 1 300); do docker info >/dev/null 2>&1 && break; sleep 0.1; done
  docker info >/dev/null 2>&1 || { tail -n 20 "$state/dockerd.log" >&2; die "dockerd did not answer \`docker info\` within 30 s"; }
  cat "$pidfile" >"$state/dockerd.pid"
  started_now=1
fi
[ -z "$(ours_pid)" ] || boost_containers

# --- stand-in base images ------------------------------------------------------------------------------------
current() { [ "$(docker image inspect -f '{{index .Config.Labels "org.orderleaklab.standin"}}' "$1" 2>/dev/null)" = "$fingerprint" ]; }

rootfs_ready() { # the background unpack's outcome, or an unpack now when the images went missing behind our record
  [ "$rootfs_done" = 0 ] || return 0
  if [ -z "$rootfs_job" ]; then update_system_lists; make_rootfs >"$state/rootfs.log" 2>&1 & rootfs_job=$!; fi
  wait "$rootfs_job" || { cat "$state/rootfs.log" >&2; die "could not make the stand-ins' root filesystem"; }
  rootfs_done=1
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
dn=${dotnet_root#/}
# The SDK without what a C# restore/publish never touches (F#, the global tools, .NET Framework test hosts, the
# top-level translations): ~200 MB less to copy. `*` stops at `/`: a `cs` deeper down (codestyle/cs) is C#.
sdk_skip=(--no-wildcards-match-slash --exclude="$dn/sdk/*/FSharp" --exclude="$dn/sdk/*/DotnetTools" --exclude="$dn/sdk/*/TestHostNetFramework")
for lang in cs de es fr it ja ko pl pt-BR ru tr zh-Hans zh-Hant; do sdk_skip+=(--exclude="$dn/sdk/*/$lang"); done
jobs_=()
# The three imports run at the same time: each is mostly copying files.
if ! current "$aspnet_image"; then
  rootfs_ready
  import "$aspnet_image" "${dotnet_env[@]}" "WORKDIR /app" -- -C "$rootfs" . -C / "$dn/dotnet" "$dn/host" "$dn/shared" & jobs_+=($!)
fi
if ! current "$sdk_image"; then
  rootfs_ready
  import "$sdk_image" "${dotnet_env[@]}" "ENV NUGET_XMLDOC_MODE=skip" "WORKDIR /src" -- -C "$rootfs" . -C / "${sdk_skip[@]}" \
    "$dn/dotnet" "$dn/host" "$dn/shared" "$dn/sdk" "$dn/sdk-manifests" "$dn/packs" & jobs_+=($!)
fi
if ! current "$prometheus_image"; then
  rootfs_ready
  # Debian's Prometheus binaries only (its web UI would need the package's libjs-* files; the API does not).
  extra=$state/prometheus
  rm -rf "$extra"; mkdir -p "$extra"
  dpkg-deb -x "$(ls -t "$state/debs"/prometheus_*.deb | head -n 1)" "$extra/deb"
  mkdir -p "$extra/root/bin" "$extra/root/prometheus" "$extra/root/etc/prometheus"
  cp "$extra/deb/usr/bin/prometheus" "$extra/deb/usr/bin/promtool" "$extra/root/bin/"
  chown 65534:65534 "$extra/root/prometheus"
  import "$prometheus_image" "USER 65534" "WORKDIR /prometheus" 'ENTRYPOINT ["/bin/prometheus"]' \
    'CMD ["--config.file=/etc/prometheus/prometheus.yml","--storage.tsdb.path=/prometheus"]' "EXPOSE 9090" -- \
    -C "$rootfs" . -C "$extra/root" bin/prometheus bin/promtool prometheus etc/prometheus & jobs_+=($!)
fi
for job in "${jobs_[@]}"; do wait "$job" || die "a stand-in image did not build"; done
[ -z "$rootfs_job" ] || [ "$rootfs_done" = 1 ] || wait "$rootfs_job" || true
rm -rf "$rootfs" "$state/prometheus"
echo "$fingerprint" >"$state/standins"

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
