# Sourced by install-docker-engine.sh: what a dockerd started by hand changes on this host, recorded just before it
# starts and put back after it stops — so that a machine is left as the test run found it (also when an earlier,
# manual dockerd had left ip_forward=1 and FORWARD DROP behind: those are recorded and kept, not "fixed").
#   - net.ipv4.ip_forward (dockerd sets it to 1)
#   - every iptables table (dockerd adds its DOCKER* chains, NAT rules and a FORWARD policy of DROP)
#   - the docker0 bridge, its runtime folder /var/run/docker and the per-controller "docker" cgroups it creates
#     (removed if they were not there before)
#   - the CPU weight of the containers' cgroup, which this script raises while its engine runs (see boost_containers)
# Expects $state (the folder the record goes to) and log().

host_record=$state/host-before

record_host_state() {
  rm -rf "$host_record"; mkdir -p "$host_record"
  cat /proc/sys/net/ipv4/ip_forward >"$host_record/ip_forward"
  iptables-save >"$host_record/iptables" 2>/dev/null || rm -f "$host_record/iptables"
  ip link show docker0 >/dev/null 2>&1 && touch "$host_record/docker0"
  [ -d /var/run/docker ] && touch "$host_record/rundir"
  local dir
  for dir in /sys/fs/cgroup/*/docker /sys/fs/cgroup/docker; do [ -d "$dir" ] && echo "$dir"; done >"$host_record/cgroups"
  return 0
}

# Containers share one CPU cgroup ("docker"). Where every login session is a scheduling group of its own (autogroup,
# as here) that cgroup weighs as much as one session, nice or not: with other sessions compiling, the two services and
# their load generator got a fraction of a core and every request timed out. While this engine runs (the container
# tests, which hold the machine's heavy-work lock) it weighs as much as eight sessions.
boost_containers() {
  if [ -d /sys/fs/cgroup/cpu ]; then
    mkdir -p /sys/fs/cgroup/cpu/docker && echo 8192 >/sys/fs/cgroup/cpu/docker/cpu.shares
  elif [ -f /sys/fs/cgroup/cgroup.subtree_control ]; then
    mkdir -p /sys/fs/cgroup/docker && echo 800 >/sys/fs/cgroup/docker/cpu.weight
  fi 2>/dev/null || log "could not raise the containers' CPU weight (they run at the default)"
}

# The recorded tables, and every table dockerd created that was not there before (on a machine where nothing had
# used iptables yet the record is empty): those come back empty, their built-in chains accepting, which is what a
# table that does not exist does. iptables-restore flushes each table it is given, and only those.
iptables_as_recorded() {
  cat "$host_record/iptables"
  iptables-save | awk -v recorded=" $(sed -n 's/^\*//p' "$host_record/iptables" | tr '\n' ' ') " '
    /^\*/ { table = substr($0, 2); skip = index(recorded, " " table " ") > 0; if (!skip) print; next }
    skip { next }
    /^:/ && $2 != "-" { print $1 " ACCEPT [0:0]" }
    /^COMMIT/ { print }'
}

restore_host_state() {
  [ -d "$host_record" ] || return 0
  cat "$host_record/ip_forward" >/proc/sys/net/ipv4/ip_forward
  [ ! -f "$host_record/iptables" ] || iptables_as_recorded | iptables-restore || log "could not restore iptables"
  # dockerd's runtime folder (state of containerd, libnetwork, netns), when it was not there before and nothing is mounted in it.
  [ -f "$host_record/rundir" ] || grep -q ' /run/docker/' /proc/self/mounts || rm -rf /var/run/docker
  [ -f "$host_record/docker0" ] || ! ip link show docker0 >/dev/null 2>&1 || ip link delete docker0 || log "could not remove docker0"
  local dir
  for dir in /sys/fs/cgroup/*/docker /sys/fs/cgroup/docker; do
    [ -d "$dir" ] || continue
    if grep -qx "$dir" "$host_record/cgroups"; then
      if [ -f "$dir/cpu.shares" ]; then echo 1024 >"$dir/cpu.shares"; elif [ -f "$dir/cpu.weight" ]; then echo 100 >"$dir/cpu.weight"; fi
    else
      # Empty once every container is gone; a leftover child (a container dockerd did not remove) keeps it.
      find "$dir" -mindepth 1 -depth -type d -exec rmdir {} + 2>/dev/null || true
      rmdir "$dir" 2>/dev/null || log "left $dir (not empty)"
    fi
  done
  rm -rf "$host_record"
}
