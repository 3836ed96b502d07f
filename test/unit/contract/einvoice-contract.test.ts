import { expect } from 'chai';
import { EInvoiceContract } from 'agreements-chaincode/contract';
import type { InvoiceRecord } from 'agreements-chaincode/contract/records';
import type { ReceivedDocumentRecord } from 'agreements-chaincode/contract/einvoice-records';
import type { CreditNoteValidation } from 'agreements-chaincode/core/credit-note';
import type { PaymentExportItem, PaymentExportRecord } from 'agreements-chaincode/core/payment-export';
import {
  compositeKey,
  expectCode,
  KOMMUNE,
  OESTERVOLD,
  people,
  policyOrgs,
  SAMVAER,
  TestNetwork,
} from './support/harness';
import { activate, contracts, placementDraft, registerOrganisations } from './support/story';

const einvoices = new EInvoiceContract();
const { settlements } = contracts;
const SHA = 'b'.repeat(64);
const JANUARY = {
  invoiceId: 'OV-2026-01',
  month: '2026-01',
  lines: [
    { serviceLineId: 'stay', amount: 9_500_000 },
    { serviceLineId: 'school', amount: 2_400_000 },
    { serviceLineId: 'taxi', amount: 950_000 },
  ],
};
const DOCUMENT = {
  invoice: JANUARY,
  documentSha256: SHA,
  issueDate: '2026-02-01',
  uuid: '9b0a6c1e-2f4d-4c1a-9a55-0e1f2a3b4c5d',
  profileId: 'urn:www.nesubl.eu:profiles:profile5:ver2.0',
  lineIds: ['1', '2', '3'],
};
const FEB = '2026-02-05T09:00:00.000Z';

function creditNote(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    creditNoteId: 'OV-KN-1',
    creditedInvoiceId: 'OV-2026-01',
    lines: [{ serviceLineId: 'taxi', amount: 950_000 }],
    documentSha256: 'c'.repeat(64),
    issueDate: '2026-02-03',
    lineIds: ['1'],
    ...overrides,
  });
}

