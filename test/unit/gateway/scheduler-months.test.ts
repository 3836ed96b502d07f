import { expect } from 'chai';
import type { Agreement } from 'agreements-chaincode/core/agreement';
import { monthsToRecord, previousMonth } from 'agreements-gateway/scheduler/deadline-scheduler';

function agreement(status: Agreement['status'], effectiveDate?: string): Agreement {
  return {
    id: 'a',
    kind: 'placement',
    templateVersion: 1,
    municipalityMspId: 'M',
    providerMspId: 'P',
    childPseudonym: 'c',
    startDate: '2026-01-10',
    relatedAgreementIds: [],
    obligations: [],
    status,
    versions: [
      {
        number: 1,
        state: 'agreed',
        effectiveFrom: '2026-01-10',
        terms: {
          lines: [
            { id: 'stay', kind: 'stay', pricing: 'monthly', monthlyPrice: 100, startDate: '2026-01-10' },
          ],
        },
        changes: [],
        proposedBy: 'municipality',
        proposedAt: '2026-01-01T00:00:00Z',
        signatures: [],
      },
    ],
    terminations:
      effectiveDate === undefined
        ? []
        : [
            {
              number: 1,
              state: 'agreed',
              effectiveDate,
              cause: 'agreed',
              proposedAt: '2026-01-01T00:00:00Z',
              signatures: [],
            },
          ],
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  };
}

describe('scheduler: which months a run records', () => {
  it('targets the last month that has ended in Danish time', () => {
    // 23:30 UTC on 28 February is 00:30 on 1 March in Copenhagen: February has ended.
    expect(previousMonth(new Date('2026-02-28T23:30:00Z'))).to.equal('2026-02');
    // 22:30 UTC on 28 February is 23:30 in Copenhagen: February is still running.
    expect(previousMonth(new Date('2026-02-28T22:30:00Z'))).to.equal('2026-01');
    // Summer time: 22:30 UTC on 31 July is 00:30 on 1 August.
    expect(previousMonth(new Date('2026-07-31T22:30:00Z'))).to.equal('2026-07');
    expect(previousMonth(new Date('2026-01-01T00:30:00Z'))).to.equal('2025-12');
  });

  it('records an active agreement’s last ended month, from its start on', () => {
    expect(monthsToRecord(agreement('active'), '2026-03')).to.deep.equal(['2026-03']);
    expect(monthsToRecord(agreement('active'), '2025-12')).to.deep.equal([]);
  });

  it('records the last months of an agreement that terminated since the last run, never after its end', () => {
    expect(monthsToRecord(agreement('terminated', '2026-02-17'), '2026-03')).to.deep.equal([
      '2026-01',
      '2026-02',
    ]);
    expect(monthsToRecord(agreement('terminated', '2026-02-17'), '2026-04')).to.deep.equal(['2026-02']);
    expect(monthsToRecord(agreement('terminated', '2026-02-17'), '2026-06')).to.deep.equal([]);
    // A notice still running: the ended months up to now.
    expect(monthsToRecord(agreement('terminated', '2026-09-30'), '2026-05')).to.deep.equal([
      '2026-03',
      '2026-04',
      '2026-05',
    ]);
    expect(monthsToRecord(agreement('draft'), '2026-05')).to.deep.equal([]);
  });
});
