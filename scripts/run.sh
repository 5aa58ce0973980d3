#!/usr/bin/env bash
# Sets up and runs the shop on the embedded SQLite default: builds, migrates, and serves on 127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/install-deps.sh
swift build -c release --product meiduo
bin=$(swift build -c release --show-bin-path)/meiduo
"$bin" migrate
"$bin" load-demo   # the Meiduo sample plus generated products, on a shop that has none yet
exec "$bin" serve --hostname "${HOST:-127.0.0.1}" --port "${PORT:-8080}"
