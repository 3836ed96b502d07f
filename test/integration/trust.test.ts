/**
 * Trust on the real network, tried as a hostile member organisation would: with its own valid certificates, talking
 * to the peers directly through fabric-gateway, choosing its proposals' timestamps and submitting what was meant to
 * be evaluated.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'chai';
import { closeOfflineGateways, proposalAt } from '../support/forged-proposal';
import { closeAll, organisation, ROOT } from '../support/network';
import {
  canariesOf,
  canaryChild,
  canaryStrings,
  CHAINCODE,
  CHANNEL,
  childDataContract,
  checkData,
  logAccess,
  MUNICIPALITY,
  PLACEMENT_SITE,
  putChildData,
  putMunicipalData,
  readData,
} from '../support/privacy-data';
import { describeHits, scanForCanaries } from '../support/privacy-scan';
import { refusalCode } from 'agreements-client';
import { committedEverywhere, txError, utf8 } from '../support/story';
import { oneTimeReaderKey, TRANSIENT_READER_KEY } from '@fabric-agreements/api';

/** A proposal by Karin (placement site) on the placements channel, dated `offsetSeconds` from now. */
const karinAt = (
  transaction: string,
  options: Parameters<typeof proposalAt>[5],
  offsetSeconds: number,
): ReturnType<typeof proposalAt> =>
  proposalAt('placement', 'karin', CHANNEL, CHAINCODE, transaction, options, offsetSeconds);

const network = (...args: string[]): void => {
  execFileSync('bash', [join(ROOT, 'scripts', 'network.sh'), ...args], { stdio: 'ignore' });
};

