import { expect } from 'chai';
import {
  OioublRefusal,
  receiveDocument,
  schemaSetInUse,
  type ReceiptRefusalCode,
  type ReceiveOptions,
} from '@fabric-agreements/oioubl';
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

const OPTIONS: ReceiveOptions = { buyer: BUYER, seller: SELLER };
/** Planted in faulty documents: no refusal may repeat it. */
const MARKER = 'Marker7Q9x';

async function refusalOf(
  document: string | Uint8Array,
  options: ReceiveOptions = OPTIONS,
): Promise<OioublRefusal> {
  try {
    await receiveDocument(typeof document === 'string' ? bytes(document) : document, options);
  } catch (error) {
    expect(error).to.be.instanceOf(OioublRefusal);
    return error as OioublRefusal;
  }
  throw new Error('the document was accepted');
}

async function expectRefused(
  document: string | Uint8Array,
  code: ReceiptRefusalCode,
): Promise<OioublRefusal> {
  const refusal = await refusalOf(document);
  expect(refusal.code).to.equal(code);
  const everything = JSON.stringify({
    message: refusal.message,
    details: refusal.details,
    stack: refusal.stack,
  });
  expect(everything).not.to.contain(MARKER);
  expect(refusal.documentSha256).to.match(/^[0-9a-f]{64}$/);
  return refusal;
}

