import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { TX } from '@fabric-agreements/api';
import { RECEIPT_REFUSAL_CODES, schemaProblems } from '@fabric-agreements/oioubl';
import { FAKE_REGISTRY } from './support/fake-fabric';
import { startTestApp, type TestApp } from './support/test-app';
import { placementInvoice } from '../oioubl/fixtures';

const PATH = '/api/v1/placements/agreements/placement-1/received-documents';
const AGREEMENT = {
  id: 'placement-1',
  municipalityMspId: 'MunicipalityMSP',
  providerMspId: 'PlacementSiteMSP',
  versions: [
    {
      terms: {
        lines: [
          { id: 'stay', pricing: 'monthly' },
          { id: 'school', pricing: 'monthly' },
          { id: 'taxi', pricing: 'monthly' },
        ],
      },
    },
  ],
};
const IDENTIFIERS = [
  { mspId: 'MunicipalityMSP', cvr: '19501817', gln: '5798000000017' },
  { mspId: 'PlacementSiteMSP', cvr: '29876543', gln: '5790000123456' },
];
const ANSWER = {
  responseId: 'AR-0123456789abcdef0123',
  uuid: '01234567-89ab-4def-a123-456789abcdef',
  issueDate: '2026-03-02',
};
const SECRET = '0101901234';

/** The chaincode's `{document, invoice}` for a received invoice whose taxi line is rejected. */
function documentRecord(document: Record<string, unknown>, serviceLineIds: readonly string[]): unknown {
  return {
    document: { type: 'Invoice', issueDate: '2026-03-02', answer: ANSWER, ...document },
    invoice: {
      validation: {
        status: 'partially_accepted',
        lines: serviceLineIds.map((serviceLineId) =>
          serviceLineId === 'taxi'
            ? { serviceLineId, status: 'rejected', reason: 'NOT_ACTIVE_IN_MONTH' }
            : { serviceLineId, status: 'accepted' },
        ),
      },
    },
  };
}

