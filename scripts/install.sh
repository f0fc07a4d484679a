#!/usr/bin/env bash
# Installs what building and testing Regiekamer needs, skipping whatever is already there.
# Usage: scripts/install.sh [--with-tests]   (--with-tests adds Chromium and the browser-test packages)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
WASM_BINDGEN_VERSION=0.2.130

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "install: rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]]; then
  echo "install: wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes, once)"
  # Without --locked: its lockfile wants a webpki-roots version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

for tool in node npm; do
  if ! command -v "$tool" >/dev/null; then
    echo "install: nodejs and npm (apt)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
    break
  fi
done

if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "install: stylesheet packages (npm ci)"
  npm ci --no-audit --no-fund --silent
fi

if [[ "${1:-}" == "--with-tests" ]]; then
  if [[ ! -x /usr/bin/chromium ]]; then
    echo "install: chromium (apt)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  fi
  if [[ ! -d end2end/node_modules || end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]]; then
    echo "install: browser-test packages (npm ci)"
    (cd end2end && npm ci --no-audit --no-fund --silent)
  fi
fi
echo "install: ok"
