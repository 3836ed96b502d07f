import { expect } from 'chai';
import {
  acceptStatusReport,
  kroner,
  proposeAmendment,
  proposeTermination,
  settleMonth,
  signAgreement,
  signTermination,
  submitStatusReport,
  type Agreement,
  type LineSettlement,
  type Settlement,
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
  roundHalfUp,
  RULE,
  sara,
  visitationInput,
} from './fixtures';

const START = '2026-01-01';

function line(settlement: Settlement, id: string): LineSettlement {
  const found = settlement.lines.find((candidate) => candidate.serviceLineId === id);
  if (!found) {
    throw new Error(`no line ${id} in ${settlement.month}`);
  }
  return found;
}

function amend(
  agreement: Agreement,
  effectiveFrom: string,
  changes: Parameters<typeof proposeAmendment>[1]['changes'],
  provider = karin,
): Agreement {
  const when = at(effectiveFrom);
  const proposed = proposeAmendment(agreement, { effectiveFrom, changes }, sara, when);
  const version = proposed.versions.at(-1)!.number;
  return signAgreement(signAgreement(proposed, version, jonas, RULE, when), version, provider, RULE, when);
}

describe('monthly settlement', () => {
  const placement = activeAgreement(placementInput(START), karin);
  const early = at('2026-01-20'); // before any report is due

  it('charges every monthly line in full for a full month', () => {
    const january = settleMonth(placement, '2026-01', [], early);
    expect(january.daysInMonth).to.equal(31);
    expect(january.lines.map((l) => [l.serviceLineId, l.basis, l.activeDays, l.due])).to.deep.equal([
      ['school', 'prorated', 31, 2_400_000],
      ['stay', 'prorated', 31, 9_500_000],
      ['taxi', 'prorated', 31, 950_000],
    ]);
    expect(january.totals).to.deep.equal({ due: 12_850_000, held: 0, payable: 12_850_000 });
  });

  it('drops the taxi after its three months', () => {
    expect(line(settleMonth(placement, '2026-03', [], early), 'taxi').due).to.equal(950_000);
    const april = settleMonth(placement, '2026-04', [], at('2026-03-31'));
    expect(april.lines.map((l) => l.serviceLineId)).to.deep.equal(['school', 'stay']);
    expect(april.totals.due).to.equal(11_900_000);
  });

  it('owes nothing before the start or for an agreement not yet in force', () => {
    expect(settleMonth(placement, '2025-12', [], early).lines).to.deep.equal([]);
    expect(settleMonth(placement, '2025-12', [], early).totals).to.deep.equal({
      due: 0,
      held: 0,
      payable: 0,
    });
  });

  it('prorates a line active 10 of 31 days: round_half_up(9 500 000 × 10 / 31) = 3 064 516', () => {
    const lateStart = activeAgreement(placementInput('2026-01-22'), karin);
    const january = settleMonth(lateStart, '2026-01', [], early);
    expect(line(january, 'stay')).to.include({ activeDays: 10, due: 3_064_516 });
    expect(line(january, 'school').due).to.equal(roundHalfUp(2_400_000 * 10, 31));
    expect(line(january, 'taxi').due).to.equal(roundHalfUp(950_000 * 10, 31));
    // The taxi's three months run to 21 April: 21 of 30 days.
    expect(line(settleMonth(lateStart, '2026-04', [], early), 'taxi')).to.include({
      activeDays: 21,
      due: 665_000,
    });
  });

  it('prorates a mid-month price change over the days each price applies, rounding once', () => {
    const pricier = amend(placement, '2026-03-16', [
      { type: 'change_price', serviceLineId: 'stay', price: kroner(98_000) },
    ]);
    // (9 500 000 × 15 + 9 800 000 × 16) / 31 = 9 654 838.71
    expect(line(settleMonth(pricier, '2026-03', [], early), 'stay').due).to.equal(9_654_839);
    expect(line(settleMonth(pricier, '2026-04', [], early), 'stay').due).to.equal(9_800_000);
    expect(line(settleMonth(pricier, '2026-02', [], early), 'stay').due).to.equal(9_500_000);
  });

  it('prorates an early termination mid-month: 15 of 31 December days', () => {
    const proposed = proposeTermination(placement, '2026-12-15', sara, at('2026-12-01'));
    const ended = signTermination(
      signTermination(proposed, 1, jonas, RULE, at('2026-12-01')),
      1,
      karin,
      RULE,
      at('2026-12-01'),
    );
    const december = settleMonth(ended, '2026-12', [], early);
    expect(line(december, 'stay')).to.include({ activeDays: 15, due: 4_596_774 });
    expect(line(december, 'school').due).to.equal(1_161_290);
    expect(settleMonth(ended, '2027-01', [], early).lines).to.deep.equal([]);
  });

  describe('per-unit lines', () => {
    it('allow exactly the visits the schedule puts in the month: every second Sunday at 5 151 kr', () => {
      const visitation = activeAgreement(visitationInput(START), ole);
      // From Sunday 4 January 2026: 4, 18 Jan; 1, 15 Feb; 1, 15, 29 Mar; 12, 26 Apr; … 2, 16, 30 Aug.
      const expected: Record<string, number> = {
        '2026-01': 2,
        '2026-02': 2,
        '2026-03': 3,
        '2026-04': 2,
        '2026-05': 2,
        '2026-06': 2,
        '2026-07': 2,
        '2026-08': 3,
        '2026-09': 2,
        '2026-10': 2,
        '2026-11': 2,
        '2026-12': 2,
      };
      for (const [month, visits] of Object.entries(expected)) {
        expect(line(settleMonth(visitation, month, [], early), 'visits'), month).to.include({
          basis: 'allowance',
          unitPrice: 515_100,
          allowedQuantity: visits,
          due: visits * 515_100,
        });
      }
    });

    it('count only the occurrences on the line’s active days', () => {
      // Ending on 20 March 2026 drops the visit of the 29th; starting on 10 March drops the 1st.
      const ends = activeAgreement(
        visitationInput(START, {
          lines: [{ ...visitationInput(START).lines[0]!, endDate: '2026-03-20' }],
        }),
        ole,
      );
      expect(line(settleMonth(ends, '2026-03', [], early), 'visits').allowedQuantity).to.equal(2);
      const lateStart = activeAgreement(
        visitationInput(START, {
          lines: [{ ...visitationInput(START).lines[0]!, startDate: '2026-03-10' }],
        }),
        ole,
      );
      expect(line(settleMonth(lateStart, '2026-03', [], early), 'visits').allowedQuantity).to.equal(2);
      expect(settleMonth(lateStart, '2026-02', [], early).lines).to.deep.equal([]);
    });

    it('count a per-week quantity as per_week × active_days / 7, across a mid-month quantity change', () => {
      const addOn = activeAgreement(addOnInput('2026-02-01'), karin);
      expect(line(settleMonth(addOn, '2026-02', [], early), 'support')).to.include({
        allowedQuantity: 24,
        due: 1_065_600,
      });
      expect(line(settleMonth(addOn, '2026-03', [], early), 'support')).to.include({
        allowedQuantity: 26.57,
        due: 1_179_771,
      });
      expect(line(settleMonth(addOn, '2026-04', [], early), 'support')).to.include({
        allowedQuantity: 25.71,
        due: 1_141_714,
      });
      const adjusted = amend(addOn, '2026-04-16', [
        { type: 'change_quantity', serviceLineId: 'support', agreedQuantity: 4 },
        { type: 'change_period', serviceLineId: 'support', reEvaluationDate: '2026-07-31' },
      ]);
      // (6 × 15 + 4 × 15) / 7 = 21.428… hours in April, shown rounded down
      expect(line(settleMonth(adjusted, '2026-04', [], early), 'support').allowedQuantity).to.equal(21.42);
      expect(line(settleMonth(adjusted, '2026-05', [], early), 'support')).to.include({
        allowedQuantity: 17.71,
        due: 786_514,
      });
    });

    it('count a per-month quantity prorated by calendar days', () => {
      const monthly = activeAgreement(
        visitationInput(START, {
          lines: [
            {
              id: 'visits',
              kind: 'supported_visitation',
              pricing: 'per_unit',
              unit: 'visit',
              unitPrice: kroner(5_151),
              agreedQuantity: 3,
              quantityPeriod: 'month',
              startDate: '2026-01-22',
            },
          ],
        }),
        ole,
      );
      // 3 × 10 / 31 = 0.967… visits
      expect(line(settleMonth(monthly, '2026-01', [], early), 'visits')).to.include({
        allowedQuantity: 0.96,
        due: roundHalfUp(515_100 * 30, 31),
      });
      expect(line(settleMonth(monthly, '2026-02', [], early), 'visits')).to.include({
        allowedQuantity: 3,
        due: 1_545_300,
      });
    });

    it('use the invoiced amount instead of the maximum once invoiced', () => {
      const visitation = activeAgreement(visitationInput(START), ole);
      const settled = settleMonth(visitation, '2026-01', [], early, { visits: 1_030_200 });
      expect(line(settled, 'visits')).to.include({ basis: 'invoiced', due: 1_030_200, payable: 1_030_200 });
    });
  });

  describe('held instalments (withholding looks forward)', () => {
    // Quarter 1 (January–March 2026) is due on 1 April; with the default 10 days' grace it holds from 12 April.
    const Q1 = {
      obligationId: 'status-report',
      periodNumber: 1,
      dueDate: '2026-04-01',
      heldFrom: '2026-04-12',
    };
    const report = (agreement: Agreement, who = karin, when = at('2026-05-10')) =>
      submitStatusReport(
        agreement,
        undefined,
        { obligationId: 'status-report', periodNumber: 1, documentHash: hash('b') },
        who,
        when,
      );
    // April and May: stay and school (the taxi ended on 31 March).
    const APRIL_DUE = 11_900_000;

    it('hold nothing until the due date plus the grace period has passed', () => {
      expect(settleMonth(placement, '2026-03', [], at('2026-04-11')).totals.held).to.equal(0);
      const march = settleMonth(placement, '2026-03', [], at('2026-04-12'));
      expect(march.totals).to.deep.equal({ due: 12_850_000, held: 12_850_000, payable: 0 });
      expect(line(march, 'stay')).to.include({ heldDays: 31 });
      expect(line(march, 'stay').heldBy).to.deep.equal([Q1]);
      expect(march).to.include({ settledAt: '2026-04-12T10:00:00.000Z', settledOn: '2026-04-12' });
    });

    it('hold the gated lines of every month settled while the report is missing, also months after its period', () => {
      const april = settleMonth(placement, '2026-04', [], at('2026-05-01'));
      expect(april.totals).to.deep.equal({ due: APRIL_DUE, held: APRIL_DUE, payable: 0 });
      expect(line(april, 'school').heldBy).to.deep.equal([Q1]);
      const may = settleMonth(placement, '2026-05', [], at('2026-06-01'));
      expect(may.totals).to.deep.equal({ due: APRIL_DUE, held: APRIL_DUE, payable: 0 });
    });

    it('never reopen a month settled before the hold began', () => {
      // March was settled on 1 April, before the hold: it stays payable whenever it is looked at again.
      const march = settleMonth(placement, '2026-03', [], at('2026-06-20'), {}, at('2026-04-01'));
      expect(march.totals).to.deep.equal({ due: 12_850_000, held: 0, payable: 12_850_000 });
      expect(march.settledOn).to.equal('2026-04-01');
    });

    it('release on submission by default, from the moment of the submission', () => {
      const q1 = report(placement);
      const settledMay1 = at('2026-05-01');
      expect(
        settleMonth(placement, '2026-04', [q1], at('2026-05-10', '09:59:59'), {}, settledMay1).totals.held,
      ).to.equal(APRIL_DUE);
      const released = settleMonth(placement, '2026-04', [q1], at('2026-05-10'), {}, settledMay1);
      expect(released.totals).to.deep.equal({ due: APRIL_DUE, held: 0, payable: APRIL_DUE });
      expect(line(released, 'stay').heldBy).to.deep.equal([]);
      // A month settled after the submission is not held at all.
      expect(settleMonth(placement, '2026-05', [q1], at('2026-06-01')).totals.held).to.equal(0);
    });

    it('never hold when the report is submitted within the grace period', () => {
      const q1 = report(placement, karin, at('2026-04-11'));
      expect(settleMonth(placement, '2026-04', [q1], at('2026-05-01')).totals.held).to.equal(0);
    });

    it('release only on acceptance where the obligation says so', () => {
      const byAcceptance = activeAgreement(
        placementInput(START, { obligations: [{ id: 'status-report', releasedBy: 'acceptance' }] }),
        karin,
      );
      // Submitted in time but not accepted: it holds from 12 April all the same.
      const q1 = report(byAcceptance, karin, at('2026-03-30'));
      expect(settleMonth(byAcceptance, '2026-04', [q1], at('2026-05-01')).totals.held).to.equal(APRIL_DUE);
      const accepted = acceptStatusReport(byAcceptance, q1, 1, sara, at('2026-05-12'));
      expect(
        settleMonth(byAcceptance, '2026-04', [accepted], at('2026-05-12', '09:00:00'), {}, at('2026-05-01'))
          .totals.held,
      ).to.equal(APRIL_DUE);
      expect(
        settleMonth(byAcceptance, '2026-04', [accepted], at('2026-05-12'), {}, at('2026-05-01')).totals.held,
      ).to.equal(0);
    });

    it('take the grace period from the obligation’s terms', () => {
      const noGrace = activeAgreement(
        placementInput(START, { obligations: [{ id: 'status-report', graceDays: 0 }] }),
        karin,
      );
      expect(settleMonth(noGrace, '2026-03', [], at('2026-04-01')).totals.held).to.equal(0);
      expect(line(settleMonth(noGrace, '2026-03', [], at('2026-04-02')), 'stay').heldBy).to.deep.equal([
        { ...Q1, heldFrom: '2026-04-02' },
      ]);
      const month = activeAgreement(
        placementInput(START, { obligations: [{ id: 'status-report', graceDays: 30 }] }),
        karin,
      );
      expect(settleMonth(month, '2026-04', [], at('2026-05-01')).totals.held).to.equal(0);
      expect(settleMonth(month, '2026-04', [], at('2026-05-02')).totals.held).to.equal(APRIL_DUE);
    });

    it('hold only the lines a report gates', () => {
      const stayOnly: Agreement = {
        ...placement,
        obligations: [{ ...placement.obligations[0]!, gatedLineKinds: ['stay'] }],
      };
      const march = settleMonth(stayOnly, '2026-03', [], at('2026-04-12'));
      expect(line(march, 'stay')).to.include({ held: 9_500_000, payable: 0 });
      expect(line(march, 'school')).to.include({ held: 0, payable: 2_400_000, heldDays: 0 });
      expect(line(march, 'school').heldBy).to.deep.equal([]);
      expect(march.totals).to.deep.equal({ due: 12_850_000, held: 9_500_000, payable: 3_350_000 });
    });

    it('hold another agreement’s lines only by its own reports', () => {
      const visitation = activeAgreement(visitationInput(START), ole);
      const q1Visits = report(visitation, ole, at('2026-03-30'));
      expect(settleMonth(visitation, '2026-04', [q1Visits], at('2026-05-01')).totals.held).to.equal(0);
      expect(settleMonth(placement, '2026-04', [q1Visits], at('2026-05-01')).totals.held).to.equal(APRIL_DUE);
    });

    it('hold the whole month, also when the periods do not start on the 1st', () => {
      const midMonth = activeAgreement(placementInput('2026-01-15'), karin);
      // Period 1 covers 15 January – 14 April, is due on 15 April and holds from 26 April.
      expect(settleMonth(midMonth, '2026-04', [], at('2026-04-25')).totals.held).to.equal(0);
      const april = settleMonth(midMonth, '2026-04', [], at('2026-04-26'));
      expect(line(april, 'stay')).to.include({ due: 9_500_000, heldDays: 30, held: 9_500_000, payable: 0 });
    });

    it('hold the whole invoiced amount of a per-unit line', () => {
      const visitation = activeAgreement(visitationInput(START), ole);
      const april = line(
        settleMonth(visitation, '2026-04', [], at('2026-05-01'), { visits: 1_030_200 }),
        'visits',
      );
      expect(april).to.include({ basis: 'invoiced', held: 1_030_200, payable: 0 });
    });

    it('refuse a settlement moment after the moment it is computed for', () => {
      expectRefusal(
        () => settleMonth(placement, '2026-04', [], at('2026-05-01'), {}, at('2026-05-02')),
        'VALIDATION_FAILED',
      );
    });
  });

  it('validates its month', () => {
    expectRefusal(() => settleMonth(placement, '2026-13', [], early), 'VALIDATION_FAILED');
  });
});
