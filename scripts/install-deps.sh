#!/usr/bin/env bash
# Installs the Debian packages the shop and its tests need (idempotent; skips apt when all are present).
set -euo pipefail
packages=(postgresql postgresql-contrib python3-venv python3-pip openssl curl ca-certificates zlib1g-dev libjs-vue libjs-bootstrap5 node-popper2 node-qrcode-generator libjs-chart.js
          ffmpeg fonts-wqy-microhei)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}"
fi
command -v swift >/dev/null 2>&1 || export PATH=/opt/swift/usr/bin:/opt/swift/bin:$PATH
command -v swift >/dev/null 2>&1 || { echo "swift toolchain not found (expected on PATH or in /opt/swift)" >&2; exit 1; }
