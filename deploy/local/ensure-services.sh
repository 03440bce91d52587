#!/usr/bin/env bash
# Makes sure what Herald needs locally is installed and up: nats-server on PATH, PostgreSQL
# accepting connections on 127.0.0.1:5432 (user postgres), Debian's chromium for the browser tests, and the tools
# the test run validates the deployment files with (kubectl 1.20, docker-compose: deploy/validate/ensure-tools.sh). Installs missing
# Debian packages (needs root or sudo) and starts a stopped cluster. Used by deploy/local/run.sh and .ci/run.
set -euo pipefail

log() { echo "[ensure-services] $*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root to run: $*"; return 1; fi
}

apt_install() {
  log "installing $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

pg_up() {
  (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null
}

command -v nats-server >/dev/null || apt_install nats-server
# deploy/local/run.sh only needs nats-server: it reuses or starts PostgreSQL itself (embedded if none).
if [ "${1:-}" = "--nats-only" ]; then exit 0; fi
command -v psql >/dev/null || apt_install postgresql postgresql-client
# The browser tests (integration-tests BrowserAppIT) drive Debian's chromium; no browser is ever downloaded.
[ -x /usr/bin/chromium ] || apt_install chromium
"$(dirname "$0")/../validate/ensure-tools.sh" >/dev/null

if ! pg_up; then
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    apt_install postgresql
  fi
  version=$(ls /etc/postgresql | sort -V | tail -1)
  log "starting PostgreSQL $version"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 50); do pg_up && break; sleep 0.2; done
fi
pg_up || { log "PostgreSQL is not accepting connections on 127.0.0.1:5432"; exit 1; }

# Tests and the local stack connect over TCP as postgres without a password (trust), as on this
# kind of machine. Say so clearly if the server wants a password instead.
if ! psql -h 127.0.0.1 -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1; then
  log "cannot connect as postgres@127.0.0.1 without a password: set HERALD_DB_PASSWORD /" \
      "HERALD_TEST_PG_PASSWORD, or allow trust for 127.0.0.1 in pg_hba.conf"
  exit 1
fi
log "nats-server $(nats-server --version 2>&1 | head -1) and PostgreSQL on 127.0.0.1:5432 are ready"
