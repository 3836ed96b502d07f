import { expect } from 'chai';
import {
  attestInvoice,
  creditForTermination,
  defaultAttestationRule,
  adoptAttestationRule,
  lifecycleOnValidation,
  noticePeriodEnd,
  parseAttestationRuleInput,
  proposeTermination,
  recordPayment,
  signTermination,
  validateInvoice,
  type Agreement,
  type InvoiceLifecycle,
} from 'agreements-chaincode/core';
import {
  activeAgreement,
  at,
  expectRefusal,
  jonas,
  karin,
  lene,
  mads,
  placementInput,
  RULE,
  sara,
} from './fixtures';

const START = '2026-01-01';

describe('termination by the municipality alone (notice)', () => {
  const placement = activeAgreement(placementInput(START), karin);

  it('computes the notice period: running month plus n months, or n days', () => {
    const monthly = { unit: 'running_month_plus_months', months: 1 } as const;
    expect(noticePeriodEnd(monthly, '2026-03-10')).to.equal('2026-04-30');
    expect(noticePeriodEnd(monthly, '2026-03-31')).to.equal('2026-04-30');
    expect(noticePeriodEnd({ unit: 'running_month_plus_months', months: 3 }, '2026-11-02')).to.equal(
      '2027-02-28',
    );
    expect(noticePeriodEnd({ unit: 'days', days: 30 }, '2026-03-10')).to.equal('2026-04-09');
  });

  it('ends the agreement on the municipality’s signatures alone, at the notice period’s end at the earliest', () => {
    const proposed = proposeTermination(
      placement,
      { mode: 'notice', effectiveDate: '2026-03-15' },
      sara,
      at('2026-03-10'),
    );
    const once = signTermination(proposed, 1, mads, RULE, at('2026-03-11'));
    expect(once.status).to.equal('active');
    const given = signTermination(once, 1, lene, RULE, at('2026-03-12'));
    expect(given.status).to.equal('terminated');
    expect(given.terminations[0]).to.include({
      state: 'agreed',
      cause: 'notice',
      mode: 'notice',
      requestedDate: '2026-03-15',
      noticeGivenOn: '2026-03-12',
      noticePeriodEnd: '2026-04-30',
      effectiveDate: '2026-04-30',
    });
  });

  it('takes effect on the requested date if it is later than the notice period’s end', () => {
    const given = signTermination(
      proposeTermination(placement, { mode: 'notice', effectiveDate: '2026-06-30' }, sara, at('2026-03-10')),
      1,
      jonas,
      RULE,
      at('2026-03-10'),
    );
    expect(given.terminations[0]?.effectiveDate).to.equal('2026-06-30');
  });

  it('defaults the date to the notice period’s end, and honours the agreement’s own term', () => {
    const days = activeAgreement(placementInput(START, { noticePeriod: { unit: 'days', days: 14 } }), karin);
    const proposed = proposeTermination(days, { mode: 'notice' }, sara, at('2026-03-10'));
    expect(proposed.terminations[0]?.effectiveDate).to.equal('2026-03-24');
    // Signed a week later: the notice runs from the day it is given.
    const given = signTermination(proposed, 1, jonas, RULE, at('2026-03-17'));
    expect(given.terminations[0]?.effectiveDate).to.equal('2026-03-31');
  });

  it('takes effect on an earlier date when the provider co-signed before the municipality completed', () => {
    const proposed = proposeTermination(
      placement,
      { mode: 'notice', effectiveDate: '2026-03-15' },
      sara,
      at('2026-03-10'),
    );
    const coSigned = signTermination(proposed, 1, karin, RULE, at('2026-03-10'));
    expect(coSigned.status).to.equal('active');
    const given = signTermination(coSigned, 1, jonas, RULE, at('2026-03-11'));
    expect(given.terminations[0]).to.include({ effectiveDate: '2026-03-15', cause: 'notice' });
  });

  it('is the municipality’s: a provider cannot give it; mutual termination still needs both', () => {
    expectRefusal(
      () => proposeTermination(placement, { mode: 'notice' }, karin, at('2026-03-10')),
      'FORBIDDEN',
    );
    const mutual = proposeTermination(placement, '2026-03-15', sara, at('2026-03-10'));
    expect(signTermination(mutual, 1, jonas, RULE, at('2026-03-10')).status).to.equal('active');
  });

  it('never runs past the expected end', () => {
    const bounded = activeAgreement(placementInput(START, { expectedEndDate: '2026-04-15' }), karin);
    const given = signTermination(
      proposeTermination(bounded, { mode: 'notice' }, sara, at('2026-03-10')),
      1,
      jonas,
      RULE,
      at('2026-03-10'),
    );
    expect(given.terminations[0]?.effectiveDate).to.equal('2026-04-15');
  });
});

