import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { receiveDocument, type ReceivedCreditNote, type ReceivedInvoice } from '@fabric-agreements/oioubl';
import {
  ADD_ON_LINE,
  addOnInvoice,
  BUYER,
  bytes,
  PLACEMENT_LINES,
  placementInvoice,
  SELLER,
  taxiCreditNote,
} from './fixtures';

describe('oioubl: receiving an OIOUBL 2.1 invoice', () => {
  it("maps the case story's placement invoice to the product's invoice input", async () => {
    const xml = bytes(placementInvoice());
    const received = (await receiveDocument(xml, { buyer: BUYER, seller: SELLER })) as ReceivedInvoice;

    expect(received.kind).to.equal('invoice');
    expect(received.documentSha256).to.equal(createHash('sha256').update(xml).digest('hex'));
    expect(received.agreementId).to.equal('placement-1');
    expect(received.month).to.equal('2026-02');
    expect(received.invoice).to.deep.equal({
      invoiceId: 'OV-2026-0217',
      month: '2026-02',
      lines: [
        { serviceLineId: 'stay', amount: 9_500_000 },
        { serviceLineId: 'school', amount: 2_400_000 },
        { serviceLineId: 'taxi', amount: 950_000 },
      ],
    });
    expect(received.lines.map((line) => [line.documentLineId, line.amount, line.pricing])).to.deep.equal([
      ['1', '95000.00', 'monthly'],
      ['2', '24000.00', 'monthly'],
      ['3', '9500.00', 'monthly'],
    ]);
    expect(received.payable).to.equal('128500.00');
    expect(received.payableOre).to.equal(12_850_000);
  });

  it('maps a per-unit line to quantity, unit price and amount, exactly', async () => {
    const received = (await receiveDocument(bytes(addOnInvoice()), {
      buyer: BUYER,
      seller: SELLER,
    })) as ReceivedInvoice;
    expect(received.agreementId).to.equal('addon-1');
    expect(received.invoice.lines).to.deep.equal([
      { serviceLineId: 'support', quantity: 24, unitPrice: 44_400, amount: 1_065_600 },
    ]);
    expect(received.lines[0]).to.include({ quantity: '24.00', unitPrice: '444.00', amount: '10656.00' });
  });

  it('keeps two-decimal quantities exact (17.15 h × 444 kr = 7 614.60 kr)', async () => {
    const lines = [{ ...ADD_ON_LINE, quantity: '17.15', amount: '7614.60' }];
    const received = (await receiveDocument(bytes(addOnInvoice({ lines })), {
      buyer: BUYER,
      seller: SELLER,
    })) as ReceivedInvoice;
    expect(received.invoice.lines[0]).to.deep.equal({
      serviceLineId: 'support',
      quantity: 17.15,
      unitPrice: 44_400,
      amount: 761_460,
    });
  });

  it("maps lines through the caller's item mapping and pricing", async () => {
    const lines = PLACEMENT_LINES.map((line, index) => ({ ...line, item: `VARE-${index + 1}` }));
    const received = (await receiveDocument(bytes(placementInvoice({ lines })), {
      buyer: BUYER,
      seller: SELLER,
      itemMapping: { 'VARE-1': 'stay', 'VARE-2': 'school', 'VARE-3': 'taxi' },
      pricing: { taxi: 'per_unit' },
    })) as ReceivedInvoice;
    expect(received.invoice.lines.map((line) => line.serviceLineId)).to.deep.equal([
      'stay',
      'school',
      'taxi',
    ]);
    expect(received.invoice.lines[2]).to.deep.equal({
      serviceLineId: 'taxi',
      quantity: 1,
      unitPrice: 950_000,
      amount: 950_000,
    });
  });

  it('takes the month from a partial period (a placement starting mid-month) or from the lines', async () => {
    const partial = (await receiveDocument(bytes(placementInvoice({ periodStart: '2026-02-10' })), {
      buyer: BUYER,
      seller: SELLER,
    })) as ReceivedInvoice;
    expect(partial.month).to.equal('2026-02');
    const period =
      '<cac:InvoicePeriod><cbc:StartDate>2026-02-01</cbc:StartDate><cbc:EndDate>2026-02-28</cbc:EndDate></cac:InvoicePeriod>';
    const linePeriods = placementInvoice()
      .replace(/<cac:InvoicePeriod>[\s\S]*?<\/cac:InvoicePeriod>/, '')
      .replace(
        /(<cbc:LineExtensionAmount currencyID="DKK">[\d.]+<\/cbc:LineExtensionAmount>)(\s*<cac:TaxTotal>\s*<cbc:TaxAmount currencyID="DKK">0\.00<\/cbc:TaxAmount>\s*<cac:TaxSubtotal>\s*<cbc:TaxableAmount currencyID="DKK">[\d.]+<\/cbc:TaxableAmount>)/g,
        `$1${period}$2`,
      );
    expect(linePeriods).not.to.contain('<cac:InvoicePeriod>\n');
    const fromLines = (await receiveDocument(bytes(linePeriods), {
      buyer: BUYER,
      seller: SELLER,
    })) as ReceivedInvoice;
    expect(fromLines.month).to.equal('2026-02');
  });

  it('accepts the seller by CVR alone when the registry has no EAN for it', async () => {
    const received = await receiveDocument(bytes(placementInvoice()), {
      buyer: BUYER,
      seller: { cvr: SELLER.cvr },
    });
    expect(received.kind).to.equal('invoice');
  });

  it('accepts an OIOUBL 2.02 invoice (UBL 2.0) as well', async () => {
    const received = await receiveDocument(
      bytes(placementInvoice({ customizationId: 'OIOUBL-2.02', ublVersionId: '2.0' })),
      { buyer: BUYER, seller: SELLER },
    );
    expect(received.kind).to.equal('invoice');
  });

  it('skips UBL extensions, and refuses root components of another namespace', async () => {
    const ext = 'urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2';
    const withExtension = placementInvoice({
      extra: `<ext:UBLExtensions xmlns:ext="${ext}"><ext:UBLExtension><ext:ExtensionContent><x:Any xmlns:x="urn:x"/></ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions>`,
    });
    expect((await receiveDocument(bytes(withExtension), { buyer: BUYER, seller: SELLER })).kind).to.equal(
      'invoice',
    );
    const foreign = placementInvoice({ extra: '<x:Note xmlns:x="urn:x">1</x:Note>' });
    await receiveDocument(bytes(foreign), { buyer: BUYER, seller: SELLER }).then(
      () => expect.fail('accepted'),
      (error: unknown) => expect(error).to.have.property('code', 'XML_SCHEMA_INVALID'),
    );
  });

  it('receives a credit note: the invoice it credits and the amounts', async () => {
    const received = (await receiveDocument(bytes(taxiCreditNote()), {
      buyer: BUYER,
      seller: SELLER,
    })) as ReceivedCreditNote;
    expect(received).to.include({
      kind: 'credit_note',
      documentId: 'OV-2026-0231',
      creditedInvoiceId: 'OV-2026-0217',
      agreementId: 'placement-1',
      month: '2026-02',
      total: '9500.00',
      totalOre: 950_000,
    });
    expect(received.lines.map((line) => line.productLine)).to.deep.equal([
      { serviceLineId: 'taxi', amount: 950_000 },
    ]);
  });
});
