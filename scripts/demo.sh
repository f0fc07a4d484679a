#!/usr/bin/env bash
# Quick start: installs what is missing, builds, and starts the demo at http://127.0.0.1:3000 on an
# embedded SQLite database under ./data (seeded once; the demo accounts are printed at start).
# The browser gets the size-optimised wasm (0.5 MB as brotli instead of 2 MB); the server is a debug
# build, which is quick to build and fast enough for a demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
bash scripts/build.sh --release-wasm
exec target/debug/regiekamer demo --data-dir data