describe('EInvoiceContract', () => {
  let network: TestNetwork;

  beforeEach(async () => {
    network = new TestNetwork('2026-01-10T09:00:00.000Z');
    await registerOrganisations(network);
    await activate(network, placementDraft(), people.karin);
  });

  async function setIdentifiers(): Promise<void> {
    await network.submit(einvoices, 'SetTradingIdentifiers', people.kommuneAdmin, [
      JSON.stringify({ mspId: KOMMUNE, cvr: '19501817', gln: '5798000000017' }),
    ]);
    await network.submit(einvoices, 'SetTradingIdentifiers', people.kommuneAdmin, [
      JSON.stringify({ mspId: OESTERVOLD, cvr: '29876543', gln: '5790000123456' }),
    ]);
  }

  describe('trading identifiers', () => {
    it('the municipality’s administrator sets them; the same again writes nothing; any member reads them', async () => {
      expect(await network.evaluate(einvoices, 'ListTradingIdentifiers', people.karin)).to.deep.equal([]);
      await setIdentifiers();
      const repeat = await network.submit(einvoices, 'SetTradingIdentifiers', people.kommuneAdmin, [
        JSON.stringify({ mspId: OESTERVOLD, cvr: '29876543', gln: '5790000123456' }),
      ]);
      expect(repeat.writes.puts.size).to.equal(0);
      const listed = await network.evaluate<{ mspId: string; cvr: string }[]>(
        einvoices,
        'ListTradingIdentifiers',
        people.karin,
      );
      expect(listed.map((entry) => [entry.mspId, entry.cvr])).to.deep.equal(
        [
          [KOMMUNE, '19501817'],
          [OESTERVOLD, '29876543'],
        ].sort(),
      );
    });

    it('refuses a provider, a municipality without GLN, an unregistered MSP and malformed numbers', async () => {
      const set = (person: (typeof people)[keyof typeof people], value: unknown) =>
        network.failure(einvoices, 'SetTradingIdentifiers', person, [JSON.stringify(value)]);
      await expectCode(set(people.oestervoldAdmin, { mspId: OESTERVOLD, cvr: '29876543' }), 'FORBIDDEN');
      await expectCode(set(people.sara, { mspId: OESTERVOLD, cvr: '29876543' }), 'WRONG_ROLE');
      await expectCode(set(people.kommuneAdmin, { mspId: KOMMUNE, cvr: '19501817' }), 'VALIDATION_FAILED');
      await expectCode(
        set(people.kommuneAdmin, { mspId: 'NobodyMSP', cvr: '19501817' }),
        'VALIDATION_FAILED',
      );
      await expectCode(set(people.kommuneAdmin, { mspId: OESTERVOLD, cvr: '2987654' }), 'VALIDATION_FAILED');
      await expectCode(
        set(people.kommuneAdmin, { mspId: OESTERVOLD, cvr: '29876543', gln: '57900001234' }),
        'VALIDATION_FAILED',
      );
    });
  });

  describe('received documents', () => {
    it('an OIOUBL invoice is validated exactly as the JSON invoice and keeps only its hash', async () => {
      const json = new TestNetwork('2026-01-10T09:00:00.000Z');
      await registerOrganisations(json);
      await activate(json, placementDraft(), people.karin);
      const viaJson = await json.submit<InvoiceRecord>(
        settlements,
        'SubmitInvoice',
        people.karin,
        ['placement-1', JSON.stringify(JANUARY)],
        { at: FEB },
      );
      const viaXml = await network.submit<{ document: ReceivedDocumentRecord; invoice: InvoiceRecord }>(
        einvoices,
        'SubmitInvoiceDocument',
        people.karin,
        ['placement-1', JSON.stringify(DOCUMENT)],
        { at: FEB },
      );
      expect(viaXml.result.invoice).to.deep.equal(viaJson.result);
      const document = viaXml.result.document;
      expect(document).to.include({ documentId: 'OV-2026-01', type: 'Invoice', documentSha256: SHA });
      expect(document.lineIds).to.deep.equal(['1', '2', '3']);
      expect(document.answer.issueDate).to.equal('2026-02-05');
      const key = compositeKey('received-document', 'placement-1', 'OV-2026-01');
      expect(policyOrgs(viaXml.writes.validationParameters.get(key))).to.deep.equal(
        [KOMMUNE, OESTERVOLD].sort(),
      );

      const again = await network.submit<{ document: ReceivedDocumentRecord }>(
        einvoices,
        'SubmitInvoiceDocument',
        people.karin,
        ['placement-1', JSON.stringify(DOCUMENT)],
        { at: FEB },
      );
      expect(again.writes.puts.size).to.equal(0);
      expect(again.result.document).to.deep.equal(document);
      await expectCode(
        network.failure(einvoices, 'SubmitInvoiceDocument', people.karin, [
          'placement-1',
          JSON.stringify({ ...DOCUMENT, documentSha256: 'd'.repeat(64) }),
        ]),
        'CONFLICT',
      );
      const listed = await network.evaluate<ReceivedDocumentRecord[]>(
        einvoices,
        'ListReceivedDocuments',
        people.sara,
        ['placement-1'],
      );
      expect(listed).to.deep.equal([document]);
    });

    it('refuses the municipality as sender and a document whose line ids do not match its lines', async () => {
      await expectCode(
        network.failure(einvoices, 'SubmitInvoiceDocument', people.sara, [
          'placement-1',
          JSON.stringify(DOCUMENT),
        ]),
        'FORBIDDEN',
      );
      await expectCode(
        network.failure(einvoices, 'SubmitInvoiceDocument', people.karin, [
          'placement-1',
          JSON.stringify({ ...DOCUMENT, lineIds: ['1'] }),
        ]),
        'VALIDATION_FAILED',
      );
    });
  });

  describe('credit notes and payment exports', () => {
    beforeEach(async () => {
      await setIdentifiers();
      await network.submit(
        einvoices,
        'SubmitInvoiceDocument',
        people.karin,
        ['placement-1', JSON.stringify(DOCUMENT)],
        {
          at: FEB,
        },
      );
    });

    const payable = (month = '2026-01') =>
      network.evaluate<PaymentExportItem[]>(einvoices, 'ListPayable', people.sara, [OESTERVOLD, month], {
        at: '2026-02-10T09:00:00.000Z',
      });

    it('lists only attested invoices; an export marks them so that a second export finds nothing', async () => {
      expect(await payable()).to.deep.equal([]);
      await network.submit(settlements, 'AttestInvoice', people.mads, ['placement-1', 'OV-2026-01'], {
        at: FEB,
      });
      const items = await payable();
      expect(items).to.deep.equal([
        {
          agreementId: 'placement-1',
          invoiceId: 'OV-2026-01',
          month: '2026-01',
          amount: 12_850_000,
          dueDate: '2026-03-07',
        },
      ]);
      const exported = await network.submit<PaymentExportRecord>(
        einvoices,
        'ExportPayments',
        people.sara,
        [JSON.stringify({ exportId: 'PE-2026-01-1', providerMspId: OESTERVOLD, month: '2026-01' })],
        { at: '2026-02-10T09:00:00.000Z' },
      );
      expect(exported.result.items).to.deep.equal(items);
      expect(exported.result.total).to.equal(12_850_000);
      const mark = compositeKey('invoice-export', 'placement-1', 'OV-2026-01');
      expect(policyOrgs(exported.writes.validationParameters.get(mark))).to.deep.equal(
        [KOMMUNE, OESTERVOLD].sort(),
      );
      expect(await payable()).to.deep.equal([]);

      const repeat = await network.submit(einvoices, 'ExportPayments', people.sara, [
        JSON.stringify({ exportId: 'PE-2026-01-1', providerMspId: OESTERVOLD, month: '2026-01' }),
      ]);
      expect(repeat.writes.puts.size).to.equal(0);
      const second = await network.failure(einvoices, 'ExportPayments', people.sara, [
        JSON.stringify({ exportId: 'PE-2026-01-2', providerMspId: OESTERVOLD, month: '2026-01' }),
      ]);
      expect(second.code).to.equal('PRECONDITION_FAILED');
      expect(second.details.reason).to.equal('nothing_to_export');
      await expectCode(
        network.failure(einvoices, 'ExportPayments', people.sara, [
          JSON.stringify({ exportId: 'PE-2026-01-1', providerMspId: OESTERVOLD, month: '2026-02' }),
        ]),
        'CONFLICT',
      );

      // A credit note after the export is refused line by line: the payment is already instructed.
      const late = await network.submit<{ creditNote: CreditNoteValidation }>(
        einvoices,
        'SubmitCreditNoteDocument',
        people.karin,
        ['placement-1', creditNote()],
      );
      expect(late.result.creditNote.status).to.equal('rejected');
      expect(late.result.creditNote.lines[0]?.reason).to.equal('CREDITED_INVOICE_CLOSED');
    });

    it('an accepted credit note reduces what is exported; credits above the payable line or off the invoice are rejected', async () => {
      const accepted = await network.submit<{ creditNote: CreditNoteValidation }>(
        einvoices,
        'SubmitCreditNoteDocument',
        people.karin,
        ['placement-1', creditNote()],
      );
      expect(accepted.result.creditNote).to.deep.include({
        status: 'accepted',
        totals: { claimed: 950_000, credited: 950_000 },
      });
      const rejected = await network.submit<{ creditNote: CreditNoteValidation }>(
        einvoices,
        'SubmitCreditNoteDocument',
        people.karin,
        [
          'placement-1',
          creditNote({
            creditNoteId: 'OV-KN-2',
            lines: [
              { serviceLineId: 'taxi', amount: 1 },
              { serviceLineId: 'speech-therapy', amount: 100 },
              { serviceLineId: 'school', amount: 100 },
            ],
            lineIds: ['1', '2', '3'],
          }),
        ],
      );
      expect(rejected.result.creditNote.status).to.equal('partially_accepted');
      expect(rejected.result.creditNote.lines.map((line) => line.reason ?? 'ok')).to.deep.equal([
        'CREDIT_ABOVE_PAYABLE',
        'NOT_ON_CREDITED_INVOICE',
        'ok',
      ]);
      const unknown = await network.submit<{ creditNote: CreditNoteValidation }>(
        einvoices,
        'SubmitCreditNoteDocument',
        people.karin,
        [
          'placement-1',
          creditNote({
            creditNoteId: 'OV-KN-3',
            creditedInvoiceId: 'OV-1999-01',
            documentSha256: 'e'.repeat(64),
          }),
        ],
      );
      expect(unknown.result.creditNote.lines[0]?.reason).to.equal('CREDITED_INVOICE_UNKNOWN');

      await network.submit(settlements, 'AttestInvoice', people.mads, ['placement-1', 'OV-2026-01'], {
        at: FEB,
      });
      const [item] = await payable();
      expect(item?.amount).to.equal(12_850_000 - 950_000 - 100);
      // The payment recorded is the amount the export gives.
      const paid = await network.submit<InvoiceRecord>(
        settlements,
        'RecordPayment',
        people.sara,
        ['placement-1', 'OV-2026-01', JSON.stringify({ reference: 'PAY-1', paidOn: '2026-02-10' })],
        { at: '2026-02-10T09:00:00.000Z' },
      );
      expect(paid.result.payment?.amount).to.equal(item?.amount);
    });

    it('lists payables with zero, one and many results, across the provider’s agreements', async () => {
      expect(await payable()).to.deep.equal([]);
      await network.submit(settlements, 'AttestInvoice', people.mads, ['placement-1', 'OV-2026-01'], {
        at: FEB,
      });
      expect((await payable()).map((item) => item.invoiceId)).to.deep.equal(['OV-2026-01']);
      await activate(
        network,
        placementDraft({ id: 'placement-2', childPseudonym: 'child-second' }),
        people.karin,
      );
      const other = {
        ...DOCUMENT,
        invoice: { ...JANUARY, invoiceId: 'OV-2026-01-B' },
        documentSha256: '9'.repeat(64),
      };
      await network.submit(
        einvoices,
        'SubmitInvoiceDocument',
        people.karin,
        ['placement-2', JSON.stringify(other)],
        {
          at: FEB,
        },
      );
      await network.submit(settlements, 'AttestInvoice', people.mads, ['placement-2', 'OV-2026-01-B'], {
        at: FEB,
      });
      const many = await payable();
      expect(many.map((item) => [item.agreementId, item.invoiceId])).to.deep.equal([
        ['placement-1', 'OV-2026-01'],
        ['placement-2', 'OV-2026-01-B'],
      ]);
      expect(
        await network.evaluate(einvoices, 'ListPayable', people.ole, [SAMVAER, '2026-01']),
      ).to.deep.equal([]);
      await expectCode(
        network.failure(einvoices, 'ListPayable', people.ole, [OESTERVOLD, '2026-01']),
        'FORBIDDEN',
      );
    });

    it('a forged status entry does not file another pair’s invoices under a provider', async () => {
      await network.submit(settlements, 'AttestInvoice', people.mads, ['placement-1', 'OV-2026-01'], {
        at: FEB,
      });
      // Index entries carry no policy of their own (docs/chaincode.md, "Key layout"); this one files the placement
      // site's agreement under the consultancy.
      network.ledger.plant(
        'forged',
        Date.parse(FEB),
        new Map([[compositeKey('agreement~status', 'active', SAMVAER, 'placement-1'), Buffer.from([0])]]),
      );
      expect(await payable()).to.have.length(1);
      expect(
        await network.evaluate(einvoices, 'ListPayable', people.sara, [SAMVAER, '2026-01'], {
          at: '2026-02-10T09:00:00.000Z',
        }),
      ).to.deep.equal([]);
      await expectCode(
        network.failure(einvoices, 'ExportPayments', people.sara, [
          JSON.stringify({ exportId: 'PE-forged', providerMspId: SAMVAER, month: '2026-01' }),
        ]),
        'PRECONDITION_FAILED',
      );
    });

    it('lists exports with zero, one and many results; a provider sees only its own', async () => {
      const list = (person: (typeof people)[keyof typeof people], provider = '') =>
        network.evaluate<PaymentExportRecord[]>(einvoices, 'ListPaymentExports', person, [provider]);
      expect(await list(people.sara)).to.deep.equal([]);
      await network.submit(settlements, 'AttestInvoice', people.mads, ['placement-1', 'OV-2026-01'], {
        at: FEB,
      });
      await network.submit(einvoices, 'ExportPayments', people.sara, [
        JSON.stringify({ exportId: 'PE-1', providerMspId: OESTERVOLD, month: '2026-01' }),
      ]);
      expect((await list(people.sara)).map((record) => record.exportId)).to.deep.equal(['PE-1']);
      expect((await list(people.karin)).map((record) => record.exportId)).to.deep.equal(['PE-1']);
      expect(await list(people.ole)).to.deep.equal([]);
      await expectCode(
        network.failure(einvoices, 'ListPaymentExports', people.ole, [OESTERVOLD]),
        'FORBIDDEN',
      );
      await expectCode(network.failure(einvoices, 'GetPaymentExport', people.ole, ['PE-1']), 'FORBIDDEN');

      const february = {
        ...DOCUMENT,
        invoice: { ...JANUARY, invoiceId: 'OV-2026-02', month: '2026-02' },
        documentSha256: 'f'.repeat(64),
      };
      await network.submit(
        einvoices,
        'SubmitInvoiceDocument',
        people.karin,
        ['placement-1', JSON.stringify(february)],
        {
          at: '2026-03-02T09:00:00.000Z',
        },
      );
      await network.submit(settlements, 'AttestInvoice', people.mads, ['placement-1', 'OV-2026-02'], {
        at: '2026-03-02T09:00:00.000Z',
      });
      await network.submit(einvoices, 'ExportPayments', people.sara, [
        JSON.stringify({ exportId: 'PE-2', providerMspId: OESTERVOLD, month: '2026-02' }),
      ]);
      expect((await list(people.sara, OESTERVOLD)).map((record) => record.exportId)).to.deep.equal([
        'PE-1',
        'PE-2',
      ]);
      expect(await list(people.sara, SAMVAER)).to.deep.equal([]);
    });
  });
});
