// Self-service in the browser (issue 12), on the demo organisation: the medewerker (profile
// "Zelfredzaam", line manager the ICT head) chooses "Ultra mobiel", sees the licence request it implies,
// files it; a colleague gets 403 on that request; the manager and a regisseur approve, the regisseur
// takes it up and completes it; the Tweefactortoken licence has one seat more assigned; the requester
// sees "afgerond". axe-core finds no WCAG 2.1 AA violation on the portal, the form and the request
// page. Without JavaScript a refused form keeps what was typed and a corrected one is filed. A
// regisseur builds a form with three fields and a medewerker files it.
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

function isoToday() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The "Toegewezen" figure of a licence on the licences list. */
async function assigned(page, licence) {
  await page.goto(`${demo.url}/licenties`);
  const row = page.getByTestId('licences').getByRole('row').filter({ hasText: licence });
  return Number((await row.locator('td').nth(2).innerText()).trim());
}

/** Takes a step on the request page: choose it, optionally with a note, and record it. */
async function step(page, url, name) {
  await page.goto(url);
  await hydrated(page);
  await page.getByRole('radio', { name }).check();
  await Promise.all([page.waitForURL(/opgeslagen=stap/), page.getByRole('button', { name: 'Stap vastleggen' }).click()]);
  await page.getByText('De aanvraag is bijgewerkt.').waitFor();
}

test('a medewerker chooses Ultra mobiel; manager and regisseur approve; the licence count follows', async () => {
  const regie = await chrome.newPage({ bypassCSP: true });
  await signInDemo(regie, demo.url, 'regisseur');
  const tokensBefore = await assigned(regie, 'Tweefactortoken');
  const officeBefore = await assigned(regie, 'Kantoorlicentie E3');

  const staff = await chrome.newPage({ bypassCSP: true });
  await signInDemo(staff, demo.url, 'medewerker');
  await hydrated(staff);
  await staff.getByRole('heading', { level: 1, name: 'Zelfservice' }).waitFor();
  await staff.getByTestId('catalogue').getByText('Zaaksysteem').first().waitFor();
  await noViolations(staff, 'portal');

  await staff.getByRole('link', { name: /Bekijken en kiezen.*Ultra mobiel/ }).click();
  await staff.waitForURL(/\/zelfservice\/profielen\/\d+$/);
  await hydrated(staff);
  assert.match(await staff.getByTestId('licence-requests').innerText(), /Tweefactortoken \(VO-2024-033\): een licentie erbij/);
  await noViolations(staff, 'profile form');
  await staff.getByLabel('Ingangsdatum').fill(isoToday());
  await Promise.all([staff.waitForURL(/\/aanvragen\/\d+\?opgeslagen=aanvraag/), staff.getByRole('button', { name: 'Indienen' }).click()]);
  const requestUrl = staff.url().split('?')[0];
  await staff.getByText('Uw aanvraag is ingediend.').waitFor();
  assert.match(await staff.getByTestId('request-facts').innerText(), /ingediend/);

  // A colleague may not see it.
  demo.addUser('collega', 'Collega Medewerker', 'medewerker', 'e2e-collega-wachtwoord-12');
  const colleague = await chrome.newPage({ bypassCSP: true });
  await colleague.goto(`${demo.url}/login`);
  await colleague.getByLabel('Gebruikersnaam').fill('collega');
  await colleague.getByLabel('Wachtwoord').fill('e2e-collega-wachtwoord-12');
  await Promise.all([colleague.waitForURL((u) => !u.pathname.startsWith('/login')), colleague.getByRole('button', { name: 'Aanmelden' }).click()]);
  const refused = await colleague.goto(requestUrl);
  assert.equal(refused.status(), 403);
  await colleague.getByRole('heading', { name: 'Geen toegang' }).waitFor();

  // The line manager (the ICT head) approves, then the regisseur.
  const head = await chrome.newPage({ bypassCSP: true });
  await signInDemo(head, demo.url, 'ict-manager');
  await step(head, requestUrl, 'Goedkeuren als leidinggevende');
  assert.match(await head.getByTestId('request-facts').innerText(), /Leidinggevende: gegeven/);
  await step(regie, requestUrl, 'Goedkeuren namens de regie');
  await step(regie, requestUrl, 'In behandeling nemen (met de leverancier)');
  await step(regie, requestUrl, 'Afronden');
  assert.match(await regie.getByTestId('request-licences').innerText(), /Tweefactortoken[\s\S]*\+1[\s\S]*verwerkt/);

  assert.equal(await assigned(regie, 'Tweefactortoken'), tokensBefore + 1, 'one token seat more');
  assert.equal(await assigned(regie, 'Kantoorlicentie E3'), officeBefore, 'both profiles have E3');

  await staff.goto(requestUrl);
  await hydrated(staff);
  assert.match(await staff.getByTestId('request-facts').innerText(), /afgerond/);
  assert.match(await staff.getByTestId('history').innerText(), /Licenties bijgewerkt/);
  await noViolations(staff, 'request page');
  await staff.goto(`${demo.url}/zelfservice`);
  await staff.getByText('Uw huidige profiel').waitFor();
  assert.deepEqual(staff.problems, []);
});

