import { expect } from 'chai';
import {
  createAgreementDraft,
  invoicedLineMonths,
  kroner,
  proposeAmendment,
  proposeTermination,
  signAgreement,
  signTermination,
  submitStatusReport,
  validateInvoice,
  type Agreement,
  type InvoiceInput,
  type InvoiceLineResult,
  type InvoiceValidation,
  type InvoicedLineMonth,
  type StatusReport,
} from 'agreements-chaincode/core';
import {
  activeAgreement,
  addOnInput,
  at,
  expectRefusal,
  hash,
  jonas,
  karin,
  ole,
  placementInput,
  RULE,
  sara,
  visitationInput,
} from './fixtures';

const START = '2026-01-01';
const placement = activeAgreement(placementInput(START), karin);
const visitation = activeAgreement(visitationInput(START), ole);
const addOn = activeAgreement(addOnInput('2026-02-01'), karin);

function check(
  agreement: Agreement,
  month: string,
  lines: InvoiceInput['lines'],
  alreadyInvoiced: readonly InvoicedLineMonth[] = [],
  reports: readonly StatusReport[] = [],
  when = at('2026-01-20'),
): InvoiceValidation {
  return validateInvoice(
    agreement,
    { invoiceId: `inv-${month}`, month, lines },
    { alreadyInvoiced, reports },
    when,
  );
}

function only(validation: InvoiceValidation): InvoiceLineResult {
  expect(validation.lines).to.have.length(1);
  return validation.lines[0]!;
}

