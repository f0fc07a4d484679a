// Monitoring in the browser: a regisseur adds an HTTP probe and a status page for a vendor's service;
// the overview, the source page, the vendor page and the component-mapping page show them and pass
// axe-core's WCAG 2.1 AA checks. The sources point at names under the reserved .example domain, which
// pass the address policy when saved and do not resolve, so their checks record a clear error without
// network traffic.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, hydrated, signIn, axeViolations } from './harness.mjs';

let server;
let chrome;
before(async () => { server = await startServer(); chrome = await launchBrowser(); });
after(async () => { await chrome?.close(); await server?.stop(); });

async function addSource(page, service, fields) {
  await page.getByRole('link', { name: `Bron toevoegen voor ${service}` }).click();
  await page.waitForURL(/\/monitoring\/bronnen\/nieuw/);
  await hydrated(page);
  await page.getByLabel('Soort').selectOption(fields.kind);
  await page.getByLabel('Naam', { exact: true }).fill(fields.name);
  await page.getByLabel('Adres (URL)').fill(fields.url);
  await page.getByLabel('Interval (seconden)').fill('10');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.waitForURL(/\/monitoring\/bronnen\/\d+(\?opgeslagen=\w+)?$/);
  await page.getByRole('heading', { level: 1, name: fields.name }).waitFor();
}

test('sources are added, listed with their state and pass the accessibility checks', async () => {
  const page = await chrome.newPage({ bypassCSP: true });
  await signIn(page, server.url, 'regisseur');
  await page.goto(`${server.url}/leveranciers/nieuw`);
  await hydrated(page);
  await page.getByLabel('Naam').fill('Monitorwijs B.V.');
  await page.getByLabel('KvK-nummer').fill('11112222');
  await page.getByLabel('Categorie').selectOption('overig');
  await page.getByLabel('Sourcingmodel').selectOption('saas');
  await page.getByLabel('Kritikaliteit').selectOption('hoog');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.waitForURL(/\/leveranciers\/\d+(\?opgeslagen=\w+)?$/);
  const vendorUrl = page.url();
  await page.getByLabel('Naam van de dienst').fill('Portaal');
  await page.getByLabel('Kritikaliteit').selectOption('hoog');
  await page.getByRole('button', { name: 'Dienst toevoegen' }).click();
  await page.getByRole('link', { name: 'Bron toevoegen voor Portaal' }).waitFor();

  await addSource(page, 'Portaal', { kind: 'http', name: 'Portaal health', url: 'http://portaal.monitorwijs.example/health' });
  assert.deepEqual(await axeViolations(page), [], 'source page');
  await page.goto(vendorUrl);
  await addSource(page, 'Portaal', { kind: 'statuspage', name: 'Portaal status', url: 'http://status.monitorwijs.example' });
  const statusUrl = page.url();

  // The poller picks the new sources up within a minute and records why the probe failed.
  await page.goto(`${server.url}/monitoring`);
  await hydrated(page);
  await page.getByRole('link', { name: 'Portaal health' }).waitFor();
  assert.deepEqual(await axeViolations(page), [], '/monitoring');
  await page.getByLabel('Toestand').selectOption('unknown');
  await page.getByRole('button', { name: 'Filteren' }).click();
  await page.waitForURL(/toestand=unknown/);

  await page.goto(vendorUrl);
  await hydrated(page);
  await page.getByRole('heading', { name: 'Toestand per dienst' }).waitFor();
  await page.getByRole('row', { name: /Portaal status/ }).waitFor();
  assert.deepEqual(await axeViolations(page), [], 'vendor page');

  await page.goto(statusUrl);
  await page.getByRole('link', { name: 'Componenten koppelen' }).click();
  await page.waitForURL(/\/componenten$/);
  await page.getByText('De statuspagina kon nu niet worden gelezen').waitFor();
  assert.deepEqual(await axeViolations(page), [], 'component mapping page');
  assert.deepEqual(page.problems, []);
});

test('an auditor sees the monitoring but cannot map components', async () => {
  const page = await chrome.newPage();
  await signIn(page, server.url, 'auditor');
  const res = await page.goto(`${server.url}/monitoring`);
  assert.equal(res.status(), 200);
  const mapping = await page.goto(`${server.url}/monitoring/bronnen/2/componenten`);
  assert.equal(mapping.status(), 403);
});
