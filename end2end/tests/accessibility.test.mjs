// WCAG 2.1 AA checks with axe-core on the main pages, signed in as beheerder (who sees every page).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, hydrated, signIn, axeViolations } from './harness.mjs';

let server;
let chrome;
before(async () => { server = await startServer(); chrome = await launchBrowser(); });
after(async () => { await chrome?.close(); await server?.stop(); });

test('sign-in page has no WCAG 2.1 AA violations', async () => {
  const page = await chrome.newPage({ bypassCSP: true });
  await page.goto(`${server.url}/login`);
  assert.deepEqual(await axeViolations(page), []);
});

test('register pages have no WCAG 2.1 AA violations', async () => {
  const page = await chrome.newPage({ bypassCSP: true });
  await signIn(page, server.url, 'beheerder');
  for (const p of ['/', '/leveranciers', '/leveranciers/nieuw', '/contracten', '/contracten/nieuw', '/termijnen', '/audit', '/account',
    '/zelfservice', '/aanvragen', '/zelfservice/beheer', '/gebruikers']) {
    await page.goto(`${server.url}${p}`);
    await hydrated(page);
    assert.deepEqual(await axeViolations(page), [], p);
  }
});

test('the forms work without JavaScript', async () => {
  const page = await chrome.newPage({ javaScriptEnabled: false });
  await signIn(page, server.url, 'regisseur');
  await page.goto(`${server.url}/leveranciers/nieuw`);
  await page.getByLabel('Naam').fill('Zonder Script B.V.');
  await page.getByLabel('KvK-nummer').fill('87654321');
  await page.getByLabel('Categorie').selectOption('overig');
  await page.getByLabel('Sourcingmodel').selectOption('saas');
  await page.getByLabel('Kritikaliteit').selectOption('laag');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.waitForURL(/\/leveranciers\/\d+(\?opgeslagen=\w+)?$/);
  await page.getByRole('heading', { level: 1, name: 'Zonder Script B.V.' }).waitFor();
  // A refused submission comes back with the message at the field.
  await page.goto(`${server.url}/leveranciers/nieuw`);
  await page.getByLabel('Naam').fill('Zonder Script B.V.');
  await page.getByLabel('KvK-nummer').fill('87654321');
  await page.getByLabel('Categorie').selectOption('overig');
  await page.getByLabel('Sourcingmodel').selectOption('saas');
  await page.getByLabel('Kritikaliteit').selectOption('laag');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.locator('#name-error').getByText('Deze naam of dit kenmerk bestaat al.').waitFor();
});
