// Gives the site's assets content-hashed names so that browsers may cache them for a year, and
// writes their brotli and gzip forms next to them for the server to send as they are.
//
//   node scripts/hash-assets.mjs [site-root]        (default target/site; run by scripts/build-css.sh)
//
// For each of pkg/regiekamer.{js,wasm,css} that exists it writes pkg/regiekamer.<hash>.<ext> plus
// .br and .gz, removes the hashed files of earlier builds and writes <site-root>/hash.txt in the
// format Leptos' `HydrationScripts` and `HashedStylesheet` read with `hash_files` on
// ("js: <hash>" per line). The unhashed files stay, for old links; the server does not let them be
// cached for long. Only node's standard library is used.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const NAME = 'regiekamer';
const EXTS = ['js', 'wasm', 'css'];
// A debug wasm (15 MB) would take a minute at the best settings; it only needs to be quick.
const LARGE = 4 * 1024 * 1024;

/** 16 hex digits of the SHA-256 of the content: the server recognises hashed names by this form. */
const hashOf = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16);

function writeAtomic(file, bytes) {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, bytes, { mode: 0o644 });
  fs.renameSync(tmp, file);
}

function compress(bytes) {
  const large = bytes.length > LARGE;
  const br = zlib.brotliCompressSync(bytes, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: large ? 5 : zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  const gz = zlib.gzipSync(bytes, { level: large ? 6 : 9 });
  return { br, gz };
}

function main() {
  const site = process.argv[2] || 'target/site';
  const pkg = path.join(site, 'pkg');
  const lines = [];
  const keep = new Set();
  for (const ext of EXTS) {
    const plain = path.join(pkg, `${NAME}.${ext}`);
    if (!fs.existsSync(plain)) continue;
    const bytes = fs.readFileSync(plain);
    const hash = hashOf(bytes);
    const hashed = `${NAME}.${hash}.${ext}`;
    const target = path.join(pkg, hashed);
    // Same name, same content: a file of this name is already complete when its .gz (written last) is there.
    if (!fs.existsSync(`${target}.gz`)) {
      const started = Date.now();
      const { br, gz } = compress(bytes);
      writeAtomic(target, bytes);
      writeAtomic(`${target}.br`, br);
      writeAtomic(`${target}.gz`, gz);
      console.log(`hash-assets: ${hashed}: ${bytes.length} B, br ${br.length} B, gzip ${gz.length} B `
        + `(${Date.now() - started} ms)`);
    }
    for (const suffix of ['', '.br', '.gz']) keep.add(hashed + suffix);
    lines.push(`${ext}: ${hash}`);
  }
  // The new names first, then away with the old files: a page rendered meanwhile names files that exist.
  fs.mkdirSync(site, { recursive: true });
  writeAtomic(path.join(site, 'hash.txt'), `${lines.join('\n')}\n`);
  const stale = new RegExp(`^${NAME}\\.[0-9a-f]{16}\\.(${EXTS.join('|')})(\\.br|\\.gz)?$`);
  for (const f of fs.existsSync(pkg) ? fs.readdirSync(pkg) : []) {
    if (stale.test(f) && !keep.has(f)) fs.rmSync(path.join(pkg, f));
  }
  console.log(`hash-assets: ${path.join(site, 'hash.txt')}: ${lines.join(', ')}`);
}

main();
