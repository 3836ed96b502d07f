import { expect } from 'chai';
import {
  acceptStatusReport,
  createAgreementDraft,
  holdsInForce,
  holdStartsOn,
  releasedAt,
  proposeTermination,
  reportPeriods,
  reportStateAt,
  signTermination,
  submitStatusReport,
  type Agreement,
  type StatusReport,
} from 'agreements-chaincode/core';
import {
  activeAgreement,
  at,
  expectRefusal,
  hash,
  jonas,
  karin,
  lene,
  ole,
  placementInput,
  RULE,
  sara,
  stranger,
  visitationInput,
} from './fixtures';

const START = '2026-01-01';

function submit(
  agreement: Agreement,
  existing: StatusReport | undefined,
  periodNumber: number,
  digit: string,
  when: string,
  correction?: boolean,
): StatusReport {
  return submitStatusReport(
    agreement,
    existing,
    {
      obligationId: 'status-report',
      periodNumber,
      documentHash: hash(digit),
      ...(correction === undefined ? {} : { correction }),
    },
    agreement.providerMspId === karin.mspId ? karin : ole,
    at(when),
  );
}

describe('obligations: status reports', () => {
  const placement = activeAgreement(placementInput(START), karin);

  it('run every 3 months from the start, due the day after each period', () => {
    const obligation = placement.obligations[0]!;
    expect(reportPeriods(placement, obligation, '2026-12-31')).to.deep.equal([
      {
        obligationId: 'status-report',
        number: 1,
        startDate: '2026-01-01',
        endDate: '2026-03-31',
        dueDate: '2026-04-01',
      },
      {
        obligationId: 'status-report',
        number: 2,
        startDate: '2026-04-01',
        endDate: '2026-06-30',
        dueDate: '2026-07-01',
      },
      {
        obligationId: 'status-report',
        number: 3,
        startDate: '2026-07-01',
        endDate: '2026-09-30',
        dueDate: '2026-10-01',
      },
      {
        obligationId: 'status-report',
        number: 4,
        startDate: '2026-10-01',
        endDate: '2026-12-31',
        dueDate: '2027-01-01',
      },
    ]);
    expect(reportPeriods(placement, obligation, '2026-03-31')).to.have.length(1);
    const midMonth = activeAgreement(placementInput('2026-01-31'), karin);
    expect(
      reportPeriods(midMonth, obligation, '2026-07-30').map((p) => [p.startDate, p.endDate, p.dueDate]),
    ).to.deep.equal([
      ['2026-01-31', '2026-04-29', '2026-04-30'],
      ['2026-04-30', '2026-07-30', '2026-07-31'],
    ]);
    expect(
      reportPeriods(createAgreementDraft(placementInput(START), sara, at(START)), obligation, '2026-12-31'),
    ).to.deep.equal([]);
  });

  it('stop at an early end: the last period is cut at the termination date', () => {
    const proposed = proposeTermination(placement, '2026-05-20', sara, at('2026-05-01'));
    const ended = signTermination(
      signTermination(proposed, 1, jonas, RULE, at('2026-05-02')),
      1,
      karin,
      RULE,
      at('2026-05-02'),
    );
    const periods = reportPeriods(ended, placement.obligations[0]!, '2027-12-31');
    expect(periods.map((p) => [p.number, p.endDate, p.dueDate])).to.deep.equal([
      [1, '2026-03-31', '2026-04-01'],
      [2, '2026-05-20', '2026-07-01'],
    ]);
  });

  it('are submitted only by the obligated provider, for a period that has started', () => {
    expectRefusal(
      () =>
        submitStatusReport(
          placement,
          undefined,
          { obligationId: 'status-report', periodNumber: 1, documentHash: hash('a') },
          sara,
          at('2026-03-30'),
        ),
      'FORBIDDEN',
    );
    expectRefusal(
      () =>
        submitStatusReport(
          placement,
          undefined,
          { obligationId: 'status-report', periodNumber: 1, documentHash: hash('a') },
          ole,
          at('2026-03-30'),
        ),
      'FORBIDDEN',
    );
    expectRefusal(
      () =>
        submitStatusReport(
          placement,
          undefined,
          { obligationId: 'status-report', periodNumber: 1, documentHash: hash('a') },
          stranger,
          at('2026-03-30'),
        ),
      'FORBIDDEN',
    );
    expectRefusal(() => submit(placement, undefined, 2, 'a', '2026-03-31'), 'PRECONDITION_FAILED');
    expectRefusal(
      () =>
        submitStatusReport(
          placement,
          undefined,
          { obligationId: 'nope', periodNumber: 1, documentHash: hash('a') },
          karin,
          at('2026-03-30'),
        ),
      'NOT_FOUND',
    );
    expectRefusal(
      () =>
        submitStatusReport(
          placement,
          undefined,
          { obligationId: 'status-report', periodNumber: 1, documentHash: 'ABC' },
          karin,
          at('2026-03-30'),
        ),
      'VALIDATION_FAILED',
    );
    expectRefusal(
      () =>
        submitStatusReport(
          placement,
          undefined,
          { obligationId: 'status-report', periodNumber: 0, documentHash: hash('a') },
          karin,
          at('2026-03-30'),
        ),
      'VALIDATION_FAILED',
    );
    expectRefusal(
      () =>
        submit(createAgreementDraft(placementInput(START), sara, at(START)), undefined, 1, 'a', '2026-03-30'),
      'INVALID_STATE',
    );
    const visitation = activeAgreement(visitationInput(START), ole);
    expect(submit(visitation, undefined, 1, 'a', '2026-03-30').versions[0]).to.include({
      submittedBy: 'cert:ole',
      version: 1,
    });
  });

  it('keep every version; only the latest can be accepted, by the municipality', () => {
    const first = submit(placement, undefined, 1, 'a', '2026-03-25');
    expect(first).to.include({
      periodNumber: 1,
      periodStart: START,
      periodEnd: '2026-03-31',
      dueDate: '2026-04-01',
    });
    expect(submit(placement, first, 1, 'a', '2026-03-26')).to.equal(first); // same document again: no change
    const second = submit(placement, first, 1, 'b', '2026-03-26');
    expect(second.versions.map((v) => [v.version, v.documentHash, v.correction])).to.deep.equal([
      [1, hash('a'), false],
      [2, hash('b'), false],
    ]);
    expectRefusal(() => acceptStatusReport(placement, second, 1, sara, at('2026-03-27')), 'VERSION_MISMATCH');
    expectRefusal(() => acceptStatusReport(placement, second, 2, karin, at('2026-03-27')), 'FORBIDDEN');
    const accepted = acceptStatusReport(placement, second, 2, sara, at('2026-03-27'));
    expect(accepted.acceptances).to.deep.equal([
      { version: 2, acceptedAt: '2026-03-27T10:00:00.000Z', acceptedBy: 'cert:sara' },
    ]);
    expect(acceptStatusReport(placement, accepted, 2, lene, at('2026-03-28'))).to.equal(accepted);
    expectRefusal(
      () => acceptStatusReport({ ...placement, id: 'other' }, accepted, 2, sara, at('2026-03-28')),
      'VALIDATION_FAILED',
    );
  });

  it('cannot be overwritten once accepted; a correction is an explicit new version', () => {
    const accepted = acceptStatusReport(
      placement,
      submit(placement, undefined, 1, 'a', '2026-03-25'),
      1,
      sara,
      at('2026-03-27'),
    );
    const error = expectRefusal(
      () => submit(placement, accepted, 1, 'c', '2026-04-10'),
      'REPORT_ALREADY_ACCEPTED',
    );
    expect(error.category).to.equal('conflict');
    const corrected = submit(placement, accepted, 1, 'c', '2026-04-10', true);
    expect(corrected.versions.at(-1)).to.include({ version: 2, documentHash: hash('c'), correction: true });
    expect(corrected.acceptances).to.have.length(1);
    expect(corrected.versions[0]?.documentHash).to.equal(hash('a'));
    const reaccepted = acceptStatusReport(placement, corrected, 2, sara, at('2026-04-11'));
    expect(reaccepted.acceptances.map((a) => a.version)).to.deep.equal([1, 2]);
    expectRefusal(() => submit(placement, accepted, 2, 'c', '2026-04-10'), 'VALIDATION_FAILED');
  });

  it('are awaited, submitted, overdue or accepted depending on the moment', () => {
    const period = reportPeriods(placement, placement.obligations[0]!, START)[0]!;
    const submitted = submit(placement, undefined, 1, 'a', '2026-03-25');
    const accepted = acceptStatusReport(placement, submitted, 1, sara, at('2026-04-05'));
    expect(reportStateAt(period, undefined, at('2026-03-20'))).to.equal('awaited');
    expect(reportStateAt(period, undefined, at('2026-04-01'))).to.equal('awaited'); // the due date itself is in time
    expect(reportStateAt(period, undefined, at('2026-04-02'))).to.equal('overdue');
    expect(reportStateAt(period, submitted, at('2026-03-26'))).to.equal('submitted');
    expect(reportStateAt(period, submitted, at('2026-03-24'))).to.equal('awaited');
    // Submitted in time but not yet accepted: still holds after the due date.
    expect(reportStateAt(period, accepted, at('2026-04-03'))).to.equal('overdue');
    expect(reportStateAt(period, accepted, at('2026-04-05', '10:00:00'))).to.equal('accepted');
    expect(reportStateAt(period, accepted, at('2026-04-05', '09:59:59'))).to.equal('overdue');
  });

  it('list the holds in force with the line kinds they gate and since when', () => {
    expect(holdsInForce(placement, [], at('2026-04-11'))).to.deep.equal([]);
    const held = holdsInForce(placement, [], at('2026-07-12'));
    expect(held.map((h) => [h.number, h.dueDate, h.heldFrom])).to.deep.equal([
      [1, '2026-04-01', '2026-04-12'],
      [2, '2026-07-01', '2026-07-12'],
    ]);
    expect(held[0]?.gatedLineKinds).to.deep.equal(['stay', 'school', 'transport', 'school_support']);
    expect(held[0]?.releasedBy).to.equal('submission');
    // Submitted (not yet accepted) releases by default.
    const q1 = submit(placement, undefined, 1, 'a', '2026-05-25');
    expect(holdsInForce(placement, [q1], at('2026-07-12')).map((h) => h.number)).to.deep.equal([2]);
    expect(holdsInForce(placement, [q1], at('2026-05-24')).map((h) => h.number)).to.deep.equal([1]);
  });

  it('tell when a hold was released: the first submission, or the first acceptance', () => {
    const q1 = submit(placement, undefined, 1, 'a', '2026-05-25');
    expect(releasedAt(q1, 'submission', '2026-06-01T00:00:00.000Z')).to.equal('2026-05-25T10:00:00.000Z');
    expect(releasedAt(q1, 'acceptance', '2026-06-01T00:00:00.000Z')).to.equal(undefined);
    const accepted = acceptStatusReport(placement, q1, 1, sara, at('2026-05-27'));
    expect(releasedAt(accepted, 'acceptance', '2026-06-01T00:00:00.000Z')).to.equal(
      '2026-05-27T10:00:00.000Z',
    );
    expect(releasedAt(accepted, 'acceptance', '2026-05-26T00:00:00.000Z')).to.equal(undefined);
    expect(
      holdStartsOn(
        { ...placement.obligations[0]!, graceDays: 0 },
        {
          ...placement.obligations[0]!,
          obligationId: 'status-report',
          number: 1,
          startDate: '2026-01-01',
          endDate: '2026-03-31',
          dueDate: '2026-04-01',
        },
      ),
    ).to.equal('2026-04-02');
  });

  it('take grace days and the release event from the draft, and refuse unknown or malformed terms', () => {
    const draft = createAgreementDraft(
      placementInput(START, {
        obligations: [{ id: 'status-report', graceDays: 20, releasedBy: 'acceptance' }],
      }),
      sara,
      at(START),
    );
    expect(draft.obligations[0]).to.include({ graceDays: 20, releasedBy: 'acceptance' });
    expect(createAgreementDraft(placementInput(START), sara, at(START)).obligations[0]).to.include({
      graceDays: 10,
      releasedBy: 'submission',
    });
    expectRefusal(
      () => createAgreementDraft(placementInput(START, { obligations: [{ id: 'nope' }] }), sara, at(START)),
      'VALIDATION_FAILED',
    );
    expectRefusal(
      () =>
        createAgreementDraft(
          placementInput(START, { obligations: [{ id: 'status-report', graceDays: 93 }] }),
          sara,
          at(START),
        ),
      'VALIDATION_FAILED',
    );
  });
});
