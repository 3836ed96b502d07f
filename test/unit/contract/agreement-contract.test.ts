import { expect } from 'chai';
import type { Agreement } from 'agreements-chaincode/core';
import type { Page } from '@fabric-agreements/api';
import {
  compositeKey,
  expectCode,
  KOMMUNE,
  OESTERVOLD,
  people,
  policyOrgs,
  SAMVAER,
  TestNetwork,
  theEvent,
} from './support/harness';
import {
  activate,
  CHILD,
  contracts,
  placementDraft,
  registerOrganisations,
  visitationDraft,
} from './support/story';
import type { Person } from './support/fake-ledger';

const { agreements } = contracts;
const SIGNING_DAY = '2025-12-20T10:00:00.000Z';

describe('AgreementContract', () => {
  let network: TestNetwork;

  beforeEach(async () => {
    network = new TestNetwork('2026-01-10T09:00:00.000Z');
    await registerOrganisations(network);
  });

  describe('DraftAgreement', () => {
    it('writes the agreement with a key-level policy naming exactly its two parties, and its indexes without one', async () => {
      const { result, writes } = await network.submit<Agreement>(agreements, 'DraftAgreement', people.sara, [
        JSON.stringify(placementDraft()),
      ]);

      expect(result).to.include({ id: 'placement-1', status: 'draft', kind: 'placement' });
      const keys = [
        compositeKey('agreement', 'placement-1'),
        compositeKey('agreement~status', 'draft', OESTERVOLD, 'placement-1'),
        compositeKey('agreement~child', CHILD, OESTERVOLD, 'placement-1'),
      ].sort();
      expect([...writes.puts.keys()].sort()).to.deep.equal(keys);
      const agreementKey = compositeKey('agreement', 'placement-1');
      expect([...writes.validationParameters.keys()]).to.deep.equal([agreementKey]);
      expect(policyOrgs(writes.validationParameters.get(agreementKey))).to.deep.equal(
        [KOMMUNE, OESTERVOLD].sort(),
      );
      expect(theEvent(writes)).to.deep.equal({
        name: 'AgreementDrafted',
        payload: {
          type: 'AgreementDrafted',
          agreementId: 'placement-1',
          municipalityMspId: KOMMUNE,
          providerMspId: OESTERVOLD,
          status: 'draft',
          version: 1,
          versionState: 'draft',
        },
      });
    });

    it('stores deterministic JSON: the stored bytes are the canonical form of the returned agreement', async () => {
      const { writes } = await network.submit(agreements, 'DraftAgreement', people.sara, [
        JSON.stringify(placementDraft()),
      ]);
      const stored = writes.puts.get(compositeKey('agreement', 'placement-1'))!.toString('utf8');
      const keys = Object.keys(JSON.parse(stored) as Record<string, unknown>);
      expect(keys).to.deep.equal([...keys].sort());
      expect(stored).to.not.match(/\s"/);
    });

    it('is for municipal staff of the registered municipality only', async () => {
      await expectCode(
        network.failure(agreements, 'DraftAgreement', people.karin, [JSON.stringify(placementDraft())]),
        'FORBIDDEN',
      );
      await expectCode(
        network.failure(agreements, 'DraftAgreement', people.stranger, [
          JSON.stringify(placementDraft({ municipalityMspId: 'StrangerMSP' })),
        ]),
        'FORBIDDEN',
      );
      await expectCode(
        network.failure(agreements, 'DraftAgreement', people.kommuneAdmin, [
          JSON.stringify(placementDraft()),
        ]),
        'WRONG_ROLE',
      );
    });

    it('needs a registered provider, a free id and existing related agreements of the same child', async () => {
      const unknownProvider = await expectCode(
        network.failure(agreements, 'DraftAgreement', people.sara, [
          JSON.stringify(placementDraft({ providerMspId: 'UnknownMSP' })),
        ]),
        'VALIDATION_FAILED',
      );
      expect(unknownProvider.details).to.include({
        field: 'providerMspId',
        reason: 'not_a_registered_provider',
      });

      await expectCode(
        network.failure(agreements, 'DraftAgreement', people.sara, [JSON.stringify(visitationDraft())]),
        'NOT_FOUND',
      );
      await network.submit(agreements, 'DraftAgreement', people.sara, [JSON.stringify(placementDraft())]);
      await expectCode(
        network.failure(agreements, 'DraftAgreement', people.sara, [JSON.stringify(placementDraft())]),
        'CONFLICT',
      );
      const otherChild = await expectCode(
        network.failure(agreements, 'DraftAgreement', people.sara, [
          JSON.stringify(visitationDraft({ childPseudonym: 'child-other' })),
        ]),
        'VALIDATION_FAILED',
      );
      expect(otherChild.details.reason).to.equal('other_child');
    });

    it('indexes a related agreement so that its termination finds the dependant', async () => {
      await network.submit(agreements, 'DraftAgreement', people.sara, [JSON.stringify(placementDraft())]);
      const { writes } = await network.submit(agreements, 'DraftAgreement', people.sara, [
        JSON.stringify(visitationDraft()),
      ]);
      const related = compositeKey('agreement~related', 'placement-1', 'visitation-1');
      expect(writes.puts.has(related)).to.equal(true);
      // Index entries carry no policy: a read through them re-checks the agreement they name.
      expect(writes.validationParameters.has(related)).to.equal(false);
      expect(
        policyOrgs(writes.validationParameters.get(compositeKey('agreement', 'visitation-1'))),
      ).to.deep.equal([KOMMUNE, SAMVAER].sort());
    });

    it('refuses ids that could collide inside a composite key', async () => {
      const error = await expectCode(
        network.failure(agreements, 'DraftAgreement', people.sara, [
          JSON.stringify(placementDraft({ id: 'placement\u00001' })),
        ]),
        'INVALID_ID',
      );
      expect(error.details).to.include({ field: 'id', reason: 'control_character' });
    });
  });

  describe('signing', () => {
    beforeEach(async () => {
      await network.submit(agreements, 'DraftAgreement', people.sara, [JSON.stringify(placementDraft())], {
        at: SIGNING_DAY,
      });
      await network.submit(agreements, 'SubmitForSignatures', people.sara, ['placement-1'], {
        at: SIGNING_DAY,
      });
    });

    it('moves the status index along with the status', async () => {
      expect(
        network.ledger.committed(
          compositeKey('agreement~status', 'awaiting_signatures', OESTERVOLD, 'placement-1'),
        ),
      ).to.not.be.undefined;
      await network.submit(agreements, 'SignAgreement', people.mads, ['placement-1', '1'], {
        at: SIGNING_DAY,
      });
      await network.submit(agreements, 'SignAgreement', people.lene, ['placement-1', '1'], {
        at: SIGNING_DAY,
      });
      const { result, writes } = await network.submit<Agreement>(
        agreements,
        'SignAgreement',
        people.karin,
        ['placement-1', '1'],
        { at: SIGNING_DAY },
      );

      expect(result.status).to.equal('active');
      expect([...writes.deletes]).to.deep.equal([
        compositeKey('agreement~status', 'awaiting_signatures', OESTERVOLD, 'placement-1'),
      ]);
      expect([...writes.puts.keys()].sort()).to.deep.equal(
        [
          compositeKey('agreement', 'placement-1'),
          compositeKey('agreement~status', 'active', OESTERVOLD, 'placement-1'),
        ].sort(),
      );
      expect(theEvent(writes).payload).to.deep.equal({
        type: 'AgreementSigned',
        agreementId: 'placement-1',
        municipalityMspId: KOMMUNE,
        providerMspId: OESTERVOLD,
        status: 'active',
        version: 1,
        versionState: 'agreed',
      });
    });

    it('checks roles, the delegation rule and the same person twice', async () => {
      await expectCode(
        network.failure(agreements, 'SignAgreement', people.sara, ['placement-1', '1'], { at: SIGNING_DAY }),
        'WRONG_ROLE',
      );
      await network.submit(agreements, 'SignAgreement', people.mads, ['placement-1', '1'], {
        at: SIGNING_DAY,
      });
      await expectCode(
        network.failure(agreements, 'SignAgreement', people.mads, ['placement-1', '1'], { at: SIGNING_DAY }),
        'ALREADY_SIGNED',
      );
      await expectCode(
        network.failure(agreements, 'SignAgreement', people.ole, ['placement-1', '1'], { at: SIGNING_DAY }),
        'FORBIDDEN',
      );
      await expectCode(
        network.failure(agreements, 'SignAgreement', people.lene, ['placement-1', '2'], { at: SIGNING_DAY }),
        'VERSION_MISMATCH',
      );
      await expectCode(
        network.failure(agreements, 'SignAgreement', people.lene, ['placement-1', 'one'], {
          at: SIGNING_DAY,
        }),
        'VALIDATION_FAILED',
      );
    });

    it('records signers by certificate id and enrolment id (the CN every block already carries), no one else', async () => {
      await network.submit(agreements, 'SignAgreement', people.jonas, ['placement-1', '1'], {
        at: SIGNING_DAY,
      });
      await network.submit(agreements, 'SignAgreement', people.karin, ['placement-1', '1'], {
        at: SIGNING_DAY,
      });
      const signed = network.ledger.committedJson('\u0000agreement\u0000placement-1\u0000') as {
        versions: readonly { signatures: readonly { enrollmentId?: string; role: string }[] }[];
      };
      expect(
        signed.versions[0]?.signatures.map((signature) => [signature.role, signature.enrollmentId]),
      ).to.deep.equal([
        ['director', people.jonas.name],
        ['provider_staff', people.karin.name],
      ]);
      const ledger = network.ledger.publicBytes();
      for (const person of Object.values(people).filter((p) => p !== people.jonas && p !== people.karin)) {
        expect(ledger).to.not.include(person.name);
      }
    });
  });

  describe('amendments and termination', () => {
    beforeEach(async () => {
      await activate(network, placementDraft(), people.karin);
      await activate(network, visitationDraft(), people.ole);
    });

    it('an amendment is a new version both sides sign', async () => {
      const amendment = {
        effectiveFrom: '2026-02-01',
        changes: [
          {
            type: 'add_line',
            line: {
              id: 'support',
              kind: 'school_support',
              pricing: 'per_unit',
              unit: 'hour',
              unitPrice: 44_400,
              agreedQuantity: 6,
              quantityPeriod: 'week',
              startDate: '2026-02-01',
              reEvaluationDate: '2026-04-30',
            },
          },
        ],
      };
      const proposed = await network.submit<Agreement>(agreements, 'ProposeAmendment', people.sara, [
        'placement-1',
        JSON.stringify(amendment),
      ]);
      expect(theEvent(proposed.writes).payload).to.include({
        type: 'AmendmentProposed',
        version: 2,
        versionState: 'awaiting_signatures',
      });
      await network.submit(agreements, 'SignAgreement', people.jonas, ['placement-1', '2']);
      const signed = await network.submit<Agreement>(agreements, 'SignAgreement', people.karin, [
        'placement-1',
        '2',
      ]);
      expect(signed.result.versions.map((version) => version.state)).to.deep.equal(['agreed', 'agreed']);
      expect(theEvent(signed.writes).payload).to.include({
        version: 2,
        versionState: 'agreed',
        status: 'active',
      });
      // The key keeps the policy set at creation; rewriting it would fail later writes in the same block.
      const key = compositeKey('agreement', 'placement-1');
      expect(signed.writes.validationParameters.has(key)).to.equal(false);
      expect(policyOrgs(network.ledger.validationParameter(key))).to.deep.equal([KOMMUNE, OESTERVOLD].sort());
    });

    it('a signed termination ends the related agreements in the same transaction', async () => {
      await network.submit(agreements, 'ProposeTermination', people.karin, [
        'placement-1',
        JSON.stringify({ effectiveDate: '2026-12-31' }),
      ]);
      await network.submit(agreements, 'SignTermination', people.jonas, ['placement-1', '1']);
      const { result, writes } = await network.submit<Agreement>(
        agreements,
        'SignTermination',
        people.karin,
        ['placement-1', '1'],
      );

      expect(result.status).to.equal('terminated');
      expect(theEvent(writes).payload).to.deep.equal({
        type: 'TerminationSigned',
        agreementId: 'placement-1',
        municipalityMspId: KOMMUNE,
        providerMspId: OESTERVOLD,
        status: 'terminated',
        version: 1,
        versionState: 'agreed',
        terminationNumber: 1,
        terminationState: 'agreed',
        terminationCause: 'agreed',
        effectiveDate: '2026-12-31',
        cascadedAgreementIds: ['visitation-1'],
      });
      const visitation = network.ledger.committedJson(compositeKey('agreement', 'visitation-1')) as Agreement;
      expect(visitation.status).to.equal('terminated');
      expect(visitation.terminations.at(-1)).to.include({
        effectiveDate: '2026-12-31',
        cause: 'related_agreement_terminated',
        causeAgreementId: 'placement-1',
      });
      const visitationKey = compositeKey('agreement', 'visitation-1');
      expect(writes.validationParameters.has(visitationKey)).to.equal(false);
      expect(policyOrgs(network.ledger.validationParameter(visitationKey))).to.deep.equal(
        [KOMMUNE, SAMVAER].sort(),
      );
      // Index entries move without policies: only records carry them.
      expect([...writes.validationParameters.keys()]).to.deep.equal([]);
      expect(
        writes.deletes.has(compositeKey('agreement~status', 'active', SAMVAER, 'visitation-1')),
      ).to.equal(true);
      expect(
        writes.puts.has(compositeKey('agreement~status', 'terminated', SAMVAER, 'visitation-1')),
      ).to.equal(true);
    });

    it('a provider that is not a party can neither act on nor read the agreement', async () => {
      await expectCode(
        network.failure(agreements, 'ProposeTermination', people.ole, [
          'placement-1',
          JSON.stringify({ effectiveDate: '2026-12-31' }),
        ]),
        'FORBIDDEN',
      );
      await expectCode(network.failure(agreements, 'GetAgreement', people.ole, ['placement-1']), 'FORBIDDEN');
      await expectCode(
        network.failure(agreements, 'GetAgreementHistory', people.ole, ['placement-1']),
        'FORBIDDEN',
      );
      await expectCode(network.failure(agreements, 'GetAgreement', people.karin, ['nope']), 'NOT_FOUND');
    });
  });

  describe('queries', () => {
    beforeEach(async () => {
      await activate(network, placementDraft(), people.karin);
      await activate(network, visitationDraft(), people.ole);
      await network.submit(agreements, 'DraftAgreement', people.sara, [
        JSON.stringify(placementDraft({ id: 'placement-2', childPseudonym: 'child-other' })),
      ]);
    });

    it('GetAgreementHistory returns every committed version, newest first', async () => {
      const history = await network.evaluate<{ txId: string; agreement: Agreement }[]>(
        agreements,
        'GetAgreementHistory',
        people.karin,
        ['placement-1'],
      );
      expect(history.map((entry) => entry.agreement.status)).to.deep.equal([
        'active',
        'awaiting_signatures',
        'awaiting_signatures',
        'draft',
      ]);
    });

    it('lists by child, by provider (in the lifecycle order of their statuses) and by status, page by page', async () => {
      const page = async (fn: string, person: Person, args: string[]) => {
        const answer = await network.evaluate<Page<Agreement>>(agreements, fn, person, args);
        return { ids: answer.records.map((agreement) => agreement.id), bookmark: answer.bookmark };
      };
      const byChild = await page('ListAgreementsByChild', people.sara, [CHILD, '', '']);
      expect(byChild.ids).to.deep.equal(['placement-1', 'visitation-1']);

      const first = await page('ListAgreementsByProvider', people.sara, [OESTERVOLD, '1', '']);
      // The draft first; the page is full where the drafts end, so its bookmark is the active agreement's key.
      expect(first.ids).to.deep.equal(['placement-2']);
      expect(first.bookmark).to.match(/^[A-Za-z0-9_-]+$/);
      const second = await page('ListAgreementsByProvider', people.sara, [OESTERVOLD, '1', first.bookmark]);
      expect(second).to.deep.equal({ ids: ['placement-1'], bookmark: '' });
      const whole = await page('ListAgreementsByProvider', people.sara, [OESTERVOLD, '10', '']);
      expect(whole).to.deep.equal({ ids: ['placement-2', 'placement-1'], bookmark: '' });

      const active = await page('ListAgreementsByStatus', people.jonas, ['active', '10', '']);
      expect(active.ids).to.deep.equal(['placement-1', 'visitation-1']);
    });

    it('shows a provider only its own agreements', async () => {
      const byChild = await network.evaluate<Page<Agreement>>(
        agreements,
        'ListAgreementsByChild',
        people.ole,
        [CHILD, '', ''],
      );
      expect(byChild.records.map((agreement) => agreement.id)).to.deep.equal(['visitation-1']);
      const active = await network.evaluate<Page<Agreement>>(
        agreements,
        'ListAgreementsByStatus',
        people.karin,
        ['active', '', ''],
      );
      expect(active.records.map((agreement) => agreement.id)).to.deep.equal(['placement-1']);
      await expectCode(
        network.failure(agreements, 'ListAgreementsByProvider', people.ole, [OESTERVOLD, '', '']),
        'FORBIDDEN',
      );
      await expectCode(
        network.failure(agreements, 'ListAgreementsByStatus', people.stranger, ['active', '', '']),
        'FORBIDDEN',
      );
    });

    it('refuses a bookmark of another query and a bad page size', async () => {
      const first = await network.evaluate<Page<Agreement>>(
        agreements,
        'ListAgreementsByProvider',
        people.sara,
        [OESTERVOLD, '1', ''],
      );
      const foreign = await expectCode(
        network.failure(agreements, 'ListAgreementsByChild', people.sara, [CHILD, '1', first.bookmark]),
        'VALIDATION_FAILED',
      );
      expect(foreign.details.field).to.equal('bookmark');
      await expectCode(
        network.failure(agreements, 'ListAgreementsByChild', people.sara, [CHILD, '101', '']),
        'VALIDATION_FAILED',
      );
      await expectCode(
        network.failure(agreements, 'ListAgreementsByStatus', people.sara, ['finished', '', '']),
        'VALIDATION_FAILED',
      );
    });
  });
});
