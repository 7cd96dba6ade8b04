#!/usr/bin/env bash
# Provides what the tests need on a Debian machine, where it is missing:
# a PostgreSQL server at 127.0.0.1:5432 on which user postgres (password
# postgres) can create databases, and Debian's Chromium for the end-to-end
# tests. Safe to run again: it installs, starts or configures only what is
# missing, and needs root (or sudo) only for that. Called by scripts/test.sh.
set -euo pipefail

as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "provision: '$*' needs root; run the tests as root or do it yourself" >&2
    exit 1
  fi
}

apt_install() {
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

pg_ready() {
  command -v pg_isready >/dev/null 2>&1 && pg_isready -h 127.0.0.1 -p 5432 -q
}

# A connection string other than the default one means the caller's own
# PostgreSQL, which is left alone.
default_pg=postgresql://postgres:postgres@127.0.0.1:5432
if [ "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-$default_pg}" = "$default_pg" ]; then
  if ! pg_ready && ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "== installing PostgreSQL"
    apt_install postgresql
  fi
  if ! pg_ready; then
    echo "== starting PostgreSQL"
    version="$(ls /etc/postgresql | sort -V | tail -n 1)"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
    for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
  fi
  # TestDatabases connects as postgres/postgres over TCP: make sure that
  # works whether the server trusts local connections or wants a password.
  if ! PGPASSWORD=postgres psql -h 127.0.0.1 -U postgres -d postgres -qtAc 'select 1' >/dev/null 2>&1; then
    echo "== setting the password of PostgreSQL's user postgres"
    as_root su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
  fi
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "== installing Debian's Chromium for the end-to-end tests"
  apt_install chromium
fi
