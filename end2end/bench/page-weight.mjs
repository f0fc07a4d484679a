// Page-weight benchmark: starts the demo (harness `startDemo`), signs in as the ICT head through the
// API (so that no page warms the browser's cache), and loads the Overzicht and a vendor page in Debian's
// Chromium over a throttled connection, each with a cold cache and then again with a warm one.
// Prints the bytes transferred (headers included, as Chromium counts them), the number of requests,
// when the page's first byte arrived (server time plus latency) and the time until the page is
// interactive (the app sets data-hydrated on <body>), both from the start of the navigation.
//
//   cd end2end && node bench/page-weight.mjs [--json]
//
// REGIEKAMER_BIN and REGIEKAMER_SITE choose the build, as for the browser tests (default: the debug
// binary and target/site). The demo's simulated vendors need 127.0.0.1:3100.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startDemo } from '../tests/harness.mjs';

const ROLE = 'ict-manager';
const NETWORK = { offline: false, latency: 40, downloadThroughput: 20e6 / 8, uploadThroughput: 20e6 / 8 };
const TARGETS = { firstBytes: 1_000_000, firstMs: 1500, repeatBytes: 60_000 };
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Resolves true when something already listens on 127.0.0.1:port. */
function inUse(port) {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

/** Records, per response, what crossed the (emulated) network. */
function meter(cdp) {
  let entries = new Map();
  // Chromium reports a memory-cache hit before the response it stands for.
  let fromCache = new Set();
  cdp.on('Network.requestServedFromCache', (e) => fromCache.add(e.requestId));
  cdp.on('Network.responseReceived', (e) => {
    const r = e.response;
    entries.set(e.requestId, {
      url: r.url, status: r.status, encoding: r.headers['content-encoding'] || r.headers['Content-Encoding'] || '',
      cacheControl: r.headers['cache-control'] || r.headers['Cache-Control'] || '',
      cached: r.fromDiskCache || fromCache.has(e.requestId), bytes: 0,
    });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const x = entries.get(e.requestId);
    if (x) x.bytes = e.encodedDataLength;
  });
  return {
    reset() { entries = new Map(); fromCache = new Set(); },
    list() { return [...entries.values()]; },
  };
}

/** One navigation: bytes, requests and the time from navigation start until hydrated. */
async function visit(page, net, url) {
  net.reset();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 60000 });
  await page.waitForLoadState('networkidle');
  const [interactiveMs, firstByteMs] = await page.evaluate(() =>
    [window.__rkHydratedAt, performance.getEntriesByType('navigation')[0].responseStart]);
  const list = net.list();
  return {
    bytes: list.reduce((s, x) => s + x.bytes, 0),
    requests: list.length,
    fromCache: list.filter((x) => x.cached).length,
    interactiveMs: Math.round(interactiveMs),
    firstByteMs: Math.round(firstByteMs),
    resources: list.map((x) => ({ ...x, url: new URL(x.url).pathname })),
  };
}

function report(name, r, verbose) {
  console.log(`${name.padEnd(24)} ${String(r.bytes).padStart(10)} B ${String(r.requests).padStart(4)} requests `
    + `(${r.fromCache} from cache), page's first byte after ${r.firstByteMs} ms, interactive after ${r.interactiveMs} ms`);
  if (verbose) {
    for (const x of r.resources) {
      console.log(`    ${String(x.bytes).padStart(10)} B ${x.status} ${x.cached ? 'cache' : 'net  '} `
        + `${(x.encoding || '-').padEnd(5)} ${x.url}  [${x.cacheControl}]`);
    }
  }
}

async function main() {
  const json = process.argv.includes('--json');
  if (await inUse(3100)) throw new Error('127.0.0.1:3100 is in use: is another demo running?');
  const demo = await startDemo();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rk-weight-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS,
    });
    const signIn = await context.request.post(`${demo.url}/api/login`, {
      form: { username: ROLE, password: `demo-${ROLE}-wachtwoord` }, headers: { accept: 'application/json' },
      maxRedirects: 0,
    });
    if (signIn.status() >= 400) throw new Error(`sign-in failed: ${signIn.status()}`);
    const list = await (await context.request.get(`${demo.url}/leveranciers`)).text();
    const vendor = list.match(/href="(\/leveranciers\/\d+)"/)?.[1];
    if (!vendor) throw new Error('no vendor link on /leveranciers');

    const page = context.pages()[0] || await context.newPage();
    await page.addInitScript(() => {
      new MutationObserver((_, obs) => {
        if (document.body?.dataset.hydrated === 'true') {
          window.__rkHydratedAt = performance.now();
          obs.disconnect();
        }
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-hydrated'] });
    });
    const cdp = await context.newCDPSession(page);
    const net = meter(cdp);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', NETWORK);

    // The server renders each page once beforehand (outside the browser, so its cache stays cold):
    // the first render after start fills the SLA cache, which is server time, not page weight
    // (`regiekamer bench-pages` measures that). The first-byte time printed shows what remains.
    const pages = [['overzicht', '/'], ['vendor', vendor]];
    for (const [, p] of pages) await context.request.get(demo.url + p);

    const results = {};
    for (const [name, p] of pages) {
      await cdp.send('Network.clearBrowserCache');
      results[`${name} cold`] = await visit(page, net, demo.url + p);
      results[`${name} warm`] = await visit(page, net, demo.url + p);
    }
    if (json) {
      console.log(JSON.stringify(results, null, 2));
    } else {
      console.log(`page weight: ${ROLE}, 20 Mbit/s down and up, 40 ms latency; vendor page ${vendor}`);
      for (const [name, r] of Object.entries(results)) report(name, r, !process.argv.includes('--short'));
      const cold = results['overzicht cold'];
      const warm = results['overzicht warm'];
      console.log(`targets: first visit < ${TARGETS.firstBytes} B: ${cold.bytes < TARGETS.firstBytes ? 'met' : 'MISSED'}; `
        + `interactive < ${TARGETS.firstMs} ms: ${cold.interactiveMs < TARGETS.firstMs ? 'met' : 'MISSED'}; `
        + `repeat visit < ${TARGETS.repeatBytes} B: ${warm.bytes < TARGETS.repeatBytes ? 'met' : 'MISSED'}`);
    }
  } finally {
    if (context) await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
    await demo.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
