import { expect } from 'chai';
import {
  parseAgreementDraftInput,
  parseAmendmentInput,
  parseInvoiceInput,
  parseStatusReportSubmission,
  parseTerminationProposal,
  parseVersionNumber,
} from 'agreements-chaincode/core';
import { addOnInput, expectRefusal, hash, placementInput, visitationInput } from './fixtures';

function field(
  run: () => unknown,
  expected: string,
  code: 'VALIDATION_FAILED' | 'INVALID_ID' = 'VALIDATION_FAILED',
): void {
  expect(expectRefusal(run, code).details.field).to.equal(expected);
}

describe('transaction input parsers', () => {
  it('read the story’s agreements back from JSON unchanged', () => {
    for (const input of [
      placementInput('2026-01-01'),
      visitationInput('2026-01-01'),
      addOnInput('2026-02-01'),
    ]) {
      const parsed = parseAgreementDraftInput(JSON.parse(JSON.stringify(input)));
      expect(parsed).to.deep.equal({ relatedAgreementIds: [], ...input });
    }
  });

  it('reject unknown properties, wrong types and pricing fields of the other kind', () => {
    const base = JSON.parse(JSON.stringify(placementInput('2026-01-01'))) as Record<string, unknown>;
    field(() => parseAgreementDraftInput(null), 'agreement');
    field(() => parseAgreementDraftInput({ ...base, name: 'Preben' }), 'agreement');
    field(() => parseAgreementDraftInput({ ...base, kind: 'loan' }), 'kind');
    field(() => parseAgreementDraftInput({ ...base, startDate: '2026-1-1' }), 'startDate');
    field(() => parseAgreementDraftInput({ ...base, lines: 'stay' }), 'lines');
    field(
      () => parseAgreementDraftInput({ ...base, childPseudonym: 'a\u0000b' }),
      'childPseudonym',
      'INVALID_ID',
    );
    field(
      () => parseAgreementDraftInput({ ...base, relatedAgreementIds: ['a', 'a'] }),
      'relatedAgreementIds',
    );
    field(
      () =>
        parseAgreementDraftInput({
          ...base,
          lines: [
            {
              id: 'x',
              kind: 'stay',
              pricing: 'monthly',
              monthlyPrice: 1,
              unitPrice: 1,
              startDate: '2026-01-01',
            },
          ],
        }),
      'lines[0]',
    );
    field(
      () =>
        parseAgreementDraftInput({
          ...base,
          lines: [{ id: 'x', kind: 'stay', pricing: 'monthly', monthlyPrice: '1', startDate: '2026-01-01' }],
        }),
      'lines[0].monthlyPrice',
    );
    field(
      () =>
        parseAgreementDraftInput({
          ...base,
          lines: [{ id: 'x', kind: 'stay', pricing: 'yearly', startDate: '2026-01-01' }],
        }),
      'lines[0].pricing',
    );
    field(
      () =>
        parseAgreementDraftInput({
          ...base,
          lines: [
            {
              id: 'x',
              kind: 'school_support',
              pricing: 'per_unit',
              unit: 'hour',
              unitPrice: 1,
              agreedQuantity: 1,
              quantityPeriod: 'day',
              startDate: '2026-01-01',
            },
          ],
        }),
      'lines[0].quantityPeriod',
    );
    expect(parseAgreementDraftInput({ ...base, expectedEndDate: null })).not.to.have.property(
      'expectedEndDate',
    );
  });

  it('read amendments of every type', () => {
    const parsed = parseAmendmentInput({
      effectiveFrom: '2026-05-01',
      changes: [
        { type: 'add_line', line: JSON.parse(JSON.stringify(addOnInput('2026-05-01').lines[0])) as unknown },
        { type: 'change_quantity', serviceLineId: 'support', agreedQuantity: 4 },
        { type: 'change_quantity', serviceLineId: 'support', agreedQuantity: 4, quantityPeriod: 'month' },
        { type: 'change_price', serviceLineId: 'stay', price: 9_600_000 },
        { type: 'change_period', serviceLineId: 'taxi', endDate: null, reEvaluationDate: '2026-06-30' },
        { type: 'change_expected_end', expectedEndDate: null },
      ],
    });
    expect(parsed.changes.map((c) => c.type)).to.deep.equal([
      'add_line',
      'change_quantity',
      'change_quantity',
      'change_price',
      'change_period',
      'change_expected_end',
    ]);
    expect(parsed.changes[4]).to.deep.equal({
      type: 'change_period',
      serviceLineId: 'taxi',
      endDate: null,
      reEvaluationDate: '2026-06-30',
    });
    field(() => parseAmendmentInput({ effectiveFrom: '2026-05-01', changes: [] }), 'changes');
    field(
      () => parseAmendmentInput({ effectiveFrom: '2026-05-01', changes: [{ type: 'rename' }] }),
      'changes[0].type',
    );
    field(
      () =>
        parseAmendmentInput({
          effectiveFrom: '2026-05-01',
          changes: [{ type: 'change_price', serviceLineId: 'stay', price: 1, line: {} }],
        }),
      'changes[0]',
    );
    field(
      () =>
        parseAmendmentInput({
          effectiveFrom: '2026-05-01',
          changes: [{ type: 'change_quantity', serviceLineId: 'x', agreedQuantity: 0 }],
        }),
      'changes[0].agreedQuantity',
    );
    field(
      () =>
        parseAmendmentInput({
          effectiveFrom: '2026-05-01',
          changes: [{ type: 'change_period', serviceLineId: 'x', endDate: '2026-02-30' }],
        }),
      'changes[0].endDate',
    );
  });

  it('read invoices, report submissions, terminations and version numbers', () => {
    expect(
      parseInvoiceInput({
        invoiceId: 'inv-1',
        month: '2026-01',
        lines: [
          { serviceLineId: 'stay', amount: 9_500_000 },
          { serviceLineId: 'support', quantity: 1.5, unitPrice: 44_400 },
        ],
      }),
    ).to.deep.equal({
      invoiceId: 'inv-1',
      month: '2026-01',
      lines: [
        { serviceLineId: 'stay', amount: 9_500_000 },
        { serviceLineId: 'support', quantity: 1.5, unitPrice: 44_400 },
      ],
    });
    field(
      () =>
        parseInvoiceInput({
          invoiceId: 'inv-1',
          month: '2026-01',
          lines: [{ serviceLineId: 'stay', amount: 1.5 }],
        }),
      'lines[0].amount',
    );
    field(() => parseInvoiceInput({ invoiceId: 'inv-1', month: '2026-01-01', lines: [] }), 'month');
    expect(
      parseStatusReportSubmission({
        obligationId: 'status-report',
        periodNumber: 2,
        documentHash: hash('f'),
      }),
    ).to.deep.equal({
      obligationId: 'status-report',
      periodNumber: 2,
      documentHash: hash('f'),
      correction: false,
    });
    field(
      () =>
        parseStatusReportSubmission({
          obligationId: 'status-report',
          periodNumber: 1.5,
          documentHash: hash('f'),
        }),
      'periodNumber',
    );
    field(
      () =>
        parseStatusReportSubmission({
          obligationId: 'status-report',
          periodNumber: 1,
          documentHash: hash('f'),
          correction: 'yes',
        }),
      'correction',
    );
    expect(parseTerminationProposal({ effectiveDate: '2026-12-31' })).to.deep.equal({
      mode: 'mutual',
      effectiveDate: '2026-12-31',
    });
    expect(parseTerminationProposal({ mode: 'notice' })).to.deep.equal({ mode: 'notice' });
    expectRefusal(() => parseTerminationProposal({}), 'VALIDATION_FAILED');
    expectRefusal(
      () => parseTerminationProposal({ mode: 'alone', effectiveDate: '2026-12-31' }),
      'VALIDATION_FAILED',
    );
    field(() => parseTerminationProposal({ effectiveDate: '2026-12-32' }), 'effectiveDate');
    expect(parseVersionNumber(3)).to.equal(3);
    field(() => parseVersionNumber(0), 'version');
  });
});
