// Everyday use of the forms: without JavaScript a refused form comes back with what was typed (never
// the password), the error summary takes the focus and links to each field, a duplicate KvK number
// links to the vendor that has it, a monitoring source with a private address is refused at its
// field when saved, and a save ends with a confirmation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, hydrated, signIn, axeViolations } from './harness.mjs';

let server;
let chrome;
before(async () => { server = await startServer(); chrome = await launchBrowser(); });
after(async () => { await chrome?.close(); await server?.stop(); });

const focused = (page) => page.evaluate(() => document.activeElement?.className ?? '');

async function fillVendor(page, { name, kvk, notes = '' }) {
  await page.getByLabel('Naam').fill(name);
  await page.getByLabel('KvK-nummer').fill(kvk);
  await page.getByLabel('Categorie').selectOption('overig');
  await page.getByLabel('Sourcingmodel').selectOption('paas');
  await page.getByLabel('Kritikaliteit').selectOption('laag');
  await page.getByLabel('Notities').fill(notes);
}

test('without JavaScript a refused form keeps its input and focuses the error summary', async () => {
  const page = await chrome.newPage({ javaScriptEnabled: false });
  await signIn(page, server.url, 'regisseur');
  await page.goto(`${server.url}/leveranciers/nieuw`);
  await fillVendor(page, { name: 'Zonder Script Typwerk B.V.', kvk: '1234', notes: 'Alles blijft staan.' });
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.locator('#kvk-error').getByText('Een KvK-nummer bestaat uit precies 8 cijfers.').waitFor();
  assert.equal(await page.getByLabel('Naam').inputValue(), 'Zonder Script Typwerk B.V.');
  assert.equal(await page.getByLabel('KvK-nummer').inputValue(), '1234');
  assert.equal(await page.getByLabel('Sourcingmodel').inputValue(), 'paas');
  assert.equal(await page.getByLabel('Notities').inputValue(), 'Alles blijft staan.');
  assert.equal(await page.getByLabel('KvK-nummer').getAttribute('aria-invalid'), 'true');
  assert.match(await focused(page), /rk-error-summary/);
  const link = page.getByRole('alert').getByRole('link', { name: 'Een KvK-nummer bestaat uit precies 8 cijfers.' });
  assert.equal(await link.getAttribute('href'), '#f-kvk');

  // Corrected, it saves and says so.
  await page.getByLabel('KvK-nummer').fill('31415926');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('status').getByText('Leverancier opgeslagen.').waitFor();
  await page.getByRole('heading', { level: 1, name: 'Zonder Script Typwerk B.V.' }).waitFor();
});

test('without JavaScript a wrong password keeps the user name and empties the password', async () => {
  const page = await chrome.newPage({ javaScriptEnabled: false });
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Gebruikersnaam').fill('regisseur');
  await page.getByLabel('Wachtwoord').fill('dit-is-niet-het-wachtwoord');
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.getByText('De combinatie van gebruikersnaam en wachtwoord is onbekend.').waitFor();
  assert.equal(await page.getByLabel('Gebruikersnaam').inputValue(), 'regisseur');
  assert.equal(await page.getByLabel('Wachtwoord').inputValue(), '');
});

test('a duplicate KvK number is refused with a link to the vendor that has it', async () => {
  const page = await chrome.newPage({ bypassCSP: true });
  await signIn(page, server.url, 'regisseur');
  await page.goto(`${server.url}/leveranciers/nieuw`);
  await hydrated(page);
  await fillVendor(page, { name: 'Eerste Entiteit B.V.', kvk: '27182818' });
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('status').getByText('Leverancier opgeslagen.').waitFor();
  const firstUrl = new URL(page.url()).pathname;

  await page.goto(`${server.url}/leveranciers/nieuw`);
  await hydrated(page);
  await fillVendor(page, { name: 'Tweede Entiteit B.V.', kvk: '2718 2818' });
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.locator('#kvk-error').getByText('Dit KvK-nummer hoort al bij een andere leverancier.').waitFor();
  assert.match(await focused(page), /rk-error-summary/, 'the summary has the focus');
  assert.deepEqual(await axeViolations(page), []);
  const existing = page.locator('#kvk-error').getByRole('link', { name: 'Bekijk leverancier Eerste Entiteit B.V.' });
  assert.equal(await existing.getAttribute('href'), firstUrl);
  await existing.click();
  await page.getByRole('heading', { level: 1, name: 'Eerste Entiteit B.V.' }).waitFor();
  assert.deepEqual(page.problems, []);
});

test('a monitoring source with a private address is refused at its field when saved', async () => {
  const page = await chrome.newPage();
  await signIn(page, server.url, 'regisseur');
  await page.goto(`${server.url}/leveranciers/nieuw`);
  await hydrated(page);
  await fillVendor(page, { name: 'Adresbewust B.V.', kvk: '16180339' });
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('status').getByText('Leverancier opgeslagen.').waitFor();
  await page.getByLabel('Naam van de dienst').fill('Portaal');
  await page.getByLabel('Kritikaliteit').selectOption('hoog');
  await page.getByRole('button', { name: 'Dienst toevoegen' }).click();
  await page.getByRole('link', { name: 'Bron toevoegen voor Portaal' }).click();
  await page.waitForURL(/\/monitoring\/bronnen\/nieuw/);
  await hydrated(page);
  await page.getByLabel('Soort').selectOption('http');
  await page.getByLabel('Naam', { exact: true }).fill('Portaal health');
  await page.getByLabel('Adres (URL)').fill('http://10.1.2.3/health');
  await page.getByLabel('Interval (seconden)').fill('60');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  const message = 'Het adres 10.1.2.3 is een intern netwerkadres en mag niet worden benaderd.';
  await page.locator('#url-error').getByText(message).waitFor();
  assert.equal(await page.getByLabel('Adres (URL)').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel('Adres (URL)').inputValue(), 'http://10.1.2.3/health');
  assert.match(page.url(), /\/monitoring\/bronnen\/nieuw/, 'nothing was saved');
  assert.deepEqual(page.problems, []);
});