describe('REST gateway: OIOUBL documents (fake ledger)', () => {
  let app: TestApp;
  let token: string;

  before(async () => {
    app = await startTestApp();
    token = await app.token('sara', 'caseworker');
  });

  after(async () => {
    await app.close();
  });

  beforeEach(() => {
    app.fabric.calls.length = 0;
    app.fabric.answers.clear();
    app.fabric.answers.set(TX.getRegistry, () => ({
      ...FAKE_REGISTRY,
      municipality: { ...FAKE_REGISTRY.municipality, name: 'Høje-Taastrup Kommune' },
      providers: FAKE_REGISTRY.providers.map((provider) => ({ ...provider, name: provider.mspId })),
    }));
    app.fabric.answers.set(TX.getAgreement, () => AGREEMENT);
    app.fabric.answers.set(TX.listTradingIdentifiers, () => IDENTIFIERS);
    app.fabric.answers.set(TX.submitInvoiceDocument, (request) => {
      const input = JSON.parse(request.arguments?.[1] ?? '{}') as {
        invoice: { invoiceId: string; lines: { serviceLineId: string }[] };
        lineIds: string[];
      };
      return documentRecord(
        { documentId: input.invoice.invoiceId, lineIds: input.lineIds },
        input.invoice.lines.map((line) => line.serviceLineId),
      );
    });
  });

  function post(body: string, contentType = 'application/xml'): Promise<Response> {
    return fetch(`${app.baseUrl}${PATH}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body,
    });
  }

  it('sends the chaincode the mapped invoice and the SHA-256, never the XML, and answers with the ApplicationResponse', async () => {
    const xml = placementInvoice();
    const answer = await post(xml);
    const text = await answer.text();
    expect(answer.status, text).to.equal(201);
    expect(answer.headers.get('content-type')).to.match(/^application\/xml/);
    expect(answer.headers.get('x-document-status')).to.equal('partially_accepted');
    expect(await schemaProblems(text, 'ApplicationResponse')).to.deep.equal([]);
    expect(text).to.include('<cbc:LineID>3</cbc:LineID>');
    expect(text).to.include('<cbc:ReferenceID>NOT_ACTIVE_IN_MONTH</cbc:ReferenceID>');
    const [submit] = app.fabric.submits;
    expect(submit?.request.transaction).to.equal(TX.submitInvoiceDocument);
    expect(submit?.request.endorsingOrganizations).to.deep.equal(['MunicipalityMSP', 'PlacementSiteMSP']);
    const sent = JSON.parse(submit?.request.arguments?.[1] ?? '{}') as Record<string, unknown>;
    expect(sent.documentSha256).to.equal(createHash('sha256').update(xml, 'utf8').digest('hex'));
    expect(sent.invoice).to.deep.equal({
      invoiceId: 'OV-2026-0217',
      month: '2026-02',
      lines: [
        { serviceLineId: 'stay', amount: 9_500_000 },
        { serviceLineId: 'school', amount: 2_400_000 },
        { serviceLineId: 'taxi', amount: 950_000 },
      ],
    });
    expect(JSON.stringify(submit?.request.arguments)).to.not.include('<');
  });

  it('refuses a malformed document with its code and a rejecting answer, echoing nothing and writing nothing', async () => {
    const answer = await post(`${placementInvoice({ extra: `<cbc:Note>${SECRET}</cbc:Note>` })}<x>`);
    const text = await answer.text();
    expect(answer.status).to.equal(400);
    const problem = JSON.parse(text) as { code: string; details: { applicationResponse: string } };
    expect(problem.code).to.equal('XML_MALFORMED');
    expect(await schemaProblems(problem.details.applicationResponse, 'ApplicationResponse')).to.deep.equal(
      [],
    );
    expect(problem.details.applicationResponse).to.include('TechnicalReject');
    expect(text).to.not.include(SECRET);
    expect(app.fabric.submits).to.deep.equal([]);
  });

  it('refuses a document of another buyer, and one naming another agreement', async () => {
    const buyer = await post(placementInvoice({ buyerGln: '5790000000005' }));
    expect(buyer.status).to.equal(422);
    expect(((await buyer.json()) as { code: string }).code).to.equal('WRONG_BUYER');
    const other = await post(placementInvoice({ orderReference: 'placement-2' }));
    expect(other.status).to.equal(422);
    expect(((await other.json()) as { code: string }).code).to.equal('INVALID_REFERENCE');
    expect(app.fabric.submits).to.deep.equal([]);
  });

  it('documents every refusal the OIOUBL package can give among the receive operation’s error codes', async () => {
    const document = (await (await fetch(`${app.baseUrl}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { description?: string }>>;
    };
    const description =
      document.paths[PATH.replace('placements', '{domain}').replace('placement-1', '{agreementId}')]?.post
        ?.description;
    const listed = /Typical error codes: ([^.]*)\./.exec(description ?? '')?.[1]?.split(', ') ?? [];
    expect(listed).to.include.members([...RECEIPT_REFUSAL_CODES, 'TRADING_IDENTIFIERS_MISSING']);
  });

  it('answers 415 for another content type and TRADING_IDENTIFIERS_MISSING without the registry’s numbers', async () => {
    expect((await post(placementInvoice(), 'application/json')).status).to.equal(415);
    app.fabric.answers.set(TX.listTradingIdentifiers, () => []);
    const missing = await post(placementInvoice());
    expect(missing.status).to.equal(422);
    expect(((await missing.json()) as { code: string }).code).to.equal('TRADING_IDENTIFIERS_MISSING');
  });

  it('writes the same answer again from the ledger, and the export as CSV', async () => {
    const first = await (await post(placementInvoice())).text();
    app.fabric.answers.set(TX.getReceivedDocument, () =>
      documentRecord(
        {
          documentId: 'OV-2026-0217',
          lineIds: ['1', '2', '3'],
          uuid: '9b0c6e52-2f0e-4d63-8f7e-3c1a5b2d7e90',
          profileId: 'urn:www.nesubl.eu:profiles:profile5:ver2.0',
        },
        ['stay', 'school', 'taxi'],
      ),
    );
    const again = await fetch(`${app.baseUrl}${PATH}/OV-2026-0217/application-response`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(again.status).to.equal(200);
    expect(await again.text()).to.equal(first);

    app.fabric.answers.set(TX.getPaymentExport, () => ({
      exportId: 'PE-1',
      providerMspId: 'PlacementSiteMSP',
      items: [
        {
          agreementId: 'placement-1',
          invoiceId: 'OV-2026-0217',
          month: '2026-02',
          amount: 11_900_000,
          dueDate: '2026-04-01',
        },
      ],
    }));
    const csv = await fetch(`${app.baseUrl}/api/v1/placements/payment-exports/PE-1/csv`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(csv.status).to.equal(200);
    expect(csv.headers.get('content-type')).to.match(/^text\/csv/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).to.include(
      '29876543;5790000123456;OV-2026-0217;placement-1;2026-02;119000,00;DKK;2026-04-01',
    );
  });
});
