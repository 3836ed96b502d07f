/**
 * Issue 15 on the real network, through the REST gateway: OIOUBL 2.1 invoices and credit notes of our own (the case
 * story's placement, written like the public OIOUBL samples: test/unit/oioubl/fixtures.ts) sent by the placement site,
 * checked against the organisation registry's CVR/EAN and the agreement, answered with ApplicationResponses that
 * validate against the response schema; faulty documents refused with a stable code, nothing echoed and nothing
 * written; a payment export per provider and month, compared with the settlements, marked so nothing is exported
 * twice.
 */
import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { schemaProblems } from '@fabric-agreements/oioubl';
import { uniqueId } from '../support/network';
import { csvRows } from '../support/payment-csv';
import { MUNICIPALITY_GLN, PLACEMENT_LINES, placementInvoice, taxiCreditNote } from '../unit/oioubl/fixtures';
import { callAs, domainPath, expectProblem, type ApiResponse, type PersonName } from './support/gateways';
import {
  activeAgreement,
  type Agreement,
  draftBody,
  firstDay,
  lastDay,
  monthFromNow,
  monthlyLine,
  read,
  remembered,
  write,
} from './support/scenarios';

interface ReceivedView {
  readonly document: { documentId: string; type: string; documentSha256: string; lineIds: string[] };
  readonly invoice?: { state: string; validation: { status: string; totals: { payable: number } } } | null;
  readonly creditNote?: { status: string; totals: { credited: number }; lines: { reason?: string }[] } | null;
}
interface PayableItem {
  readonly agreementId: string;
  readonly invoiceId: string;
  readonly month: string;
  readonly amount: number;
  readonly dueDate: string;
}
interface PaymentExport {
  readonly exportId: string;
  readonly providerMspId: string;
  readonly items: readonly PayableItem[];
  readonly total: number;
}

const PROVIDER = 'PlacementSiteMSP';
// Two months ago: report 1 is not yet due, so nothing is held and every approved krone is payable.
const month = monthFromNow(-2);
const start = firstDay(month);
const period = { periodStart: start, periodEnd: lastDay(month) };
const LINES = { stay: 95_000, school: 24_000, taxi: 9_500 };
const KINDS: Readonly<Record<string, string>> = { stay: 'stay', school: 'school', taxi: 'transport' };

async function placement(lines: Readonly<Record<string, number>>): Promise<Agreement> {
  return activeAgreement(
    draftBody({
      kind: 'placement',
      childPseudonym: uniqueId('e2e-child-oioubl'),
      startDate: start,
      lines: Object.entries(lines).map(([id, kroner]) => monthlyLine(id, KINDS[id] ?? 'stay', kroner, start)),
    }),
  );
}

/** A document sent by `user`; its write's consistency token is remembered, so reads through any gateway see it. */
async function send(
  user: PersonName,
  agreementId: string,
  xml: string,
  contentType = 'application/xml',
): Promise<ApiResponse> {
  return remembered(
    await callAs(user, 'POST', domainPath(`/agreements/${agreementId}/received-documents`), {
      raw: xml,
      headers: { 'content-type': contentType },
    }),
  );
}

/** A document id: a product id, unique per run. */
const documentId = (prefix: string): string => uniqueId(prefix).slice(0, 60);

async function expectAnswer(
  response: ApiResponse,
  code: 'BusinessAccept' | 'BusinessReject',
): Promise<string> {
  expect(response.status, response.text).to.equal(201);
  expect(response.headers.get('content-type')).to.match(/^application\/xml/);
  expect(await schemaProblems(response.text, 'ApplicationResponse')).to.deep.equal([]);
  expect(response.text).to.include(`>${code}</cbc:ResponseCode>`);
  return response.text;
}

