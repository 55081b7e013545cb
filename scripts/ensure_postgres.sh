#!/usr/bin/env bash
# Make sure a PostgreSQL server answers on 127.0.0.1:5432 with a role and database for
# the tests (postgresql://cur:cur@127.0.0.1:5432/cur_test): install it from Debian's
# packages when missing, start the cluster when stopped, create role and database once.
# Prints the URL to use. Needs root (or sudo) only for what is missing.
set -euo pipefail
URL="postgresql://cur:cur@127.0.0.1:5432/cur_test"
SUDO=""
[[ $(id -u) -ne 0 ]] && SUDO="sudo"

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "postgres: installing PostgreSQL from Debian's packages" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "postgres: starting cluster $version/main" >&2
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
fi
as_postgres() { if [[ $(id -u) -eq 0 ]]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi; }
if ! PGPASSWORD=cur psql "$URL" -tAc "select 1" >/dev/null 2>&1; then
  echo "postgres: creating role and database for tests" >&2
  as_postgres "psql -q -c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='cur') THEN CREATE ROLE cur LOGIN PASSWORD 'cur' CREATEDB; END IF; END \\\$\\\$;\""
  as_postgres "psql -q -tAc \"SELECT 1 FROM pg_database WHERE datname='cur_test'\" | grep -q 1 || createdb -O cur cur_test"
fi
echo "$URL"
