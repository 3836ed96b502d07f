import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import { TX } from '@fabric-agreements/api';
import type { Agreement } from 'agreements-chaincode/core';
import { DeadlineScheduler } from 'agreements-gateway/scheduler/deadline-scheduler';
import { Ledger } from 'agreements-gateway/services/ledger';
import { createLogger } from 'agreements-gateway/observability/logger';
import { FakeFabric } from './support/fake-fabric';

/**
 * Every write the gateway sends names its endorsing organisations (`Ledger.write` takes no write without them, or
 * an explicit reason to leave them to discovery); this pins the writes made outside a request: the scheduler's.
 */
describe('endorsing organisations of the gateway’s own writes', () => {
  const placement = {
    id: 'placement-1',
    municipalityMspId: 'MunicipalityMSP',
    providerMspId: 'PlacementSiteMSP',
    status: 'active',
    startDate: '2026-01-10',
    terminations: [],
  } as unknown as Agreement;

  it('the scheduler’s deadline and settlement writes are endorsed by exactly the agreement’s parties', async () => {
    const fabric = new FakeFabric();
    fabric.answers.set(TX.listAgreementsByStatus, (request) =>
      request.arguments?.[0] === 'active'
        ? { records: [placement], bookmark: '' }
        : { records: [], bookmark: '' },
    );
    fabric.answers.set(TX.applyDeadlines, () => ({ changed: true }));
    fabric.answers.set(TX.getSettlement, () => ({ recorded: null }));
    fabric.answers.set(TX.recordSettlement, () => ({ revision: 1 }));
    const scheduler = new DeadlineScheduler({
      ledger: new Ledger(fabric),
      domains: ['placements'],
      identity: () =>
        Promise.resolve({
          key: 'service',
          mspId: 'MunicipalityMSP',
          certificatePem: '',
          privateKey: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey,
        }),
      intervalMs: 0,
      logger: createLogger('silent', {}),
      now: () => new Date('2026-02-02T10:00:00Z'),
    });

    const run = await scheduler.runOnce();

    expect(run).to.include({ deadlineWrites: 1, settlementWrites: 1, failures: 0 });
    expect(
      fabric.submits.map((call) => [call.request.transaction, call.request.endorsingOrganizations]),
    ).to.deep.equal([
      [TX.applyDeadlines, ['MunicipalityMSP', 'PlacementSiteMSP']],
      [TX.recordSettlement, ['MunicipalityMSP', 'PlacementSiteMSP']],
    ]);
  });
});
