// The contract form (issue 9, everyday use): it asks for the vendor once. With JavaScript, choosing
// the vendor offers that vendor's services in place, without a reload and keeping what was typed;
// without JavaScript, "Diensten laden" brings the form back with everything typed and the chosen
// vendor's services, after which the contract saves. The form passes axe in both states.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, hydrated, signIn, axeViolations } from './harness.mjs';

let server;
let chrome;
before(async () => { server = await startServer(); chrome = await launchBrowser(); });
after(async () => { await chrome?.close(); await server?.stop(); });

/** Creates a vendor with one service through the API as the signed-in page's user. */
async function vendorWithService(page, name, kvk, service) {
  const headers = { accept: 'application/json' };
  const me = await (await page.request.post(`${server.url}/api/me`, { headers })).json();
  const api = async (endpoint, form) => {
    const res = await page.request.post(`${server.url}/api/${endpoint}`, { headers, form: { csrf: me.csrf, ...form } });
    assert.equal(res.status(), 200, await res.text());
    return res.json();
  };
  const vendor = await api('vendors/create', {
    'form[name]': name, 'form[kvk]': kvk, 'form[category]': 'overig', 'form[sourcing]': 'saas',
    'form[criticality]': 'hoog', 'form[notes]': '',
  });
  await api('vendors/services/add', {
    vendor: String(vendor), 'form[name]': service, 'form[description]': '', 'form[criticality]': 'hoog',
  });
  return vendor;
}

const year = new Date().getFullYear();

/** Fills every field of the contract form except the vendor and its services. */
async function fillContract(page, reference) {
  await page.getByLabel('Kenmerk').fill(reference);
  await page.getByLabel('Omschrijving').fill(`Kaarten voor ${reference}`);
  await page.getByLabel('Eigenaar').fill('Team Regie');
  await page.getByLabel('Startdatum').fill(`${year}-01-01`);
  await page.getByLabel('Einde eerste looptijd').fill(`${year + 2}-12-31`);
  await page.getByLabel('Verlengingstype').selectOption('fixed');
  await page.getByLabel('Opzegtermijn', { exact: true }).fill('3');
  await page.getByLabel('Eenheid opzegtermijn').selectOption('months');
  await page.getByLabel('Interne doorlooptijd (maanden)').fill('6');
  await page.getByLabel('Jaarwaarde').fill('24.000,00');
  await page.getByLabel('Prijsmodel').selectOption('vast');
}

test('with JavaScript choosing the vendor offers its services in place and keeps what was typed', async () => {
  const page = await chrome.newPage({ bypassCSP: true });
  await signIn(page, server.url, 'regisseur');
  await vendorWithService(page, 'Kaartwijs B.V.', '10203040', 'Geo-viewer');
  await vendorWithService(page, 'Dossierwijs B.V.', '50607080', 'Archiefdienst');

  await page.goto(`${server.url}/contracten/nieuw`);
  await hydrated(page);
  assert.equal(await page.locator('select[name="form[vendor_id]"]').count(), 1, 'one vendor field');
  assert.equal(await page.getByRole('button', { name: 'Diensten laden' }).count(), 0, 'not needed with JavaScript');
  await page.getByText('Kies eerst de leverancier; dan verschijnen hier zijn diensten.').waitFor();
  assert.deepEqual(await axeViolations(page), []);

  await page.getByLabel('Kenmerk').fill('JS-001');
  await page.getByLabel('Omschrijving').fill('Nog niet af');
  // Survives only if the document is not loaded again.
  await page.evaluate(() => { window.rkSameDocument = true; });
  await page.getByLabel('Leverancier').selectOption({ label: 'Kaartwijs B.V.' });
  await page.getByLabel('Geo-viewer').waitFor();
  await page.getByLabel('Leverancier').selectOption({ label: 'Dossierwijs B.V.' });
  await page.getByLabel('Archiefdienst').waitFor();
  assert.equal(await page.getByLabel('Geo-viewer').count(), 0, 'only the chosen vendor\'s services');
  assert.equal(await page.evaluate(() => window.rkSameDocument), true, 'no reload');
  assert.equal(await page.getByLabel('Kenmerk').inputValue(), 'JS-001');
  assert.equal(await page.getByLabel('Omschrijving').inputValue(), 'Nog niet af');
  assert.match(page.url(), /\/contracten\/nieuw$/);
  assert.deepEqual(await axeViolations(page), []);

  await fillContract(page, 'JS-001');
  await page.getByLabel('Archiefdienst').check();
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.waitForURL(/\/contracten\/\d+(\?opgeslagen=\w+)?$/);
  await page.getByRole('status').getByText('Contract opgeslagen.').waitFor();
  await page.getByText('Archiefdienst').first().waitFor();
  assert.deepEqual(page.problems, []);
});

test('without JavaScript "Diensten laden" keeps the typed fields and offers the services, and the contract then saves', async () => {
  const page = await chrome.newPage({ javaScriptEnabled: false, bypassCSP: true });
  await signIn(page, server.url, 'regisseur');
  await vendorWithService(page, 'Zonderscript B.V.', '90807060', 'Zaaksysteem');

  await page.goto(`${server.url}/contracten/nieuw`);
  assert.equal(await page.locator('select[name="form[vendor_id]"]').count(), 1, 'one vendor field');
  await fillContract(page, 'NOJS-001');
  await page.getByLabel('Leverancier').selectOption({ label: 'Zonderscript B.V.' });
  await page.getByRole('button', { name: 'Diensten laden' }).click();
  await page.getByLabel('Zaaksysteem').waitFor();
  assert.match(page.url(), /\/contracten\/nieuw\?leverancier=\d+$/);
  assert.equal(await page.getByLabel('Kenmerk').inputValue(), 'NOJS-001');
  assert.equal(await page.getByLabel('Omschrijving').inputValue(), 'Kaarten voor NOJS-001');
  assert.equal(await page.getByLabel('Einde eerste looptijd').inputValue(), `${year + 2}-12-31`);
  assert.equal(await page.getByLabel('Verlengingstype').inputValue(), 'fixed');
  assert.equal(await page.getByLabel('Jaarwaarde').inputValue(), '24.000,00');
  assert.equal(await page.getByRole('alert').count(), 0, 'not a refusal');
  // axe needs scripts, which this page does not run: the same form in a page whose own scripts
  // (wasm and its glue) are blocked, so that it stays as the server sent it.
  const probe = await chrome.newPage({ bypassCSP: true });
  await probe.route(/\.(js|wasm)(\?.*)?$/, (route) => route.abort());
  await signIn(probe, server.url, 'regisseur');
  await probe.goto(page.url());
  await probe.getByLabel('Zaaksysteem').waitFor();
  assert.equal(await probe.getByRole('button', { name: 'Diensten laden' }).count(), 1);
  assert.deepEqual(await axeViolations(probe), []);

  await page.getByLabel('Zaaksysteem').check();
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('status').getByText('Contract opgeslagen.').waitFor();
  assert.match(page.url(), /\/contracten\/\d+\?opgeslagen=contract$/);
  await page.getByRole('heading', { level: 1 }).filter({ hasText: 'NOJS-001' }).waitFor();
  await page.getByText('Zaaksysteem').first().waitFor();
});
