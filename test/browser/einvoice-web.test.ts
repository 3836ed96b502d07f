/**
 * E-invoicing from the screens (issues 12 and 15), in Chromium on the real network: Karin, the placement site's
 * bookkeeper, sends the case story's invoice as an OIOUBL 2.1 file from her browser to her own gateway and reads the
 * ApplicationResponse line by line; a second invoice for the same month is answered line by line with the reason, and
 * a document for another buyer is refused with the product's sentence and code. Sara sees the agreement's received
 * documents and downloads an answer; Mads attests; Sara exports the month's payable invoices for the finance system
 * (after a confirmation) and downloads the CSV, whose row is checked; Jonas, whose screen still offered the same
 * invoices, is refused: nothing is exported twice. Every new screen gets an axe check and a screenshot.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { uniqueId } from '../support/network';
import { csvRows } from '../support/payment-csv';
import { placementInvoice } from '../unit/oioubl/fixtures';
import {
  activeAgreement,
  draftBody,
  firstDay,
  lastDay,
  monthFromNow,
  monthlyLine,
} from '../e2e/support/scenarios';
import {
  checkAccessibility,
  GATEWAY_URL,
  launchBrowser,
  screenshot,
  type AccessibilityReport,
} from './support/browser';
import { personPage, untilVisible, type PersonPage } from './support/web-story';

const audits: { screen: string; report: AccessibilityReport }[] = [];

async function audit(page: Page, name: string): Promise<void> {
  audits.push({ screen: name, report: await checkAccessibility(page) });
  await screenshot(page, name);
}

/** An XML file as the file chooser hands it to the page. */
function xmlFile(name: string, xml: string) {
  return { name, mimeType: 'application/xml', buffer: Buffer.from(xml, 'utf8') };
}

