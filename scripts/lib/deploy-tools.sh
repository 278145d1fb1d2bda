# shellcheck shell=bash
# The tools the deployment tests (tests/Silo.Tests/Deployment) need: kubectl (kustomize), docker-compose
# (renders the compose file offline), node with the validator's npm packages (deploy/validate).
# Sourced by scripts/test.sh, after scripts/lib/common.sh.

# A tool that cannot be installed fails the tests that need it (with its name), not the whole run.
prepare_deploy_tools() {
  apt_install_unless "have_cmd kubectl" kubectl || log "kubectl is missing: the Kubernetes tests will fail"
  apt_install_unless "have_cmd docker-compose" docker-compose || log "docker-compose is missing: the compose test will fail"
  apt_install_unless "have_cmd npm" nodejs npm || log "npm is missing: the validator tests will fail"
  have_cmd npm || return 0
  log "installing the deployment validator's packages (npm ci in deploy/validate)"
  # The lockfile pins every package; two runs in one checkout must not install into one node_modules at once.
  (
    flock -w 600 9 || die "timed out waiting for another npm ci in $REPO_ROOT/deploy/validate"
    npm ci --prefix "$REPO_ROOT/deploy/validate" --no-audit --no-fund --loglevel=error >&2
  ) 9>"/tmp/orleansbots-npm-$(printf '%s' "$REPO_ROOT" | cksum | cut -d' ' -f1).lock" \
    || log "npm ci in deploy/validate failed: the validator tests will fail"
}
