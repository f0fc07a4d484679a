#!/usr/bin/env bash
# Builds target/site/pkg/regiekamer.css from NL Design System CSS (npm) plus our own layer
# (style/main.css), and copies public/* into target/site/.
# Needs only bash, coreutils, node and npm; the only network it may use is the npm registry,
# and only when node_modules is missing or older than package-lock.json.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

tokens_css=node_modules/@utrecht/design-tokens/dist/theme.css
components_css=node_modules/@utrecht/component-library-css/dist/index.css
own_css=style/main.css
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

mkdir -p "$site_dir/pkg"
tmp=$(mktemp "$site_dir/pkg/.regiekamer.css.XXXXXX")
trap 'rm -f "$tmp"' EXIT

tokens_version=$(node -p 'require("./node_modules/@utrecht/design-tokens/package.json").version')
components_version=$(node -p 'require("./node_modules/@utrecht/component-library-css/package.json").version')

# A @charset rule is only valid as the very first thing in a stylesheet, so drop the one
# inside the component bundle and state it once at the top.
components=$(<"$components_css")
components=${components//'@charset "UTF-8";'/}

{
  printf '@charset "UTF-8";\n'
  printf '/* == Part 1: @utrecht/design-tokens %s, dist/theme.css (custom properties on .utrecht-theme) == */\n' "$tokens_version"
  cat "$tokens_css"
  printf '\n/* == Part 2: @utrecht/component-library-css %s, dist/index.css == */\n' "$components_version"
  printf '%s\n' "$components"
  printf '\n/* == Part 3: Regiekamer layer, style/main.css == */\n'
  cat "$own_css"
} >"$tmp"
chmod 644 "$tmp"
mv "$tmp" "$out"
trap - EXIT

if [[ -d public ]]; then
  cp -R public/. "$site_dir/"
fi

bytes=$(wc -c <"$out")
echo "build-css: wrote $out ($bytes bytes, $(( (bytes + 1023) / 1024 )) KiB)"
