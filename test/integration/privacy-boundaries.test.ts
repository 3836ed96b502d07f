/**
 * The privacy boundary between the two providers and around the municipality's own collection, on the real
 * network, each organisation asking its own peer: the consultancy can neither log nor read the placement site's
 * pair collection; the placement site reads only the pair collection, never the municipality's own, and its peer
 * refuses the own collection even to the municipality.
 */
import { expect } from 'chai';
import { closeAll } from '../support/network';
import {
  canaryChild,
  canaryStrings,
  checkData,
  childDataContract,
  CONSULTANCY,
  logAccess,
  loggedRead,
  OWN_COLLECTION,
  PAIR_COLLECTION,
  PLACEMENT_SITE,
  putChildData,
  putMunicipalData,
  readData,
} from '../support/privacy-data';
import { readPersonal, requireGateways } from '../support/privacy-rest';
import { refusalCode } from 'agreements-client';
import { txError } from '../support/story';

describe('privacy boundaries between providers and around the municipality’s own collection', function () {
  this.timeout(300_000);
  after(closeAll);

  const subject = canaryChild();
  const secrets = canaryStrings(subject);
  const ownSecrets = [subject.municipal.cpr, subject.municipal.caseFacts];
  const ole = () => childDataContract('consultancy', 'ole');

  function expectNoPersonalData(text: string): void {
    for (const secret of secrets) expect(text).not.to.contain(secret);
  }

  before(async function () {
    await putChildData(subject);
    await putMunicipalData(subject.pseudonym, subject.municipal);
  });

  describe('the consultancy (ole, on its own peer)', function () {
    it('cannot log an access to the placement site’s pair collection', async function () {
      const error = await txError(() =>
        ole().submit('LogChildDataAccess', {
          arguments: [subject.pseudonym, PLACEMENT_SITE, 'case_handling'],
        }),
      );
      expect(refusalCode(error), error).to.equal('FORBIDDEN');
      expect(error).to.contain('not_a_member');
      expectNoPersonalData(error);
    });

    it('cannot read it with another person’s access-log entry', async function () {
      const sara = await logAccess('municipality', 'sara', subject.pseudonym);
      const error = await txError(() =>
        ole().evaluate('ReadChildData', { arguments: [subject.pseudonym, PLACEMENT_SITE, sara.accessId] }),
      );
      expect(refusalCode(error), error).to.equal('FORBIDDEN');
      expectNoPersonalData(error);
    });

    it('cannot even learn whether the pair collection holds data (no hash, no presence)', async function () {
      const error = await txError(() =>
        ole().evaluate('CheckChildData', { arguments: [subject.pseudonym, PLACEMENT_SITE] }),
      );
      expect(refusalCode(error), error).to.equal('FORBIDDEN');
    });

    it('finds nothing of this child in its own pair collection with the municipality', async function () {
      const error = await txError(() =>
        ole().submit('LogChildDataAccess', { arguments: [subject.pseudonym, CONSULTANCY, 'case_handling'] }),
      );
      expect(refusalCode(error), error).to.equal('NOT_FOUND');
      expectNoPersonalData(error);
    });

    it('is refused by its REST gateway too (403, nothing echoed)', async function () {
      await requireGateways(['consultancy']);
      const answer = await readPersonal(
        'consultancy',
        'ole',
        subject.pseudonym,
        PLACEMENT_SITE,
        'case_handling',
      );
      expect(answer.status, answer.text).to.equal(403);
      expectNoPersonalData(answer.text);
    });

    it('has a peer that serves the pair collection to nobody, not even the municipality', async function () {
      const sara = await logAccess('municipality', 'sara', subject.pseudonym);
      const error = await txError(() =>
        readData('municipality', 'sara', subject.pseudonym, sara.accessId, 'consultancy'),
      );
      // Refused before any collection is touched: a read runs only on the reader's own organisation's peer.
      expect(refusalCode(error), error).to.equal('FORBIDDEN');
      expect(error).to.contain('endorser_not_a_party');
      expectNoPersonalData(error);
    });
  });

  describe('the placement site (karin, on its own peer)', function () {
    it('reads the pair collection only: its access covers the shared fields, its read has no CPR or case facts', async function () {
      const { entry, data } = await loggedRead('placement', 'karin', subject.pseudonym);
      expect(entry.collections).to.deep.equal([PAIR_COLLECTION]);
      expect(entry.fields).to.deep.equal(['contact', 'guardians', 'name', 'school']);
      expect(data.child).to.deep.equal(subject.child);
      expect(data).not.to.have.property('municipal');
      const text = JSON.stringify(data);
      for (const secret of ownSecrets) expect(text).not.to.contain(secret);
    });

    it('learns nothing about the municipality’s own collection, not even whether it holds data', async function () {
      const holdings = await checkData('placement', 'karin', subject.pseudonym);
      expect(holdings.map((holding) => holding.collection)).to.deep.equal([PAIR_COLLECTION]);
      expect(holdings[0]?.present).to.be.true;
    });

    it('cannot use the municipality’s access-log entry, which names the own collection', async function () {
      const sara = await logAccess('municipality', 'sara', subject.pseudonym);
      expect(sara.collections).to.include(OWN_COLLECTION);
      const error = await txError(() => readData('placement', 'karin', subject.pseudonym, sara.accessId));
      expect(refusalCode(error), error).to.equal('FORBIDDEN');
      expect(error).to.contain('not_your_access');
      for (const secret of ownSecrets) expect(error).not.to.contain(secret);
    });

    it('has a peer that refuses to run the municipality’s read at all', async function () {
      const sara = await logAccess('municipality', 'sara', subject.pseudonym);
      const error = await txError(() =>
        readData('municipality', 'sara', subject.pseudonym, sara.accessId, 'placement'),
      );
      expect(refusalCode(error), error).to.equal('FORBIDDEN');
      expect(error).to.contain('endorser_not_a_party');
      for (const secret of ownSecrets) expect(error).not.to.contain(secret);
    });

    it('is served the pair collection through its REST gateway without the own collection', async function () {
      await requireGateways(['placement']);
      const answer = await readPersonal(
        'placement',
        'karin',
        subject.pseudonym,
        PLACEMENT_SITE,
        'care_delivery',
      );
      expect(answer.status, answer.text).to.equal(200);
      expect((answer.body as { child?: unknown }).child).to.deep.equal(subject.child);
      expect(answer.body).not.to.have.property('municipal');
      for (const secret of ownSecrets) expect(answer.text).not.to.contain(secret);
    });
  });

  it('control: the municipality reads both collections on its own peer', async function () {
    const { data } = await loggedRead('municipality', 'sara', subject.pseudonym);
    expect(data.child).to.deep.equal(subject.child);
    expect(data.municipal).to.deep.equal(subject.municipal);
  });
});
