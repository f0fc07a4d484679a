#!/usr/bin/env bash
# Builds the site (wasm + JS glue + CSS + public files into target/site) and the `regiekamer` binary,
# the same artifacts as `cargo leptos build` without needing cargo-leptos. Usage: scripts/build.sh [--release]
set -euo pipefail
cd "$(dirname "$0")/.."
profile=debug; flag=()
if [[ "${1:-}" == "--release" ]]; then profile=release; flag=(--release); fi

echo "build: frontend (wasm, $profile)"
cargo build -p frontend --lib --target wasm32-unknown-unknown --target-dir target/front "${flag[@]}"
mkdir -p target/site/pkg
wasm-bindgen --target web --out-name regiekamer --out-dir target/site/pkg \
  "target/front/wasm32-unknown-unknown/$profile/frontend.wasm"
mv -f target/site/pkg/regiekamer_bg.wasm target/site/pkg/regiekamer.wasm

echo "build: stylesheet"
bash scripts/build-css.sh

echo "build: server ($profile)"
cargo build -p server "${flag[@]}"
echo "build: done (target/$profile/regiekamer, site in target/site)"