describe('oioubl: refusing faulty documents with stable codes and nothing of the input', () => {
  it('refuses malformed XML', async () => {
    await expectRefused(placementInvoice().replace('</cbc:Note>', `</cbc:Nte${MARKER}>`), 'XML_MALFORMED');
    await expectRefused(`<Invoice>${MARKER}`, 'XML_MALFORMED');
    await expectRefused(new Uint8Array([0x3c, 0xff, 0xfe, 0x3e]), 'XML_MALFORMED');
  });

  it('refuses a document that declares an encoding other than UTF-8', async () => {
    await expectRefused(
      placementInvoice().replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'),
      'XML_MALFORMED',
    );
  });

  it('refuses an external entity (XXE) before parsing', async () => {
    const xxe = placementInvoice({
      prolog: `\n<!DOCTYPE Invoice [<!ENTITY ${MARKER} SYSTEM "file:///etc/passwd">]>`,
    }).replace('Anbringelse, februar 2026', `&${MARKER};`);
    await expectRefused(xxe, 'XML_FORBIDDEN_CONSTRUCT');
  });

  it('refuses entity expansion ("billion laughs")', async () => {
    const entities = ['<!ENTITY l0 "ha">']
      .concat(Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`))
      .join('');
    const laughs = placementInvoice({ prolog: `\n<!DOCTYPE Invoice [${entities}]>` }).replace(
      'Anbringelse, februar 2026',
      '&l9;',
    );
    await expectRefused(laughs, 'XML_FORBIDDEN_CONSTRUCT');
  });

  it('refuses any DTD, even an empty one', async () => {
    await expectRefused(placementInvoice({ prolog: '\n<!DOCTYPE Invoice>' }), 'XML_FORBIDDEN_CONSTRUCT');
  });

  it('refuses a document larger than the limit', async () => {
    const refusal = await refusalOf(bytes(placementInvoice()), { ...OPTIONS, maxBytes: 1024 });
    expect(refusal.code).to.equal('DOCUMENT_TOO_LARGE');
  });

  it('refuses a wrong namespace or root element', async () => {
    await expectRefused(
      placementInvoice({ namespace: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-3' }),
      'WRONG_DOCUMENT_TYPE',
    );
    await expectRefused(
      placementInvoice({ namespace: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2' }),
      'WRONG_DOCUMENT_TYPE',
    );
    await expectRefused(
      `<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"/>`,
      'WRONG_DOCUMENT_TYPE',
    );
  });

  it('refuses a document that does not follow the schema', async () => {
    await expectRefused(placementInvoice({ periodEnd: `28-02-2026${MARKER}` }), 'XML_SCHEMA_INVALID');
    await expectRefused(
      placementInvoice({ extra: `<cbc:Unknown${MARKER}>1</cbc:Unknown${MARKER}>` }),
      'XML_SCHEMA_INVALID',
    );
    await expectRefused(
      placementInvoice().replace('<cbc:PayableAmount currencyID="DKK">', '<cbc:PayableAmount>'),
      'XML_SCHEMA_INVALID',
    );
    if (schemaSetInUse().name === 'ubl-2.1') {
      // Out of UBL 2.1's element order: the official schema refuses it, and says only how many problems it found.
      const noteFirst = placementInvoice({ extra: `<cbc:Note>${MARKER}</cbc:Note>` });
      expect((await expectRefused(noteFirst, 'XML_SCHEMA_INVALID')).details).to.deep.equal({ problems: 1 });
    }
    const twoTotals = placementInvoice().replace(
      '</cac:LegalMonetaryTotal>',
      '</cac:LegalMonetaryTotal><cac:LegalMonetaryTotal/>',
    );
    await expectRefused(twoTotals, 'XML_SCHEMA_INVALID');
  });

  it('refuses what UBL 2.1 allows but OIOUBL does not: a missing header component, a second invoice period', async () => {
    const noCurrency = placementInvoice().replace(
      /<cbc:DocumentCurrencyCode>[^<]*<\/cbc:DocumentCurrencyCode>/,
      '',
    );
    expect((await expectRefused(noCurrency, 'XML_SCHEMA_INVALID')).details).to.deep.equal({
      element: 'DocumentCurrencyCode',
    });
    const noCustomization = placementInvoice().replace(
      /<cbc:CustomizationID>[^<]*<\/cbc:CustomizationID>/,
      '',
    );
    expect((await expectRefused(noCustomization, 'XML_SCHEMA_INVALID')).details).to.deep.equal({
      element: 'CustomizationID',
    });
    const twoPeriods = placementInvoice().replace(
      '</cac:InvoicePeriod>',
      '</cac:InvoicePeriod><cac:InvoicePeriod><cbc:StartDate>2026-02-01</cbc:StartDate></cac:InvoicePeriod>',
    );
    expect((await expectRefused(twoPeriods, 'XML_SCHEMA_INVALID')).details).to.deep.equal({
      element: 'InvoicePeriod',
    });
    const noPrice = placementInvoice().replace(/<cac:Price>[\s\S]*?<\/cac:Price>/, '');
    expect((await expectRefused(noPrice, 'XML_SCHEMA_INVALID')).details).to.deep.equal({
      element: 'PriceAmount',
      line: 1,
    });
  });

  it('refuses an unsupported customization, profile or type code', async () => {
    await expectRefused(
      placementInvoice({ customizationId: 'urn:cen.eu:en16931:2017' }),
      'PROFILE_NOT_SUPPORTED',
    );
    await expectRefused(placementInvoice({ ublVersionId: '2.0' }), 'PROFILE_NOT_SUPPORTED');
    await expectRefused(placementInvoice({ profileId: `${MARKER}-profile` }), 'PROFILE_NOT_SUPPORTED');
    await expectRefused(placementInvoice({ typeCode: '325' }), 'WRONG_DOCUMENT_TYPE');
  });

  it('refuses amounts in another currency than DKK', async () => {
    await expectRefused(placementInvoice({ currency: 'EUR' }), 'CURRENCY_NOT_DKK');
    await expectRefused(
      placementInvoice().replace('<cbc:PriceAmount currencyID="DKK">', '<cbc:PriceAmount currencyID="EUR">'),
      'CURRENCY_NOT_DKK',
    );
  });

  it("refuses a document of another buyer, or from another seller than the registry's", async () => {
    const refusal = await expectRefused(placementInvoice({ buyerGln: '5798000099999' }), 'WRONG_BUYER');
    expect(refusal.reference).to.deep.include({ type: 'Invoice', id: 'OV-2026-0217' });
    await expectRefused(
      placementInvoice().replace('<cbc:EndpointID schemeID="GLN">', '<cbc:EndpointID schemeID="DK:CVR">'),
      'WRONG_BUYER',
    );
    await expectRefused(placementInvoice({ sellerCvr: '11111111' }), 'WRONG_SELLER');
    await expectRefused(
      placementInvoice().replace(
        `<cbc:ID schemeID="GLN">${SELLER.gln!}</cbc:ID>`,
        '<cbc:ID schemeID="GLN">5790000000000</cbc:ID>',
      ),
      'WRONG_SELLER',
    );
  });

  it('refuses references that cannot be product ids, and a missing order reference', async () => {
    await expectRefused(placementInvoice({ orderReference: undefined }), 'INVALID_REFERENCE');
    await expectRefused(placementInvoice({ orderReference: `aftale ${MARKER}` }), 'INVALID_REFERENCE');
    await expectRefused(placementInvoice({ id: `OV/${MARKER}` }), 'INVALID_REFERENCE');
    await expectRefused(taxiCreditNote({ billingReference: undefined }), 'INVALID_REFERENCE');
  });

  it('refuses a period that does not lie within one calendar month', async () => {
    await expectRefused(placementInvoice({ periodEnd: '2026-03-31' }), 'PERIOD_NOT_ONE_MONTH');
    await expectRefused(
      placementInvoice({ periodStart: '2026-02-20', periodEnd: '2026-02-10' }),
      'PERIOD_NOT_ONE_MONTH',
    );
    // Not a date at all: the schema's xs:date says so first.
    await expectRefused(placementInvoice({ periodEnd: '2026-02-30' }), 'XML_SCHEMA_INVALID');
    const lineOutside = placementInvoice().replace(
      '<cbc:LineExtensionAmount currencyID="DKK">95000.00</cbc:LineExtensionAmount>',
      '<cbc:LineExtensionAmount currencyID="DKK">95000.00</cbc:LineExtensionAmount>' +
        '<cac:InvoicePeriod><cbc:StartDate>2026-01-01</cbc:StartDate><cbc:EndDate>2026-01-31</cbc:EndDate></cac:InvoicePeriod>',
    );
    const refusal = await expectRefused(lineOutside, 'PERIOD_NOT_ONE_MONTH');
    expect(refusal.details).to.deep.equal({ line: 1 });
  });

  it('refuses amounts that do not add up', async () => {
    const lines = [{ ...PLACEMENT_LINES[0]!, amount: '95000.01' }, ...PLACEMENT_LINES.slice(1)];
    const lineWrong = await expectRefused(placementInvoice({ lines }), 'AMOUNTS_DO_NOT_ADD_UP');
    expect(lineWrong.details).to.deep.equal({ field: 'line 1/LineExtensionAmount', line: 1 });
    const totalWrong = await expectRefused(
      placementInvoice({ lineTotal: '128000.00' }),
      'AMOUNTS_DO_NOT_ADD_UP',
    );
    expect(totalWrong.details).to.deep.equal({ field: 'LegalMonetaryTotal/LineExtensionAmount' });
    await expectRefused(placementInvoice({ payable: '128400.00' }), 'AMOUNTS_DO_NOT_ADD_UP');
    await expectRefused(
      placementInvoice().replace(
        '<cbc:TaxAmount currencyID="DKK">0.00</cbc:TaxAmount>\n    <cac:TaxSubtotal>',
        '<cbc:TaxAmount currencyID="DKK">5.00</cbc:TaxAmount>\n    <cac:TaxSubtotal>',
      ),
      'AMOUNTS_DO_NOT_ADD_UP',
    );
  });

  it('refuses VAT or anything else between the lines and the payable amount', async () => {
    const withVat = placementInvoice({ taxAmount: '32125.00', payable: '160625.00' });
    await expectRefused(withVat, 'PAYABLE_DIFFERS_FROM_LINES');
  });

  it('refuses amounts finer than øre and quantities with more than two decimals', async () => {
    await expectRefused(
      addOnInvoice({ lines: [{ ...ADD_ON_LINE, price: '444.005', amount: '10656.12' }] }),
      'AMOUNT_NOT_IN_ORE',
    );
    await expectRefused(
      addOnInvoice({ lines: [{ ...ADD_ON_LINE, quantity: '24.125', amount: '10711.50' }] }),
      'QUANTITY_NOT_SUPPORTED',
    );
    await expectRefused(
      addOnInvoice({ lines: [{ ...ADD_ON_LINE, quantity: '0', amount: '0.00' }] }),
      'QUANTITY_NOT_SUPPORTED',
    );
  });

  it('refuses a line that names no service line', async () => {
    const lines = [{ ...PLACEMENT_LINES[0]!, item: `ophold ${MARKER}` }];
    const refusal = await expectRefused(placementInvoice({ lines }), 'UNMAPPED_LINE');
    expect(refusal.details).to.deep.equal({ line: 1 });
  });

  it('refuses more than 100 lines', async () => {
    const lines = Array.from({ length: 101 }, () => PLACEMENT_LINES[0]!);
    await expectRefused(placementInvoice({ lines }), 'TOO_MANY_LINES');
  });
});
