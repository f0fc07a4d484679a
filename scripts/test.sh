#!/usr/bin/env bash
# Runs every test: formatting and lints, unit and property tests, the store conformance suite on
# SQLite and PostgreSQL, service and HTTP integration tests, and the browser tests in Chromium.
# Installs what is missing and starts PostgreSQL when it is down.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
start=$(date +%s)
log=$(mktemp)
trap 'rm -f "$log"' EXIT

bash scripts/install.sh --with-tests

if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  echo "test: starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi

echo "== format and lints"
cargo fmt --all -- --check
cargo clippy -p domain -p store -p service -p server -p vendor-sim -p charts --all-targets -- -D warnings
cargo clippy -p frontend --target wasm32-unknown-unknown --target-dir target/front -- -D warnings

echo "== build (site and server)"
bash scripts/build.sh

echo "== unit, property, conformance (SQLite + PostgreSQL) and integration tests"
# Selected packages, never --workspace: unifying app's ssr and hydrate features breaks SSR.
cargo test -p domain -p store -p service -p app -p server -p vendor-sim -p charts --features app/ssr 2>&1 | tee -a "$log"

echo "== browser tests (Chromium)"
(cd end2end && REGIEKAMER_BIN="$PWD/../target/debug/regiekamer" REGIEKAMER_SITE="$PWD/../target/site" npm test) 2>&1 | tee -a "$log"

# One closing line over both runners: cargo's "test result" lines and node's "# pass/# fail".
passed=$(awk '/^test result:/ {p += $4} /^# pass / {p += $3} END {print p + 0}' "$log")
failed=$(awk '/^test result:/ {f += $6} /^# fail / {f += $3} END {print f + 0}' "$log")
echo "test: all green in $(( $(date +%s) - start )) s"
echo "total: $passed passed, $failed failed"
