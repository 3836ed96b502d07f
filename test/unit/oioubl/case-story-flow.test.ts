import { expect } from 'chai';
import { parseInvoiceInput, validateInvoice, type Agreement } from 'agreements-chaincode/core';
import {
  answerReceived,
  paymentExport,
  receiveDocument,
  schemaProblems,
  type ReceivedInvoice,
  type ServiceLinePricing,
} from '@fabric-agreements/oioubl';
import { activeAgreement, addOnInput, at, karin, placementInput } from '../core/fixtures';
import { addOnInvoice, ANSWER_HEADER, BUYER, bytes, placementInvoice, SELLER } from './fixtures';

/**
 * The whole pure path the gateway will wire: the provider's OIOUBL invoice is received and mapped, the chaincode's
 * own input parser and invoice check judge it exactly as a JSON invoice, the answer goes back as an
 * ApplicationResponse, and what is payable goes to the payment export.
 */
const START = '2026-01-01';
const placement = activeAgreement(placementInput(START), karin);
const addOn = activeAgreement(addOnInput('2026-02-01'), karin);

function pricingOf(agreement: Agreement): Record<string, ServiceLinePricing> {
  const lines = agreement.versions.flatMap((version) => version.terms.lines);
  return Object.fromEntries(lines.map((line) => [line.id, line.pricing]));
}

async function judge(agreement: Agreement, xml: string, on: string) {
  const received = (await receiveDocument(bytes(xml), {
    buyer: BUYER,
    seller: SELLER,
    pricing: pricingOf(agreement),
  })) as ReceivedInvoice;
  expect(received.agreementId).to.equal(agreement.id);
  const validation = validateInvoice(
    agreement,
    parseInvoiceInput(JSON.parse(JSON.stringify(received.invoice))),
    { alreadyInvoiced: [], reports: [] },
    at(on),
  );
  const answer = answerReceived(ANSWER_HEADER, received, validation);
  expect(await schemaProblems(answer, 'ApplicationResponse')).to.deep.equal([]);
  return { received, validation, answer };
}

describe('oioubl: the case story from OIOUBL invoice to answer and payment file', () => {
  it("accepts the placement site's February invoice as the chaincode accepts the same JSON invoice", async () => {
    const { validation, answer } = await judge(placement, placementInvoice(), '2026-03-02');
    expect(validation.status).to.equal('accepted');
    expect(validation.totals.approved).to.equal(12_850_000);
    expect(answer).to.contain('>BusinessAccept</cbc:ResponseCode>');
  });

  it('rejects the taxi invoiced for April, after its three months, line by line', async () => {
    const april = placementInvoice({
      id: 'OV-2026-0430',
      periodStart: '2026-04-01',
      periodEnd: '2026-04-30',
    });
    const { validation, answer } = await judge(placement, april, '2026-05-02');
    expect(validation.status).to.equal('partially_accepted');
    expect(validation.lines.map((line) => line.reason)).to.deep.equal([
      undefined,
      undefined,
      'NOT_ACTIVE_IN_MONTH',
    ]);
    expect(answer).to.contain('<cbc:LineID>3</cbc:LineID>');
    expect(answer).to.contain('<cbc:ReferenceID>NOT_ACTIVE_IN_MONTH</cbc:ReferenceID>');
  });

  it('accepts the add-on: 24 hours of school support in February at the agreed 444 kr', async () => {
    const { validation } = await judge(addOn, addOnInvoice(), '2026-03-02');
    expect(validation.status).to.equal('accepted');
    expect(validation.totals.approved).to.equal(1_065_600);
  });

  it('rejects hours above the allowance and a price other than the agreed one', async () => {
    const tooMany = addOnInvoice({
      lines: [
        {
          item: 'support',
          name: 'Skolestøtte',
          quantity: '25',
          unitCode: 'HUR',
          price: '444.00',
          amount: '11100.00',
        },
      ],
    });
    expect((await judge(addOn, tooMany, '2026-03-02')).validation.lines[0]?.reason).to.equal(
      'QUANTITY_ABOVE_ALLOWANCE',
    );
    const dearer = addOnInvoice({
      lines: [
        {
          item: 'support',
          name: 'Skolestøtte',
          quantity: '24',
          unitCode: 'HUR',
          price: '450.00',
          amount: '10800.00',
        },
      ],
    });
    expect((await judge(addOn, dearer, '2026-03-02')).validation.lines[0]?.reason).to.equal('WRONG_PRICE');
  });

  it('puts what is payable into the payment file', async () => {
    const { received, validation } = await judge(placement, placementInvoice(), '2026-03-02');
    const file = paymentExport([
      {
        agreementId: received.agreementId,
        invoiceId: received.documentId,
        providerCvr: SELLER.cvr,
        month: received.month,
        amount: validation.totals.payable,
        dueDate: '2026-03-31',
      },
    ]);
    expect(file.total).to.equal('128500,00');
    expect(file.csv).to.contain(';OV-2026-0217;placement-1;2026-02;128500,00;DKK;');
  });
});