describe('trust: a hostile member on the real network', function () {
  this.timeout(300_000);
  after(() => {
    closeOfflineGateways();
    closeAll();
  });

  describe('a personal-data read can never end up in a block', function () {
    const subject = canaryChild();

    before(async function () {
      await putChildData(subject);
      await putMunicipalData(subject.pseudonym, subject.municipal);
    });

    it('a read submitted with both organisations endorsing is refused by the other organisation’s peer', async function () {
      const entry = await logAccess('municipality', 'sara', subject.pseudonym);
      const reader = oneTimeReaderKey();
      const error = await txError(() =>
        childDataContract('municipality', 'sara').submit('ReadChildData', {
          arguments: [subject.pseudonym, PLACEMENT_SITE, entry.accessId],
          transientData: { [TRANSIENT_READER_KEY]: reader.publicKeyBase64 },
          endorsingOrganizations: [MUNICIPALITY, PLACEMENT_SITE],
        }),
      );
      expect(error).to.contain('endorser_not_a_party');
      for (const secret of canaryStrings(subject)) expect(error).not.to.contain(secret);
    });

    it('a read submitted with its own peer alone reaches a block only as ciphertext: no block or orderer file holds the data', async function () {
      const entry = await logAccess('municipality', 'sara', subject.pseudonym);
      const reader = oneTimeReaderKey();
      const submitted = await childDataContract('municipality', 'sara').submitAsync('ReadChildData', {
        arguments: [subject.pseudonym, PLACEMENT_SITE, entry.accessId],
        transientData: { [TRANSIENT_READER_KEY]: reader.publicKeyBase64 },
        endorsingOrganizations: [MUNICIPALITY],
      });
      const result = JSON.parse(utf8.decode(submitted.getResult())) as Record<string, unknown>;
      expect(Object.keys(result).sort()).to.deep.equal(['accessId', 'childPseudonym', 'sealed']);
      const status = await submitted.getStatus();
      // Ordered into a block as an invalid transaction (one endorsement), with its response payload.
      expect(status.successful).to.be.false;
      await committedEverywhere(CHANNEL, status.transactionId);
      const report = await scanForCanaries(canariesOf(subject, 'submitted read'));
      expect(
        report.files.some((file) => file.includes('chains')),
        'block files scanned',
      ).to.be.true;
      expect(report.hits, describeHits(report.hits)).to.deep.equal([]);
      // And the reader, holding the one-time private key, still gets the data from the same kind of answer.
      const data = await readData(
        'municipality',
        'sara',
        subject.pseudonym,
        (await logAccess('municipality', 'sara', subject.pseudonym)).accessId,
      );
      expect(data.child?.name).to.equal(subject.child.name);
    });
  });

  describe('time cannot be forged', function () {
    const subject = canaryChild();
    before(async function () {
      await putChildData(subject);
    });

    for (const [label, offset] of [
      ['an hour back', -3600],
      ['a day ahead', 86_400],
    ] as const) {
      it(`a query whose proposal is dated ${label} is refused with CLOCK_SKEW`, async function () {
        const proposal = await karinAt('OrganisationContract:WhoAmI', {}, offset);
        const error = await txError(() => proposal.evaluate());
        expect(refusalCode(error), error).to.equal('CLOCK_SKEW');
      });
    }

    it('the same forged-proposal path with the true time works (control)', async function () {
      const proposal = await karinAt('OrganisationContract:WhoAmI', {}, 0);
      const answer = JSON.parse(utf8.decode(await proposal.evaluate())) as { mspId: string };
      expect(answer.mspId).to.equal(PLACEMENT_SITE);
    });

    it('a back-dated read cannot reuse an expired access-log entry', async function () {
      const entry = await logAccess('placement', 'karin', subject.pseudonym);
      // Claiming the read happened right after logging works only while the real clock agrees.
      const proposal = await karinAt(
        'ChildDataContract:ReadChildData',
        {
          arguments: [subject.pseudonym, PLACEMENT_SITE, entry.accessId],
          endorsingOrganizations: [PLACEMENT_SITE],
        },
        -3600,
      );
      const error = await txError(() => proposal.evaluate());
      expect(refusalCode(error), error).to.equal('CLOCK_SKEW');
    });

    it('a future-dated write is refused at endorsement, before anything is ordered', async function () {
      const proposal = await karinAt(
        'ChildDataContract:LogChildDataAccess',
        {
          arguments: [subject.pseudonym, PLACEMENT_SITE, 'care_delivery'],
          endorsingOrganizations: [MUNICIPALITY, PLACEMENT_SITE],
        },
        7200,
      );
      const error = await txError(() => proposal.endorse());
      expect(error).to.contain('CLOCK_SKEW');
    });
  });

  describe('erasure does not depend on a provider’s goodwill', function () {
    const subject = canaryChild();

    before(async function () {
      await putChildData(subject);
    });

    after(function () {
      network('startPeer', '-org', 'placement');
    });

    it('the municipality erases while the placement site’s peer is stopped; the peer purges when it returns', async function () {
      network('stopPeer', '-org', 'placement');
      const submitted = await childDataContract('municipality', 'sara').submitAsync('ErasePersonalData', {
        arguments: [subject.pseudonym, 'data_subject_request'],
        endorsingOrganizations: [MUNICIPALITY],
      });
      const status = await submitted.getStatus();
      expect(status.successful, `validation code ${status.code}`).to.be.true;
      const onMunicipality = await checkData('municipality', 'sara', subject.pseudonym);
      expect(onMunicipality.every((holding) => !holding.present)).to.be.true;

      network('startPeer', '-org', 'placement');
      await committedEverywhere(CHANNEL, status.transactionId, 60_000);
      const onPlacement = await checkData('placement', 'karin', subject.pseudonym);
      expect(onPlacement).to.deep.equal([
        { collection: `pair_${MUNICIPALITY}_${PLACEMENT_SITE}`, present: false, sha256: null },
      ]);
      const error = await txError(() => logAccess('placement', 'karin', subject.pseudonym));
      expect(refusalCode(error), error).to.equal('NOT_FOUND');
    });
  });

  it('the shared data is written by the data controller alone: a provider’s peer refuses to endorse the write', async function () {
    const subject = canaryChild();
    const error = await txError(() =>
      childDataContract('municipality', 'sara').submit('PutChildData', {
        arguments: [subject.pseudonym, PLACEMENT_SITE],
        transientData: { child: JSON.stringify({ salt: 'ab'.repeat(16), name: subject.child.name }) },
        endorsingOrganizations: [MUNICIPALITY, PLACEMENT_SITE],
      }),
    );
    expect(error).to.contain('endorser_not_a_party');
    for (const secret of canaryStrings(subject)) expect(error).not.to.contain(secret);
  });

  it('the consultancy’s peer never endorses the placement site’s agreement', async function () {
    const consultancy = organisation('consultancy').mspId;
    const subject = canaryChild();
    await putChildData(subject);
    const error = await txError(() =>
      childDataContract('placement', 'karin').submit('LogChildDataAccess', {
        arguments: [subject.pseudonym, PLACEMENT_SITE, 'care_delivery'],
        endorsingOrganizations: [MUNICIPALITY, consultancy],
      }),
    );
    expect(error).to.contain('endorser_not_a_party');
  });
});
