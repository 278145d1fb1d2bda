# shellcheck shell=bash
# Small helpers shared by scripts/test.sh. Sourced, never run directly.

# Progress goes to stderr so that the last line on stdout stays the summary.
log() { printf '[test.sh] %s\n' "$*" >&2; }
die() { printf '[test.sh] ERROR: %s\n' "$*" >&2; exit 1; }

have_cmd() { command -v "$1" >/dev/null 2>&1; }

# apt_install_unless CHECK PKG...: apt-get install PKG... unless the command
# CHECK (e.g. "have_cmd redis-server") already succeeds.
# Serialised with flock: two runs on a fresh machine would otherwise fight over
# the dpkg lock. CHECK runs again inside the lock because the other run may
# have installed the package while we waited.
apt_install_unless() {
  local check=$1; shift
  $check && return 0
  [[ $EUID -eq 0 ]] || die "missing: $*; installing it needs root (apt-get install $*)"
  (
    flock -w 900 9 || die "timed out waiting for the apt lock"
    $check && exit 0
    log "installing $* with apt-get"
    # We start our own servers; a policy-rc.d that answers 101 keeps the
    # package's postinst from starting the system service (Docker images
    # already ship one, so only add it when there is none, and remove it again).
    local added_policy=0
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
      chmod 755 /usr/sbin/policy-rc.d
      added_policy=1
    fi
    local rc=0
    { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"; } \
      >&2 || rc=$?
    [[ $added_policy -eq 1 ]] && rm -f /usr/sbin/policy-rc.d
    [[ $rc -eq 0 ]] || die "apt-get install $* failed"
  ) 9>/tmp/orleansbots-apt.lock
}

# Print a TCP port that nobody listens on at 127.0.0.1 right now. Another
# process may still take it before we bind it, so callers retry on failure.
free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
  else
    # Fallback: random high port that refuses a connection.
    local p
    while :; do
      p=$(( 20000 + RANDOM % 40000 ))
      (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
    done
  fi
}

# Run a command until it succeeds, at most $1 times, 0.2 s apart.
wait_until() {
  local tries=$1; shift
  local i
  for (( i = 0; i < tries; i++ )); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  return 1
}
