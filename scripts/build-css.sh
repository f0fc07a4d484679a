#!/usr/bin/env bash
# Builds target/site/pkg/regiekamer.css from the NL Design System CSS (npm) that the pages use plus
# our own layer (style/main.css; assembled by scripts/build-css.mjs), copies public/* into target/site/,
# and gives the assets content-hashed names with brotli and gzip copies (scripts/hash-assets.mjs).
# Needs only bash, coreutils, node and npm; the only network it may use is the npm registry,
# and only when node_modules is missing or older than package-lock.json.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

tokens_css=node_modules/@utrecht/design-tokens/dist/theme.css
components_css=node_modules/@utrecht/component-library-css/dist/index.css
site_dir=target/site
out=$site_dir/pkg/regiekamer.css

# npm writes node_modules/.package-lock.json on every install; it is older than package-lock.json
# (or absent) exactly when node_modules is out of date.
if [[ ! -d node_modules \
  || package-lock.json -nt node_modules/.package-lock.json \
  || ! -f $tokens_css || ! -f $components_css ]]; then
  echo "build-css: installing npm packages (npm ci)" >&2
  npm ci --no-audit --no-fund >&2
fi

node scripts/build-css.mjs "$out"

if [[ -d public ]]; then
  cp -R public/. "$site_dir/"
fi

bytes=$(wc -c <"$out")
echo "build-css: wrote $out ($bytes bytes, $(( (bytes + 1023) / 1024 )) KiB)"
node scripts/hash-assets.mjs "$site_dir"
