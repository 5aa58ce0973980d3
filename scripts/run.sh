#!/usr/bin/env bash
# Sets up and runs the shop on the embedded SQLite default: builds, migrates, and serves on 127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/install-deps.sh
swift build -c release --product meiduo
bin=$(swift build -c release --show-bin-path)/meiduo
"$bin" migrate
# The storefront's browser libraries come from Debian's packages (install-deps.sh); the server serves them
# under /static/. load-demo fills a shop that has no products yet with the Meiduo sample plus generated products
# and draws their pictures into storage; generate-pages writes the home page and every product page.
"$bin" load-demo
"$bin" generate-pages
exec "$bin" serve --hostname "${HOST:-127.0.0.1}" --port "${PORT:-8080}"