async function expectRefusal(
  response: ApiResponse,
  status: number,
  code: string,
  secret?: string,
): Promise<void> {
  const problem = expectProblem(response, status, code);
  const answer = problem.details.applicationResponse;
  expect(answer, 'a rejecting ApplicationResponse').to.be.a('string');
  expect(await schemaProblems(String(answer), 'ApplicationResponse')).to.deep.equal([]);
  expect(String(answer)).to.include(`<cbc:ReferenceID>${code}</cbc:ReferenceID>`);
  if (secret !== undefined) {
    expect(response.text, 'nothing of the document echoed').to.not.include(secret);
  }
}

describe('REST: OIOUBL e-invoicing (issue 15)', function () {
  this.timeout(600_000);
  let agreement: Agreement;
  let second: Agreement;
  const invoiceId = documentId('OV-INV');
  const secondInvoiceId = documentId('OV-INV2');
  const creditNoteId = documentId('OV-KN');
  let invoiceXml: string;
  let firstAnswer: string;

  before(async function () {
    agreement = await placement(LINES);
    second = await placement({ stay: 95_000 });
    invoiceXml = placementInvoice({ id: invoiceId, orderReference: agreement.id, ...period });
  });

  it('the registry holds the municipality’s EAN and the placement site’s CVR/EAN', async function () {
    const identifiers = await read<{ mspId: string; cvr: string; gln?: string }[]>(
      'sara',
      '/trading-identifiers',
    );
    expect(identifiers.find((entry) => entry.mspId === 'MunicipalityMSP')?.gln).to.equal(MUNICIPALITY_GLN);
    expect(identifiers.find((entry) => entry.mspId === PROVIDER)?.cvr).to.equal('29876543');
  });

  it('lists received documents with zero, one and many results', async function () {
    expect(await read<unknown[]>('sara', `/agreements/${agreement.id}/received-documents`)).to.deep.equal([]);
    firstAnswer = await expectAnswer(await send('karin', agreement.id, invoiceXml), 'BusinessAccept');
    const one = await read<ReceivedView['document'][]>(
      'karin',
      `/agreements/${agreement.id}/received-documents`,
    );
    expect(one.map((document) => document.documentId)).to.deep.equal([invoiceId]);
    // The same invoice again (rejected: every line is invoiced already) makes many.
    const again = placementInvoice({ id: `${invoiceId}-R`, orderReference: agreement.id, ...period });
    const answer = await expectAnswer(await send('karin', agreement.id, again), 'BusinessReject');
    expect(answer.match(/<cac:LineResponse>/g)?.length).to.equal(3);
    expect(answer).to.include('<cbc:ReferenceID>ALREADY_INVOICED</cbc:ReferenceID>');
    expect(answer).to.include('allerede faktureret');
    const many = await read<ReceivedView['document'][]>(
      'sara',
      `/agreements/${agreement.id}/received-documents`,
    );
    expect(many.map((document) => document.documentId).sort()).to.deep.equal(
      [invoiceId, `${invoiceId}-R`].sort(),
    );
  });

  it('keeps the document’s SHA-256 and the JSON invoice’s verdict; the same document again gets the same answer', async function () {
    const view = await read<ReceivedView>(
      'sara',
      `/agreements/${agreement.id}/received-documents/${invoiceId}`,
    );
    expect(view.document.documentSha256).to.equal(
      createHash('sha256').update(invoiceXml, 'utf8').digest('hex'),
    );
    expect(view.invoice?.validation.status).to.equal('accepted');
    expect(view.invoice?.validation.totals.payable).to.equal(128_500_00);
    const json = await read<{ validation: unknown }>(
      'karin',
      `/agreements/${agreement.id}/invoices/${invoiceId}`,
    );
    expect(json.validation).to.deep.equal(view.invoice?.validation);
    expect(await expectAnswer(await send('karin', agreement.id, invoiceXml), 'BusinessAccept')).to.equal(
      firstAnswer,
    );
    const stored = await callAs(
      'sara',
      'GET',
      domainPath(`/agreements/${agreement.id}/received-documents/${invoiceId}/application-response`),
    );
    expect(stored.status).to.equal(200);
    expect(stored.text).to.equal(firstAnswer);
  });

  it('refuses faulty documents with a stable code, a rejecting answer, nothing echoed and nothing written', async function () {
    const secret = '0101901234';
    const faulty = (overrides: Parameters<typeof placementInvoice>[0]): string =>
      placementInvoice({
        id: documentId('OV-BAD'),
        orderReference: agreement.id,
        ...period,
        note: secret,
        ...overrides,
      });
    await expectRefusal(
      await send('karin', agreement.id, `${faulty({})}<unclosed>`),
      400,
      'XML_MALFORMED',
      secret,
    );
    await expectRefusal(
      await send(
        'karin',
        agreement.id,
        faulty({
          prolog: '<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
          note: '&xxe;',
        }),
      ),
      400,
      'XML_FORBIDDEN_CONSTRUCT',
      '/etc/passwd',
    );
    await expectRefusal(
      await send(
        'karin',
        agreement.id,
        faulty({ prolog: '<!DOCTYPE Invoice [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>' }),
      ),
      400,
      'XML_FORBIDDEN_CONSTRUCT',
    );
    await expectRefusal(
      await send('karin', agreement.id, faulty({ namespace: 'urn:example:not-ubl' })),
      400,
      'WRONG_DOCUMENT_TYPE',
      secret,
    );
    await expectRefusal(
      await send('karin', agreement.id, faulty({ buyerGln: '5790000000005' })),
      422,
      'WRONG_BUYER',
      secret,
    );
    await expectRefusal(
      await send('karin', agreement.id, faulty({ sellerCvr: '12345678' })),
      422,
      'WRONG_SELLER',
      secret,
    );
    await expectRefusal(
      await send('karin', agreement.id, faulty({ currency: 'EUR' })),
      422,
      'CURRENCY_NOT_DKK',
      secret,
    );
    await expectRefusal(
      await send('karin', agreement.id, faulty({ lineTotal: '128400.00', payable: '128400.00' })),
      422,
      'AMOUNTS_DO_NOT_ADD_UP',
      secret,
    );
    await expectRefusal(
      await send('karin', agreement.id, faulty({ orderReference: second.id })),
      422,
      'INVALID_REFERENCE',
      secret,
    );
    expectProblem(
      await send('karin', agreement.id, faulty({}), 'application/json'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    // The consultancy is no party: its gateway cannot even read the agreement.
    const stranger = await send('ole', agreement.id, faulty({}));
    expect([403, 404]).to.include(stranger.status);
    const documents = await read<unknown[]>('sara', `/agreements/${agreement.id}/received-documents`);
    expect(documents).to.have.length(2);
  });

  it('a credit note against an open invoice reduces what is payable', async function () {
    const credit = taxiCreditNote({
      id: creditNoteId,
      billingReference: invoiceId,
      orderReference: agreement.id,
      ...period,
    });
    await expectAnswer(await send('karin', agreement.id, credit), 'BusinessAccept');
    const view = await read<ReceivedView>(
      'sara',
      `/agreements/${agreement.id}/received-documents/${creditNoteId}`,
    );
    expect(view.document.type).to.equal('CreditNote');
    expect(view.creditNote).to.deep.include({ status: 'accepted' });
    expect(view.creditNote?.totals.credited).to.equal(9_500_00);
  });

  it('exports what is payable per provider and month, as the settlements say, once', async function () {
    const payables = (user: PersonName, provider = PROVIDER, forMonth = month) =>
      read<PayableItem[]>(user, `/payables?providerMspId=${provider}&month=${forMonth}`);
    expect(await payables('sara', 'ConsultancyMSP', '2020-01'), 'zero').to.deep.equal([]);
    const mine = (items: readonly PayableItem[]) =>
      items.filter((item) => [agreement.id, second.id].includes(item.agreementId));
    expect(mine(await payables('sara')), 'not attested yet').to.deep.equal([]);

    await write('mads', 'POST', `/agreements/${agreement.id}/invoices/${invoiceId}/attestation`, 201);
    const one = mine(await payables('karin'));
    const settlement = await read<{ settlement: { totals: { payable: number } } }>(
      'sara',
      `/agreements/${agreement.id}/settlements/${month}`,
    );
    expect(one.map((item) => [item.invoiceId, item.amount])).to.deep.equal([
      [invoiceId, settlement.settlement.totals.payable - 9_500_00],
    ]);
    expect(one[0]?.amount).to.equal((95_000 + 24_000) * 100);

    const firstExport = documentId('PE-A');
    const exported = await write<PaymentExport>('sara', 'POST', '/payment-exports', 201, {
      exportId: firstExport,
      providerMspId: PROVIDER,
      month,
    });
    expect(mine(exported.data.items)).to.deep.equal(one);
    const csv = await callAs('sara', 'GET', domainPath(`/payment-exports/${firstExport}/csv`));
    expect(csv.status).to.equal(200);
    expect(csv.headers.get('content-type')).to.match(/^text\/csv/);
    const rows = csvRows(csv.text);
    expect(rows).to.have.length(exported.data.items.length);
    const row = rows.find((candidate) => candidate.Fakturanummer === invoiceId);
    expect(row).to.deep.include({
      'Kreditor CVR': '29876543',
      'Kreditor EAN': '5790000123456',
      Aftale: agreement.id,
      Periode: month,
      Beløb: '119000,00',
      Valuta: 'DKK',
      'Posterings-ID': `${agreement.id}/${invoiceId}`,
    });
    // The export is on the ledger for both parties; the exported invoice is no longer payable.
    expect((await read<PaymentExport>('karin', `/payment-exports/${firstExport}`)).total).to.equal(
      exported.data.total,
    );
    expect(mine(await payables('sara'))).to.deep.equal([]);
    expectProblem(
      await callAs('sara', 'POST', domainPath('/payment-exports'), {
        json: { exportId: documentId('PE-X'), providerMspId: PROVIDER, month },
      }),
      422,
      'PRECONDITION_FAILED',
    );
    // The same export again returns the record; a credit note now is rejected (the payment is instructed).
    const repeat = await write<PaymentExport>('sara', 'POST', '/payment-exports', 201, {
      exportId: firstExport,
      providerMspId: PROVIDER,
      month,
    });
    expect(repeat.data).to.deep.equal(exported.data);
    const late = taxiCreditNote({
      id: documentId('OV-KN-LATE'),
      billingReference: invoiceId,
      orderReference: agreement.id,
      lines: [PLACEMENT_LINES[0]!],
      ...period,
    });
    const lateAnswer = await expectAnswer(await send('karin', agreement.id, late), 'BusinessReject');
    expect(lateAnswer).to.include('<cbc:ReferenceID>CREDITED_INVOICE_CLOSED</cbc:ReferenceID>');

    // A second agreement's invoice makes a second export: the list has many.
    await expectAnswer(
      await send(
        'karin',
        second.id,
        placementInvoice({
          id: secondInvoiceId,
          orderReference: second.id,
          lines: [PLACEMENT_LINES[0]!],
          ...period,
        }),
      ),
      'BusinessAccept',
    );
    await write('mads', 'POST', `/agreements/${second.id}/invoices/${secondInvoiceId}/attestation`, 201);
    const secondExport = documentId('PE-B');
    const next = await write<PaymentExport>('sara', 'POST', '/payment-exports', 201, {
      exportId: secondExport,
      providerMspId: PROVIDER,
      month,
    });
    expect(mine(next.data.items).map((item) => [item.invoiceId, item.amount])).to.deep.equal([
      [secondInvoiceId, 95_000_00],
    ]);
    const listed = await read<PaymentExport[]>('karin', '/payment-exports');
    expect(listed.map((record) => record.exportId)).to.include.members([firstExport, secondExport]);
    expect(await read<PaymentExport[]>('ole', '/payment-exports'), 'zero for the consultancy').to.deep.equal(
      [],
    );
    expectProblem(
      await callAs('ole', 'GET', domainPath(`/payment-exports/${firstExport}`)),
      403,
      'FORBIDDEN',
    );
  });
});