describe('invoice attestation and payment', () => {
  const placement = activeAgreement(placementInput(START), karin);
  const february = validateInvoice(
    placement,
    { invoiceId: 'inv-feb', month: '2026-02', lines: [{ serviceLineId: 'stay', amount: 9_500_000 }] },
    { alreadyInvoiced: [], reports: [] },
    at('2026-03-02'),
  );
  const rule = defaultAttestationRule(placement.municipalityMspId);

  it('a validated invoice awaits attestation; a wholly rejected one is rejected', () => {
    expect(lifecycleOnValidation(february, rule, at('2026-03-02'))).to.deep.equal({ state: 'validated' });
    expect(lifecycleOnValidation({ ...february, status: 'rejected' }, rule, at('2026-03-02')).state).to.equal(
      'rejected',
    );
  });

  it('is attested automatically below the rule’s amount, if every line was accepted', () => {
    const auto = adoptAttestationRule(
      placement.municipalityMspId,
      rule,
      { roles: ['centre_head'], autoAttestBelow: 10_000_000 },
      at('2026-01-01'),
    );
    expect(lifecycleOnValidation(february, auto, at('2026-03-02'))).to.deep.include({ state: 'approved' });
    const low = adoptAttestationRule(
      placement.municipalityMspId,
      rule,
      { roles: ['centre_head'], autoAttestBelow: 9_500_000 },
      at('2026-01-01'),
    );
    expect(lifecycleOnValidation(february, low, at('2026-03-02')).state, 'not below').to.equal('validated');
    expect(
      lifecycleOnValidation({ ...february, status: 'partially_accepted' }, auto, at('2026-03-02')).state,
    ).to.equal('validated');
    expectRefusal(() => parseAttestationRuleInput({ roles: ['provider_staff'] }), 'VALIDATION_FAILED');
    expectRefusal(() => parseAttestationRuleInput({ roles: [] }), 'VALIDATION_FAILED');
    expectRefusal(() => parseAttestationRuleInput({ roles: ['director', 'director'] }), 'VALIDATION_FAILED');
  });

  it('is attested by a named role only, then paid by someone else with reference and date', () => {
    const validated: InvoiceLifecycle = { state: 'validated' };
    expectRefusal(() => attestInvoice(validated, placement, sara, rule, at('2026-03-03')), 'WRONG_ROLE');
    expectRefusal(() => attestInvoice(validated, placement, karin, rule, at('2026-03-03')), 'FORBIDDEN');
    expectRefusal(
      () =>
        recordPayment(
          validated,
          february,
          placement,
          { reference: 'pay-1', paidOn: '2026-03-05' },
          sara,
          at('2026-03-05'),
        ),
      'INVALID_STATE',
    );
    const approved = attestInvoice(validated, placement, mads, rule, at('2026-03-03'));
    expect(approved.state).to.equal('approved');
    expect(approved.attestation).to.include({ automatic: false, certId: mads.certId, role: 'centre_head' });
    expectRefusal(() => attestInvoice(approved, placement, lene, rule, at('2026-03-03')), 'INVALID_STATE');
    expectRefusal(
      () =>
        recordPayment(
          approved,
          february,
          placement,
          { reference: 'pay-1', paidOn: '2026-03-05' },
          mads,
          at('2026-03-05'),
        ),
      'FORBIDDEN',
    );
    expectRefusal(
      () =>
        recordPayment(
          approved,
          february,
          placement,
          { reference: 'pay-1', paidOn: '2026-03-06' },
          sara,
          at('2026-03-05'),
        ),
      'VALIDATION_FAILED',
    );
    const paid = recordPayment(
      approved,
      february,
      placement,
      { reference: 'pay-1', paidOn: '2026-03-05' },
      sara,
      at('2026-03-05'),
    );
    expect(paid.state).to.equal('paid');
    expect(paid.payment).to.include({ reference: 'pay-1', paidOn: '2026-03-05', amount: 9_500_000 });
  });

  it('a termination dated back flags approved invoices with the amount to credit', () => {
    const terminated: Agreement = signTermination(
      signTermination(
        proposeTermination(placement, '2026-02-10', sara, at('2026-03-10')),
        1,
        jonas,
        RULE,
        at('2026-03-10'),
      ),
      1,
      karin,
      RULE,
      at('2026-03-10'),
    );
    const termination = terminated.terminations[0];
    if (termination === undefined) {
      throw new Error('no termination');
    }
    const credit = creditForTermination(
      terminated,
      termination,
      { state: 'approved' },
      february,
      at('2026-03-10'),
    );
    // 95 000 kr for 10 of 28 days = 3 392 857 øre still due; the rest is credited.
    expect(credit).to.deep.include({
      amount: 9_500_000 - 3_392_857,
      effectiveDate: '2026-02-10',
      terminationNumber: 1,
    });
    expect(credit?.lines[0]).to.deep.equal({
      serviceLineId: 'stay',
      approved: 9_500_000,
      stillDue: 3_392_857,
      credit: 6_107_143,
    });
    const march = { ...february, month: '2026-03' };
    expect(
      creditForTermination(terminated, termination, { state: 'paid' }, march, at('2026-03-10'))?.amount,
    ).to.equal(9_500_000);
    expect(
      creditForTermination(terminated, termination, { state: 'rejected' }, march, at('2026-03-10')),
    ).to.equal(undefined);
  });
});
