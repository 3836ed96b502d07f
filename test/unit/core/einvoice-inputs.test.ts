import { expect } from 'chai';
import {
  parseCreditNoteDocumentInput,
  parseInvoiceDocumentInput,
  parsePaymentExportInput,
  parseTradingIdentifiersInput,
} from 'agreements-chaincode/core';
import { expectRefusal, hash } from './fixtures';

function refusal(run: () => unknown, code: 'VALIDATION_FAILED' | 'INVALID_ID' = 'VALIDATION_FAILED') {
  const { details } = expectRefusal(run, code);
  return [details.field, details.reason];
}

const FACTS = { documentSha256: hash('a'), issueDate: '2026-03-02', lineIds: ['1'] };
const INVOICE = { invoiceId: 'F-1', month: '2026-02', lines: [{ serviceLineId: 'stay', amount: 100 }] };
const CREDIT_NOTE = {
  creditNoteId: 'K-1',
  creditedInvoiceId: 'F-1',
  lines: [{ serviceLineId: 'stay', amount: 100 }],
  ...FACTS,
};

describe('e-invoicing input parsers (walking the api package’s schemas)', () => {
  it('read trading identifiers, refusing a CVR or GLN of the wrong form', () => {
    expect(parseTradingIdentifiersInput({ mspId: 'KommuneMSP', cvr: '19501817' })).to.deep.equal({
      mspId: 'KommuneMSP',
      cvr: '19501817',
    });
    expect(refusal(() => parseTradingIdentifiersInput({ mspId: 'K', cvr: '1950181' }))).to.deep.equal([
      'cvr',
      'not_a_cvr',
    ]);
    expect(refusal(() => parseTradingIdentifiersInput({ mspId: 'K', cvr: 19501817 }))).to.deep.equal([
      'cvr',
      'not_a_cvr',
    ]);
    expect(
      refusal(() => parseTradingIdentifiersInput({ mspId: 'K', cvr: '19501817', gln: '57980' })),
    ).to.deep.equal(['gln', 'not_a_gln']);
    expect(refusal(() => parseTradingIdentifiersInput({ mspId: 'K', cvr: '19501817', x: 1 }))).to.deep.equal([
      'identifiers',
      'unexpected_property',
    ]);
  });

  it('read an invoice document, naming the invoice’s fields as SubmitInvoice does', () => {
    const document = { invoice: INVOICE, ...FACTS, uuid: '6f1c1a52-0d4e-4b7e-9a6c-2d3f4e5a6b7c' };
    expect(parseInvoiceDocumentInput(JSON.parse(JSON.stringify(document)))).to.deep.equal(document);
    expect(
      refusal(() => parseInvoiceDocumentInput({ ...document, invoice: { ...INVOICE, month: '2026-13' } })),
    ).to.deep.equal(['month', 'not_a_month']);
    expect(refusal(() => parseInvoiceDocumentInput({ ...document, uuid: 'not-a-uuid' }))).to.deep.equal([
      'uuid',
      'not_a_uuid',
    ]);
    expect(refusal(() => parseInvoiceDocumentInput({ ...document, profileId: 'a b' }))).to.deep.equal([
      'profileId',
      'not_a_token',
    ]);
    expect(refusal(() => parseInvoiceDocumentInput({ ...document, lineIds: ['1', '2'] }))).to.deep.equal([
      'lineIds',
      'wrong_length',
    ]);
    expect(refusal(() => parseInvoiceDocumentInput({ ...document, documentSha256: 'ab' }))).to.deep.equal([
      'documentSha256',
      'not_a_sha256',
    ]);
  });

  it('read a credit note document, checking its lines first', () => {
    expect(parseCreditNoteDocumentInput(CREDIT_NOTE)).to.deep.equal(CREDIT_NOTE);
    expect(
      refusal(() =>
        parseCreditNoteDocumentInput({
          ...CREDIT_NOTE,
          lines: [{ serviceLineId: 'stay', amount: 0 }],
          uuid: 'x',
        }),
      ),
    ).to.deep.equal(['lines[0].amount', 'too_small']);
    expect(refusal(() => parseCreditNoteDocumentInput({ ...CREDIT_NOTE, lineIds: [] }))).to.deep.equal([
      'lineIds',
      'wrong_length',
    ]);
    expect(
      refusal(() => parseCreditNoteDocumentInput({ ...CREDIT_NOTE, creditNoteId: 'a b' }), 'INVALID_ID'),
    ).to.deep.equal(['creditNoteId', 'illegal_character']);
  });

  it('read a payment export request', () => {
    const request = { exportId: 'B-7', providerMspId: 'OestervoldMSP', month: '2026-02' };
    expect(parsePaymentExportInput(request)).to.deep.equal(request);
    expect(refusal(() => parsePaymentExportInput({ ...request, month: '2026-2' }))).to.deep.equal([
      'month',
      'not_a_month',
    ]);
  });
});
