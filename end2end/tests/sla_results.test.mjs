// SLA results in the browser (issue 10): the ICT head opens the Overzicht of the demo organisation,
// last month's overview with a vendor that breached, that vendor's page with its charts, and the
// contract's SLA report for that month; the credit on the page is the credit in the downloaded CSV;
// recording the claim works; axe-core finds no WCAG 2.1 AA violation on these pages, charts included.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startDemo, launchBrowser, hydrated, signInDemo, axeViolations } from './harness.mjs';

let demo;
let chrome;
before(async () => { demo = await startDemo(); chrome = await launchBrowser(); });
after(async () => { await chrome?.close(); await demo?.stop(); });

/** Last calendar month as YYYY-MM (the demo's history puts a breach of Netwerk Noord Hosting there). */
function lastMonth() {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

async function noViolations(page, what) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${what}: ${violations.join('\n')}`);
}

test('the ICT head finds last month\'s breach, its credit in the report and the same credit in the CSV', async () => {
  const page = await chrome.newPage({ bypassCSP: true, acceptDownloads: true });
  await signInDemo(page, demo.url, 'ict-manager');
  await hydrated(page);
  await page.getByRole('heading', { name: 'Dienstverlening deze maand' }).waitFor();
  await page.getByRole('table', { name: /SLA per contract/ }).waitFor();
  await noViolations(page, 'Overzicht');

  const month = lastMonth();
  await page.goto(`${demo.url}/sla?maand=${month}`);
  await hydrated(page);
  const row = page.getByRole('row').filter({ hasText: 'VO-2022-027' });
  await row.getByText('Niet gehaald').waitFor();
  await noViolations(page, 'SLA overview');

  await row.getByRole('link', { name: 'Netwerk Noord Hosting B.V.' }).click();
  await page.waitForURL(/\/leveranciers\/\d+(\?opgeslagen=\w+)?$/);
  await hydrated(page);
  await page.getByRole('heading', { name: 'Afgelopen 30 dagen' }).waitFor();
  // The charts load after the heading (their own request), so wait for them rather than count at once.
  await page.locator('figure.rk-chart svg[role="img"]').first().waitFor();
  await noViolations(page, 'vendor page');

  await page.goto(`${demo.url}/sla?maand=${month}`);
  await page.getByRole('row').filter({ hasText: 'VO-2022-027' }).getByRole('link', { name: 'VO-2022-027' }).click();
  await page.waitForURL(/\/contracten\/\d+\/sla-rapport\?maand=/);
  await hydrated(page);
  const credit = (await page.getByTestId('credit').innerText()).trim();
  const amount = credit.match(/€\s*([\d.]+,\d\d)/)?.[1];
  assert.ok(amount && amount !== '0,00', `a credit is shown: ${credit}`);
  assert.match(await page.getByTestId('availability').innerText(), /Niet gehaald/);
  await page.locator('figure.rk-chart svg[role="img"]').nth(2).waitFor();
  assert.ok(await page.locator('figure.rk-chart svg[role="img"]').count() >= 3, 'the report has its charts');
  await noViolations(page, 'SLA report');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download als CSV' }).click(),
  ]);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
  assert.equal(lines[0].split(';')[1], 'VO-2022-027');
  assert.ok(lines.includes(`Servicekorting (EUR);${amount.replace(/\./g, '')}`), `the CSV's credit is the page's: ${amount}\n${lines.slice(0, 12).join('\n')}`);
  assert.ok(lines.includes('Norm gehaald;nee'));
  assert.ok(lines.some((l) => /;storing;/.test(l)), 'the CSV lists the downtime intervals');

  await page.getByLabel('Stand').selectOption('claimed');
  await page.getByLabel('Toelichting').fill('Brief 2026-117 aan de leverancier');
  await page.getByRole('button', { name: 'Vastleggen' }).click();
  // Case-sensitive and anchored: "Nog niet geclaimd." must not count.
  await page.getByTestId('claim-status').filter({ hasText: /^Geclaimd/ }).waitFor();
  assert.match(await page.getByTestId('claim-status').innerText(), new RegExp(`€\\s*${amount.replace('.', '\\.')}`));
  await page.close();
});
