#!/usr/bin/env bash
# Benchmarks the shop with wrk against a release build: on the embedded SQLite default, or on PostgreSQL when
# DATABASE_URL is set (its schema is dropped and rebuilt). For each catalog size given (default 1000 and 100000
# SKUs) it loads the Meiduo sample plus generated SKUs and 10,000 users, then runs every scenario.
# Prints one table (req/s, share of the bare-framework ceiling, p50, p99) and appends it to bench/results.md.
#   bash scripts/bench.sh [SIZES...]
#   env: DURATION (s, default 10), CONNECTIONS (default 64), THREADS (default 2), USERS (default 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/install-deps.sh
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 100000)
# A thousand WebSocket watchers and the server's side of them need more than the default 1,024 descriptors.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
duration=${DURATION:-10}; connections=${CONNECTIONS:-64}; threads=${THREADS:-2}; users=${USERS:-10000}
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
base="http://127.0.0.1:$port"
# Public reads: scenario name and path.
reads=(
  "ceiling|/health/"
  "areas|/areas/"
  "list|/categories/115/skus/?page=2&page_size=10&ordering=-price"
  "list-deep|/categories/115/skus/?page=3&page_size=20&ordering=sales"
  "detail|/skus/20/"
  "search|/skus/search/?text=%E5%8D%8E%E4%B8%BA%E6%89%8B%E6%9C%BA&page_size=10"
  "hot|/categories/115/hotskus/"
  "courses|/courses/?page_size=10&ordering=-students"
  "course-detail|/courses/2/"
  "course-search|/courses/search/?text=%E5%AE%9E%E6%88%98"
)
# Logged-in scenarios (bench/<name>.lua), one shopper per connection, in this order: the carts cart_add fills
# are the ones cart_list, settlement and place_order read; place_order_promo spends a coupon and credits per order.
# place_course_order buys a course option (course cart, then an order without address or stock).
logged_in=(cart_add cart_list settlement place_order place_order_promo place_course_order)

rows=()
ceiling=""
audit_failed=0
# Runs wrk and adds a table row: $1 scenario label, $2 size, rest wrk arguments.
measure() {
  local label=$1 size=$2; shift 2
  local out rps p50 p99 errors share
  out=$(wrk --latency -d"${duration}s" "$@")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $5}' <<<"$out"); errors=${errors:-0}
  orders=$(awk '/^ORDERS/ {print $4}' <<<"$out" | sed 's/per_second=//')
  bids=$(awk '/^BIDS/ {print $2 ", " $3}' <<<"$out")
  accepted=$(awk '/^BIDS/ {print $2}' <<<"$out" | sed 's/accepted=//')
  grep '^REFUSED' <<<"$out" | head -3 >&2 || true
  [ -n "$ceiling" ] || ceiling=$rps
  share=$(awk -v r="$rps" -v c="$ceiling" 'BEGIN { printf "%.0f %%", 100 * r / c }')
  rows+=("| $db_label | $size | $label${orders:+ (**$orders orders/s**)}${bids:+ ($bids)} | $rps | $share | $p50 | $p99 | $errors |")
}