describe('invoice validation', () => {
  it('accepts a correct monthly invoice and totals it', () => {
    const result = check(placement, '2026-01', [
      { serviceLineId: 'stay', amount: 9_500_000 },
      { serviceLineId: 'school', amount: 2_400_000 },
      { serviceLineId: 'taxi', amount: 950_000 },
    ]);
    expect(result.status).to.equal('accepted');
    expect(result.totals).to.deep.equal({
      claimed: 12_850_000,
      approved: 12_850_000,
      held: 0,
      payable: 12_850_000,
    });
    expect(result).to.include({
      invoiceId: 'inv-2026-01',
      agreementId: 'placement-1',
      month: '2026-01',
      validatedAt: '2026-01-20T10:00:00.000Z',
    });
    expect(invoicedLineMonths(result)).to.deep.equal([
      { serviceLineId: 'stay', month: '2026-01' },
      { serviceLineId: 'school', month: '2026-01' },
      { serviceLineId: 'taxi', month: '2026-01' },
    ]);
  });

  it('requires a monthly line’s amount to equal the prorated price', () => {
    const lateStart = activeAgreement(placementInput('2026-01-22'), karin);
    expect(only(check(lateStart, '2026-01', [{ serviceLineId: 'stay', amount: 3_064_516 }])).status).to.equal(
      'accepted',
    );
    const wrong = only(check(lateStart, '2026-01', [{ serviceLineId: 'stay', amount: 9_500_000 }]));
    expect(wrong).to.include({ status: 'rejected', reason: 'WRONG_AMOUNT', claimed: 9_500_000, approved: 0 });
    expect(wrong.expected).to.deep.equal({ amount: 3_064_516 });
    expect(
      only(check(lateStart, '2026-01', [{ serviceLineId: 'stay', quantity: 1, unitPrice: 9_500_000 }]))
        .reason,
    ).to.equal('WRONG_PRICING');
  });

  it('rejects a unit price other than the agreed price of the version in force', () => {
    const wrong = only(
      check(visitation, '2026-01', [{ serviceLineId: 'visits', quantity: 2, unitPrice: kroner(5_500) }]),
    );
    expect(wrong).to.include({ status: 'rejected', reason: 'WRONG_PRICE', claimed: 1_100_000 });
    // January 2026, every second Sunday from 4 January: the 4th and the 18th.
    expect(wrong.expected).to.deep.equal({ unitPrice: 515_100, allowedQuantity: 2 });
    const right = only(
      check(visitation, '2026-01', [{ serviceLineId: 'visits', quantity: 2, unitPrice: kroner(5_151) }]),
    );
    expect(right).to.include({ status: 'accepted', approved: 1_030_200 });
    // After an amendment from 1 March the new price applies from March, the old one before.
    const proposed = proposeAmendment(
      visitation,
      {
        effectiveFrom: '2026-03-01',
        changes: [{ type: 'change_price', serviceLineId: 'visits', price: kroner(5_300) }],
      },
      sara,
      at('2026-02-20'),
    );
    const amended = signAgreement(
      signAgreement(proposed, 2, jonas, RULE, at('2026-02-20')),
      2,
      ole,
      RULE,
      at('2026-02-20'),
    );
    expect(
      only(check(amended, '2026-02', [{ serviceLineId: 'visits', quantity: 2, unitPrice: kroner(5_151) }]))
        .status,
    ).to.equal('accepted');
    expect(
      only(check(amended, '2026-03', [{ serviceLineId: 'visits', quantity: 2, unitPrice: kroner(5_151) }]))
        .reason,
    ).to.equal('WRONG_PRICE');
    expect(
      only(check(amended, '2026-03', [{ serviceLineId: 'visits', quantity: 2, unitPrice: kroner(5_300) }]))
        .status,
    ).to.equal('accepted');
  });

  it('rejects a quantity above per_week × active_days / 7, compared exactly', () => {
    // March: 6 × 31 / 7 = 26.571… hours
    expect(
      only(check(addOn, '2026-03', [{ serviceLineId: 'support', quantity: 26.57, unitPrice: 44_400 }])),
    ).to.include({ status: 'accepted', approved: 1_179_708 });
    const above = only(
      check(addOn, '2026-03', [{ serviceLineId: 'support', quantity: 26.58, unitPrice: 44_400 }]),
    );
    expect(above).to.include({ status: 'rejected', reason: 'QUANTITY_ABOVE_ALLOWANCE' });
    expect(above.expected).to.deep.equal({ unitPrice: 44_400, allowedQuantity: 26.57 });
    // February: exactly 24 hours.
    expect(
      only(check(addOn, '2026-02', [{ serviceLineId: 'support', quantity: 24, unitPrice: 44_400 }])).status,
    ).to.equal('accepted');
    expect(
      only(check(addOn, '2026-02', [{ serviceLineId: 'support', quantity: 24.01, unitPrice: 44_400 }]))
        .reason,
    ).to.equal('QUANTITY_ABOVE_ALLOWANCE');
    // Visitation every second Sunday from 4 January 2026: two visit Sundays in January, three in March.
    expect(
      only(check(visitation, '2026-01', [{ serviceLineId: 'visits', quantity: 3, unitPrice: 515_100 }]))
        .reason,
    ).to.equal('QUANTITY_ABOVE_ALLOWANCE');
    const march = only(
      check(
        visitation,
        '2026-03',
        [{ serviceLineId: 'visits', quantity: 3, unitPrice: 515_100 }],
        [],
        [],
        at('2026-03-30'),
      ),
    );
    expect(march).to.include({ status: 'accepted', approved: 1_545_300 });
    expect(
      only(
        check(
          visitation,
          '2026-03',
          [{ serviceLineId: 'visits', quantity: 3.01, unitPrice: 515_100 }],
          [],
          [],
          at('2026-03-30'),
        ),
      ).reason,
    ).to.equal('QUANTITY_ABOVE_ALLOWANCE');
  });

  it('checks an optional amount on a per-unit line', () => {
    expect(
      only(
        check(addOn, '2026-02', [
          { serviceLineId: 'support', quantity: 1.5, unitPrice: 44_400, amount: 66_600 },
        ]),
      ).status,
    ).to.equal('accepted');
    const wrong = only(
      check(addOn, '2026-02', [
        { serviceLineId: 'support', quantity: 1.5, unitPrice: 44_400, amount: 66_000 },
      ]),
    );
    expect(wrong).to.include({ reason: 'WRONG_AMOUNT', claimed: 66_000 });
    expect(wrong.expected?.amount).to.equal(66_600);
    expect(only(check(addOn, '2026-02', [{ serviceLineId: 'support', amount: 66_000 }])).reason).to.equal(
      'WRONG_PRICING',
    );
  });

  it('rejects a line and month invoiced before, but not one only rejected before', () => {
    const first = check(placement, '2026-01', [
      { serviceLineId: 'stay', amount: 9_500_000 },
      { serviceLineId: 'school', amount: 1 },
    ]);
    expect(first.status).to.equal('partially_accepted');
    const again = check(
      placement,
      '2026-01',
      [
        { serviceLineId: 'stay', amount: 9_500_000 },
        { serviceLineId: 'school', amount: 2_400_000 },
      ],
      invoicedLineMonths(first),
    );
    expect(again.lines.map((l) => [l.serviceLineId, l.status, l.reason])).to.deep.equal([
      ['stay', 'rejected', 'ALREADY_INVOICED'],
      ['school', 'accepted', undefined],
    ]);
    expect(
      only(
        check(
          placement,
          '2026-02',
          [{ serviceLineId: 'stay', amount: 9_500_000 }],
          invoicedLineMonths(first),
        ),
      ).status,
    ).to.equal('accepted');
  });

  it('rejects a line twice in one invoice, unknown lines and months the line is not active', () => {
    const result = check(placement, '2026-04', [
      { serviceLineId: 'stay', amount: 9_500_000 },
      { serviceLineId: 'stay', amount: 9_500_000 },
      { serviceLineId: 'visits', quantity: 1, unitPrice: 515_100 },
      { serviceLineId: 'taxi', amount: 950_000 },
    ]);
    expect(result.lines.map((l) => l.reason)).to.deep.equal([
      undefined,
      'DUPLICATE_IN_INVOICE',
      'UNKNOWN_LINE',
      'NOT_ACTIVE_IN_MONTH',
    ]);
    expect(result.totals).to.deep.equal({
      claimed: 9_500_000 * 2 + 515_100 + 950_000,
      approved: 9_500_000,
      held: 0,
      payable: 9_500_000,
    });
    expect(only(check(placement, '2025-12', [{ serviceLineId: 'stay', amount: 9_500_000 }])).reason).to.equal(
      'NOT_ACTIVE_IN_MONTH',
    );
    expect(check(placement, '2025-12', [{ serviceLineId: 'stay', amount: 1 }]).status).to.equal('rejected');
  });

  it('rejects everything after termination and prorates the termination month', () => {
    const proposed = proposeTermination(placement, '2026-12-15', karin, at('2026-12-01'));
    const ended = signTermination(
      signTermination(proposed, 1, karin, RULE, at('2026-12-02')),
      1,
      jonas,
      RULE,
      at('2026-12-02'),
    );
    const december = check(ended, '2026-12', [
      { serviceLineId: 'stay', amount: 4_596_774 },
      { serviceLineId: 'school', amount: 2_400_000 },
    ]);
    expect(december.lines.map((l) => [l.status, l.reason])).to.deep.equal([
      ['accepted', undefined],
      ['rejected', 'WRONG_AMOUNT'],
    ]);
    expect(december.lines[1]?.expected).to.deep.equal({ amount: 1_161_290 });
    const january = check(ended, '2027-01', [{ serviceLineId: 'stay', amount: 9_500_000 }]);
    expect(january.status).to.equal('rejected');
    expect(only(january).reason).to.equal('AFTER_TERMINATION');
  });

  it('approves but holds a line while its report is missing past the grace period, not once it is submitted', () => {
    const late = at('2026-04-12');
    const held = check(
      placement,
      '2026-03',
      [
        { serviceLineId: 'stay', amount: 9_500_000 },
        { serviceLineId: 'taxi', amount: 950_000 },
      ],
      [],
      [],
      late,
    );
    expect(held.status).to.equal('accepted');
    expect(held.totals).to.deep.equal({
      claimed: 10_450_000,
      approved: 10_450_000,
      held: 10_450_000,
      payable: 0,
    });
    expect(held.lines[0]?.heldBy).to.deep.equal([
      { obligationId: 'status-report', periodNumber: 1, dueDate: '2026-04-01', heldFrom: '2026-04-12' },
    ]);
    // Within the grace period nothing is held.
    expect(
      check(placement, '2026-03', [{ serviceLineId: 'stay', amount: 9_500_000 }], [], [], at('2026-04-11'))
        .totals.held,
    ).to.equal(0);
    // A month recorded before the hold stays unheld.
    const recordedEarly = validateInvoice(
      placement,
      { invoiceId: 'inv-early', month: '2026-03', lines: [{ serviceLineId: 'stay', amount: 9_500_000 }] },
      { alreadyInvoiced: [], reports: [], settledAt: at('2026-04-01') },
      late,
    );
    expect(recordedEarly.totals.held).to.equal(0);
    const report = submitStatusReport(
      placement,
      undefined,
      { obligationId: 'status-report', periodNumber: 1, documentHash: hash('a') },
      karin,
      late,
    );
    const released = check(
      placement,
      '2026-03',
      [{ serviceLineId: 'stay', amount: 9_500_000 }],
      [],
      [report],
      at('2026-04-13'),
    );
    expect(released.totals).to.deep.equal({
      claimed: 9_500_000,
      approved: 9_500_000,
      held: 0,
      payable: 9_500_000,
    });
  });

  it('refuses malformed invoices and agreements never in force', () => {
    expectRefusal(
      () => check(placement, '2026-13', [{ serviceLineId: 'stay', amount: 1 }]),
      'VALIDATION_FAILED',
    );
    expectRefusal(() => check(placement, '2026-01', []), 'VALIDATION_FAILED');
    expectRefusal(() => check(placement, '2026-01', [{ serviceLineId: 'st ay', amount: 1 }]), 'INVALID_ID');
    expectRefusal(
      () => check(placement, '2026-01', [{ serviceLineId: 'stay', amount: -1 }]),
      'VALIDATION_FAILED',
    );
    expectRefusal(
      () => check(placement, '2026-01', [{ serviceLineId: 'stay', quantity: 0, unitPrice: 1 }]),
      'VALIDATION_FAILED',
    );
    expectRefusal(
      () => check(placement, '2026-01', [{ serviceLineId: 'stay', quantity: 1, unitPrice: 0 }]),
      'VALIDATION_FAILED',
    );
    expectRefusal(
      () =>
        validateInvoice(
          placement,
          { invoiceId: '', month: '2026-01', lines: [{ serviceLineId: 'stay', amount: 1 }] },
          { alreadyInvoiced: [], reports: [] },
          at('2026-01-20'),
        ),
      'INVALID_ID',
    );
    const draft = createAgreementDraft(placementInput(START), sara, at('2025-12-01'));
    expectRefusal(
      () => check(draft, '2026-01', [{ serviceLineId: 'stay', amount: 9_500_000 }]),
      'INVALID_STATE',
    );
  });
});
