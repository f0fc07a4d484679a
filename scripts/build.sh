#!/usr/bin/env bash
# Builds the site (wasm + JS glue + CSS + public files into target/site, with content-hashed copies
# and their brotli and gzip forms) and the `regiekamer` binary, the same artifacts as
# `cargo leptos build` without needing cargo-leptos.
# Usage: scripts/build.sh [--release | --release-wasm]
#   (none)          debug wasm (about 15 MB, 2 MB as brotli) and debug server: quick to build, for tests
#   --release-wasm  size-optimised wasm (Cargo profile wasm-release) and debug server: what the demo runs
#   --release       size-optimised wasm and release server: production
set -euo pipefail
cd "$(dirname "$0")/.."
server_profile=debug; server_flag=(); wasm_flag=(); wasm_dir=debug; bindgen_flag=()
case "${1:-}" in
  "") ;;
  --release) server_profile=release; server_flag=(--release) ;;&
  --release | --release-wasm)
    wasm_flag=(--profile wasm-release); wasm_dir=wasm-release
    # Function names are a third of the wasm and only serve stack traces.
    bindgen_flag=(--remove-name-section --remove-producers-section) ;;
  *) echo "usage: scripts/build.sh [--release | --release-wasm]" >&2; exit 2 ;;
esac

echo "build: frontend (wasm, $wasm_dir)"
cargo build -p frontend --lib --target wasm32-unknown-unknown --target-dir target/front "${wasm_flag[@]}"
mkdir -p target/site/pkg
wasm-bindgen --target web "${bindgen_flag[@]}" --out-name regiekamer --out-dir target/site/pkg \
  "target/front/wasm32-unknown-unknown/$wasm_dir/frontend.wasm"
mv -f target/site/pkg/regiekamer_bg.wasm target/site/pkg/regiekamer.wasm

echo "build: stylesheet, hashed names and compressed copies"
bash scripts/build-css.sh

echo "build: server ($server_profile)"
cargo build -p server "${server_flag[@]}"
echo "build: done (target/$server_profile/regiekamer, site in target/site)"