for size in "${sizes[@]}"; do
  if [ -n "${DATABASE_URL:-}" ]; then psql -q "$DATABASE_URL" -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null 2>&1; fi
  rm -f "$work"/meiduo.sqlite*
  "$bin" migrate >/dev/null
  "$bin" load-meiduo-dump ../shared/data/meiduo/goods_data.sql >/dev/null
  "$bin" seed --skus "$size" >/dev/null
  "$bin" reindex >/dev/null
  "$bin" load-demo-courses >/dev/null
  export BENCH_SHOPPERS="$work/shoppers.txt"
  "$bin" bench-fixture --users "$users" --shoppers "$connections" > "$BENCH_SHOPPERS"
  "$bin" serve --port $port --public-directory "$work/public" >"$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 50); do curl -sf "$base/health/" >/dev/null && break; sleep 0.2; done
  # Warm-up: the first seconds of a fresh process (allocator, thread pools, page cache) would lower the ceiling.
  wrk -t"$threads" -c"$connections" -d3s "$base/health/" >/dev/null
  ceiling=""
  # The course place_course_order buys: the demo's second course (实战课) and its 3-month option.
  export BENCH_COURSE="2 $(curl -sf "$base/courses/2/" | python3 -c 'import json, sys; print([o["id"] for o in json.load(sys.stdin)["expires"] if o["expire_time"] == 90][0])')"
  for entry in "${reads[@]}"; do
    name=${entry%%|*}; path=${entry#*|}
    status=$(curl -s -o /dev/null -w "%{http_code}" "$base$path")
    [ "$status" = 200 ] || echo "warning: $name answered $status" >&2
    measure "$name" "$size" -t"$threads" -c"$connections" "$base$path"
  done
  for name in "${logged_in[@]}"; do
    if [ "$name" = place_order_promo ]; then
      # Fresh coupons (one per order) and credits for the promotions scenario, given only now so that the settlement
      # scenario sees shoppers with a realistic handful of coupons.
      export BENCH_SHOPPERS="$work/promo_shoppers.txt"
      "$bin" bench-promotions --shoppers "$connections" --coupons 500 > "$BENCH_SHOPPERS"
    fi
    # One connection per wrk thread, so each connection is one shopper whose requests strictly alternate.
    measure "$name" "$size" -t"$connections" -c"$connections" -s "bench/$name.lua" "$base"
  done
  # The community: its feed (a first page and one deep in it), a post's page with its threads, then the like storm —
  # every shopper liking and unliking one post at once — and the audit of every counter against its records.
  community=$("$bin" bench-community --posts 2000)
  news=$(awk '/^NEWS/ {print $2}' <<<"$community")
  cursor=$(awk '/^CURSOR/ {print $2}' <<<"$community")
  for entry in "community-feed|/community/news/?page_size=10" "community-feed-deep|/community/news/?page_size=10&cursor=$cursor" \
               "community-news|/community/news/$news/?refresh=1" "community-comments|/community/news/$((news - 1))/comments/"; do
    measure "${entry%%|*}" "$size" -t"$threads" -c"$connections" "$base${entry#*|}"
  done
  export BENCH_NEWS=$news
  measure favor "$size" -t"$connections" -c"$connections" -s bench/favor.lua "$base"
  audit=$("$bin" bench-community-audit 2>&1) || { audit_failed=1; echo "community audit failed: $audit" >&2; }
  rows+=("| $db_label | $size | community audit: ${audit#AUDIT } | | | | | |")
  # Auctions: 64 bidders on one hot lot (accepted and refused bids both count), then 1,000 watchers of another lot's
  # WebSocket while bids go in one by one. The audit below checks the hot lot's history against the accepted count.
  auction=$("$bin" bench-auction --shoppers "$connections")
  export BENCH_LOT=$(awk '/^LOT/ {print $2}' <<<"$auction") BENCH_SHOPPERS="$work/shoppers.txt"
  measure bid "$size" -t"$connections" -c"$connections" -s bench/bid.lua "$base"
  bid_accepted=$accepted
  live=$("$bin" bench-live --url "$base" --lot "$(awk '/^LIVE/ {print $2}' <<<"$auction")" --shoppers "$BENCH_SHOPPERS" --watchers 1000 --bids 50)
  read -r _ watchers _ events missing p50 p99 <<<"$live"
  rows+=("| $db_label | $size | live: ${watchers#watchers=} WebSocket watchers, 50 bids (${events#events=} deliveries, ${missing#missing=} missing) | | | ${p50#p50=} | ${p99#p99=} | |")
  kill $server; wait $server 2>/dev/null || true
  server=""
  audit=$("$bin" bench-auction-audit --lot "$BENCH_LOT" --accepted "$bid_accepted" --in-flight "$connections" 2>&1) || { audit_failed=1; echo "auction audit failed: $audit" >&2; }
  rows+=("| $db_label | $size | bid audit: ${audit#AUDIT } | | | | | |")
  audit=$("$bin" bench-audit 2>&1) || { audit_failed=1; echo "audit failed: $audit" >&2; }
  rows+=("| $db_label | $size | oversell audit: ${audit#AUDIT } | | | | | |")
  # The index itself, without the response cache: one query at a time, 50 runs each.
  while read -r _ matches p50 p99 query; do
    rows+=("| $db_label | $size | search uncached, one at a time: $query (${matches#matches=}) | | | ${p50#p50=} | ${p99#p99=} | |")
  done < <("$bin" bench-search | grep '^SEARCH')
done

table="| db | SKUs | scenario | req/s | of ceiling | p50 | p99 | non-2xx |
|---|---|---|---|---|---|---|---|
$(printf '%s\n' "${rows[@]}")"
echo "$table"
mkdir -p bench
{ echo; echo "## $(date -u +%Y-%m-%dT%H:%MZ) — $(nproc) cores, ${connections} connections, ${duration}s each, ${users} users"; echo; echo "$table"; } >> bench/results.md
[ "$audit_failed" = 0 ] || { echo "the oversell audit failed (see the table)" >&2; exit 1; }
