#!/usr/bin/env bash
# Builds the solution and runs every test project against throw-away
# PostgreSQL and Redis servers that this script starts and stops itself.
#
#   ./scripts/test.sh                      # everything
#   ./scripts/test.sh --filter Category=X  # extra args go to `dotnet test`
#
# Tests find the servers through these environment variables:
#   OB_TEST_POSTGRES  Npgsql connection string (database orleansbots_test)
#   OB_TEST_REDIS     host:port of Redis
# A test whose server is missing is skipped, and a skipped test fails this run.
#
# The last line on stdout is "N passed, N failed[, N skipped]" (CI reads it).
# Exit status is non-zero if the build, the migration or any test failed, or
# any test was skipped: this script is the run that must run every test.
# OB_TEST_KEEP=1 keeps the temp dir (server logs, .trx files, and the logs of
# the silo processes that tests start, in silo-logs/) for debugging.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib/common.sh
source "$REPO_ROOT/scripts/lib/common.sh"
# shellcheck source=scripts/lib/services.sh
source "$REPO_ROOT/scripts/lib/services.sh"
# shellcheck source=scripts/lib/trx.sh
source "$REPO_ROOT/scripts/lib/trx.sh"
# shellcheck source=scripts/lib/deploy-tools.sh
source "$REPO_ROOT/scripts/lib/deploy-tools.sh"

WORK_DIR=""
SUMMARY=""   # printed by on_exit, after cleanup, so it is the very last line

# `dotnet new sln` on the .NET 10 SDK writes .slnx; accept either.
find_solution() {
  local f
  for f in OrleansBots.sln OrleansBots.slnx; do
    [[ -f $REPO_ROOT/$f ]] && { echo "$f"; return 0; }
  done
  die "no OrleansBots.sln(x) in $REPO_ROOT"
}

# Runs on every exit (success, failure, Ctrl-C): stop what we started, remove
# the temp dir, then print the summary. Cleanup is silent so the summary stays last.
on_exit() {
  local rc=$?
  set +e
  stop_redis
  stop_postgres
  if [[ -n $WORK_DIR ]]; then
    if [[ ${OB_TEST_KEEP:-0} == 1 ]]; then
      log "kept $WORK_DIR"
    else
      rm -rf "$WORK_DIR"
    fi
  fi
  [[ -n $SUMMARY ]] && printf '%s\n' "$SUMMARY"
  exit "$rc"
}

make_work_dir() {
  # Under /tmp (not $TMPDIR, which may be private to root): the postgres user
  # must reach it, and the unix socket path must stay short.
  WORK_DIR=$(mktemp -d /tmp/orleansbots-test.XXXXXX)
  chmod 755 "$WORK_DIR"
}

dotnet_build() {
  local build_args=(-c Release -nologo)
  # In CI, keep no MSBuild/compiler server processes alive after the run.
  [[ ${CI:-} == true ]] && build_args+=(--disable-build-servers)
  log "building $SOLUTION (Release)"
  # Two runs in the same checkout must not write the same obj/ at once.
  local lock
  lock="/tmp/orleansbots-build-$(printf '%s' "$REPO_ROOT" | cksum | cut -d' ' -f1).lock"
  (
    flock -w 1800 9 || die "timed out waiting for another build of $REPO_ROOT"
    dotnet build "$SOLUTION" "${build_args[@]}"
  ) 9>"$lock" || die "build failed"
}

# Creates the database schema through the Silo's own `migrate` subcommand.
migrate() {
  [[ -d $REPO_ROOT/Silo ]] || die "no Silo project in $REPO_ROOT/Silo: cannot apply the schema"
  log "applying the schema (Silo migrate)"
  ConnectionStrings__Postgres="$OB_TEST_POSTGRES" \
    dotnet run --project Silo -c Release --no-build -- migrate </dev/null >&2 \
    || die "'dotnet run --project Silo -- migrate' failed (does the Silo have a migrate subcommand?)"
}

# Runs the tests; its status is returned, not fatal, so cleanup and the
# summary always happen.
run_tests() {
  local results=$WORK_DIR/results
  mkdir -p "$results"
  log "running tests"
  local rc=0
  dotnet test "$SOLUTION" -c Release --no-build \
    --logger "trx;LogFilePrefix=results" --results-directory "$results" "$@" </dev/null || rc=$?
  # Even if dotnet test failed without a failing test (e.g. a crashed test
  # host), the summary of what did run is printed; the exit status says failure.
  local summary_rc=0
  SUMMARY=$(summarize_trx "$results") || summary_rc=$?
  (( rc != 0 )) && log "dotnet test exited with status $rc"
  (( rc == 0 && summary_rc == 0 ))
}

main() {
  cd "$REPO_ROOT"
  have_cmd dotnet || die "dotnet is not on PATH"
  have_cmd python3 || apt_install_unless "have_cmd python3" python3
  SOLUTION=$(find_solution)
  trap on_exit EXIT
  # Turn signals into a normal exit so the EXIT trap cleans up.
  trap 'exit 130' INT
  trap 'exit 143' TERM

  dotnet_build
  prepare_deploy_tools
  make_work_dir
  start_postgres
  start_redis

  export OB_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Database=orleansbots_test;Username=postgres"
  export OB_TEST_REDIS="127.0.0.1:$REDIS_PORT"
  [[ ${OB_TEST_KEEP:-0} == 1 ]] && export OB_TEST_SILO_LOGS="$WORK_DIR/silo-logs"

  migrate
  run_tests "$@"
}

main "$@"
