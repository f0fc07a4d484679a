// Assembles the stylesheet from only what the pages use (run by scripts/build-css.sh):
//   1. the @utrecht design tokens (custom properties on .utrecht-theme) that the kept CSS or our code
//      refers to, directly or through other tokens;
//   2. the CSS of each @utrecht component whose class (utrecht-<component>, with any __element or
//      --modifier) occurs in our Rust sources or style/main.css, from its own npm package
//      (@utrecht/<component>-css, a dependency of @utrecht/component-library-css), in the bundle's
//      (alphabetical) order;
//   3. our own layer, style/main.css.
// A class whose component has no package stops the build, so a new component is never silently
// unstyled. Usage: node scripts/build-css.mjs <out-file>
import fs from 'node:fs';
import path from 'node:path';

const MODULES = 'node_modules/@utrecht';
const TOKENS = `${MODULES}/design-tokens/dist/theme.css`;
const BUNDLE = `${MODULES}/component-library-css/dist/index.css`;
const OWN = 'style/main.css';
// Where class names are written: the pages and components, the SVG charts, the server's own pages.
const SOURCES = ['app/src', 'charts/src', 'server/src'];
// Classes that are not components: the theme class carries the tokens (part 1).
const NOT_COMPONENTS = new Set(['theme']);

function rustFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return rustFiles(p);
    return e.name.endsWith('.rs') ? [p] : [];
  });
}

const version = (pkg) => JSON.parse(fs.readFileSync(`${MODULES}/${pkg}/package.json`, 'utf8')).version;

/** Component names from class names: `utrecht-form-field__label` -> `form-field`. Custom properties
 * (`--utrecht-...`) are not classes and are skipped by the look-behind. */
function usedComponents(texts) {
  const used = new Map();
  for (const [file, text] of texts) {
    for (const m of text.matchAll(/(?<![\w-])utrecht-([a-z0-9]+(?:-[a-z0-9]+)*)/g)) {
      if (!NOT_COMPONENTS.has(m[1]) && !used.has(m[1])) used.set(m[1], file);
    }
  }
  return used;
}

/** The token declarations reachable from the names `seed` mentions, in theme.css's order. */
function usedTokens(theme, seed) {
  const decl = /^\s*(--[a-z0-9-]+)\s*:(.*)$/;
  const byName = new Map();
  for (const line of theme.split('\n')) {
    const m = line.match(decl);
    if (m) byName.set(m[1], line);
  }
  const refs = (text) => text.match(/--[a-z][a-z0-9-]*/g) || [];
  const keep = new Set();
  const todo = refs(seed);
  while (todo.length) {
    const name = todo.pop();
    if (keep.has(name) || !byName.has(name)) continue;
    keep.add(name);
    todo.push(...refs(byName.get(name).replace(decl, '$2')));
  }
  // Keep the file's own structure (selector, braces, comments); drop only unused declarations.
  const lines = theme.split('\n').filter((line) => {
    const m = line.match(decl);
    return !m || keep.has(m[1]);
  });
  return { css: lines.join('\n'), kept: keep.size, total: byName.size };
}

function main() {
  const out = process.argv[2];
  if (!out) throw new Error('usage: node scripts/build-css.mjs <out-file>');
  const own = fs.readFileSync(OWN, 'utf8');
  const sources = SOURCES.flatMap(rustFiles).map((f) => [f, fs.readFileSync(f, 'utf8')]);
  const used = usedComponents([...sources, [OWN, own]]);
  const missing = [...used].filter(([c]) => !fs.existsSync(`${MODULES}/${c}-css/dist/index.css`));
  if (missing.length) {
    const list = missing.map(([c, f]) => `utrecht-${c} (${f})`).join(', ');
    throw new Error(`no @utrecht/<component>-css package for: ${list}`);
  }
  const components = [...used.keys()].sort().map((c) => {
    // A @charset rule is only valid as the very first thing in a stylesheet: it is stated once, on top.
    const css = fs.readFileSync(`${MODULES}/${c}-css/dist/index.css`, 'utf8').replaceAll('@charset "UTF-8";', '');
    return `/* -- @utrecht/${c}-css ${version(`${c}-css`)} -- */\n${css.trim()}\n`;
  });
  const componentCss = components.join('\n');
  const seed = [componentCss, own, ...sources.map(([, t]) => t)].join('\n');
  const tokens = usedTokens(fs.readFileSync(TOKENS, 'utf8'), seed);
  const css = [
    '@charset "UTF-8";',
    `/* == Part 1: @utrecht/design-tokens ${version('design-tokens')}, dist/theme.css: the ${tokens.kept} of `
      + `${tokens.total} custom properties the parts below use == */`,
    tokens.css.trim(),
    `/* == Part 2: the ${used.size} @utrecht components the pages use (of @utrecht/component-library-css `
      + `${version('component-library-css')}) == */`,
    componentCss,
    '/* == Part 3: Regiekamer layer, style/main.css == */',
    own,
  ].join('\n');
  const tmp = `${out}.tmp-${process.pid}`;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(tmp, css, { mode: 0o644 });
  fs.renameSync(tmp, out);
  const full = fs.statSync(TOKENS).size + fs.statSync(BUNDLE).size + Buffer.byteLength(own);
  console.log(`build-css: ${used.size} components (${[...used.keys()].sort().join(', ')}), `
    + `${tokens.kept}/${tokens.total} tokens; ${Buffer.byteLength(css)} bytes (all components and tokens: ${full})`);
}

main();
