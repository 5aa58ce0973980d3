#!/usr/bin/env bash
# Sets up and runs the shop on the embedded SQLite default: builds, migrates, and serves on 127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/install-deps.sh
swift build -c release --product meiduo
bin=$(swift build -c release --show-bin-path)/meiduo
"$bin" migrate
# The storefront's browser libraries come from Debian's packages, linked into the served folder.
mkdir -p public/static
ln -sfn /usr/share/javascript/vue public/static/vue
ln -sfn /usr/share/javascript/bootstrap5 public/static/bootstrap5
ln -sfn /usr/share/javascript/popperjs2 public/static/popper
"$bin" load-demo   # the Meiduo sample plus generated products, on a shop that has none yet
exec "$bin" serve --hostname "${HOST:-127.0.0.1}" --port "${PORT:-8080}"