describe('browser: e-invoicing — OIOUBL in, answers out, payment files (issues 12 and 15)', function () {
  this.timeout(15 * 60_000);
  let browser: Browser;
  const people: Record<string, PersonPage> = {};
  // Two months ago: the first status report is not yet due, so nothing is held and every approved krone is payable.
  const month = monthFromNow(-2);
  const period = { periodStart: firstDay(month), periodEnd: lastDay(month) };
  const invoiceId = uniqueId('OV-WEB').slice(0, 40);
  let agreementId = '';

  const as = async (name: string, org: 'municipality' | 'placement'): Promise<PersonPage> => {
    people[name] ??= await personPage(browser, org, name);
    return people[name];
  };

  before(async () => {
    const agreement = await activeAgreement(
      draftBody({
        kind: 'placement',
        childPseudonym: uniqueId('web-child-oioubl'),
        startDate: period.periodStart,
        lines: [
          monthlyLine('stay', 'stay', 95_000, period.periodStart),
          monthlyLine('school', 'school', 24_000, period.periodStart),
          monthlyLine('taxi', 'transport', 9_500, period.periodStart),
        ],
      }),
    );
    agreementId = agreement.id;
    browser = await launchBrowser();
  });

  after(async () => {
    for (const { screen, report } of audits) {
      process.stdout.write(
        `      axe ${screen}: ${report.violations.toString()} violations ${JSON.stringify(report.byImpact)} ${report.rules.join(', ')}\n`,
      );
    }
    await browser.close();
  });

  it('Karin sends the invoice as OIOUBL from her browser, to her own gateway only, and reads the answer line by line', async () => {
    const { page, open } = await as('karin', 'placement');
    const sentTo: string[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'GET') sentTo.push(new URL(request.url()).origin);
    });
    await open(`/agreements/${agreementId}/einvoice`);
    await page.getByRole('heading', { level: 1, name: 'Send e-faktura (OIOUBL)' }).waitFor();
    await audit(page, 'provider-einvoice-send');
    const xml = placementInvoice({ id: invoiceId, orderReference: agreementId, ...period });
    await page.getByLabel('OIOUBL-fil (XML)').setInputFiles(xmlFile(`${invoiceId}.xml`, xml));
    await page.getByRole('button', { name: 'Send dokumentet' }).click();
    const answer = page.getByRole('heading', { name: `Svar på dokument ${invoiceId}: Godkendt` });
    await answer.waitFor({ timeout: 60_000 });
    const rows = page.locator('[data-verdict="ACCEPTED"] tbody tr');
    expect(await rows.count()).to.equal(3);
    expect(await page.locator('[data-line-status="accepted"]').count()).to.equal(3);
    expect(await rows.first().textContent()).to.contain('95.000,00');
    await audit(page, 'provider-einvoice-accepted');
    expect(sentTo).to.deep.equal([GATEWAY_URL.placement]);
  });

  it('a second invoice for the month is answered line by line with the reason; one for another buyer is refused with its sentence and code', async () => {
    const { page } = await as('karin', 'placement');
    const again = `${invoiceId}-R`;
    await page
      .getByLabel('OIOUBL-fil (XML)')
      .setInputFiles(
        xmlFile(`${again}.xml`, placementInvoice({ id: again, orderReference: agreementId, ...period })),
      );
    await page.getByRole('button', { name: 'Send dokumentet' }).click();
    await page
      .getByRole('heading', { name: `Svar på dokument ${again}: Afvist` })
      .waitFor({ timeout: 60_000 });
    const rejected = page.locator('[data-line-status="rejected"]');
    expect(await rejected.count()).to.equal(3);
    expect(await rejected.first().textContent()).to.contain('Ydelsen er allerede faktureret for måneden.');
    await audit(page, 'provider-einvoice-lines-rejected');

    const foreign = `${invoiceId}-K`;
    await page.getByLabel('OIOUBL-fil (XML)').setInputFiles(
      xmlFile(
        `${foreign}.xml`,
        placementInvoice({
          id: foreign,
          orderReference: agreementId,
          buyerGln: '5790000000005',
          ...period,
        }),
      ),
    );
    await page.getByRole('button', { name: 'Send dokumentet' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 60_000 });
    const text = await alert.textContent();
    expect(text).to.contain('Dokumentets køber er ikke denne kommune.');
    expect(text).to.contain('Fejlkode: WRONG_BUYER');
    await page
      .getByRole('heading', { name: `Svar på dokument ${foreign}: Afvist – dokumentet er ikke modtaget` })
      .waitFor();
    await audit(page, 'provider-einvoice-refused');
    // The rejecting answer is not on the ledger: the browser hands it over from memory, for the finance system.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Hent svaret (ApplicationResponse, XML)' }).click(),
    ]);
    const answer = readFileSync(await download.path(), 'utf8');
    expect(answer).to.contain('<cbc:ReferenceID>WRONG_BUYER</cbc:ReferenceID>');
    expect(download.suggestedFilename()).to.equal(`ApplicationResponse-${foreign}.xml`);
  });

  it('Sara sees the agreement’s received documents with each verdict and reason, and downloads an answer', async () => {
    const { page, open } = await as('sara', 'municipality');
    await open(`/agreements/${agreementId}/documents`);
    await page.getByRole('heading', { level: 1, name: 'Modtagne e-fakturaer' }).waitFor();
    const accepted = page.locator(`tr[data-document="${invoiceId}"]`);
    const rejected = page.locator(`tr[data-document="${invoiceId}-R"]`);
    await untilVisible(page, rejected);
    expect(await accepted.textContent()).to.contain('Godkendt');
    expect(await rejected.textContent()).to.contain('Afvist');
    expect(await rejected.locator('li[data-reason="ALREADY_INVOICED"]').count()).to.equal(3);
    expect(await rejected.textContent()).to.contain('Ophold: Ydelsen er allerede faktureret for måneden.');
    expect(
      await page.locator(`tr[data-document="${invoiceId}-K"]`).count(),
      'a refused document is not kept',
    ).to.equal(0);
    await audit(page, 'finance-received-documents');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      accepted.getByRole('link', { name: /Svar/ }).click(),
    ]);
    const xml = readFileSync(await download.path(), 'utf8');
    expect(xml).to.contain('<ApplicationResponse');
    expect(xml).to.contain('>BusinessAccept</cbc:ResponseCode>');
    expect(xml).to.contain(`<cbc:ID>${invoiceId}</cbc:ID>`);
  });

  it('Mads attests the invoice', async () => {
    const { page, open } = await as('mads', 'municipality');
    await open('/finance');
    const attest = page.getByRole('button', { name: `Attestér faktura ${invoiceId}` });
    await untilVisible(page, attest);
    await attest.click();
    await page.getByText('Fakturaen er attesteret.').waitFor({ timeout: 60_000 });
  });

  it('Sara exports the month’s payable invoices after confirming, downloads the CSV; Jonas’s second export is refused', async () => {
    const jonas = await as('jonas', 'municipality');
    const sara = await as('sara', 'municipality');
    const choose = async ({ page, open }: PersonPage): Promise<void> => {
      await open('/payments');
      await page.getByRole('heading', { level: 1, name: 'Betalingsfiler til økonomisystemet' }).waitFor();
      await page.locator('#payment-provider option[value="PlacementSiteMSP"]').waitFor({ state: 'attached' });
      await page.getByLabel('Leverandør').selectOption('PlacementSiteMSP');
      await page.getByLabel('Måned').fill(month);
      await untilVisible(page, page.getByRole('rowheader', { name: invoiceId }));
    };
    await choose(jonas);
    // Jonas asks for the file and is left at the confirmation while Sara makes it.
    await jonas.page.getByRole('button', { name: 'Opret betalingsfil' }).click();
    await jonas.page.getByRole('heading', { name: /Bekræft betalingsfilen/ }).waitFor();

    await choose(sara);
    const row = sara.page.getByRole('row', { name: new RegExp(invoiceId) });
    expect(await row.textContent()).to.contain('128.500,00');
    await audit(sara.page, 'finance-payables');
    await sara.page.getByRole('button', { name: 'Opret betalingsfil' }).click();
    const confirm = sara.page.getByRole('region', { name: /Bekræft betalingsfilen/ });
    await confirm.waitFor();
    expect(await confirm.textContent()).to.contain('markeres som eksporteret');
    await audit(sara.page, 'finance-payment-export-confirm');
    await confirm.getByRole('button', { name: 'Ja, opret betalingsfilen' }).click();
    await sara.page
      .getByText(/er oprettet, og fakturaerne i den er markeret som eksporteret/)
      .waitFor({ timeout: 60_000 });
    await sara.page.getByTestId('nothing-payable').waitFor({ timeout: 60_000 });
    await audit(sara.page, 'finance-payment-export-created');
    const [download] = await Promise.all([
      sara.page.waitForEvent('download'),
      sara.page.getByTestId('created-export-csv').click(),
    ]);
    const csv = readFileSync(await download.path());
    expect(csv.subarray(0, 3).toString('hex'), 'UTF-8 with a byte-order mark').to.equal('efbbbf');
    const ours = csvRows(csv.toString('utf8')).find((candidate) => candidate.Fakturanummer === invoiceId);
    expect(ours).to.deep.include({
      'Kreditor CVR': '29876543',
      'Kreditor EAN': '5790000123456',
      Aftale: agreementId,
      Periode: month,
      Beløb: '128500,00',
      Valuta: 'DKK',
      'Posterings-ID': `${agreementId}/${invoiceId}`,
    });

    await jonas.page.getByRole('button', { name: 'Ja, opret betalingsfilen' }).click();
    const refusal = jonas.page.getByRole('alert');
    await refusal.waitFor({ timeout: 60_000 });
    const text = await refusal.textContent();
    expect(text).to.contain('Der er intet at sende til betaling for leverandøren i måneden');
    expect(text).to.contain('Fejlkode: PRECONDITION_FAILED');
    await audit(jonas.page, 'finance-payment-export-refused');
  });
});
