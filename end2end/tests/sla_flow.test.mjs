// SLA terms per contract (issue 10, part 1): a regisseur records them through the form, is stopped at
// the field that is wrong while the rest of the input stays, and then sees them on the contract page;
// the form passes axe and works without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, hydrated, signIn, axeViolations } from './harness.mjs';

let server;
let chrome;
before(async () => { server = await startServer(); chrome = await launchBrowser(); });
after(async () => { await chrome?.close(); await server?.stop(); });

/** Creates a vendor and a contract through the API as the signed-in page's user; returns the contract id. */
async function makeContract(page, reference) {
  const headers = { accept: 'application/json' };
  // KvK numbers are unique among vendors: one of its own per contract reference.
  const kvkFor = (text) => String([...text].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 100000000, 7)).padStart(8, '0');
  const me = await (await page.request.post(`${server.url}/api/me`, { headers })).json();
  const api = async (endpoint, form) => {
    const res = await page.request.post(`${server.url}/api/${endpoint}`, { headers, form: { csrf: me.csrf, ...form } });
    assert.equal(res.status(), 200, await res.text());
    return res.json();
  };
  const vendor = await api('vendors/create', {
    'form[name]': `Leverancier ${reference} B.V.`, 'form[kvk]': kvkFor(reference), 'form[category]': 'overig',
    'form[sourcing]': 'saas', 'form[criticality]': 'hoog', 'form[notes]': '',
  });
  const year = new Date().getFullYear();
  const contract = await api('contracts/create', {
    'form[vendor_id]': String(vendor), 'form[reference]': reference, 'form[title]': 'Zaaksysteem',
    'form[owner]': 'Team Regie', 'form[start]': `${year}-01-01`, 'form[initial_end]': `${year + 2}-12-31`,
    'form[renewal]': 'fixed', 'form[renewal_period_months]': '', 'form[option_count]': '',
    'form[option_length_months]': '', 'form[notice_amount]': '3', 'form[notice_unit]': 'months',
    'form[lead_time_months]': '6', 'form[annual_value]': '120.000,00', 'form[price_model]': 'vast',
  });
  return contract;
}

test('a regisseur records SLA terms, is stopped at a wrong target and sees the terms on the contract page', async () => {
  const page = await chrome.newPage();
  await signIn(page, server.url, 'regisseur');
  const contract = await makeContract(page, 'SLA-E2E');

  await page.goto(`${server.url}/contracten/${contract}`);
  await hydrated(page);
  await page.getByText('Voor dit contract zijn nog geen SLA-afspraken vastgelegd.').waitFor();
  await page.getByRole('link', { name: 'SLA-afspraken vastleggen' }).click();
  await page.waitForURL(/\/contracten\/\d+\/sla$/);
  await hydrated(page);
  await page.getByLabel('Beschikbaarheidsdoel (%)').fill('100,5');
  await page.getByLabel('Servicevenster').selectOption('weekly');
  for (const day of ['ma', 'di', 'wo', 'do', 'vr']) await page.getByLabel(day, { exact: true }).check();
  await page.getByLabel('Van (uu:mm)').fill('08:00');
  await page.getByLabel('Tot (uu:mm)').fill('18:00');
  await page.getByLabel('Nederlandse feestdagen vallen buiten het venster').check();
  await page.getByLabel('Aankondiging onderhoud (dagen vooraf)').fill('5');
  await page.getByLabel('Drempel 1 (%)').fill('99,8');
  await page.getByLabel('Korting 1 (%)').fill('5');
  await page.getByLabel('Maximale korting per periode (%)').fill('25');
  await page.getByRole('button', { name: 'Opslaan' }).click();

  await page.locator('#target-error').getByText('Vul een percentage boven 0 en ten hoogste 100 in.').waitFor();
  assert.equal(await page.getByLabel('Beschikbaarheidsdoel (%)').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel('Van (uu:mm)').inputValue(), '08:00', 'the input stays');
  assert.ok(await page.getByLabel('vr', { exact: true }).isChecked());

  await page.getByLabel('Beschikbaarheidsdoel (%)').fill('99,8');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.waitForURL(/\/contracten\/\d+(\?opgeslagen=\w+)?$/);
  await page.getByText('99,8 % per maand').waitFor();
  await page.getByText('ma-vr 08:00-18:00 zonder feestdagen').waitFor();
  await page.getByText('< 99,8 % → 5 %; maximaal 25 %').waitFor();
  assert.deepEqual(page.problems, []);
});

test('the SLA form is accessible and works without JavaScript', async () => {
  const setup = await chrome.newPage();
  await signIn(setup, server.url, 'regisseur');
  const contract = await makeContract(setup, 'SLA-NOJS');
  const axe = await chrome.newPage({ bypassCSP: true });
  await signIn(axe, server.url, 'regisseur');
  await axe.goto(`${server.url}/contracten/${contract}/sla`);
  await hydrated(axe);
  assert.deepEqual(await axeViolations(axe), []);

  const page = await chrome.newPage({ javaScriptEnabled: false });
  await signIn(page, server.url, 'regisseur');
  await page.goto(`${server.url}/contracten/${contract}/sla`);
  await page.getByLabel('Beschikbaarheidsdoel (%)').fill('0');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.locator('#target-error').getByText('Vul een percentage boven 0 en ten hoogste 100 in.').waitFor();
  await page.getByLabel('Beschikbaarheidsdoel (%)').fill('99,5');
  await page.getByLabel('Meetperiode').selectOption('quarter');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.waitForURL(/\/contracten\/\d+(\?opgeslagen=\w+)?$/);
  await page.getByText('99,5 % per kwartaal').waitFor();
  await page.getByText('24x7', { exact: true }).waitFor();
});
