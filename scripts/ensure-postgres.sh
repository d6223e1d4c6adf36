#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 with a role that the
# bureau tests can log in as (xiaoan / xiaoan, allowed to create databases).
# On a fresh Debian machine (as root) it installs and starts the packaged cluster.
set -euo pipefail
HOST=127.0.0.1 PORT=5432

ready() { command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h "$HOST" -p "$PORT"; }

if ! ready; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "ensure-postgres: no PostgreSQL on $HOST:$PORT and not root to start one" >&2
    exit 1
  fi
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
    echo "ensure-postgres: installing PostgreSQL"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  fi
  ver=$(ls /etc/postgresql | sort -V | tail -n 1)
  # PostgreSQL refuses to run as root: start the packaged cluster (it runs as postgres).
  pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
  for _ in $(seq 1 30); do ready && break; sleep 1; done
  ready || { echo "ensure-postgres: PostgreSQL did not come up" >&2; exit 1; }
fi

psql_admin() {
  if [ "$(id -u)" -eq 0 ] && id postgres >/dev/null 2>&1; then
    runuser -u postgres -- psql -v ON_ERROR_STOP=1 -q -X -d postgres "$@"
  else
    psql -v ON_ERROR_STOP=1 -q -X -h "$HOST" -p "$PORT" -U postgres -d postgres "$@"
  fi
}

if ! PGPASSWORD=xiaoan psql -X -q -h "$HOST" -p "$PORT" -U xiaoan -d postgres -c 'select 1' >/dev/null 2>&1; then
  psql_admin <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'xiaoan') THEN
    CREATE ROLE xiaoan LOGIN PASSWORD 'xiaoan' CREATEDB;
  ELSE
    ALTER ROLE xiaoan LOGIN PASSWORD 'xiaoan' CREATEDB;
  END IF;
END $$;
SQL
fi
PGPASSWORD=xiaoan psql -X -q -h "$HOST" -p "$PORT" -U xiaoan -d postgres -c 'select 1' >/dev/null
