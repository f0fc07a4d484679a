// The journey of the foundation issue: a regisseur registers a vendor and a contract with tacit
// renewal and 3 months' notice, finds its uiterste opzegdatum on the Termijnen page, records a
// decision; a medewerker gets a 403 page for that contract.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, hydrated, signIn } from './harness.mjs';

let server;
let chrome;
before(async () => { server = await startServer(); chrome = await launchBrowser(); });
after(async () => { await chrome?.close(); await server?.stop(); });

const pad = (n) => String(n).padStart(2, '0');
const year = new Date().getFullYear() + 2;
// Ends 31 December; minus 3 months clamps to 30 September (there is no 31 September).
const initialEnd = `${year}-12-31`;
const expectedNoticeDeadline = `30-09-${year}`;

test('a regisseur registers a vendor and a tacit-renewal contract and decides on it', async () => {
  const page = await chrome.newPage();
  await signIn(page, server.url, 'regisseur');
  await hydrated(page);

  await page.getByRole('link', { name: 'Leveranciers' }).click();
  await page.getByRole('link', { name: 'Nieuwe leverancier' }).click();
  await hydrated(page);
  await page.getByLabel('Naam').fill('Testleverancier Zaken B.V.');
  await page.getByLabel('KvK-nummer').fill('1234567');
  await page.getByLabel('Categorie').selectOption('zaakgericht-werken');
  await page.getByLabel('Sourcingmodel').selectOption('saas');
  await page.getByLabel('Kritikaliteit').selectOption('hoog');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  // A 7-digit KvK-nummer is refused at its field, and the form keeps what was typed.
  await assert.doesNotReject(page.locator('#kvk-error').getByText('Een KvK-nummer bestaat uit precies 8 cijfers.').waitFor());
  assert.equal(await page.getByLabel('KvK-nummer').getAttribute('aria-invalid'), 'true');
  await page.getByLabel('KvK-nummer').fill('12345678');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.waitForURL(/\/leveranciers\/\d+(\?opgeslagen=\w+)?$/);
  await page.getByRole('heading', { level: 1, name: 'Testleverancier Zaken B.V.' }).waitFor();

  await page.getByLabel('Naam van de dienst').fill('Zaaksysteem');
  await page.getByLabel('Kritikaliteit').selectOption('vitaal');
  await page.getByRole('button', { name: 'Dienst toevoegen' }).click();
  await page.getByRole('cell', { name: 'Zaaksysteem', exact: true }).waitFor();

  await page.getByRole('link', { name: 'Nieuw contract' }).click();
  await page.waitForURL(/\/contracten\/nieuw/);
  await hydrated(page);
  await page.getByLabel('Kenmerk').fill('E2E-001');
  await page.getByLabel('Omschrijving').fill('Zaaksysteem voor vijf gemeenten');
  await page.getByLabel('Eigenaar').fill('Team Regie');
  await page.getByLabel('Startdatum').fill(`${year - 2}-01-01`);
  await page.getByLabel('Einde eerste looptijd').fill(initialEnd);
  await page.getByLabel('Verlengingstype').selectOption('tacit');
  await page.getByLabel('Verlengingsperiode (maanden)').fill('12');
  await page.getByLabel('Opzegtermijn', { exact: true }).fill('3');
  await page.getByLabel('Eenheid opzegtermijn').selectOption('months');
  await page.getByLabel('Interne doorlooptijd (maanden)').fill('6');
  await page.getByLabel('Jaarwaarde').fill('120.000,00');
  await page.getByLabel('Prijsmodel').selectOption('vast');
  await page.getByLabel('Zaaksysteem').check();
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.waitForURL(/\/contracten\/\d+(\?opgeslagen=\w+)?$/);
  const contractUrl = page.url();

  await page.getByRole('link', { name: 'Termijnen' }).click();
  await page.waitForURL(/\/termijnen/);
  const row = page.getByRole('row').filter({ hasText: 'E2E-001' });
  await row.waitFor();
  assert.match(await row.innerText(), new RegExp(expectedNoticeDeadline));

  await page.goto(contractUrl);
  await hydrated(page);
  await page.getByLabel('Besluit', { exact: true }).selectOption('verlengen');
  await page.getByLabel('Toelichting').fill('Verlengen na evaluatie in het regieoverleg.');
  await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
  await page.getByRole('cell', { name: 'Verlengen na evaluatie in het regieoverleg.' }).waitFor();
  assert.deepEqual(page.problems, []);

  const staff = await chrome.newPage();
  await signIn(staff, server.url, 'medewerker');
  const res = await staff.goto(contractUrl);
  assert.equal(res.status(), 403);
  await staff.getByRole('heading', { name: 'Geen toegang' }).waitFor();
});
