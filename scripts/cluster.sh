#!/usr/bin/env bash
# A three-silo OrleansBots cluster on this machine with one command:
#
#   ./scripts/cluster.sh            # builds the silo, starts everything, Ctrl-C stops everything
#   ./scripts/cluster.sh --no-build # uses the silo already built (Release)
#
# Starts a throw-away PostgreSQL and Redis on loopback (as scripts/test.sh does), applies the schema
# (`migrate`), then three silo processes on Redis clustering and PostgreSQL storage:
#   silo1 http://127.0.0.1:5001   silo port 11111   gateway 30000
#   silo2 http://127.0.0.1:5002   silo port 11112   gateway 30001
#   silo3 http://127.0.0.1:5003   silo port 11113   gateway 30002
# Settings (environment):
#   CLUSTER_SILOS=3        how many silos
#   CLUSTER_PORTS=free     pick free ports instead of the ones above
#   ADMIN_TOKEN=...        the admin token of every silo (default: generated, written to WORK_DIR/admin-token)
#   CLUSTER_KEEP=1         keep the work folder (logs, data) after stopping
# Every other platform setting (MAX_CONCURRENT_BOTS, ...) set in the environment reaches the silos.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib/common.sh
source "$REPO_ROOT/scripts/lib/common.sh"
# shellcheck source=scripts/lib/services.sh
source "$REPO_ROOT/scripts/lib/services.sh"

log() { printf '[cluster.sh] %s\n' "$*" >&2; }
die() { printf '[cluster.sh] ERROR: %s\n' "$*" >&2; exit 1; }

SILOS=${CLUSTER_SILOS:-3}
WORK_DIR=""
SILO_PIDS=()
SILO_DLL=$REPO_ROOT/Silo/bin/Release/net10.0/OrleansBots.Silo.dll

# Stops what this script started, by PID: the silos first (SIGTERM, so they leave the cluster), then the servers.
# The silos stop together and get one deadline, a little longer than their own shutdown timeout (the host's 30 s);
# one that is still there then is killed, so Ctrl-C is over in about a minute whatever the silos do.
on_exit() {
  local rc=$?
  set +e
  trap '' INT TERM
  local pid i alive
  for pid in "${SILO_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for (( i = 0; i < 350; i++ )); do
    alive=0
    for pid in "${SILO_PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    (( alive )) || break
    sleep 0.1
  done
  for pid in "${SILO_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      log "silo process $pid did not stop within 35 s of SIGTERM; killing it"
      kill -9 "$pid" 2>/dev/null
    fi
    wait "$pid" 2>/dev/null
  done
  stop_redis
  stop_postgres
  if [[ -n $WORK_DIR ]]; then
    if [[ ${CLUSTER_KEEP:-0} == 1 ]]; then log "kept $WORK_DIR"; else rm -rf "$WORK_DIR"; fi
  fi
  log "stopped"
  exit "$rc"
}

port_of() { # port_of BASE INDEX: BASE+INDEX, or a free port with CLUSTER_PORTS=free
  if [[ ${CLUSTER_PORTS:-} == free ]]; then free_port; else echo $(( $1 + $2 )); fi
}

silo_ready() { # silo_ready PID URL: the silo still runs and /readyz answers 200
  kill -0 "$1" 2>/dev/null || return 1
  python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=3)' "$2/readyz"
}

start_silo() { # start_silo INDEX
  local n=$1 name="silo$(( $1 + 1 ))"
  local http_port silo_port gateway_port
  http_port=$(port_of 5001 "$n")
  silo_port=$(port_of 11111 "$n")
  gateway_port=$(port_of 30000 "$n")
  mkdir -p "$WORK_DIR/$name"
  ConnectionStrings__Postgres="$POSTGRES" ConnectionStrings__Redis="$REDIS" ADMIN_TOKEN="$ADMIN_TOKEN" \
    Storage__MigrateOnStart=false Orleans__SiloName="$name" Orleans__SiloPort="$silo_port" \
    Orleans__GatewayPort="$gateway_port" ASPNETCORE_URLS="http://127.0.0.1:$http_port" DATA_DIR="$WORK_DIR/$name" \
    dotnet "$SILO_DLL" </dev/null >"$WORK_DIR/$name.log" 2>&1 &
  SILO_PIDS+=("$!")
  SILO_URLS+=("http://127.0.0.1:$http_port")
  log "$name (pid $!): http://127.0.0.1:$http_port, silo port $silo_port, gateway $gateway_port, log $WORK_DIR/$name.log"
}

main() {
  cd "$REPO_ROOT"
  have_cmd dotnet || die "dotnet is not on PATH"
  have_cmd python3 || apt_install_unless "have_cmd python3" python3
  trap on_exit EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  if [[ ${1:-} != --no-build ]]; then
    log "building the silo (Release)"
    dotnet build Silo/Silo.csproj -c Release -nologo -v q >&2 || die "build failed"
  fi
  [[ -f $SILO_DLL ]] || die "no $SILO_DLL: build the silo first (run without --no-build)"

  WORK_DIR=$(mktemp -d /tmp/orleansbots-cluster.XXXXXX)
  chmod 755 "$WORK_DIR"
  log "work folder $WORK_DIR"
  start_postgres
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres orleansbots || die "createdb orleansbots failed"
  log "PostgreSQL pid $(head -n 1 "$PG_DATA/postmaster.pid")"
  start_redis
  POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Database=orleansbots;Username=postgres"
  REDIS="127.0.0.1:$REDIS_PORT"

  if [[ -z ${ADMIN_TOKEN:-} ]]; then
    ADMIN_TOKEN=$(python3 -c 'import secrets; print(secrets.token_hex(24))')
  fi
  (umask 077 && printf '%s\n' "$ADMIN_TOKEN" >"$WORK_DIR/admin-token")

  log "applying the schema (migrate)"
  ConnectionStrings__Postgres="$POSTGRES" dotnet "$SILO_DLL" migrate </dev/null >"$WORK_DIR/migrate.log" 2>&1 \
    || { cat "$WORK_DIR/migrate.log" >&2; die "migrate failed"; }

  SILO_URLS=()
  local i
  for (( i = 0; i < SILOS; i++ )); do start_silo "$i"; done
  for (( i = 0; i < SILOS; i++ )); do
    wait_until 900 silo_ready "${SILO_PIDS[$i]}" "${SILO_URLS[$i]}" \
      || { tail -n 30 "$WORK_DIR/silo$(( i + 1 )).log" >&2; die "silo$(( i + 1 )) did not become ready"; }
  done

  log "admin token in $WORK_DIR/admin-token (curl -H \"Authorization: Bearer \$(cat $WORK_DIR/admin-token)\" ${SILO_URLS[0]}/api/admin/health)"
  echo "cluster ready: ${SILO_URLS[*]}"
  log "Ctrl-C stops the silos, PostgreSQL and Redis"

  # Keep running until Ctrl-C; say so when a silo stops by itself (the others go on serving).
  local -A reported=()
  while true; do
    for (( i = 0; i < SILOS; i++ )); do
      if [[ -z ${reported[$i]:-} ]] && ! kill -0 "${SILO_PIDS[$i]}" 2>/dev/null; then
        reported[$i]=1
        log "silo$(( i + 1 )) (pid ${SILO_PIDS[$i]}) stopped; see $WORK_DIR/silo$(( i + 1 )).log"
      fi
    done
    sleep 1
  done
}

main "$@"
