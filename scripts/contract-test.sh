#!/usr/bin/env bash
# Fuzzes the live API against its OpenAPI document (Sources/App/Resources/openapi.json) with schemathesis:
# a debug `meiduo serve` on a fresh SQLite database (or PostgreSQL, CONTRACT_DATABASE_URL) with the demo catalog, every third party configured
# (Alipay with generated keys, QQ and WeChat Pay pointing at the local fakes in Tests/Support), once with a
# logged-in shopper's token, once anonymous and once as a staff member (超级管理员). Checks and accepted refusals: Tests/Contract/schemathesis.toml.
#   PYTHON (a venv with Tests/Support/requirements.txt), SCRATCH_PATH (SwiftPM build folder), MAX_EXAMPLES.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-$PWD/.venv-test/bin/python}
st="$(dirname "$python")/st"
scratch=(--scratch-path "${SCRATCH_PATH:-.build}")
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
swift build --product meiduo "${scratch[@]}" >"$work/build.log" 2>&1 || { cat "$work/build.log"; echo "the server did not build" >&2; exit 1; }
bin=$(swift build --show-bin-path "${scratch[@]}")/meiduo

# Starts a Tests/Support fake in the background (its pid kept for the exit trap: this runs in the main shell,
# not in a command substitution, whose `pids` would be lost) and waits until it says READY.
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
# The port a started fake printed after READY.
fake_port() { awk '/^READY/ {print $2}' "$work/$1.out"; }

for key in alipay_app alipay_platform wechat_merchant wechat_platform; do
  openssl genrsa -out "$work/$key.pem" 2048 2>/dev/null
  openssl rsa -in "$work/$key.pem" -pubout -out "$work/$key.pub" 2>/dev/null
done
start_fake fake_qq --client-id contractapp --client-secret contractsecret --redirect-uri http://127.0.0.1:18181/oauth_callback.html
qq_port=$(fake_port fake_qq)
api_v3_key=0123456789abcdef0123456789abcdef
start_fake fake_wechatpay --out "$work/wechat.jsonl" --mch-id 1900000001 --app-id wxcontract \
  --merchant-serial MERCHANTSERIAL --merchant-public-key "$work/wechat_merchant.pub" \
  --platform-private-key "$work/wechat_platform.pem" --platform-serial PLATFORMSERIAL --api-v3-key "$api_v3_key"
wechat_port=$(fake_port fake_wechatpay)
start_fake fake_wechat_mini --app-id wxcontractmini --app-secret contractminisecret
wechat_mini_port=$(fake_port fake_wechat_mini)
echo '{}' >"$work/trades.json"
start_fake fake_alipay_gateway --out "$work/alipay.jsonl" --app-id 2021000000000001 --app-public-key "$work/alipay_app.pub" \
  --alipay-private-key "$work/alipay_platform.pem" --trades "$work/trades.json"
alipay_port=$(fake_port fake_alipay_gateway)

export DATA_DIR="$work/data" PUBLIC_DIR="$work/public" LOG_LEVEL=warning SERVE_RUNS_WORKERS=true
export QQ_CLIENT_ID=contractapp QQ_CLIENT_SECRET=contractsecret QQ_REDIRECT_URI=http://127.0.0.1:18181/oauth_callback.html
export QQ_API_BASE_URL="http://127.0.0.1:$qq_port"
export WECHAT_MINI_APP_ID=wxcontractmini WECHAT_MINI_APP_SECRET=contractminisecret WECHAT_MINI_API_BASE_URL="http://127.0.0.1:$wechat_mini_port"
export ALIPAY_APP_ID=2021000000000001 ALIPAY_APP_PRIVATE_KEY="$(cat "$work/alipay_app.pem")" ALIPAY_PUBLIC_KEY="$(cat "$work/alipay_platform.pub")"
export ALIPAY_GATEWAY="http://127.0.0.1:$alipay_port/gateway.do"
export WECHATPAY_MCH_ID=1900000001 WECHATPAY_APP_ID=wxcontract WECHATPAY_MERCHANT_SERIAL_NO=MERCHANTSERIAL
export WECHATPAY_MERCHANT_PRIVATE_KEY="$(cat "$work/wechat_merchant.pem")" WECHATPAY_API_V3_KEY=$api_v3_key
export WECHATPAY_PLATFORM_PUBLIC_KEY="$(cat "$work/wechat_platform.pub")" WECHATPAY_PLATFORM_SERIAL_NO=PLATFORMSERIAL
export WECHATPAY_NOTIFY_URL=http://127.0.0.1:18181/payment/wechat/notify/ WECHATPAY_BASE_URL="http://127.0.0.1:$wechat_port"
if [ -n "${CONTRACT_DATABASE_URL:-}" ]; then
  # PostgreSQL: a fresh schema in the database given.
  psql -q "$CONTRACT_DATABASE_URL" -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null 2>&1
  export DATABASE_URL=$CONTRACT_DATABASE_URL
else
  unset DATABASE_URL
fi

"$bin" migrate >/dev/null
"$bin" load-demo >/dev/null
MEIDUO_PASSWORD=contract-password "$bin" create-user --username contract01 --mobile 13900000001 >/dev/null
MEIDUO_PASSWORD=contract-password "$bin" create-user --username contractstaff --mobile 13900000002 --staff >/dev/null
"$bin" serve --port 18181 >"$work/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do curl -sf http://127.0.0.1:18181/ready/ >/dev/null && break; sleep 0.1; done
curl -sf http://127.0.0.1:18181/ready/ >/dev/null || { echo "the server did not get ready: $(tail -20 "$work/serve.log")" >&2; exit 1; }
token=$(curl -sf -H 'Content-Type: application/json' -d '{"username": "contract01", "password": "contract-password"}' \
  http://127.0.0.1:18181/authorizations/ | "$python" -c 'import json, sys; print(json.load(sys.stdin)["token"])')

run() {
  "$st" --config-file Tests/Contract/schemathesis.toml run Sources/App/Resources/openapi.json --url http://127.0.0.1:18181 \
    --max-examples "${MAX_EXAMPLES:-30}" --seed 20261122 --no-color "$@"
}
status=0
echo "== schemathesis, logged in =="
run -H "Authorization: JWT $token" || status=1
echo "== schemathesis, anonymous =="
run || status=1
# Last, as a 超级管理员 (the back office and every staff route): its writes change the shop the other runs read.
staff_token=$(curl -sf -H 'Content-Type: application/json' -d '{"username": "contractstaff", "password": "contract-password"}' \
  http://127.0.0.1:18181/admin/api/authorizations/ | "$python" -c 'import json, sys; print(json.load(sys.stdin)["token"])')
echo "== schemathesis, staff =="
run -H "Authorization: JWT $staff_token" || status=1
if grep -q "unhandled error" "$work/serve.log"; then
  grep -m 5 "unhandled error" "$work/serve.log"
  echo "the server hit unhandled errors (500s)" >&2
  status=1
fi
exit $status
