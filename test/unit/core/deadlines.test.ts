import { expect } from 'chai';
import {
  acceptStatusReport,
  createAgreementDraft,
  heldInstalments,
  proposeTermination,
  signTermination,
  submitStatusReport,
  upcomingDeadlines,
} from 'agreements-chaincode/core';
import {
  activeAgreement,
  addOnInput,
  at,
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

describe('deadlines', () => {
  const placement = activeAgreement(placementInput(START), karin);

  it('list reports due and lines ending within the horizon, sorted by date', () => {
    expect(upcomingDeadlines(placement, [], at('2026-03-01'))).to.deep.equal([
      { agreementId: 'placement-1', kind: 'line_ends', date: '2026-03-31', serviceLineId: 'taxi' },
      {
        agreementId: 'placement-1',
        kind: 'report_due',
        date: '2026-04-01',
        obligationId: 'status-report',
        periodNumber: 1,
      },
    ]);
    expect(upcomingDeadlines(placement, [], at('2026-03-01'), 20)).to.deep.equal([]);
  });

  it('keep listing overdue reports until accepted', () => {
    const deadlines = upcomingDeadlines(placement, [], at('2026-07-15'), 10);
    expect(deadlines.map((d) => [d.kind, d.periodNumber, d.date])).to.deep.equal([
      ['report_overdue', 1, '2026-04-01'],
      ['report_overdue', 2, '2026-07-01'],
    ]);
    const q1 = acceptStatusReport(
      placement,
      submitStatusReport(
        placement,
        undefined,
        { obligationId: 'status-report', periodNumber: 1, documentHash: hash('a') },
        karin,
        at('2026-07-15'),
      ),
      1,
      sara,
      at('2026-07-15'),
    );
    expect(upcomingDeadlines(placement, [q1], at('2026-07-16'), 10).map((d) => d.periodNumber)).to.deep.equal(
      [2],
    );
  });

  it('flag an add-on’s re-evaluation', () => {
    const addOn = activeAgreement(addOnInput('2026-02-01'), karin);
    expect(upcomingDeadlines(addOn, [], at('2026-04-15'))).to.deep.equal([
      { agreementId: 'addon-1', kind: 'line_re_evaluation', date: '2026-04-30', serviceLineId: 'support' },
    ]);
  });

  it('flag the expected end and an agreed termination, and nothing for drafts', () => {
    const bounded = activeAgreement(placementInput(START, { expectedEndDate: '2026-06-30' }), karin);
    expect(upcomingDeadlines(bounded, [], at('2026-06-10')).map((d) => d.kind)).to.include('agreement_ends');
    const ended = signTermination(
      signTermination(
        proposeTermination(placement, '2026-12-15', sara, at('2026-12-01')),
        1,
        jonas,
        RULE,
        at('2026-12-01'),
      ),
      1,
      karin,
      RULE,
      at('2026-12-01'),
    );
    expect(upcomingDeadlines(ended, [], at('2026-12-01'), 20).map((d) => [d.kind, d.date])).to.deep.include([
      'termination_effective',
      '2026-12-15',
    ]);
    expect(
      upcomingDeadlines(createAgreementDraft(placementInput(START), sara, at(START)), [], at(START)),
    ).to.deep.equal([]);
  });
});

describe('held instalments', () => {
  const placement = activeAgreement(placementInput(START), karin);
  const Q1 = {
    obligationId: 'status-report',
    periodNumber: 1,
    dueDate: '2026-04-01',
    heldFrom: '2026-04-12',
  };

  it('list what each missing report holds, month by month, with since when and a total', () => {
    // Nothing is recorded: every month up to the current one counts as settled now.
    const held = heldInstalments(placement, [], at('2026-04-12'));
    expect(held.instalments.map((i) => [i.month, i.serviceLineId, i.held])).to.deep.equal([
      ['2026-01', 'school', 2_400_000],
      ['2026-01', 'stay', 9_500_000],
      ['2026-01', 'taxi', 950_000],
      ['2026-02', 'school', 2_400_000],
      ['2026-02', 'stay', 9_500_000],
      ['2026-02', 'taxi', 950_000],
      ['2026-03', 'school', 2_400_000],
      ['2026-03', 'stay', 9_500_000],
      ['2026-03', 'taxi', 950_000],
      ['2026-04', 'school', 2_400_000],
      ['2026-04', 'stay', 9_500_000],
    ]);
    expect(held.instalments[0]?.heldBy).to.deep.equal([Q1]);
    expect(held.instalments[0]).to.not.have.property('settledAt');
    expect(held.total).to.equal(3 * 12_850_000 + 11_900_000);
    expect(heldInstalments(placement, [], at('2026-04-11'))).to.deep.equal({ instalments: [], total: 0 });
  });

  it('leave out months recorded before the hold, and say when the held ones were recorded', () => {
    const held = heldInstalments(
      placement,
      [],
      at('2026-05-20'),
      {},
      {
        '2026-01': at('2026-02-01'),
        '2026-02': at('2026-03-01'),
        '2026-03': at('2026-04-01'),
        '2026-04': at('2026-05-01'),
      },
    );
    expect(held.instalments.map((i) => [i.month, i.serviceLineId, i.held, i.settledAt])).to.deep.equal([
      ['2026-04', 'school', 2_400_000, '2026-05-01T10:00:00.000Z'],
      ['2026-04', 'stay', 9_500_000, '2026-05-01T10:00:00.000Z'],
      ['2026-05', 'school', 2_400_000, undefined],
      ['2026-05', 'stay', 9_500_000, undefined],
    ]);
  });

  it('use invoiced per-unit amounts where given', () => {
    const visitation = activeAgreement(visitationInput(START), ole);
    const held = heldInstalments(visitation, [], at('2026-04-12'), { '2026-01': { visits: 1_030_200 } });
    expect(held.instalments.map((i) => [i.month, i.held])).to.deep.equal([
      ['2026-01', 1_030_200],
      ['2026-02', 1_030_200],
      ['2026-03', 1_545_300],
      ['2026-04', 1_030_200],
    ]);
  });
});
