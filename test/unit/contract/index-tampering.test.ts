import { expect } from 'chai';
import type { Page } from '@fabric-agreements/api';
import type { Agreement } from 'agreements-chaincode/core';
import { compositeKey, OESTERVOLD, people, SAMVAER, TestNetwork } from './support/harness';
import {
  activate,
  CHILD,
  contracts,
  placementDraft,
  registerOrganisations,
  visitationDraft,
} from './support/story';

/**
 * Index entries carry no key-level policy (docs/chaincode.md, "Key layout"), so this suite writes forged ones
 * straight into the ledger, as members that got a write past the chaincode-level policy could, and shows that no
 * read through an index is misled: an entry counts only if the agreement it names, as stored, has exactly it.
 */
const { agreements } = contracts;
const SIGNING_DAY = '2025-12-20T10:00:00.000Z';

describe('a tampered index cannot mislead', () => {
  let network: TestNetwork;

  function forge(...keys: string[]): void {
    network.ledger.plant(
      'forged',
      Date.parse(SIGNING_DAY),
      new Map(keys.map((key) => [key, Buffer.from([0])])),
    );
  }

  async function listed(
    fn: string,
    person: (typeof people)[keyof typeof people],
    args: string[],
  ): Promise<string[]> {
    const page = await network.evaluate<Page<Agreement>>(agreements, fn, person, [...args, '', '']);
    return page.records.map((agreement) => agreement.id);
  }

  beforeEach(async () => {
    network = new TestNetwork('2026-01-10T09:00:00.000Z');
    await registerOrganisations(network);
    await activate(network, placementDraft(), people.karin, SIGNING_DAY);
    await network.submit(agreements, 'DraftAgreement', people.sara, [JSON.stringify(visitationDraft())], {
      at: SIGNING_DAY,
    });
  });

  it('an entry under another provider does not show that provider another pair’s agreement', async () => {
    // visitation-1 is the consultancy's draft; forged entries file it under the placement site (the status entry is
    // also what a listing by provider reads).
    forge(
      compositeKey('agreement~status', 'draft', OESTERVOLD, 'visitation-1'),
      compositeKey('agreement~child', CHILD, OESTERVOLD, 'visitation-1'),
    );
    expect(await listed('ListAgreementsByStatus', people.karin, ['draft'])).to.deep.equal([]);
    expect(await listed('ListAgreementsByProvider', people.karin, [OESTERVOLD])).to.deep.equal([
      'placement-1',
    ]);
    expect(await listed('ListAgreementsByChild', people.karin, [CHILD])).to.deep.equal(['placement-1']);
    expect(await listed('ListAgreementsByProvider', people.ole, [SAMVAER])).to.deep.equal(['visitation-1']);
  });

  it('an entry under the wrong status or child, or naming no agreement, lists nothing', async () => {
    forge(
      compositeKey('agreement~status', 'terminated', OESTERVOLD, 'placement-1'),
      compositeKey('agreement~status', 'active', OESTERVOLD, 'placement-404'),
      compositeKey('agreement~child', 'child-other', OESTERVOLD, 'placement-1'),
    );
    expect(await listed('ListAgreementsByStatus', people.sara, ['terminated'])).to.deep.equal([]);
    expect(await listed('ListAgreementsByStatus', people.sara, ['active'])).to.deep.equal(['placement-1']);
    expect(await listed('ListAgreementsByChild', people.sara, ['child-other'])).to.deep.equal([]);
  });

  it('a forged relation does not let a termination end an agreement that does not name it', async () => {
    await activate(network, placementDraft({ id: 'placement-2' }), people.karin, SIGNING_DAY);
    // placement-2 does not name placement-1 as related; the entry says it does.
    forge(compositeKey('agreement~related', 'placement-1', 'placement-2'));
    const end = JSON.stringify({ effectiveDate: '2026-12-31' });
    await network.submit(agreements, 'ProposeTermination', people.karin, ['placement-1', end], {
      at: SIGNING_DAY,
    });
    await network.submit(agreements, 'SignTermination', people.jonas, ['placement-1', '1'], {
      at: SIGNING_DAY,
    });
    const { result } = await network.submit<Agreement>(agreements, 'SignTermination', people.karin, [
      'placement-1',
      '1',
    ]);
    expect(result.status).to.equal('terminated');
    const untouched = network.ledger.committedJson(compositeKey('agreement', 'placement-2')) as Agreement;
    expect(untouched.status).to.equal('active');
    // The real relation still cascades: the visitation draft names placement-1.
    const visitation = network.ledger.committedJson(compositeKey('agreement', 'visitation-1')) as Agreement;
    expect(visitation.status).to.not.equal('draft');
  });
});
