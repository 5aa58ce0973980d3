#!/usr/bin/env bash
# Benchmarks the catalog's read endpoints with wrk against a release build on the embedded SQLite default
# (or on PostgreSQL when DATABASE_URL is set), at each catalog size given (default: 1000 and 100000 SKUs).
# Prints a table and appends it to bench/results.md.
#   bash scripts/bench.sh [SIZES...]        env: DURATION (s, default 10), CONNECTIONS (default 64), THREADS (default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/install-deps.sh
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 100000)
duration=${DURATION:-10}; connections=${CONNECTIONS:-64}; threads=${THREADS:-2}
scratch=(--scratch-path "${SCRATCH_PATH:-.build}")
swift build -c release --product meiduo "${scratch[@]}" >/dev/null
bin=$(swift build -c release --show-bin-path "${scratch[@]}")/meiduo
port=18080
work=$(mktemp -d)
server=""
trap 'if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi; rm -rf "$work"' EXIT
# No in-process workers: regenerating 100,000 static pages would compete with the measured requests.
export DATA_DIR="$work" LOG_LEVEL=error SERVE_RUNS_WORKERS=false
db_label=${DATABASE_URL:+postgres}; db_label=${db_label:-sqlite}

rows=()
for size in "${sizes[@]}"; do
  if [ -n "${DATABASE_URL:-}" ]; then psql -q "$DATABASE_URL" -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null; fi
  rm -f "$work"/meiduo.sqlite*
  "$bin" migrate >/dev/null
  "$bin" load-meiduo-dump ../shared/data/meiduo/goods_data.sql >/dev/null
  "$bin" seed --skus "$size" >/dev/null
  "$bin" reindex >/dev/null
  export BENCH_SHOPPERS="$work/shoppers.txt"
  "$bin" bench-fixture --users "$connections" > "$BENCH_SHOPPERS"
  "$bin" serve --port $port --public-directory "$work/public" >"$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/areas/" >/dev/null && break; sleep 0.2; done
  declare -A urls=(
    [areas]="/areas/"
    [list]="/categories/115/skus/?page=2&page_size=10&ordering=-price"
    [list-deep]="/categories/115/skus/?page=50&page_size=20&ordering=sales"
    [detail]="/skus/20/"
    [search]="/skus/search/?text=%E5%8D%8E%E4%B8%BA%E6%89%8B%E6%9C%BA&page_size=10"
    [hot]="/categories/115/hotskus/"
  )
  for name in areas list list-deep detail search hot; do
    url="http://127.0.0.1:$port${urls[$name]}"
    status=$(curl -s -o /dev/null -w "%{http_code}" "$url")
    out=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$url")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    errors=$(awk '/Non-2xx/ {print $5}' <<<"$out"); errors=${errors:-0}
    rows+=("| $db_label | $size | $name | $status | $rps | $p50 | $p99 | $errors |")
  done
  # Logged-in scenarios: one shopper per connection (bench/*.lua read the tokens from $BENCH_SHOPPERS).
  for name in cart_list cart_add place_order; do
    # One connection per wrk thread, so each connection is one shopper whose requests strictly alternate.
    out=$(wrk -t"$connections" -c"$connections" -d"${duration}s" --latency -s "bench/$name.lua" "http://127.0.0.1:$port")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    errors=$(awk '/Non-2xx/ {print $5}' <<<"$out"); errors=${errors:-0}
    orders=$(awk '/^ORDERS/ {print $4}' <<<"$out" | sed 's/per_second=//')
    rows+=("| $db_label | $size | $name${orders:+ ($orders orders/s)} | - | $rps | $p50 | $p99 | $errors |")
  done
  kill $server; wait $server 2>/dev/null || true
  server=""
done

table="| db | SKUs | endpoint | status | req/s | p50 | p99 | non-2xx |
|---|---|---|---|---|---|---|---|
$(printf '%s\n' "${rows[@]}")"
echo "$table"
mkdir -p bench
{ echo; echo "## $(date -u +%Y-%m-%dT%H:%MZ) — $(nproc) cores, ${connections} connections, ${duration}s each"; echo; echo "$table"; } >> bench/results.md
