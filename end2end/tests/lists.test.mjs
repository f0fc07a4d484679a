// Lists (issue 9) on the demo organisation, without JavaScript: the contract register sorts by a column
// through its header links (server-side), searches, and shows the total of the annual values it lists;
// it fits a 1366 px screen; Termijnen sorts by uiterste opzegdatum and shows a fixed-term contract's end
// as the moment to re-tender; the vendor list sorts and searches.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, launchBrowser, hydrated, signInDemo, axeViolations } from './harness.mjs';

let demo;
let chrome;
before(async () => { demo = await startDemo(); chrome = await launchBrowser(); });
after(async () => { await chrome?.close(); await demo?.stop(); });

/** "€ 1.234,56" -> 123456 (cents). */
const cents = (text) => Number(text.replace(/[^\d,-]/g, '').replace(',', ''));

/** The text of column `n` (0-based) of every body row of the first table. */
const column = (page, n) => page.locator('table tbody tr').evaluateAll((rows, i) => rows.map((r) => r.cells[i].textContent.trim()), n);

const ascending = (xs) => xs.every((x, i) => i === 0 || xs[i - 1] <= x);
const descending = (xs) => xs.every((x, i) => i === 0 || xs[i - 1] >= x);
/** "dd-mm-jjjj" somewhere in a cell -> "jjjj-mm-dd", sortable as text. */
const isoDate = (text) => { const m = text.match(/(\d\d)-(\d\d)-(\d{4})/); return m ? `${m[3]}-${m[2]}-${m[1]}` : ''; };

test('the contract register sorts by a column and searches without JavaScript, with the total', async () => {
  const page = await chrome.newPage({ javaScriptEnabled: false });
  await page.setViewportSize({ width: 1366, height: 900 });
  await signInDemo(page, demo.url, 'regisseur');
  await page.goto(`${demo.url}/contracten`);
  const all = (await column(page, 0)).length;
  assert.ok(all >= 8, `the demo has its contracts (${all})`);

  await page.getByRole('columnheader', { name: 'Jaarwaarde' }).getByRole('link').click();
  await page.waitForURL(/sorteer=jaarwaarde/);
  const up = (await column(page, 6)).map(cents);
  assert.ok(ascending(up), `ascending by annual value: ${up}`);
  assert.equal(await page.getByRole('columnheader', { name: 'Jaarwaarde' }).getAttribute('aria-sort'), 'ascending');
  const total = cents(await page.locator('tfoot td').first().textContent());
  assert.equal(total, up.reduce((a, b) => a + b, 0), 'the footer totals the listed annual values');

  await page.getByRole('columnheader', { name: 'Jaarwaarde' }).getByRole('link').click();
  await page.waitForURL(/richting=af/);
  const down = (await column(page, 6)).map(cents);
  assert.ok(descending(down), `descending by annual value: ${down}`);

  // The table fits a 1366 px screen: no column hides behind a horizontal scroll.
  const overflow = await page.locator('.rk-table-scroll').first().evaluate((e) => e.scrollWidth - e.clientWidth);
  assert.ok(overflow <= 0, `the contract list overflows by ${overflow} px at 1366 px`);

  await page.getByRole('searchbox', { name: /Zoek op kenmerk/ }).fill('geo');
  await page.getByRole('button', { name: 'Zoek', exact: true }).click();
  await page.waitForURL(/zoek=geo/);
  assert.match(page.url(), /sorteer=jaarwaarde/, 'the search keeps the sort');
  const found = await column(page, 0);
  assert.equal(found.length, 1, `one contract matches 'geo': ${found}`);
  assert.match(found[0], /VO-2023-019/);
  await page.getByText(`1 van ${all} gevonden`).waitFor();
  // A fixed-term contract has no notice deadline: its end is the moment to re-tender.
  assert.match((await column(page, 4))[0], /eindigt \d\d-\d\d-\d{4}: heraanbesteden/);

  // The same list with JavaScript: accessible (sort links, search form, footer).
  const js = await chrome.newPage({ bypassCSP: true });
  await signInDemo(js, demo.url, 'regisseur');
  await js.goto(`${demo.url}/contracten?sorteer=jaarwaarde&richting=af`);
  await hydrated(js);
  assert.deepEqual(await axeViolations(js), []);
  assert.deepEqual(js.problems, []);
});

test('Termijnen sorts by uiterste opzegdatum as well as by decision date', async () => {
  const page = await chrome.newPage({ javaScriptEnabled: false });
  await signInDemo(page, demo.url, 'regisseur');
  await page.goto(`${demo.url}/termijnen`);
  const byDecision = (await column(page, 0)).map(isoDate);
  assert.ok(ascending(byDecision), `soonest decision date first: ${byDecision}`);
  await page.getByRole('columnheader', { name: 'Uiterste opzegdatum' }).getByRole('link').click();
  await page.waitForURL(/sorteer=opzegdatum/);
  const byNotice = (await column(page, 1)).map(isoDate);
  assert.ok(ascending(byNotice), `soonest notice deadline (or end of a fixed term) first: ${byNotice}`);
  assert.ok((await column(page, 1)).some((t) => /heraanbesteden/.test(t)), 'the fixed-term contract shows its end');
  // The filter form keeps the chosen order.
  await page.getByRole('button', { name: 'Filteren' }).click();
  await page.waitForURL(/sorteer=opzegdatum/);
});

test('the vendor list sorts by criticality and searches, also after hydration', async () => {
  const page = await chrome.newPage();
  await signInDemo(page, demo.url, 'regisseur');
  await page.goto(`${demo.url}/leveranciers?sorteer=kritikaliteit`);
  await hydrated(page);
  const ranks = { vitaal: 0, hoog: 1, midden: 2, laag: 3 };
  const crit = (await column(page, 2)).map((t) => ranks[t.toLowerCase()]);
  assert.ok(ascending(crit), `most critical first: ${crit}`);
  await page.getByRole('searchbox', { name: /Zoek op naam/ }).fill('zaakwijs');
  await page.getByRole('button', { name: 'Zoek', exact: true }).click();
  await page.waitForURL(/zoek=zaakwijs/);
  await page.getByRole('link', { name: 'Zaakwijs B.V.' }).waitFor();
  assert.equal((await column(page, 0)).length, 1);
  assert.deepEqual(page.problems, []);
});
