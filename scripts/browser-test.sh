#!/usr/bin/env bash
# Walks the storefront in a real browser: Debian's chromium + chromium-driver driven by Selenium (PyPI), against a
# debug `meiduo serve` on a fresh SQLite shop with the demo catalog. Alipay points at the local fake gateway (it checks
# our signed request and plays the cashier), WeChat Pay at the local fake (it checks our signed order request and
# builds the payment notice), SMS codes are read from the server log as a person reads their phone.
# Screenshots of every step at 1280 and 375 px go to SHOTS_DIR (default .build-shots/, not committed).
#   PYTHON (a venv with Tests/Support/requirements.txt), SCRATCH_PATH (SwiftPM build folder).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/install-deps.sh
browser_packages=(chromium chromium-driver fonts-wqy-microhei)
missing=()
for p in "${browser_packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}"
fi
python=${PYTHON:-$PWD/.venv-test/bin/python}
scratch=(--scratch-path "${SCRATCH_PATH:-.build}")
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
swift build --product meiduo "${scratch[@]}" >"$work/build.log" 2>&1 || { cat "$work/build.log"; echo "the server did not build" >&2; exit 1; }
bin=$(swift build --show-bin-path "${scratch[@]}")/meiduo
port=${BROWSER_TEST_PORT:-18282}
base="http://127.0.0.1:$port"

# Starts a Tests/Support fake in the background and waits until it says READY; fake_port prints its port.
start_fake() {
  local name=$1; shift
  "$python" "Tests/Support/$name.py" "$@" >"$work/$name.out" 2>"$work/$name.err" &
  pids+=($!)
  for _ in $(seq 1 300); do
    grep -q '^READY' "$work/$name.out" 2>/dev/null && return
    sleep 0.1
  done
  echo "$name did not start: $(cat "$work/$name.err")" >&2; exit 1
}
fake_port() { awk '/^READY/ {print $2}' "$work/$1.out"; }

for key in alipay_app alipay_platform wechat_merchant wechat_platform; do
  openssl genrsa -out "$work/$key.pem" 2048 2>/dev/null
  openssl rsa -in "$work/$key.pem" -pubout -out "$work/$key.pub" 2>/dev/null
done
echo '{}' >"$work/trades.json"
start_fake fake_alipay_gateway --out "$work/alipay.jsonl" --app-id 2021000000000001 --app-public-key "$work/alipay_app.pub" \
  --alipay-private-key "$work/alipay_platform.pem" --trades "$work/trades.json"
api_v3_key=0123456789abcdef0123456789abcdef
start_fake fake_wechatpay --out "$work/wechat.jsonl" --mch-id 1900000001 --app-id wxbrowser \
  --merchant-serial MERCHANTSERIAL --merchant-public-key "$work/wechat_merchant.pub" \
  --platform-private-key "$work/wechat_platform.pem" --platform-serial PLATFORMSERIAL --api-v3-key "$api_v3_key"

export DATA_DIR="$work/data" PUBLIC_DIR="$work/public" LOG_LEVEL=info SERVE_RUNS_WORKERS=true FRONTEND_URL="$base"
# The auction journey's lot ends by the clock a minute after it opens; a bid near the end must not push it on.
export AUCTION_SNIPING_WINDOW_SECONDS=0
unset DATABASE_URL
export ALIPAY_APP_ID=2021000000000001 ALIPAY_APP_PRIVATE_KEY="$(cat "$work/alipay_app.pem")" ALIPAY_PUBLIC_KEY="$(cat "$work/alipay_platform.pub")"
export ALIPAY_GATEWAY="http://127.0.0.1:$(fake_port fake_alipay_gateway)/gateway.do" ALIPAY_NOTIFY_URL="$base/payment/alipay/notify/"
export ALIPAY_AUTHORIZE_URL="http://127.0.0.1:$(fake_port fake_alipay_gateway)/oauth2/publicAppAuthorize.htm"
export WECHATPAY_MCH_ID=1900000001 WECHATPAY_APP_ID=wxbrowser WECHATPAY_MERCHANT_SERIAL_NO=MERCHANTSERIAL
export WECHATPAY_MERCHANT_PRIVATE_KEY="$(cat "$work/wechat_merchant.pem")" WECHATPAY_API_V3_KEY=$api_v3_key
export WECHATPAY_PLATFORM_PUBLIC_KEY="$(cat "$work/wechat_platform.pub")" WECHATPAY_PLATFORM_SERIAL_NO=PLATFORMSERIAL
export WECHATPAY_NOTIFY_URL="$base/payment/wechat/notify/" WECHATPAY_BASE_URL="http://127.0.0.1:$(fake_port fake_wechatpay)"

"$bin" migrate >/dev/null
"$bin" load-demo >/dev/null
"$bin" generate-pages >/dev/null
MEIDUO_PASSWORD=staff-password "$bin" create-user --username staff001 --mobile 13900000009 --staff >/dev/null
MEIDUO_PASSWORD=agent-password "$bin" create-user --username agent001 --mobile 13900000008 >/dev/null
"$bin" serve --port "$port" >"$work/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do curl -sf "$base/ready/" >/dev/null && break; sleep 0.1; done
curl -sf "$base/ready/" >/dev/null || { echo "the server did not get ready: $(tail -20 "$work/serve.log")" >&2; exit 1; }
staff_token=$(curl -sf -H 'Content-Type: application/json' -d '{"username": "staff001", "password": "staff-password"}' \
  "$base/authorizations/" | "$python" -c 'import json, sys; print(json.load(sys.stdin)["token"])')

shots=${SHOTS_DIR:-$PWD/.build-shots}
rm -rf "$shots"
status=0
SHOP_URL="$base" SERVER_LOG="$work/serve.log" SHOP_DATABASE="$work/data/meiduo.sqlite" STAFF_TOKEN="$staff_token" \
  WECHAT_FAKE_URL="$WECHATPAY_BASE_URL" SHOTS_DIR="$shots" \
  "$python" -m unittest discover -s Tests/Browser -p 'test_*.py' -v ${BROWSER_TEST_FILTER:+-k "$BROWSER_TEST_FILTER"} || status=1
if [ $status -ne 0 ]; then
  echo "--- the server's warnings and errors (last 30) ---"
  grep -aiE '"?level"?[:=] ?"?(warning|error|critical)|\[(warning|error|critical)\]| (warning|error|critical):' "$work/serve.log" | tail -30 || true
fi
if grep -q "unhandled error" "$work/serve.log"; then
  grep -m 5 "unhandled error" "$work/serve.log"
  echo "the server hit unhandled errors (500s)" >&2
  status=1
fi
echo "screenshots: $shots ($(find "$shots" -name '*.png' 2>/dev/null | wc -l) files)"
exit $status
