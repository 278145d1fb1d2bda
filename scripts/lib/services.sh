# shellcheck shell=bash
# Throw-away PostgreSQL and Redis servers for one test run. Sourced by
# scripts/test.sh, which sets WORK_DIR (a private temp dir) before calling these.
# Every server listens on 127.0.0.1 only, on a port picked free at start, so
# several runs on one machine do not collide.

PG_BIN=""        # e.g. /usr/lib/postgresql/15/bin
PG_DATA=""       # set once initdb ran; cleanup uses it to know PG needs stopping
PG_PORT=""
REDIS_PID=""
REDIS_PORT=""

# Highest-versioned /usr/lib/postgresql/N/bin that has initdb, or nothing.
# (Debian keeps initdb/pg_ctl there, off PATH.)
pg_bin_dir() {
  local dir
  # Version directories are plain numbers ("15", "16"), so ls | sort -V is safe.
  # shellcheck disable=SC2012
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [[ -x $dir/initdb && -x $dir/pg_ctl ]] && { echo "$dir"; return 0; }
  done
  return 1
}
have_pg_bin() { pg_bin_dir >/dev/null; }

find_postgres() {
  apt_install_unless have_pg_bin postgresql
  PG_BIN=$(pg_bin_dir) || die "no initdb under /usr/lib/postgresql/*/bin"
}

# initdb refuses to run as root, so the server runs as 'postgres'.
as_postgres() {
  if [[ $EUID -eq 0 ]]; then
    # cd to a dir postgres can read, or it warns about the caller's cwd.
    (cd "$WORK_DIR" && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

ensure_postgres_user() {
  [[ $EUID -eq 0 ]] || return 0
  id -u postgres >/dev/null 2>&1 && return 0
  log "creating system user 'postgres'"
  useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash postgres 2>/dev/null \
    || id -u postgres >/dev/null 2>&1 || die "could not create user postgres"
}

start_postgres() {
  find_postgres
  ensure_postgres_user
  local pg_dir=$WORK_DIR/pg
  mkdir -p "$pg_dir/data" "$pg_dir/sock"
  [[ $EUID -eq 0 ]] && chown -R postgres: "$pg_dir"
  chmod 700 "$pg_dir/data"

  # Trust auth is fine: the server only listens on loopback and lives for one run.
  as_postgres "$PG_BIN/initdb" -D "$pg_dir/data" -U postgres --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 \
    || { cat "$pg_dir/initdb.log" >&2; die "initdb failed"; }
  PG_DATA=$pg_dir/data

  # Durability is pointless for a throw-away database; these make tests faster.
  cat >>"$PG_DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$pg_dir/sock'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
CONF

  # The port is only known free until someone takes it: retry with a new one.
  local attempt
  for attempt in 1 2 3 4 5; do
    PG_PORT=$(free_port)
    if as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$pg_dir/server.log" -o "-p $PG_PORT" \
         -w -t 60 start >/dev/null 2>&1; then
      break
    fi
    log "PostgreSQL did not start on port $PG_PORT (attempt $attempt)"
    PG_PORT=""
  done
  [[ -n $PG_PORT ]] || { tail -n 20 "$pg_dir/server.log" >&2; die "PostgreSQL failed to start"; }

  wait_until 150 "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" \
    || die "PostgreSQL on port $PG_PORT does not answer"
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres orleansbots_test \
    || die "createdb orleansbots_test failed"
  log "PostgreSQL $(basename "$(dirname "$PG_BIN")") on 127.0.0.1:$PG_PORT"
}

start_redis() {
  apt_install_unless "have_cmd redis-server" redis-server
  apt_install_unless "have_cmd redis-cli" redis-tools
  local redis_dir=$WORK_DIR/redis attempt
  mkdir -p "$redis_dir"
  for attempt in 1 2 3 4 5; do
    REDIS_PORT=$(free_port)
    # Foreground process in the background, so we own its PID and stop it by
    # that PID; no persistence since the data is thrown away. In a session of its
    # own (setsid execs it in place: same PID), as pg_ctl starts PostgreSQL: a
    # Ctrl-C in the terminal reaches the script, whose trap stops the silos first,
    # instead of Redis, which would exit at once and leave the silos' graceful
    # stop waiting on it (scripts/cluster.sh: they were still there 35 s later).
    setsid redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
      --daemonize no --dir "$redis_dir" >"$redis_dir/server.log" 2>&1 </dev/null &
    REDIS_PID=$!
    if wait_until 100 redis_answers; then
      log "Redis on 127.0.0.1:$REDIS_PORT (pid $REDIS_PID)"
      return 0
    fi
    log "Redis did not start on port $REDIS_PORT (attempt $attempt)"
    stop_redis
  done
  tail -n 20 "$redis_dir/server.log" >&2
  die "Redis failed to start"
}

# True once OUR redis answers: it must still be alive (a PONG from someone
# else's server on a port we lost the race for must not count).
redis_answers() {
  kill -0 "$REDIS_PID" 2>/dev/null || return 1
  [[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]] || return 1
  kill -0 "$REDIS_PID" 2>/dev/null
}

stop_redis() {
  [[ -n $REDIS_PID ]] || return 0
  kill "$REDIS_PID" 2>/dev/null || true
  # Give it 5 s to exit on SIGTERM, then SIGKILL.
  local i
  for (( i = 0; i < 50; i++ )); do
    kill -0 "$REDIS_PID" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$REDIS_PID" 2>/dev/null || true
  wait "$REDIS_PID" 2>/dev/null || true
  REDIS_PID=""
}

stop_postgres() {
  [[ -n $PG_DATA && -f $PG_DATA/postmaster.pid ]] || return 0
  if ! as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 stop >/dev/null 2>&1; then
    # Last resort, so nothing is left running: kill the postmaster by its PID.
    local pid
    pid=$(head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null || true)
    if [[ -n $pid ]]; then kill -9 "$pid" 2>/dev/null || true; fi
  fi
  PG_DATA=""
}
