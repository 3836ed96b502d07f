import { expect } from 'chai';
import {
  createAgreementDraft,
  kroner,
  monthlyValueOf,
  occursOn,
  parseSchedule,
  proposeAmendment,
  settleMonth,
  signAgreement,
  type PerUnitServiceLine,
  type Schedule,
} from 'agreements-chaincode/core';
import {
  activeAgreement,
  addOnInput,
  at,
  expectRefusal,
  jonas,
  ole,
  RULE,
  sara,
  visitationInput,
} from './fixtures';

const START = '2026-01-01';

function datesIn(schedule: Schedule, month: string): string[] {
  const dates: string[] = [];
  for (let d = 1; d <= 31; d++) {
    const date = `${month}-${String(d).padStart(2, '0')}`;
    if (!Number.isNaN(Date.parse(`${date}T00:00:00Z`)) && new Date(`${date}T00:00:00Z`).getUTCDate() === d) {
      if (occursOn(schedule, date)) dates.push(date);
    }
  }
  return dates;
}

describe('schedules of recurring per-unit lines', () => {
  it('recur every N weeks on the anchor’s weekday, from the anchor on', () => {
    const fortnightly: Schedule = { anchorDate: '2026-01-04', every: 'week', interval: 2 };
    expect(datesIn(fortnightly, '2026-01')).to.deep.equal(['2026-01-04', '2026-01-18']);
    expect(datesIn(fortnightly, '2026-03')).to.deep.equal(['2026-03-01', '2026-03-15', '2026-03-29']);
    expect(datesIn(fortnightly, '2026-08')).to.deep.equal(['2026-08-02', '2026-08-16', '2026-08-30']);
    expect(occursOn(fortnightly, '2025-12-21'), 'never before the anchor').to.equal(false);
    const weekly: Schedule = { anchorDate: '2026-01-06', every: 'week', interval: 1 };
    expect(datesIn(weekly, '2026-03')).to.deep.equal([
      '2026-03-03',
      '2026-03-10',
      '2026-03-17',
      '2026-03-24',
      '2026-03-31',
    ]);
    const everyThird: Schedule = { anchorDate: '2026-01-07', every: 'week', interval: 3 };
    expect(datesIn(everyThird, '2026-02')).to.deep.equal(['2026-02-18']);
  });

  it('recur every N months on the anchor’s day, clamped to the month’s end and never chained', () => {
    const monthly: Schedule = { anchorDate: '2026-01-31', every: 'month', interval: 1 };
    expect(datesIn(monthly, '2026-02')).to.deep.equal(['2026-02-28']);
    expect(datesIn(monthly, '2026-03')).to.deep.equal(['2026-03-31']);
    expect(datesIn(monthly, '2026-04')).to.deep.equal(['2026-04-30']);
    const quarterly: Schedule = { anchorDate: '2026-01-15', every: 'month', interval: 3 };
    expect(
      ['2026-01', '2026-02', '2026-03', '2026-04'].map((m) => datesIn(quarterly, m).length),
    ).to.deep.equal([1, 0, 0, 1]);
  });

  it('price a schedule for the delegation rule’s monthly value', () => {
    const line = visitationInput(START).lines[0] as PerUnitServiceLine;
    // 1 visit × 52 / 12 / 2 × 5 151 kr = 11 160,50 kr.
    expect(monthlyValueOf(line)).to.equal(1_116_050);
    expect(
      monthlyValueOf({ ...line, schedule: { anchorDate: START, every: 'month', interval: 1 } }),
    ).to.equal(kroner(5_151));
  });

  it('are checked: a schedule goes with a quantity per occurrence, intervals are bounded, hours keep per week/month', () => {
    const visits = visitationInput(START).lines[0] as PerUnitServiceLine;
    const draft = (line: PerUnitServiceLine) =>
      createAgreementDraft(visitationInput(START, { lines: [line] }), sara, at(START));
    const { schedule, ...withoutSchedule } = visits;
    expect(schedule).to.not.equal(undefined);
    expectRefusal(() => draft(withoutSchedule), 'VALIDATION_FAILED');
    expectRefusal(() => draft({ ...visits, quantityPeriod: 'week' }), 'VALIDATION_FAILED');
    expectRefusal(
      () => draft({ ...visits, schedule: { anchorDate: START, every: 'week', interval: 53 } }),
      'VALIDATION_FAILED',
    );
    expectRefusal(
      () => parseSchedule({ anchorDate: START, every: 'day', interval: 1 }, 's'),
      'VALIDATION_FAILED',
    );
    expectRefusal(
      () => parseSchedule({ anchorDate: '2026-02-30', every: 'week', interval: 1 }, 's'),
      'VALIDATION_FAILED',
    );
    const hours = addOnInput('2026-02-01');
    const support = hours.lines[0] as PerUnitServiceLine;
    expectRefusal(
      () =>
        createAgreementDraft(
          { ...hours, lines: [{ ...support, quantityPeriod: 'occurrence', schedule: visits.schedule! }] },
          sara,
          at(START),
        ),
      'VALIDATION_FAILED',
    );
  });

  it('can be agreed by amendment, replacing a per-week count', () => {
    const perWeek = activeAgreement(
      visitationInput(START, {
        lines: [
          {
            id: 'visits',
            kind: 'supported_visitation',
            pricing: 'per_unit',
            unit: 'visit',
            unitPrice: kroner(5_151),
            agreedQuantity: 0.5,
            quantityPeriod: 'week',
            startDate: START,
          },
        ],
      }),
      ole,
    );
    // 0.5 a week allows 0.5 × 31 / 7 = 2.21… visits in March 2026, so a third visit is not payable ...
    expect(settleMonth(perWeek, '2026-03', [], at('2026-02-20')).lines[0]?.allowedQuantity).to.equal(2.21);
    const proposed = proposeAmendment(
      perWeek,
      {
        effectiveFrom: '2026-03-01',
        changes: [
          {
            type: 'change_quantity',
            serviceLineId: 'visits',
            agreedQuantity: 1,
            quantityPeriod: 'occurrence',
            schedule: { anchorDate: '2026-01-04', every: 'week', interval: 2 },
          },
        ],
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
    // ... but on the schedule it is.
    expect(settleMonth(amended, '2026-03', [], at('2026-02-20')).lines[0]?.allowedQuantity).to.equal(3);
    expect(settleMonth(amended, '2026-02', [], at('2026-02-20')).lines[0]?.allowedQuantity).to.equal(2);
    expectRefusal(
      () =>
        proposeAmendment(
          perWeek,
          {
            effectiveFrom: '2026-03-01',
            changes: [
              {
                type: 'change_quantity',
                serviceLineId: 'visits',
                agreedQuantity: 1,
                quantityPeriod: 'occurrence',
              },
            ],
          },
          sara,
          at('2026-02-20'),
        ),
      'VALIDATION_FAILED',
    );
  });
});
