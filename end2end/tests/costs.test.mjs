// Costs in the browser (issue 11): the inkoper of the demo organisation opens the cost overview with
// its budget chart, uploads a cost CSV, sees the preview, imports it, and finds the per-organisation
// figures changed by exactly the imported amount; a file with a bad line is refused with its line and
// column and imports nothing; the rightsizing list shows the demo's over-licensing as a saving. axe-core finds no WCAG 2.1 AA violation on the overview, the invoice
// list, the preview and the settings page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, launchBrowser, hydrated, signInDemo, axeViolations } from './harness.mjs';

let demo;
let chrome;
before(async () => { demo = await startDemo(); chrome = await launchBrowser(); });
after(async () => { await chrome?.close(); await demo?.stop(); });

async function noViolations(page, what) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${what}: ${violations.join('\n')}`);
}

/** "€ 12.345,67" as cents. */
function cents(text) {
  const m = text.match(/(-?)€\s*([\d.]+),(\d\d)/);
  assert.ok(m, `an amount in ${text}`);
  return (m[1] ? -1 : 1) * (Number(m[2].replace(/\./g, '')) * 100 + Number(m[3]));
}

/** The "Gefactureerd" cell of an organisation's row in the per-organisation table. */
async function invoicedFor(page, organisation) {
  const row = page.getByTestId('organisaties').getByRole('row').filter({ hasText: organisation });
  return cents(await row.locator('td').nth(0).innerText());
}

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return { y: d.getFullYear(), m: pad(d.getMonth() + 1), d: pad(d.getDate()) };
}

test('the inkoper imports a cost file after its preview and the overview follows', async () => {
  const page = await chrome.newPage({ bypassCSP: true });
  await signInDemo(page, demo.url, 'inkoper');
  await page.goto(`${demo.url}/kosten`);
  await hydrated(page);
  await page.getByRole('heading', { name: 'Kosten en budget' }).waitFor();
  await page.locator('figure.rk-chart svg[role="img"]').first().waitFor();
  assert.match(await page.locator('figure.rk-chart figcaption').first().innerText(), /Cumulatieve kosten tegen budget/);
  assert.ok(cents(await page.getByTestId('budget').innerText()) > 0, 'the demo has a budget');
  const before = await invoicedFor(page, 'Gemeente Heerenveld');
  await noViolations(page, 'cost overview');

  await page.goto(`${demo.url}/kosten/facturen`);
  await hydrated(page);
  await noViolations(page, 'invoice list');
  const { y, m } = today();
  // The subsidy portal (VO-2023-045) has its own key: half for Heerenveld, half for Lingedijk.
  const good = [
    'Factuurnummer,Factuurdatum,Periode van,Periode tot,Bedrag,BTW,Kostenplaats,Contract',
    `E2E-1,01-${m}-${y},01-${m}-${y},10-${m}-${y},"5.000,00","1.050,00",ICT-02,VO-2023-045`,
  ].join('\r\n');
  await page.getByLabel(/Bestand/).setInputFiles({ name: 'kosten.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await Promise.all([page.waitForURL(/\/kosten\/import\/\d+$/), page.getByRole('button', { name: 'Bekijken voor inlezen' }).click()]);
  await hydrated(page);
  assert.match(await page.getByTestId('import-summary').innerText(), /1 regels, samen € 5\.000,00 excl\. btw/);
  await page.getByTestId('import-sample').getByText('E2E-1').waitFor();
  await noViolations(page, 'import preview');
  await Promise.all([page.waitForURL(/\/kosten\/facturen\?opgeslagen=import/), page.getByRole('button', { name: 'Alle 1 regels inlezen' }).click()]);
  await page.getByText('Kostenbestand ingelezen.').waitFor();
  await page.getByTestId('cost-lines').getByText('E2E-1').waitFor();

  await page.goto(`${demo.url}/kosten`);
  await hydrated(page);
  const after = await invoicedFor(page, 'Gemeente Heerenveld');
  assert.equal(after - before, 250_000, 'half of € 5.000,00 went to Heerenveld');

  // A file with a bad line: nothing is imported, and the preview names the line and the column.
  await page.goto(`${demo.url}/kosten/facturen`);
  const bad = [
    'factuurnummer;factuurdatum;periode van;periode tot;bedrag;btw;kostenplaats;contract',
    `E2E-2;01-${m}-${y};01-${m}-${y};10-${m}-${y};100,00;21,00;ICT-02;VO-2023-045`,
    `E2E-3;01-${m}-${y};01-${m}-${y};10-${m}-${y};1.234;21,00;ICT-02;VO-2023-045`,
  ].join('\n');
  await page.getByLabel(/Bestand/).setInputFiles({ name: 'fout.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await Promise.all([page.waitForURL(/\/kosten\/import\/\d+$/), page.getByRole('button', { name: 'Bekijken voor inlezen' }).click()]);
  const errors = page.getByTestId('import-errors');
  await errors.waitFor();
  const row = errors.getByRole('row').filter({ hasText: 'dubbelzinnig' });
  assert.equal((await row.locator('td').nth(0).innerText()).trim(), '3');
  assert.equal((await row.locator('td').nth(1).innerText()).trim(), 'bedrag');
  assert.equal(await page.getByRole('button', { name: /inlezen/ }).count(), 0, 'a refused file has no import button');
  await page.goto(`${demo.url}/kosten/facturen?zoek=E2E-2`);
  await page.getByText('Geen factuurregels gevonden').waitFor();

  // Rightsizing: the demo's licences are over-bought, so there is a saving, largest first.
  await page.goto(`${demo.url}/licenties?dagen=60`);
  await hydrated(page);
  const saving = cents(await page.getByTestId('total-saving').innerText());
  assert.ok(saving > 0, 'the demo shows a saving');
  const first = page.getByTestId('licences').getByRole('row').nth(1);
  assert.match(await first.innerText(), /Kantoorlicentie E3/);
  await noViolations(page, 'licences');
  await first.getByRole('link', { name: 'Kantoorlicentie E3' }).click();
  await page.waitForURL(/\/licenties\/\d+/);
  await hydrated(page);
  await page.getByTestId('rightsizing').waitFor();
  await page.getByTestId('usage-history').waitFor();
  await noViolations(page, 'licence');

  await page.goto(`${demo.url}/kosten/instellingen`);
  await hydrated(page);
  await page.getByTestId('allocation-keys').waitFor();
  await noViolations(page, 'cost settings');
  await page.close();
});

test('a medewerker has no cost menu and no access to the cost pages', async () => {
  const page = await chrome.newPage();
  await signInDemo(page, demo.url, 'medewerker');
  assert.equal(await page.getByRole('link', { name: 'Kosten' }).count(), 0);
  await page.goto(`${demo.url}/kosten`);
  await page.getByRole('heading', { name: 'Geen toegang' }).waitFor();
  await page.close();
});
