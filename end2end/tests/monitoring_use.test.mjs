// Monitoring in everyday use (issue 9) on the demo organisation: the Monitoring overview lists
// problems first; a source's checks are paged 50 at a time with links that work without JavaScript;
// a JSON source's licence figure shows against its contracted number with its 30-day trend. Every
// page passes axe-core's WCAG 2.1 AA checks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, launchBrowser, hydrated, signInDemo, axeViolations } from './harness.mjs';

let demo;
let chrome;
before(async () => { demo = await startDemo(); chrome = await launchBrowser(); });
after(async () => { await chrome?.close(); await demo?.stop(); });

/** The place of a state in the "problems first" order. */
const RANK = { 'Niet beschikbaar': 0, Verstoord: 1, Onderhoud: 2, Onbekend: 3, Beschikbaar: 4 };

/** [state text, source name] of every row of the overview's table. */
async function overviewRows(page) {
  return page.locator('table tbody tr').evaluateAll((rows) => rows.map((r) => [
    r.querySelector('.rk-status').textContent.trim(),
    r.querySelector('td a').textContent.trim(),
  ]));
}

/** Reloads `page` until `locator` is there (the writer stores pushed checks in batches). */
async function reloadUntil(page, locator, what) {
  for (let i = 0; i < 20 && await locator.count() === 0; i += 1) {
    await page.waitForTimeout(1000);
    await page.reload();
  }
  assert.ok(await locator.count() > 0, what);
}

test('problems first, checks paged without JavaScript, licences against the contracted number', async () => {
  const page = await chrome.newPage({ bypassCSP: true });
  await signInDemo(page, demo.url, 'regisseur');
  await page.goto(`${demo.url}/leveranciers`);
  await page.getByRole('link', { name: 'Zaakwijs B.V.' }).first().click();
  await page.waitForURL(/\/leveranciers\/\d+$/);
  await hydrated(page);

  // A push source for a nightly export, and a day's worth of its checks: 60, the last one failed.
  await page.getByRole('link', { name: /^Bron toevoegen voor / }).first().click();
  await page.waitForURL(/\/monitoring\/bronnen\/nieuw/);
  await hydrated(page);
  await page.getByLabel('Soort').selectOption('push');
  await page.getByLabel('Naam', { exact: true }).fill('Nachtelijke export');
  await page.getByLabel('Interval (seconden)').fill('60');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.waitForURL(/\/monitoring\/bronnen\/\d+(\?opgeslagen=\w+)?$/);
  const sourceUrl = page.url().replace(/\?.*$/, '');
  await hydrated(page);
  await page.getByRole('button', { name: 'Nieuw push-token' }).click();
  const token = (await page.locator('.utrecht-alert code').textContent()).trim();
  const now = Date.now();
  for (let i = 0; i < 60; i += 1) {
    const last = i === 59;
    const body = { state: last ? 'down' : 'up', at: new Date(now - (60 - i) * 60_000).toISOString() };
    if (last) body.error = 'Export mislukt: schijf vol';
    const res = await fetch(`${demo.url}/api/v1/push/${token}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    assert.equal(res.status, 202, `push ${i}`);
  }

  // The overview: problems first, the export among them.
  await page.goto(`${demo.url}/monitoring`);
  await hydrated(page);
  await reloadUntil(page, page.getByRole('row', { name: /Nachtelijke export.*Niet beschikbaar/ }), 'the export is down');
  const rows = await overviewRows(page);
  const ranks = rows.map(([state]) => RANK[state]);
  assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), `problems first: ${JSON.stringify(rows)}`);
  const exportRow = rows.findIndex(([, name]) => name === 'Nachtelijke export');
  const firstUp = rows.findIndex(([state]) => state === 'Beschikbaar');
  assert.ok(firstUp === -1 || exportRow < firstUp, 'the failed export comes before what is available');
  assert.deepEqual(await axeViolations(page), [], '/monitoring');

  // Its checks, 50 to a page, paged by plain links with JavaScript off.
  const plain = await chrome.newPage({ javaScriptEnabled: false });
  await signInDemo(plain, demo.url, 'auditor');
  await plain.goto(sourceUrl);
  await reloadUntil(plain, plain.getByText('Controles, nieuwste eerst: 1–50 van 60'), 'the first page of checks');
  assert.equal(await plain.locator('#controles ~ div table tbody tr').count(), 50);
  await plain.getByRole('link', { name: 'Volgende pagina' }).click();
  await plain.waitForURL(/\?pagina=2/);
  await plain.getByText('Controles, nieuwste eerst: 51–60 van 60').waitFor();
  assert.equal(await plain.locator('#controles ~ div table tbody tr').count(), 10);
  await plain.getByText('Pagina 2 van 2').waitFor();
  await plain.getByRole('link', { name: 'Vorige pagina' }).click();
  await plain.waitForURL((u) => !u.search.includes('pagina'));
  await plain.getByText('Export mislukt: schijf vol').first().waitFor();

  await page.goto(sourceUrl);
  await hydrated(page);
  await page.getByRole('navigation', { name: 'Paginering controles' }).waitFor();
  assert.deepEqual(await axeViolations(page), [], 'source page');

  // A licence figure against the number contracted, with its trend in words.
  await page.goto(`${demo.url}/monitoring`);
  await hydrated(page);
  await page.getByRole('link', { name: 'Licentiegebruik Zaakwijs B.V.' }).click();
  await page.waitForURL(/\/monitoring\/bronnen\/\d+$/);
  await hydrated(page);
  const figure = page.getByRole('row', { name: /licenties_actief/ });
  assert.match(await figure.textContent(), /\d[\d.]* van \d[\d.]* gecontracteerd/);
  assert.match(await figure.textContent(), /\d+ dagen: van \d[\d.]* naar \d[\d.]*/);
  assert.deepEqual(await axeViolations(page), [], 'JSON source page');
  assert.deepEqual(page.problems, []);
});
