#!/usr/bin/env bash
# Installs (if absent), starts and prepares a local PostgreSQL for TRII:
# a role `trii` (password `trii`, allowed to create databases, which the
# integration tests do) and a database `trii` owned by it.
#
# Usage: sudo infra/local/setup-postgres.sh
# Then:  export TRII_DB_URL=jdbc:postgresql://127.0.0.1:5432/trii TRII_DB_USER=trii TRII_DB_PASSWORD=trii
#
# Debian/Ubuntu only (apt). Safe to run again: every step checks first.
set -euo pipefail

PG_VERSION="${PG_VERSION:-15}"
DB_NAME="${TRII_SETUP_DB:-trii}"
DB_USER="${TRII_SETUP_USER:-trii}"
DB_PASSWORD="${TRII_SETUP_PASSWORD:-trii}"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -x "/usr/lib/postgresql/${PG_VERSION}/bin/postgres" ]; then
  echo "setup-postgres: installing PostgreSQL ${PG_VERSION} from the distribution's packages"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-${PG_VERSION}" postgresql-client >/dev/null
fi

if ! pg_lsclusters -h | awk -v v="$PG_VERSION" '$1==v && $2=="main"' | grep -q .; then
  as_root pg_createcluster "$PG_VERSION" main
fi

if ! pg_lsclusters -h | awk -v v="$PG_VERSION" '$1==v && $2=="main" && $4=="online"' | grep -q .; then
  echo "setup-postgres: starting cluster ${PG_VERSION}/main"
  as_root pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main start
fi

psql_admin() { as_root su postgres -c "psql -v ON_ERROR_STOP=1 -qtA $*"; }

for _ in $(seq 1 30); do psql_admin "-c 'select 1'" >/dev/null 2>&1 && break; sleep 1; done

if [ "$(psql_admin "-c \"select 1 from pg_roles where rolname='${DB_USER}'\"")" != "1" ]; then
  psql_admin "-c \"create role ${DB_USER} login createdb password '${DB_PASSWORD}'\""
fi
# DROP DATABASE ... WITH (FORCE), which the tests use to remove their databases, must be able to end an autovacuum
# worker that happens to be in the database at that moment: PostgreSQL 15 asks a role that is not a superuser for
# pg_signal_backend to terminate it
psql_admin "-c \"grant pg_signal_backend to ${DB_USER}\""
if [ "$(psql_admin "-c \"select 1 from pg_database where datname='${DB_NAME}'\"")" != "1" ]; then
  psql_admin "-c \"create database ${DB_NAME} owner ${DB_USER}\""
fi

echo "setup-postgres: ready. Point TRII at it with:"
echo "  export TRII_DB_URL=jdbc:postgresql://127.0.0.1:5432/${DB_NAME} TRII_DB_USER=${DB_USER} TRII_DB_PASSWORD=${DB_PASSWORD}"
