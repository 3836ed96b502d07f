import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import type { AccessLogEntry, PseudonymLookup } from 'agreements-chaincode/contract/records';
import type { Page } from '@fabric-agreements/api';
import { expectCode, KOMMUNE, OESTERVOLD, people, SAMVAER, TestNetwork } from './support/harness';
import {
  activate,
  CHILD,
  contracts,
  placementDraft,
  registerOrganisations,
  visitationDraft,
} from './support/story';

const { agreements, childData, deadlines } = contracts;
const PAIR = `pair_${KOMMUNE}_${OESTERVOLD}`;
const OWN = `own_${KOMMUNE}`;
const SALT = randomBytes(16).toString('hex');
const NOW = '2026-01-10T09:00:00.000Z';

/** Shifts an ISO instant by seconds. */
function shifted(instant: string, seconds: number): string {
  return new Date(Date.parse(instant) + seconds * 1000).toISOString();
}

/**
 * What a member organisation acting against the chaincode directly may try: forged timestamps, endorsement by a
 * peer that is not a party, reads run on another organisation's peer, a guardian reaching for another child.
 */
describe('trust: what a hostile member cannot do', () => {
  let network: TestNetwork;

  beforeEach(async () => {
    network = new TestNetwork(NOW);
    network.ledger.defineCollection(PAIR, [KOMMUNE, OESTERVOLD]);
    network.ledger.defineCollection(`pair_${KOMMUNE}_${SAMVAER}`, [KOMMUNE, SAMVAER]);
    network.ledger.defineCollection(OWN, [KOMMUNE]);
    await registerOrganisations(network);
  });

  async function storeChild(pseudonym = CHILD): Promise<void> {
    await network.submit(childData, 'PutChildData', people.sara, [pseudonym, OESTERVOLD], {
      transient: { child: JSON.stringify({ salt: SALT, name: 'Preben' }) },
    });
  }

  /** The child's data stored, and Karin's (placement site) read logged: step 1 of a read. */
  async function storedAndLoggedByKarin(): Promise<{ result: AccessLogEntry }> {
    await storeChild();
    return network.submit<AccessLogEntry>(childData, 'LogChildDataAccess', people.karin, [
      CHILD,
      OESTERVOLD,
      'care_delivery',
    ]);
  }

  describe('the proposal timestamp is bounded by the endorsing peer’s clock', () => {
    it('refuses a back-dated or future-dated proposal with CLOCK_SKEW, and accepts one inside the window', async () => {
      await activate(network, placementDraft(), people.karin, NOW);
      const back = await expectCode(
        network.failure(deadlines, 'ApplyDeadlines', people.kommuneService, ['placement-1'], {
          at: shifted(NOW, -301),
          peerAt: NOW,
        }),
        'CLOCK_SKEW',
      );
      expect(back.details).to.deep.equal({ reason: 'proposal_in_the_past', windowSeconds: 300 });
      const ahead = await expectCode(
        network.failure(deadlines, 'ApplyDeadlines', people.kommuneService, ['placement-1'], {
          at: shifted(NOW, 3600),
          peerAt: NOW,
        }),
        'CLOCK_SKEW',
      );
      expect(ahead.details.reason).to.equal('proposal_in_the_future');
      await network.submit(deadlines, 'ApplyDeadlines', people.kommuneService, ['placement-1'], {
        at: shifted(NOW, 299),
        peerAt: NOW,
      });
    });

    it('a back-dated read cannot reuse an expired access-log entry', async () => {
      const logged = await storedAndLoggedByKarin();
      // An hour later, the reader claims the read happened right after logging.
      await expectCode(
        network.failure(
          childData,
          'ReadChildData',
          people.karin,
          [CHILD, OESTERVOLD, logged.result.accessId],
          {
            at: shifted(NOW, 10),
            peerAt: shifted(NOW, 3600),
            transient: { reader_key: 'irrelevant' },
          },
        ),
        'CLOCK_SKEW',
      );
    });

    it('queries are bounded too', async () => {
      await expectCode(
        network.failure(agreements, 'ListAgreementsByStatus', people.sara, ['active', '', ''], {
          at: shifted(NOW, -86_400),
          peerAt: NOW,
        }),
        'CLOCK_SKEW',
      );
    });
  });

  describe('only the agreement’s own parties endorse it', () => {
    it('a third organisation’s peer refuses to endorse a new agreement of another pair', async () => {
      const refused = await expectCode(
        network.failure(agreements, 'DraftAgreement', people.sara, [JSON.stringify(placementDraft())], {
          peerMspId: SAMVAER,
        }),
        'FORBIDDEN',
      );
      expect(refused.details.reason).to.equal('endorser_not_a_party');
      for (const peerMspId of [KOMMUNE, OESTERVOLD]) {
        const draft = placementDraft({ id: `placement-${peerMspId}` });
        await network.submit(agreements, 'DraftAgreement', people.sara, [JSON.stringify(draft)], {
          peerMspId,
        });
      }
    });

    it('and every later write to it', async () => {
      await activate(network, placementDraft(), people.karin);
      const refused = await expectCode(
        network.failure(
          agreements,
          'ProposeTermination',
          people.sara,
          ['placement-1', '{"effectiveDate":"2026-12-31"}'],
          {
            peerMspId: SAMVAER,
          },
        ),
        'FORBIDDEN',
      );
      expect(refused.details.reason).to.equal('endorser_not_a_party');
    });

    it('a termination that ends a related agreement of another provider may be endorsed by that provider', async () => {
      const placement = await activate(network, placementDraft(), people.karin);
      await activate(network, visitationDraft({ relatedAgreementIds: [placement.id] }), people.ole);
      const termination = JSON.stringify({ effectiveDate: '2026-12-31' });
      await network.submit(agreements, 'ProposeTermination', people.sara, [placement.id, termination]);
      await network.submit(agreements, 'SignTermination', people.jonas, [placement.id, '1']);
      // The consultancy's peer endorses: its own visitation agreement ends in this transaction.
      const { result } = await network.submit<{ status: string }>(
        agreements,
        'SignTermination',
        people.karin,
        [placement.id, '1'],
        { peerMspId: SAMVAER },
      );
      expect(result.status).to.equal('terminated');
    });
  });

  describe('personal data', () => {
    it('a read runs only on a peer of the reader’s own organisation', async () => {
      const logged = await storedAndLoggedByKarin();
      const refused = await expectCode(
        network.failure(
          childData,
          'ReadChildData',
          people.karin,
          [CHILD, OESTERVOLD, logged.result.accessId],
          {
            peerMspId: KOMMUNE,
            transient: { reader_key: 'irrelevant' },
          },
        ),
        'FORBIDDEN',
      );
      expect(refused.details.reason).to.equal('endorser_not_a_party');
    });

    it('a read without a usable one-time key is refused before any data is touched', async () => {
      const logged = await storedAndLoggedByKarin();
      for (const transient of [{}, { reader_key: 'bm90IGEga2V5' }] as Record<string, string>[]) {
        const refused = await expectCode(
          network.failure(
            childData,
            'ReadChildData',
            people.karin,
            [CHILD, OESTERVOLD, logged.result.accessId],
            {
              transient,
            },
          ),
          'VALIDATION_FAILED',
        );
        expect(refused.details.field).to.match(/^transient/);
      }
    });

    it('the municipality erases alone: only private writes, refused by a provider’s peer', async () => {
      await storeChild();
      const { writes } = await network.submit(
        childData,
        'ErasePersonalData',
        people.sara,
        [CHILD, 'data_subject_request'],
        {
          peerMspId: KOMMUNE,
        },
      );
      expect(
        writes.puts.size + writes.deletes.size + writes.validationParameters.size,
        'world-state writes',
      ).to.equal(0);
      expect([...writes.privateWrites.keys()].sort()).to.deep.equal([OWN, PAIR].sort());
      await storeChild('child-2');
      await expectCode(
        network.failure(childData, 'ErasePersonalData', people.sara, ['child-2', 'data_subject_request'], {
          peerMspId: OESTERVOLD,
        }),
        'FORBIDDEN',
      );
      const log = await network.evaluate<Page<AccessLogEntry>>(childData, 'ListAccessLog', people.sara, [
        CHILD,
        '',
        '',
      ]);
      expect(log.records.map((entry) => entry.action)).to.deep.equal(['write', 'erase']);
      await expectCode(
        network.failure(childData, 'LogChildDataAccess', people.karin, [CHILD, OESTERVOLD, 'care_delivery']),
        'NOT_FOUND',
      );
    });
  });

  describe('a guardian sees who looked at their child’s data, and nothing else', () => {
    it('reads the bound child’s access log only', async () => {
      await storeChild();
      await storeChild('child-2');
      const later = { at: shifted(NOW, 60), peerAt: shifted(NOW, 60) };
      await network.submit(
        childData,
        'LogChildDataAccess',
        people.karin,
        [CHILD, OESTERVOLD, 'care_delivery'],
        later,
      );
      await expectCode(
        network.failure(childData, 'ListAccessLog', people.birthe, [CHILD, '', '']),
        'FORBIDDEN',
      );
      await network.submit(childData, 'BindGuardian', people.sara, [CHILD, people.birthe.name]);
      const log = await network.evaluate<Page<AccessLogEntry>>(childData, 'ListAccessLog', people.birthe, [
        CHILD,
        '',
        '',
      ]);
      expect(
        log.records.map((entry) => [entry.action, entry.mspId, entry.role, entry.purpose]),
      ).to.deep.equal([
        ['write', KOMMUNE, 'caseworker', 'data_entry'],
        ['read', OESTERVOLD, 'provider_staff', 'care_delivery'],
      ]);
      await expectCode(
        network.failure(childData, 'ListAccessLog', people.birthe, ['child-2', '', '']),
        'FORBIDDEN',
      );
      await expectCode(
        network.failure(childData, 'LogChildDataAccess', people.birthe, [CHILD, OESTERVOLD, 'curiosity']),
        'WRONG_ROLE',
      );
      await expectCode(
        network.failure(agreements, 'ListAgreementsByChild', people.birthe, [CHILD, '', '']),
        'WRONG_ROLE',
      );
      await expectCode(
        network.failure(childData, 'BindGuardian', people.karin, [CHILD, 'someone']),
        'FORBIDDEN',
      );
    });
  });

  describe('pseudonym lookups are recorded for the municipality’s auditors', () => {
    /** Anne (auditor) lists January's lookups. */
    const january = (pageSize = '', bookmark = ''): Promise<Page<PseudonymLookup>> =>
      network.evaluate<Page<PseudonymLookup>>(childData, 'ListPseudonymLookups', people.anne, [
        '2026-01',
        pageSize,
        bookmark,
      ]);

    it('records who looked up which child and why; auditors list them by month, zero, one and many', async () => {
      const empty = await january();
      expect(empty).to.deep.equal({ records: [], fetchedRecordsCount: 0, bookmark: '' });
      const { writes } = await network.submit(childData, 'RecordPseudonymLookup', people.sara, [
        CHILD,
        'new_case',
      ]);
      expect(writes.puts.size, 'world-state writes').to.equal(0);
      expect([...writes.privateWrites.keys()]).to.deep.equal([OWN]);
      const one = await january();
      expect(one.records).to.have.length(1);
      expect(one.records[0]).to.include({ childPseudonym: CHILD, purpose: 'new_case', role: 'caseworker' });
      for (let minute = 1; minute <= 4; minute += 1) {
        await network.submit(childData, 'RecordPseudonymLookup', people.mads, [CHILD, 'review'], {
          at: shifted(NOW, minute * 60),
          peerAt: shifted(NOW, minute * 60),
        });
      }
      const first = await january('3');
      expect(first.records).to.have.length(3);
      const rest = await january('3', first.bookmark);
      expect(rest.records).to.have.length(2);
      expect(rest.bookmark).to.equal('');
      await expectCode(
        network.failure(childData, 'ListPseudonymLookups', people.sara, ['2026-01', '', '']),
        'WRONG_ROLE',
      );
      await expectCode(
        network.failure(childData, 'RecordPseudonymLookup', people.anne, [CHILD, 'new_case']),
        'WRONG_ROLE',
      );
    });
  });

  describe('the gateway’s service identity', () => {
    it('runs scheduled transactions and lists for its organisation, but never signs', async () => {
      await network.submit(agreements, 'DraftAgreement', people.sara, [JSON.stringify(placementDraft())]);
      await network.submit(agreements, 'SubmitForSignatures', people.sara, ['placement-1']);
      const listed = await network.evaluate<{ records: unknown[] }>(
        agreements,
        'ListAgreementsByStatus',
        people.kommuneService,
        ['awaiting_signatures', '', ''],
      );
      expect(listed.records).to.have.length(1);
      await expectCode(
        network.failure(agreements, 'SignAgreement', people.kommuneService, ['placement-1', '1']),
        'WRONG_ROLE',
      );
    });
  });

  describe('lists with no results (the real shim answers an empty page without metadata)', () => {
    it('answer an empty page', async () => {
      const page = await network.evaluate(agreements, 'ListAgreementsByStatus', people.sara, [
        'expired',
        '',
        '',
      ]);
      expect(page).to.deep.equal({ records: [], fetchedRecordsCount: 0, bookmark: '' });
      const log = await network.evaluate(childData, 'ListAccessLog', people.sara, [CHILD, '', '']);
      expect(log).to.deep.equal({ records: [], fetchedRecordsCount: 0, bookmark: '' });
    });
  });
});
