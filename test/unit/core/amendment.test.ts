import { expect } from 'chai';
import {
  applyChanges,
  kroner,
  lastDayInForce,
  lineOn,
  proposeAmendment,
  signAgreement,
  statusOn,
  versionInForceOn,
  withdrawPendingVersion,
  type Agreement,
  type AmendmentInput,
} from 'agreements-chaincode/core';
import {
  activeAgreement,
  addOnInput,
  at,
  expectRefusal,
  jonas,
  karin,
  lene,
  mads,
  placementInput,
  RULE,
  sara,
  schoolSupportLine,
  stranger,
} from './fixtures';

const START = '2026-01-01';
const T = at('2026-01-15');

function propose(agreement: Agreement, input: AmendmentInput, when = T): Agreement {
  return proposeAmendment(agreement, input, sara, when);
}

function bothSign(agreement: Agreement, version: number, when = T): Agreement {
  return signAgreement(signAgreement(agreement, version, jonas, RULE, when), version, karin, RULE, when);
}

describe('amendments', () => {
  const placement = activeAgreement(placementInput(START), karin);

  it('add a line (the school-support add-on) as a new version both sides sign', () => {
    const proposed = propose(placement, {
      effectiveFrom: '2026-02-01',
      changes: [{ type: 'add_line', line: schoolSupportLine('2026-02-01') }],
    });
    expect(proposed.status).to.equal('active');
    expect(proposed.versions[1]).to.include({
      number: 2,
      state: 'awaiting_signatures',
      effectiveFrom: '2026-02-01',
    });
    // Until both sign, version 1 stays in force.
    expect(lineOn(proposed, 'support', '2026-02-10')).to.be.undefined;
    const half = signAgreement(proposed, 2, mads, RULE, T);
    expect(lineOn(signAgreement(half, 2, lene, RULE, T), 'support', '2026-02-10')).to.be.undefined;
    const agreed = bothSign(proposed, 2);
    expect(agreed.versions.map((v) => v.state)).to.deep.equal(['agreed', 'agreed']);
    expect(lineOn(agreed, 'support', '2026-01-31')).to.be.undefined;
    expect(lineOn(agreed, 'support', '2026-02-01')).to.include({ agreedQuantity: 6 });
    expect(lineOn(agreed, 'support', '2026-04-30')).to.include({ agreedQuantity: 6 });
    expect(lineOn(agreed, 'support', '2026-05-01'), 'not renewed: stops after its re-evaluation date').to.be
      .undefined;
    // History is kept: version 1's terms are unchanged.
    expect(agreed.versions[0]?.terms.lines.map((line) => line.id)).to.deep.equal(['stay', 'school', 'taxi']);
    expect(agreed.versions[1]?.changes).to.have.length(1);
  });

  it('change a quantity (6 → 4 hours a week) from a date, keeping the old quantity before it', () => {
    const addOn = activeAgreement(addOnInput('2026-02-01'), karin);
    const amended = bothSign(
      propose(addOn, {
        effectiveFrom: '2026-05-01',
        changes: [
          { type: 'change_quantity', serviceLineId: 'support', agreedQuantity: 4 },
          { type: 'change_period', serviceLineId: 'support', reEvaluationDate: '2026-07-31' },
        ],
      }),
      2,
    );
    expect(lineOn(amended, 'support', '2026-04-30')).to.include({
      agreedQuantity: 6,
      reEvaluationDate: '2026-04-30',
    });
    expect(lineOn(amended, 'support', '2026-05-01')).to.include({
      agreedQuantity: 4,
      reEvaluationDate: '2026-07-31',
    });
    expect(lineOn(amended, 'support', '2026-08-01')).to.be.undefined;
    expect(versionInForceOn(amended, '2026-04-30')?.number).to.equal(1);
    expect(versionInForceOn(amended, '2026-05-01')?.number).to.equal(2);
    expect(lastDayInForce(amended)).to.equal('2026-07-31');
    expect(statusOn(amended, '2026-07-31')).to.equal('active');
    expect(statusOn(amended, '2026-10-29'), 'renewal window: 90 days after the re-evaluation').to.equal(
      'active',
    );
    expect(statusOn(amended, '2026-10-30')).to.equal('expired');
  });

  it('change a monthly price from any day, and a unit price only from the first of a month', () => {
    const pricier = bothSign(
      propose(placement, {
        effectiveFrom: '2026-03-16',
        changes: [{ type: 'change_price', serviceLineId: 'stay', price: kroner(98_000) }],
      }),
      2,
    );
    expect(lineOn(pricier, 'stay', '2026-03-15')).to.include({ monthlyPrice: kroner(95_000) });
    expect(lineOn(pricier, 'stay', '2026-03-16')).to.include({ monthlyPrice: kroner(98_000) });
    const addOn = activeAgreement(addOnInput('2026-02-01'), karin);
    const error = expectRefusal(
      () =>
        propose(addOn, {
          effectiveFrom: '2026-03-16',
          changes: [{ type: 'change_price', serviceLineId: 'support', price: kroner(450) }],
        }),
      'VALIDATION_FAILED',
    );
    expect(error.details.reason).to.equal('unit_price_change_mid_month');
    const fromFirst = propose(addOn, {
      effectiveFrom: '2026-03-01',
      changes: [{ type: 'change_price', serviceLineId: 'support', price: kroner(450) }],
    });
    expect(fromFirst.versions[1]?.terms.lines[0]).to.include({ unitPrice: kroner(450) });
  });

  it('extend or shorten a line’s period, or remove its end', () => {
    const shortened = applyChanges(placement.versions[0]!.terms, [
      { type: 'change_period', serviceLineId: 'taxi', endDate: '2026-02-15' },
    ]);
    expect(shortened.lines[2]).to.include({ endDate: '2026-02-15' });
    const open = applyChanges(placement.versions[0]!.terms, [
      { type: 'change_period', serviceLineId: 'taxi', endDate: null },
    ]);
    expect(open.lines[2]).not.to.have.property('endDate');
    const extended = bothSign(
      propose(placement, {
        effectiveFrom: '2026-03-01',
        changes: [{ type: 'change_period', serviceLineId: 'taxi', endDate: '2026-06-30' }],
      }),
      2,
    );
    expect(lineOn(extended, 'taxi', '2026-06-30')).to.include({ monthlyPrice: kroner(9_500) });
    expect(lineOn(extended, 'taxi', '2026-07-01')).to.be.undefined;
    const bounded = applyChanges(placement.versions[0]!.terms, [
      { type: 'change_expected_end', expectedEndDate: '2027-12-31' },
    ]);
    expect(bounded.expectedEndDate).to.equal('2027-12-31');
    expect(
      applyChanges(bounded, [{ type: 'change_expected_end', expectedEndDate: null }]),
    ).not.to.have.property('expectedEndDate');
  });

  it('refuse changes that do not fit', () => {
    const changeError = (
      input: AmendmentInput,
      code: 'VALIDATION_FAILED' | 'NOT_FOUND',
      reason?: string,
    ): void => {
      const error = expectRefusal(() => propose(placement, input), code);
      if (reason !== undefined) {
        expect(error.details.reason).to.equal(reason);
      }
    };
    changeError({ effectiveFrom: '2026-02-01', changes: [] }, 'VALIDATION_FAILED', 'wrong_length');
    changeError(
      { effectiveFrom: '2025-12-01', changes: [{ type: 'change_price', serviceLineId: 'stay', price: 1 }] },
      'VALIDATION_FAILED',
      'before_current_version',
    );
    changeError(
      { effectiveFrom: '2026-02-01', changes: [{ type: 'change_price', serviceLineId: 'nope', price: 1 }] },
      'NOT_FOUND',
    );
    changeError(
      {
        effectiveFrom: '2026-02-01',
        changes: [{ type: 'change_quantity', serviceLineId: 'stay', agreedQuantity: 2 }],
      },
      'VALIDATION_FAILED',
      'wrong_pricing',
    );
    changeError(
      { effectiveFrom: '2026-02-01', changes: [{ type: 'change_period', serviceLineId: 'stay' }] },
      'VALIDATION_FAILED',
      'no_change',
    );
    changeError(
      {
        effectiveFrom: '2026-02-01',
        changes: [{ type: 'change_price', serviceLineId: 'stay', price: kroner(95_000) }],
      },
      'VALIDATION_FAILED',
      'no_change',
    );
    changeError(
      { effectiveFrom: '2026-02-01', changes: [{ type: 'change_price', serviceLineId: 'stay', price: 0 }] },
      'VALIDATION_FAILED',
      'too_small',
    );
    changeError(
      {
        effectiveFrom: '2026-02-01',
        changes: [{ type: 'add_line', line: { ...schoolSupportLine('2026-02-01'), id: 'taxi' } }],
      },
      'VALIDATION_FAILED',
      'duplicate',
    );
    changeError(
      { effectiveFrom: '2026-02-01', changes: [{ type: 'add_line', line: schoolSupportLine('2026-01-15') }] },
      'VALIDATION_FAILED',
      'before_effective_date',
    );
    changeError(
      {
        effectiveFrom: '2026-02-01',
        changes: [{ type: 'change_period', serviceLineId: 'taxi', endDate: '2025-12-01' }],
      },
      'VALIDATION_FAILED',
      'before_line_start',
    );
    changeError(
      {
        effectiveFrom: '2026-02-01',
        changes: [{ type: 'change_expected_end', expectedEndDate: '2026-02-28' }],
      },
      'VALIDATION_FAILED',
      'after_agreement_end',
    );
  });

  it('never reuse a line id, even one only ever proposed', () => {
    const proposed = propose(placement, {
      effectiveFrom: '2026-02-01',
      changes: [{ type: 'add_line', line: schoolSupportLine('2026-02-01') }],
    });
    const withdrawn = withdrawPendingVersion(proposed, karin, T);
    expect(withdrawn.status).to.equal('active');
    expect(withdrawn.versions[1]?.state).to.equal('withdrawn');
    expectRefusal(
      () =>
        propose(withdrawn, {
          effectiveFrom: '2026-02-01',
          changes: [{ type: 'add_line', line: schoolSupportLine('2026-02-01') }],
        }),
      'VALIDATION_FAILED',
    );
    const next = propose(withdrawn, {
      effectiveFrom: '2026-02-01',
      changes: [{ type: 'add_line', line: schoolSupportLine('2026-02-01', 'support-2') }],
    });
    expect(next.versions[2]?.number).to.equal(3);
  });

  it('allow one pending version at a time, proposed by staff of either party, on an active agreement', () => {
    const input: AmendmentInput = {
      effectiveFrom: '2026-02-01',
      changes: [{ type: 'change_price', serviceLineId: 'stay', price: kroner(96_000) }],
    };
    const proposed = proposeAmendment(placement, input, karin, T);
    expect(proposed.versions[1]?.proposedBy).to.equal('provider');
    expectRefusal(() => propose(proposed, input), 'PENDING_PROPOSAL_EXISTS');
    expectRefusal(() => proposeAmendment(placement, input, stranger, T), 'FORBIDDEN');
    const addOn = activeAgreement(addOnInput('2026-02-01'), karin);
    expectRefusal(
      () =>
        propose(
          addOn,
          {
            effectiveFrom: '2026-05-01',
            changes: [{ type: 'change_quantity', serviceLineId: 'support', agreedQuantity: 4 }],
          },
          at('2026-07-30'),
        ),
      'INVALID_STATE',
    );
    const signedLate = propose(
      addOn,
      {
        effectiveFrom: '2026-05-01',
        changes: [{ type: 'change_period', serviceLineId: 'support', reEvaluationDate: '2026-07-31' }],
      },
      at('2026-04-30'),
    );
    // Signed after the re-evaluation date but inside the renewal window: still a renewal; after it, too late.
    expect(
      signAgreement(signedLate, 2, jonas, RULE, at('2026-05-01')).versions[1]?.signatures,
    ).to.have.length(1);
    expectRefusal(() => signAgreement(signedLate, 2, jonas, RULE, at('2026-07-30')), 'INVALID_STATE');
  });
});

