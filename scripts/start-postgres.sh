#!/usr/bin/env bash
# Starts the Debian PostgreSQL cluster on loopback and makes a `meiduo` superuser and `meiduo_test` database.
# Prints the URL to use as TEST_DATABASE_URL.
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start >/dev/null 2>&1 || true
for _ in $(seq 1 30); do
  pg_isready -h 127.0.0.1 -p 5432 -q && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p 5432 -q || { echo "PostgreSQL did not start" >&2; exit 1; }
su postgres -c "psql -q -tAc \"SELECT 1 FROM pg_roles WHERE rolname='meiduo'\"" | grep -q 1 ||
  su postgres -c "psql -q -c \"CREATE ROLE meiduo LOGIN SUPERUSER PASSWORD 'meiduo'\""
su postgres -c "psql -q -tAc \"SELECT 1 FROM pg_database WHERE datname='meiduo_test'\"" | grep -q 1 ||
  su postgres -c "psql -q -c 'CREATE DATABASE meiduo_test OWNER meiduo'"
echo "postgres://meiduo:meiduo@127.0.0.1:5432/meiduo_test"
