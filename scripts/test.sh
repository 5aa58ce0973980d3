#!/usr/bin/env bash
# Sets up everything the test suite needs on a fresh Debian machine and runs it twice:
# on the embedded SQLite default and on a local PostgreSQL.
# SCRATCH_PATH chooses SwiftPM's build folder (default .build).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/install-deps.sh

# Interop test peers from PyPI (an independent SMTP server, …) in a venv of their own.
venv=.venv-test
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check -r Tests/Support/requirements.txt
export PYTHON="$PWD/$venv/bin/python"

pg_url=$(bash scripts/start-postgres.sh | tail -n 1)
scratch=(--scratch-path "${SCRATCH_PATH:-.build}")

swift build --build-tests "${scratch[@]}"
echo "== tests on SQLite =="
env -u TEST_DATABASE_URL swift test --skip-build "${scratch[@]}"
echo "== tests on PostgreSQL =="
TEST_DATABASE_URL="$pg_url" swift test --skip-build "${scratch[@]}"
echo "== contract: schemathesis against a live server on SQLite =="
SCRATCH_PATH="${SCRATCH_PATH:-.build}" bash scripts/contract-test.sh
echo "== contract: schemathesis against a live server on PostgreSQL =="
contract_url=${pg_url%/*}/meiduo_contract
psql -q "$pg_url" -tAc "SELECT 1 FROM pg_database WHERE datname = 'meiduo_contract'" | grep -q 1 || psql -q "$pg_url" -c "CREATE DATABASE meiduo_contract" >/dev/null
SCRATCH_PATH="${SCRATCH_PATH:-.build}" CONTRACT_DATABASE_URL="$contract_url" bash scripts/contract-test.sh
