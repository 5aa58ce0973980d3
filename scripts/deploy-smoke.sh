#!/usr/bin/env bash
# Runs the deploy/ folder for real on this machine and walks a journey through it (Tests/Deploy/smoke_journey.py):
# two `meiduo serve --no-workers` processes and one `meiduo worker` on one PostgreSQL database, behind nginx running
# deploy/nginx/meiduo.conf itself — only its ports, folders and certificate rewritten to a scratch folder, with a
# self-signed certificate — and the processes configured as deploy/meiduo.env.example says (files in DATA_DIR,
# SERVE_RUNS_WORKERS=false, one SECRET_KEY).
#   PYTHON (a venv with Tests/Support/requirements.txt), SCRATCH_PATH (SwiftPM build folder),
#   SMOKE_DATABASE_URL (default: the local cluster's meiduo_deploy, emptied first).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/install-deps.sh
if ! dpkg -s nginx >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq nginx
fi
python=${PYTHON:-$PWD/.venv-test/bin/python}
scratch=(--scratch-path "${SCRATCH_PATH:-.build}")
work=$(mktemp -d)
chmod 755 "$work"  # nginx's workers (nobody) read the pages, pictures and certificate under it
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
swift build --product meiduo "${scratch[@]}" >"$work/build.log" 2>&1 || { cat "$work/build.log"; echo "the server did not build" >&2; exit 1; }
bin=$(swift build --show-bin-path "${scratch[@]}")/meiduo

# The systemd units parse and name only known settings (the binary itself is not installed at /opt/meiduo here).
if command -v systemd-analyze >/dev/null 2>&1; then
  mkdir -p "$work/units"
  cp deploy/systemd/meiduo-worker.service "$work/units/"
  cp deploy/systemd/meiduo-serve@.service "$work/units/meiduo-serve@8001.service"
  problems=$(cd "$work/units" && systemd-analyze verify ./meiduo-serve@8001.service ./meiduo-worker.service 2>&1 |
    grep -v 'Command /opt/meiduo/bin/meiduo is not executable' || true)
  [ -z "$problems" ] || { echo "deploy/systemd: $problems" >&2; exit 1; }
  echo "ok: the systemd units verify"
fi

pg_url=$(bash scripts/start-postgres.sh | tail -n 1)
db_url=${SMOKE_DATABASE_URL:-${pg_url%/*}/meiduo_deploy}
psql -q "$pg_url" -tAc "SELECT 1 FROM pg_database WHERE datname = '${db_url##*/}'" | grep -q 1 ||
  psql -q "$pg_url" -c "CREATE DATABASE ${db_url##*/}" >/dev/null
psql -q "$db_url" -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null 2>&1

port_a=${SMOKE_PORT_A:-18301} port_b=${SMOKE_PORT_B:-18302} https_port=${SMOKE_HTTPS_PORT:-18443} http_port=${SMOKE_HTTP_PORT:-18480}
site="https://127.0.0.1:$https_port"
export DATABASE_URL=$db_url DATA_DIR="$work/data" PUBLIC_DIR="$work/data/public" MEDIA_DIR="$work/data/media"
export SECRET_KEY=$(openssl rand -hex 32) SERVE_RUNS_WORKERS=false LOG_LEVEL=info
export FRONTEND_URL=$site IMAGE_BASE_URL=$site/media
# The journey's lot ends by the clock; its bid must not push the end on.
export AUCTION_SNIPING_WINDOW_SECONDS=0

"$bin" migrate >/dev/null
"$bin" load-demo >/dev/null
"$bin" generate-pages >/dev/null
MEIDUO_PASSWORD=staff-password "$bin" create-user --username smokestaff --mobile 13900000019 --staff >/dev/null
MEIDUO_PASSWORD=bidder-password "$bin" create-user --username smokebidder --mobile 13900000018 >/dev/null

"$bin" serve --port "$port_a" --no-workers >"$work/serve-a.log" 2>&1 &
pids+=($!)
"$bin" serve --port "$port_b" --no-workers >"$work/serve-b.log" 2>&1 &
pid_b=$!
pids+=($pid_b)
"$bin" worker >"$work/worker.log" 2>&1 &
pids+=($!)
for port in "$port_a" "$port_b"; do
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/ready/" >/dev/null && break; sleep 0.1; done
  curl -sf "http://127.0.0.1:$port/ready/" >/dev/null || { echo "the process on $port did not get ready" >&2; tail -20 "$work"/serve-*.log >&2; exit 1; }
done

# nginx: a self-signed certificate for 127.0.0.1, and the site file with its production paths and ports swapped.
mkdir -p "$work/tls" "$work/nginx"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
  -keyout "$work/tls/privkey.pem" -out "$work/tls/fullchain.pem" 2>/dev/null
sed -e "s#127.0.0.1:8001 #127.0.0.1:$port_a #; s#127.0.0.1:8002 #127.0.0.1:$port_b #" \
    -e "s#listen 80;#listen 127.0.0.1:$http_port;#; s#listen 443 ssl http2;#listen 127.0.0.1:$https_port ssl http2;#" \
    -e "/listen \[::\]/d" \
    -e "s#/etc/meiduo/tls/#$work/tls/#; s#/var/lib/meiduo/public#$work/data/public#; s#root /var/lib/meiduo;#root $work/data;#" \
    deploy/nginx/meiduo.conf >"$work/nginx/site.conf"
if grep -nE '/etc/meiduo|/var/lib/meiduo|:800[12]|listen (80|443)' "$work/nginx/site.conf"; then
  echo "deploy/nginx/meiduo.conf changed: the lines above were not rewritten for the smoke run" >&2; exit 1
fi
cat >"$work/nginx/nginx.conf" <<CONF
daemon off;
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $work/nginx/access.log;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    include $work/nginx/site.conf;
}
CONF
nginx -t -q -p "$work/nginx" -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf"
nginx -p "$work/nginx" -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf" &
pids+=($!)
for _ in $(seq 1 100); do curl -sf --cacert "$work/tls/fullchain.pem" "$site/ready/" >/dev/null && break; sleep 0.1; done

status=0
SMOKE_SITE=$site SMOKE_PLAIN="http://127.0.0.1:$http_port" SMOKE_PROCESS_A="http://127.0.0.1:$port_a" \
  SMOKE_PROCESS_B="http://127.0.0.1:$port_b" SMOKE_PROCESS_B_PID=$pid_b SMOKE_CA_FILE="$work/tls/fullchain.pem" \
  SMOKE_STAFF_USER=smokestaff SMOKE_STAFF_PASSWORD=staff-password SMOKE_BIDDER_USER=smokebidder SMOKE_BIDDER_PASSWORD=bidder-password \
  "$python" Tests/Deploy/smoke_journey.py || status=1
# nginx spread the API over both processes (least_conn), and nothing answered 500.
for name in serve-a serve-b; do
  served=$(grep ' status=' "$work/$name.log" | grep -vc 'path=/ready/' || true)
  echo "$name answered $served requests"
  [ "$served" -gt 0 ] || { echo "$name answered nothing: nginx did not use it" >&2; status=1; }
done
if grep -h "unhandled error" "$work"/serve-*.log "$work/worker.log"; then
  echo "a process hit unhandled errors" >&2; status=1
fi
if [ "$status" -ne 0 ]; then
  for log in serve-a serve-b worker; do echo "--- $log (last lines)"; tail -15 "$work/$log.log"; done
  echo "--- nginx"; tail -15 "$work/nginx/error.log"
fi
exit $status
