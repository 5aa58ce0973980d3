#!/usr/bin/env bash
# Sets up everything the test suite needs on a fresh Debian machine and runs it: the Swift tests on the
# embedded SQLite default and on a local PostgreSQL, schemathesis against a live server on each, and the
# storefront's journeys in a real browser (Selenium driving Debian's chromium), and the deploy/ folder for real
# (two server processes and a worker behind nginx, scripts/deploy-smoke.sh).
# Every phase runs even when an earlier one failed; the last line sums them up, and the exit status is
# non-zero when any phase failed.
# SCRATCH_PATH chooses SwiftPM's build folder (default .build).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
source scripts/install-deps.sh

# Interop test peers from PyPI (an independent SMTP server, …) in a venv of their own.
venv=.venv-test
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check -r Tests/Support/requirements.txt
export PYTHON="$PWD/$venv/bin/python"

pg_url=$(bash scripts/start-postgres.sh | tail -n 1)
scratch=(--scratch-path "${SCRATCH_PATH:-.build}")
logs=$(mktemp -d)
summary=()
failed=0

# phase NAME LOG COMMAND…: runs the command with its output shown and kept, and records its wall time and status.
phase() {
  local name=$1 log=$2; shift 2
  local t0=$SECONDS status=0
  echo "== $name =="
  "$@" 2>&1 | tee "$log" || status=$?
  local took=$((SECONDS - t0)) result=passed
  [ "$status" -eq 0 ] || { result=FAILED; failed=1; }
  summary+=("$name: $result in ${took}s$(counts "$log")")
}

# counts LOG: what a phase's log says it ran (Swift Testing's last line, schemathesis' test-case totals, unittest's result,
# the deploy smoke's steps).
counts() {
  local swift st browser
  swift=$(grep -aoE 'Test run with [0-9]+ tests? in [0-9]+ suites? (passed|failed).*' "$1" | tail -n 1 |
    sed -E 's/Test run with //; s/ after [0-9.]+ seconds//; s/\.$//') || true
  st=$(grep -aoE '[0-9]+ generated, [0-9]+ (passed|failed).*' "$1" | sed -E 's/ +$//' | paste -sd '/' - | sed 's#/# / #g') || true
  browser=$(grep -aE '^Ran [0-9]+ tests?' "$1" | tail -n 1) || true
  [ -n "$browser" ] && printf ' (%s: %s)' "$browser" "$(grep -aE '^(OK|FAILED)' "$1" | tail -n 1)"
  [ -n "$swift" ] && printf ' (%s)' "$swift"
  [ -n "$st" ] && printf ' (schemathesis: %s)' "$st"
  grep -aq '^SMOKE PASSED' "$1" && printf ' (%s steps checked)' "$(grep -ac '^ok:' "$1")"
  true
}

# slowest TIMINGS: the tests whose own work took longest (each test times itself from its database being ready).
slowest() {
  [ -s "$1" ] || return 0
  echo "slowest tests by their own work (seconds):"
  # awk reads to the end: `head` would close the pipe early, and pipefail would turn sort's SIGPIPE into a failure.
  sort -rn "$1" | awk 'NR <= 8 { print "  " $0 }'
}

phase "build" "$logs/build.log" swift build --build-tests "${scratch[@]}"
if [ "$failed" -eq 0 ]; then
  TEST_TIMINGS_FILE="$logs/sqlite.timings" phase "tests on SQLite" "$logs/sqlite.log" \
    env -u TEST_DATABASE_URL swift test --skip-build "${scratch[@]}"
  slowest "$logs/sqlite.timings"
  TEST_TIMINGS_FILE="$logs/postgres.timings" TEST_DATABASE_URL="$pg_url" phase "tests on PostgreSQL" "$logs/postgres.log" \
    swift test --skip-build "${scratch[@]}"
  slowest "$logs/postgres.timings"
  phase "contract on SQLite" "$logs/contract-sqlite.log" env SCRATCH_PATH="${SCRATCH_PATH:-.build}" bash scripts/contract-test.sh
  contract_url=${pg_url%/*}/meiduo_contract
  psql -q "$pg_url" -tAc "SELECT 1 FROM pg_database WHERE datname = 'meiduo_contract'" | grep -q 1 ||
    psql -q "$pg_url" -c "CREATE DATABASE meiduo_contract" >/dev/null
  phase "contract on PostgreSQL" "$logs/contract-postgres.log" \
    env SCRATCH_PATH="${SCRATCH_PATH:-.build}" CONTRACT_DATABASE_URL="$contract_url" bash scripts/contract-test.sh
  phase "browser" "$logs/browser.log" env SCRATCH_PATH="${SCRATCH_PATH:-.build}" bash scripts/browser-test.sh
  phase "deploy smoke" "$logs/deploy.log" \
    env SCRATCH_PATH="${SCRATCH_PATH:-.build}" SMOKE_DATABASE_URL="${pg_url%/*}/meiduo_deploy" bash scripts/deploy-smoke.sh
fi
rm -rf "$logs"

echo "== summary =="
for line in "${summary[@]}"; do echo "  $line"; done
verdict=passed
[ "$failed" -eq 0 ] || verdict=FAILED
joined=$(printf '%s; ' "${summary[@]}")
echo "SUMMARY: $verdict in $((SECONDS - started))s — ${joined%; }"
exit "$failed"