test('without JavaScript a refused request keeps what was typed, and the corrected one is filed', async () => {
  const page = await chrome.newPage({ javaScriptEnabled: false, bypassCSP: true });
  await signInDemo(page, demo.url, 'medewerker');
  await page.goto(`${demo.url}/zelfservice`);
  await page.getByRole('link', { name: 'Toegang of licentie aanvragen' }).click();
  await page.waitForURL(/\/zelfservice\/formulieren\/\d+$/);
  await page.getByLabel('Toelichting').fill('Voor het project Omgevingswet');
  await page.getByLabel('Wat hebt u nodig?').selectOption('Een licentie');
  // Dienst and Vanaf are left empty: refused at those fields, the rest comes back.
  await page.locator('form[data-testid="request-form"]').evaluate((f) => { f.noValidate = true; });
  await page.getByRole('button', { name: 'Indienen' }).click();
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').innerText(), /Vul dit veld in|verplicht/i);
  assert.equal(await page.getByLabel('Toelichting').inputValue(), 'Voor het project Omgevingswet');
  await page.getByLabel('Dienst', { exact: true }).selectOption({ label: 'Zaaksysteem (Zaakwijs B.V.)' });
  await page.getByLabel('Vanaf').fill(isoToday());
  await page.getByLabel('Wat hebt u nodig?').selectOption('Een licentie');
  await page.getByRole('button', { name: 'Indienen' }).click();
  await page.waitForURL(/\/aanvragen\/\d+\?opgeslagen=aanvraag/);
  assert.match(await page.getByTestId('answers').innerText(), /Een licentie[\s\S]*Voor het project Omgevingswet/);
});

test('a regisseur builds a form with three fields and a medewerker files it', async () => {
  const regie = await chrome.newPage({ bypassCSP: true });
  await signInDemo(regie, demo.url, 'regisseur');
  await regie.goto(`${demo.url}/zelfservice/beheer`);
  await hydrated(regie);
  await noViolations(regie, 'forms and profiles');
  await regie.getByLabel('Titel', { exact: true }).fill('Parkeervergunning aanvragen');
  await regie.getByLabel('Goedkeuring', { exact: true }).selectOption('regisseur');
  await regie.getByLabel('Doorlooptijd in dagen').fill('3');
  await Promise.all([
    regie.waitForURL(/\/zelfservice\/beheer\/formulieren\/\d+\?opgeslagen=formulier/),
    regie.getByRole('button', { name: 'Formulier aanmaken' }).click(),
  ]);
  const builder = regie.url().split('?')[0];
  const fields = [
    { label: 'Kenteken', kind: 'tekst' },
    { label: 'Soort vergunning', kind: 'keuze', choices: 'Dagvergunning\nJaarvergunning' },
    { label: 'Elektrische auto', kind: 'ja_nee' },
  ];
  for (const f of fields) {
    await regie.goto(builder);
    await hydrated(regie);
    await regie.getByLabel('Vraag', { exact: true }).fill(f.label);
    await regie.getByLabel('Soort antwoord').selectOption(f.kind);
    if (f.kind !== 'ja_nee') await regie.getByLabel('Verplicht in te vullen').check();
    if (f.choices) await regie.getByLabel(/^Keuzes/).fill(f.choices);
    await Promise.all([regie.waitForURL(/opgeslagen=veld/), regie.getByRole('button', { name: 'Veld toevoegen' }).click()]);
  }
  await regie.goto(builder);
  await hydrated(regie);
  await noViolations(regie, 'form builder');
  await Promise.all([
    regie.waitForURL(/opgeslagen=gepubliceerd/),
    regie.getByRole('button', { name: 'Concept publiceren als nieuwe versie' }).click(),
  ]);

  const staff = await chrome.newPage({ bypassCSP: true });
  await signInDemo(staff, demo.url, 'medewerker');
  await staff.goto(`${demo.url}/zelfservice`);
  await staff.getByRole('link', { name: 'Parkeervergunning aanvragen' }).click();
  await staff.waitForURL(/\/zelfservice\/formulieren\/\d+$/);
  await hydrated(staff);
  await staff.getByLabel('Kenteken').fill('GV-123-X');
  await staff.getByLabel('Soort vergunning').selectOption('Jaarvergunning');
  await staff.getByLabel('Ja').check();
  await Promise.all([staff.waitForURL(/\/aanvragen\/\d+\?opgeslagen=aanvraag/), staff.getByRole('button', { name: 'Indienen' }).click()]);
  const answers = await staff.getByTestId('answers').innerText();
  assert.match(answers, /Kenteken\s+GV-123-X/);
  assert.match(answers, /Soort vergunning\s+Jaarvergunning/);
  assert.match(answers, /Elektrische auto\s+ja/);
  assert.match(await staff.getByTestId('request-facts').innerText(), /ingediend[\s\S]*Formulierversie\s+1/);
  assert.deepEqual(staff.problems, []);
});