describe('late paperwork for add-on agreements', () => {
  // Drafted and signed on 10 June for school support from 1 February, re-evaluated on 30 April: every line lies in
  // the past the moment it is activated.
  const signedOn = at('2026-06-10');
  const late = activeAgreement(addOnInput('2026-02-01'), karin, [jonas], signedOn);

  it('is active when activated after its re-evaluation date, for the renewal window from the activation', () => {
    expect(late.activatedOn).to.equal('2026-06-10');
    expect(statusOn(late, '2026-06-10')).to.equal('active');
    expect(statusOn(late, '2026-09-08'), '90 days after the activation').to.equal('active');
    expect(statusOn(late, '2026-09-09')).to.equal('expired');
    expect(lineOn(late, 'support', '2026-04-30')).to.include({ agreedQuantity: 6 });
    expect(lineOn(late, 'support', '2026-05-01')).to.be.undefined;
  });

  it('can be renewed late: the line resumes from the amendment, the gap stays unpaid', () => {
    const renewed = bothSign(
      propose(
        late,
        {
          effectiveFrom: '2026-06-01',
          changes: [
            { type: 'change_quantity', serviceLineId: 'support', agreedQuantity: 4 },
            { type: 'change_period', serviceLineId: 'support', reEvaluationDate: '2026-08-31' },
          ],
        },
        at('2026-06-12'),
      ),
      2,
      at('2026-06-12'),
    );
    expect(statusOn(renewed, '2026-06-12')).to.equal('active');
    expect(lineOn(renewed, 'support', '2026-05-15'), 'not payable between re-evaluation and renewal').to.be
      .undefined;
    expect(lineOn(renewed, 'support', '2026-06-01')).to.include({ agreedQuantity: 4 });
    expect(lineOn(renewed, 'support', '2026-08-31')).to.include({ agreedQuantity: 4 });
  });

  it('can be amended in other ways too (the expected end, a price) while it awaits renewal', () => {
    const amended = propose(
      late,
      {
        effectiveFrom: '2026-06-01',
        changes: [{ type: 'change_price', serviceLineId: 'support', price: kroner(450) }],
      },
      at('2026-06-11'),
    );
    expect(amended.versions[1]?.state).to.equal('awaiting_signatures');
  });
});
