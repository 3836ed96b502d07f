/**
 * The case story clicked through by its people in a real browser (Debian's Chromium) on the real network: Sara
 * finds the child, drafts the placement and the related visitation with the live price, the centre heads, the
 * director and both providers sign from their inboxes, Sara adds the school support and the director and Karin sign
 * it, Karin reports (only the document's SHA-256 leaves her browser) and invoices, Mads attests and Sara records the
 * payment, the placement ends with the visitation, and Birthe sees who read Preben's data. Every main screen gets an
 * axe check (no serious or critical violation) and a screenshot in test/browser/screenshots/.
 */
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { checkAccessibility, launchBrowser, screenshot, type AccessibilityReport } from './support/browser';
import {
  fictitiousCpr,
  firstDayFromNow,
  firstSundayFrom,
  lastDayFromNow,
  personPage,
  untilVisible,
  type PersonPage,
} from './support/web-story';

/** axe's findings per screen, printed at the end for the report. */
const audits: { screen: string; report: AccessibilityReport }[] = [];

async function audit(page: Page, name: string): Promise<void> {
  audits.push({ screen: name, report: await checkAccessibility(page) });
  await screenshot(page, name);
}

describe('browser: the case story, played from the screens', function () {
  this.timeout(20 * 60_000);
  let browser: Browser;
  const people: Record<string, PersonPage> = {};
  // The placement starts on the first day of the month three months ago, so its first months can be reported,
  // invoiced and settled today.
  const start = firstDayFromNow(-3);
  const month1 = start.slice(0, 7);
  const run = Date.now().toString(36);
  const placementId = `anb-${run}`;
  const visitationId = `sam-${run}`;
  const invoiceId = `F-${run}`;
  let child = '';

  before(async () => {
    browser = await launchBrowser();
    people.sara = await personPage(browser, 'municipality', 'sara');
  });

  after(async () => {
    for (const { screen, report } of audits) {
      process.stdout.write(
        `      axe ${screen}: ${report.violations.toString()} violations ${JSON.stringify(report.byImpact)} ${report.rules.join(', ')}\n`,
      );
    }
    await browser.close();
  });

  const as = async (name: string, org: 'municipality' | 'placement' | 'consultancy'): Promise<PersonPage> => {
    people[name] ??= await personPage(browser, org, name);
    return people[name];
  };

  it('Sara finds Preben by CPR number (an audited lookup), stores what the placement site may know, and lets Birthe see the access log', async () => {
    const { page, open } = await as('sara', 'municipality');
    await open('/');
    await page.getByRole('heading', { level: 1, name: 'Børn og aftaler' }).waitFor();
    await audit(page, 'caseworker-home');
    await page.getByRole('textbox', { name: 'CPR-nummer' }).fill(fictitiousCpr());
    await page.getByRole('button', { name: 'Find barn' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overblik over barnet' }).waitFor({ timeout: 60_000 });
    child = decodeURIComponent(page.url().split('#/children/')[1] ?? '');
    expect(child).to.match(/^[A-Za-z0-9_.:-]+$/);

    await page.locator('#data-provider option[value="PlacementSiteMSP"]').waitFor({ state: 'attached' });
    await page.getByLabel('Leverandør').selectOption('PlacementSiteMSP');
    await page.getByLabel('Navn').fill('Preben');
    await page.getByLabel('Skole', { exact: true }).fill('Østervold Skole');
    await page.getByRole('button', { name: 'Gem og del med leverandøren' }).click();
    await page.getByText('Udført').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Læs oplysningerne (logges)' }).click();
    await page.getByText('Preben', { exact: true }).waitFor({ timeout: 60_000 });
    await page.getByLabel('Forælder/værges login').fill('birthe');
    await page.getByRole('button', { name: 'Giv adgang til adgangsloggen' }).click();
    await page.getByText('Udført').first().waitFor({ timeout: 60_000 });
  });

  it('Sara drafts the placement from the template and sees its monthly price as she types', async () => {
    const { page, open } = await as('sara', 'municipality');
    await open(`/new/${child}`);
    await page.getByLabel('Aftalens id').fill(placementId);
    await page.locator('#provider option[value="PlacementSiteMSP"]').waitFor({ state: 'attached' });
    await page.getByLabel('Leverandør').selectOption('PlacementSiteMSP');
    await page.getByLabel('Startdato').fill(start);
    await page.getByLabel('godkendt af sagsbehandleren').check();
    await page.getByLabel('Pris pr. måned (kr.)').fill('95.000');
    await page.getByRole('button', { name: 'Tilføj ydelse' }).click();
    await page.getByLabel('Ydelse', { exact: true }).nth(1).selectOption('school');
    await page.getByLabel('Pris pr. måned (kr.)').nth(1).fill('24.000');
    await page.getByRole('button', { name: 'Tilføj ydelse' }).click();
    await page.getByLabel('Ydelse', { exact: true }).nth(2).selectOption('transport');
    await page.getByLabel('Pris pr. måned (kr.)').nth(2).fill('9.500');
    await page.getByLabel('Til (valgfri)').nth(2).fill(lastDayFromNow(-1));
    expect((await page.getByTestId('price-total').textContent())?.replace(/\s/g, ' ')).to.equal(
      '128.500,00 kr.',
    );
    await audit(page, 'caseworker-draft');
    await page.getByRole('button', { name: 'Gem kladde' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(placementId) }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Send til underskrift' }).click();
    await untilVisible(page, page.locator('h1 .badge', { hasText: 'Afventer underskrift' }));
  });

  it('Sara drafts the related visitation: 5.151 kr. every second Sunday', async () => {
    const { page, open } = await as('sara', 'municipality');
    await open(`/new/${child}`);
    await page.getByLabel('Skabelon').selectOption('visitation');
    await page.getByLabel('Aftalens id').fill(visitationId);
    await page.locator('#provider option[value="ConsultancyMSP"]').waitFor({ state: 'attached' });
    await page.getByLabel('Leverandør').selectOption('ConsultancyMSP');
    await page.getByLabel('Startdato').fill(start);
    await page.getByLabel('Relaterede aftaler').fill(placementId);
    await page.getByLabel('Pris pr. besøg (kr.)').fill('5151');
    await page.getByLabel('Aftalt antal').fill('1');
    await page.getByLabel('Antallet gælder').selectOption('occurrence');
    await page.getByLabel('Første gang').fill(firstSundayFrom(start));
    expect((await page.getByTestId('price-total').textContent())?.replace(/\s/g, ' ')).to.equal(
      '11.160,50 kr.',
    );
    await page.getByRole('button', { name: 'Gem kladde' }).click();
    await page
      .getByRole('heading', { level: 1, name: new RegExp(visitationId) })
      .waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Send til underskrift' }).click();
    await untilVisible(page, page.locator('h1 .badge', { hasText: 'Afventer underskrift' }));
  });

  async function signFromInbox(
    name: string,
    org: 'municipality' | 'placement' | 'consultancy',
    agreementId: string,
    what: RegExp,
    shot?: string,
  ) {
    const { page, open } = await as(name, org);
    await open('/inbox');
    const item = page.locator('article', { hasText: agreementId });
    await untilVisible(page, item.getByRole('button', { name: what }));
    if (shot !== undefined) await audit(page, shot);
    await item.getByRole('button', { name: what }).click();
    await page.getByText('Din underskrift er registreret.').first().waitFor({ timeout: 60_000 });
  }

  it('both centre heads and Karin sign the placement; Jonas alone and Ole sign the visitation', async () => {
    await signFromInbox('mads', 'municipality', placementId, /Underskriv ny aftale/, 'centre-head-inbox');
    await signFromInbox('lene', 'municipality', placementId, /Underskriv ny aftale/);
    await signFromInbox('karin', 'placement', placementId, /Underskriv ny aftale/, 'provider-inbox');
    await signFromInbox('jonas', 'municipality', visitationId, /Underskriv ny aftale/, 'director-inbox');
    await signFromInbox('ole', 'consultancy', visitationId, /Underskriv ny aftale/);
    const { page, open } = await as('sara', 'municipality');
    await open(`/agreements/${placementId}`);
    await untilVisible(page, page.locator('h1 .badge', { hasText: 'Aktiv' }));
  });

  it('Sara adds extra school support (6 hours a week at 444 kr.); Jonas and Karin sign the amendment', async () => {
    const { page, open } = await as('sara', 'municipality');
    const from = firstDayFromNow(-2);
    await open(`/agreements/${placementId}/amend`);
    await page.getByLabel('Gælder fra').fill(from);
    await page.getByLabel('Pris pr. time (kr.)', { exact: true }).fill('444');
    await page.getByLabel('Aftalt antal', { exact: true }).fill('6');
    await page.getByLabel('Fra', { exact: true }).fill(from);
    await page.getByLabel('Revurderes senest').fill(lastDayFromNow(0));
    await audit(page, 'caseworker-amendment');
    await page.getByRole('button', { name: 'Send ændringen til underskrift' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(placementId) }).waitFor({ timeout: 60_000 });
    await signFromInbox('jonas', 'municipality', placementId, /Underskriv ændring – version 2/);
    await signFromInbox('karin', 'placement', placementId, /Underskriv ændring – version 2/);
  });

  it('Karin submits the first status report: only its SHA-256 leaves her browser', async () => {
    const { page, open } = await as('karin', 'placement');
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'GET') sent.push(request.postData() ?? '');
    });
    await open(`/agreements/${placementId}/report`);
    await page.getByLabel('Periode').selectOption('1');
    const document = 'Statusrapport: Preben trives på Østervold og går i skole hver dag.';
    await page
      .getByLabel('Dokument')
      .setInputFiles({ name: 'statusrapport.txt', mimeType: 'text/plain', buffer: Buffer.from(document) });
    await page.getByTestId('document-hash').waitFor();
    await audit(page, 'provider-status-report');
    await page.getByRole('button', { name: 'Indsend fingeraftryk' }).click();
    await page.getByText('Rapportens fingeraftryk er registreret.').waitFor({ timeout: 60_000 });
    expect(sent.join('\n')).not.to.contain('Preben');
    expect(sent.some((body) => /"documentHash":"[0-9a-f]{64}"/.test(body))).to.equal(true);
  });

  it('Sara accepts the report', async () => {
    const { page, open } = await as('sara', 'municipality');
    await open(`/agreements/${placementId}`);
    await untilVisible(page, page.getByRole('button', { name: 'Godkend rapport 1' }));
    await page.getByRole('button', { name: 'Godkend rapport 1' }).click();
    await untilVisible(page, page.locator('.badge', { hasText: 'Godkendt' }));
  });

  it('Karin invoices the first month and sees each line’s validation', async () => {
    const { page, open } = await as('karin', 'placement');
    await open(`/agreements/${placementId}/invoice`);
    await page.getByLabel('Fakturanummer').fill(invoiceId);
    await page.getByLabel('Måned').fill(month1);
    await page.getByLabel(/Fakturér Ekstra skolestøtte/).uncheck();
    await page.getByRole('button', { name: 'Indsend faktura' }).click();
    const result = page.getByRole('heading', { name: new RegExp(`Kontrol af fakturaen ${invoiceId}`) });
    await result.waitFor({ timeout: 60_000 });
    expect(await result.textContent()).to.contain('Godkendt');
    await audit(page, 'provider-invoice');
    await open('/');
    await page.getByRole('heading', { level: 1, name: 'Vores aftaler' }).waitFor();
    await audit(page, 'provider-agreements');
  });

  it('Mads attests the invoice; Sara records its payment', async () => {
    const mads = await as('mads', 'municipality');
    await mads.open('/finance');
    const attest = mads.page.getByRole('button', { name: `Attestér faktura ${invoiceId}` });
    await untilVisible(mads.page, mads.page.getByRole('heading', { level: 1, name: 'Økonomi' }));
    await untilVisible(
      mads.page,
      attest.or(mads.page.getByRole('button', { name: `Registrér betaling af ${invoiceId}` })),
    );
    if (await attest.isVisible()) {
      await attest.click();
      await mads.page.getByText('Fakturaen er attesteret.').waitFor({ timeout: 60_000 });
    }
    const { page, open } = await as('sara', 'municipality');
    await open('/finance');
    const pay = page.getByRole('button', { name: `Registrér betaling af ${invoiceId}` });
    await untilVisible(page, pay);
    await audit(page, 'finance');
    await pay.click();
    await page.getByText('Betalingen er registreret.').waitFor({ timeout: 60_000 });
  });

  it('Sara reads the child’s overview and the agreement’s page: terms per version, signatures, reports, the first month’s settlement', async () => {
    const { page, open } = await as('sara', 'municipality');
    await open(`/children/${child}`);
    await page.getByRole('heading', { name: 'Gælder i dag' }).waitFor();
    await audit(page, 'caseworker-child-overview');
    // Time to first paint of the overview, as a caseworker opening it meets it: a fresh load of the page.
    await page.reload();
    await page.getByRole('heading', { name: 'Gælder i dag' }).waitFor();
    const timings = await page.evaluate<string>(
      "JSON.stringify({ paint: performance.getEntriesByType('paint').map((e) => [e.name, Math.round(e.startTime)]), overviewShown: Math.round(performance.now()) })",
    );
    process.stdout.write(`      overview timings (ms from navigation): ${timings}\n`);
    await open(`/agreements/${placementId}`);
    await page.getByLabel('Vis afregning for måneden').fill(month1);
    await page
      .getByRole('cell', { name: /95\.000,00/ })
      .first()
      .waitFor({ timeout: 60_000 });
    await audit(page, 'caseworker-agreement');
  });

  it('the placement ends by agreement, and the visitation with it', async () => {
    const { page, open } = await as('sara', 'municipality');
    await open(`/agreements/${placementId}/terminate`);
    await page.getByLabel('Ophørsdato').fill(lastDayFromNow(1));
    await audit(page, 'caseworker-termination');
    await page.getByRole('button', { name: 'Foreslå ophør' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(placementId) }).waitFor({ timeout: 60_000 });
    await signFromInbox('mads', 'municipality', placementId, /Underskriv ophør/);
    await signFromInbox('lene', 'municipality', placementId, /Underskriv ophør/);
    await signFromInbox('karin', 'placement', placementId, /Underskriv ophør/);
    await open(`/agreements/${visitationId}`);
    await untilVisible(page, page.locator('h1 .badge', { hasText: 'Ophørt' }));
  });

  it('Birthe sees who read Preben’s data, when and why', async () => {
    const { page, open } = await as('birthe', 'municipality');
    await open(`/guardian/${child}`);
    await untilVisible(page, page.getByRole('cell', { name: 'Sagsbehandler' }));
    expect(await page.locator('tbody tr').count()).to.be.greaterThan(0);
    await audit(page, 'guardian-access-log');
  });
});
