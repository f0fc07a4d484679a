// Test harness: starts the real `regiekamer serve` on a free port with a fresh SQLite database and one
// user per role, and launches Debian's Chromium through playwright-core.
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const BIN = process.env.REGIEKAMER_BIN || path.resolve('../target/debug/regiekamer');
const SITE = process.env.REGIEKAMER_SITE || path.resolve('../target/site');
export const ROLES = ['beheerder', 'regisseur', 'ict-manager', 'inkoper', 'medewerker', 'auditor'];
export const password = (role) => `e2e-${role}-wachtwoord`;

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function waitFor(url, ms = 20000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not come up at ${url}`);
}

/** Starts a server with a fresh database; returns { url, stop }. */
export async function startServer() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rk-e2e-'));
  const port = await freePort();
  const env = {
    ...process.env,
    REGIEKAMER__DATABASE__URL: `sqlite://${dir}/e2e.db`,
    REGIEKAMER__SERVER__ADDR: `127.0.0.1:${port}`,
    REGIEKAMER__SERVER__PUBLIC_URL: `http://127.0.0.1:${port}`,
    REGIEKAMER__SERVER__SITE_ROOT: SITE,
    REGIEKAMER__LOG__LEVEL: 'warn',
  };
  for (const role of ROLES) {
    execFileSync(BIN, ['user', 'add', '--username', role, '--name', `E2E ${role}`, '--role', role, '--password-stdin'], {
      env, input: password(role), stdio: ['pipe', 'ignore', 'inherit'],
    });
  }
  const proc = spawn(BIN, ['serve'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/healthz`);
  return {
    url,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts `regiekamer demo` (the demo organisation with 13 months of history and its simulated vendors
 * on 127.0.0.1:3100) on a free port with a fresh data directory; returns { url, stop }.
 */
export async function startDemo() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rk-e2e-demo-'));
  const port = await freePort();
  const env = {
    ...process.env,
    REGIEKAMER__SERVER__ADDR: `127.0.0.1:${port}`,
    REGIEKAMER__SERVER__PUBLIC_URL: `http://127.0.0.1:${port}`,
    REGIEKAMER__SERVER__SITE_ROOT: SITE,
    REGIEKAMER__LOG__LEVEL: 'warn',
  };
  const proc = spawn(BIN, ['demo', '--data-dir', dir], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/healthz`, 60000);
  return {
    url,
    /** Adds an account to the running demo's database (`regiekamer user add`). */
    addUser(username, name, role, pw) {
      execFileSync(BIN, ['user', 'add', '--username', username, '--name', name, '--role', role, '--password-stdin'], {
        env: { ...env, REGIEKAMER__DATABASE__URL: `sqlite://${dir}/demo.db` }, input: pw, stdio: ['pipe', 'ignore', 'inherit'],
      });
    },
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in with a demo account (`demo-<role>-wachtwoord`). */
export async function signInDemo(page, url, role) {
  await page.goto(`${url}/login`);
  await page.getByLabel('Gebruikersnaam').fill(role);
  await page.getByLabel('Wachtwoord').fill(`demo-${role}-wachtwoord`);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.getByRole('button', { name: 'Aanmelden' }).click()]);
}

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Debian's Chromium through playwright-core. Every page gets its own browser context with a fresh
 * --user-data-dir (its own cookie jar), so two users can be signed in side by side.
 */
export async function launchBrowser() {
  const open = [];
  return {
    async newPage({ javaScriptEnabled = true, bypassCSP = false } = {}) {
      const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rk-chromium-'));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, javaScriptEnabled, bypassCSP,
      });
      open.push({ context, profile });
      const page = context.pages()[0] || await context.newPage();
      page.problems = [];
      page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        // A refused submission (4xx) is logged by the browser as a failed resource: that is expected.
        const refused = /Failed to load resource: the server responded with a status of 4\d\d/.test(m.text());
        if (m.type() === 'error' && !refused) page.problems.push(`console: ${m.text()}`);
      });
      return page;
    },
    async close() {
      for (const { context, profile } of open) {
        await context.close();
        fs.rmSync(profile, { recursive: true, force: true });
      }
    },
  };
}

/** Waits until the wasm has hydrated the page (the app sets data-hydrated on <body>). */
export async function hydrated(page) {
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 15000 });
}

export async function signIn(page, url, role) {
  await page.goto(`${url}/login`);
  await page.getByLabel('Gebruikersnaam').fill(role);
  await page.getByLabel('Wachtwoord').fill(password(role));
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.getByRole('button', { name: 'Aanmelden' }).click()]);
}

/** Runs axe-core on the page and returns the WCAG 2.1 A/AA violations. */
export async function axeViolations(page) {
  const source = fs.readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');
  // Needs a page opened with { bypassCSP: true }: our CSP rightly refuses injected scripts.
  await page.addScriptTag({ content: source });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}
