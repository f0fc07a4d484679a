// Everyday use (issue 9) on the demo organisation: every time is shown in Europe/Amsterdam time in a
// <time datetime> with its offset; page titles end in "– Regiekamer"; a vendor page fits a 390 px
// phone screen; the auditor reads the audit log as sentences, downloads the filtered selection as CSV,
// and finds that download in the log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startDemo, launchBrowser, hydrated, signInDemo, axeViolations } from './harness.mjs';

let demo;
let chrome;
before(async () => { demo = await startDemo(); chrome = await launchBrowser(); });
after(async () => { await chrome?.close(); await demo?.stop(); });

/** "dd-mm-jjjj uu:mm" of an instant in Europe/Amsterdam, computed by the browser's own time zone data. */
function amsterdam(instant) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${parts.day}-${parts.month}-${parts.year} ${parts.hour}:${parts.minute}`;
}

/** Every <time> on the page shows its own datetime in Amsterdam time, and that is not UTC. */
async function timesAreLocal(page, what) {
  const times = await page.locator('time[datetime]').evaluateAll((els) => els.map((e) => [e.getAttribute('datetime'), e.textContent]));
  assert.ok(times.length > 0, `${what}: no <time datetime> on the page`);
  for (const [datetime, text] of times) {
    assert.match(datetime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$/, `${what}: ${datetime} carries the Amsterdam offset`);
    assert.equal(text.slice(0, 16), amsterdam(datetime), `${what}: ${datetime} is shown as ${text}`);
    const utc = new Date(datetime).toISOString();
    assert.notEqual(text.slice(11, 13), utc.slice(11, 13), `${what}: ${text} is UTC`);
  }
  assert.equal(await page.getByText('(UTC)').count(), 0, `${what}: a heading still says UTC`);
}

test('a vendor page shows local times and fits a phone screen of 390 px', async () => {
  const page = await chrome.newPage({ bypassCSP: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await signInDemo(page, demo.url, 'regisseur');
  await hydrated(page);
  assert.equal(await page.title(), 'Overzicht – Regiekamer');
  await page.goto(`${demo.url}/leveranciers`);
  await hydrated(page);
  assert.equal(await page.title(), 'Leveranciers – Regiekamer');
  await page.getByRole('link', { name: 'Zaakwijs B.V.' }).first().click();
  await page.waitForURL(/\/leveranciers\/\d+$/);
  await hydrated(page);
  await page.getByRole('heading', { level: 1, name: 'Zaakwijs B.V.' }).waitFor();
  assert.equal(await page.title(), 'Zaakwijs B.V. – Regiekamer');
  await page.getByRole('columnheader', { name: 'Laatste controle' }).waitFor();
  // The demo polls its simulated vendors from the start; wait for the first check to be stored.
  for (let i = 0; i < 30 && await page.locator('time[datetime]').count() === 0; i += 1) {
    await page.waitForTimeout(2000);
    await page.reload();
    await hydrated(page);
  }
  await timesAreLocal(page, 'vendor page');

  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the vendor page is ${width} px wide on a 390 px screen`);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], violations.join('\n'));
  assert.deepEqual(page.problems, []);
});

test('the auditor reads sentences, downloads the selection as CSV and finds the download in the log', async () => {
  const regisseur = await chrome.newPage();
  await signInDemo(regisseur, demo.url, 'regisseur');
  await regisseur.goto(`${demo.url}/leveranciers/nieuw`);
  await hydrated(regisseur);
  await regisseur.getByLabel('Naam').fill('Auditproef B.V.');
  await regisseur.getByLabel('KvK-nummer').fill('87654321');
  await regisseur.getByLabel('Categorie').selectOption('overig');
  await regisseur.getByLabel('Sourcingmodel').selectOption('saas');
  await regisseur.getByLabel('Kritikaliteit').selectOption('laag');
  await regisseur.getByRole('button', { name: 'Opslaan' }).click();
  await regisseur.waitForURL(/\/leveranciers\/\d+(\?opgeslagen=leverancier)?$/);

  const page = await chrome.newPage({ bypassCSP: true, acceptDownloads: true });
  await signInDemo(page, demo.url, 'auditor');
  await page.goto(`${demo.url}/audit?actie=vendor.create`);
  await hydrated(page);
  assert.equal(await page.title(), 'Auditlog – Regiekamer');
  await timesAreLocal(page, 'audit log');
  const first = page.getByRole('row').nth(1);
  await first.getByText('(Regisseur) heeft leverancier Auditproef B.V. aangemaakt').waitFor();
  assert.match(await first.getByRole('link', { name: 'Auditproef B.V.' }).getAttribute('href'), /^\/leveranciers\/\d+$/, 'the vendor is a link');
  const shown = Number((await page.getByRole('status').filter({ hasText: 'gevonden' }).textContent()).match(/\d+/)[0]);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Deze selectie downloaden (CSV)' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^auditlog-\d{4}-\d\d-\d\d\.csv$/);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  assert.ok(csv.startsWith('\uFEFF'), 'a BOM for Excel');
  const rows = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n').map((l) => l.split(';'));
  assert.deepEqual(rows[0].slice(0, 5), ['Nr.', 'Tijdstip (Europe/Amsterdam)', 'Tijdstip (UTC)', 'Gebeurtenis', 'Actor']);
  assert.equal(rows.length - 1, shown, 'every entry of the selection, not only the first page');
  for (const row of rows.slice(1)) {
    assert.equal(row.length, 13, row.join(';'));
    assert.equal(row[7], 'vendor.create');
    assert.equal(row[1], amsterdam(row[2]) + row[1].slice(16), 'the local time is the UTC time in Amsterdam');
    assert.match(row[3], /heeft leverancier .+ aangemaakt$/);
  }

  await page.goto(`${demo.url}/audit?actie=audit.`);
  await hydrated(page);
  const newest = page.getByRole('row').nth(1);
  await newest.getByText('heeft een selectie uit het auditlog gedownload (CSV)').waitFor();
  await newest.getByRole('cell', { name: 'audit.export', exact: true }).waitFor();
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], violations.join('\n'));
  assert.deepEqual(page.problems, []);
});
