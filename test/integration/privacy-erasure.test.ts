/**
 * Erasure on the real network: child A's personal data is purged from the pair and the own collection; no member
 * peer returns it afterwards, child B's data is untouched, the hashes in the blocks that committed A's data are
 * still there and equal SHA-256 of what was written, and A's agreements remain, naming only the pseudonym.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'chai';
import { closeAll, type OrgKey, ROOT } from '../support/network';
import {
  type AccessLogEntry,
  accessLogOf,
  canariesOf,
  canaryChild,
  type CanaryChild,
  canaryStrings,
  CHANNEL,
  checkData,
  type DirectWrite,
  erase,
  type Holding,
  logAccess,
  loggedRead,
  MUNICIPALITY,
  OWN_COLLECTION,
  PAIR_COLLECTION,
  PLACEMENT_SITE,
  privateChildKey,
  putChildData,
  putMunicipalData,
  readData,
  sha256Hex,
  sortedJson,
} from '../support/privacy-data';
import { transactionInBlock } from '../support/privacy-ledger';
import { describeHits, scanForCanaries } from '../support/privacy-scan';
import { refusalCode } from 'agreements-client';
import { storyStart } from 'agreements-case-story';
import { person, placementDraft, txError, utf8 } from '../support/story';

const PEERS: readonly OrgKey[] = ['municipality', 'placement', 'consultancy'];
const MEMBER_PEERS: readonly OrgKey[] = ['municipality', 'placement'];

interface Written {
  readonly pair: DirectWrite;
  readonly own: DirectWrite;
}

async function writeBoth(subject: CanaryChild): Promise<Written> {
  return {
    pair: await putChildData(subject),
    own: await putMunicipalData(subject.pseudonym, subject.municipal),
  };
}

/** SHA-256 of the record as the chaincode stores it: canonical JSON of what was sent (salt included). */
const storedHash = (write: DirectWrite): string => sha256Hex(sortedJson(write.sent));

function hashOf(holdings: readonly Holding[], collection: string): string | null | undefined {
  return holdings.find((holding) => holding.collection === collection)?.sha256;
}

describe('erasure of one child’s personal data', function () {
  this.timeout(300_000);
  after(closeAll);

  const a = canaryChild();
  const b = canaryChild();
  const agreementId = `agreement-${a.pseudonym}`;
  let writtenA: Written;
  let writtenB: Written;
  let hashesBeforeA: readonly Holding[];
  let hashesBeforeB: readonly Holding[];
  /** Reads of A logged before the erasure, still inside their access window afterwards. */
  let saraBefore: AccessLogEntry;
  let karinBefore: AccessLogEntry;
  let eraseTx: string;

  before(async function () {
    writtenA = await writeBoth(a);
    writtenB = await writeBoth(b);
    await person('municipality', 'sara').agreements.draftAgreement(
      placementDraft(agreementId, storyStart(), a.pseudonym),
      { endorsingOrganizations: [MUNICIPALITY, PLACEMENT_SITE] },
    );
    hashesBeforeA = await checkData('municipality', 'sara', a.pseudonym);
    hashesBeforeB = await checkData('municipality', 'sara', b.pseudonym);
    saraBefore = await logAccess('municipality', 'sara', a.pseudonym);
    karinBefore = await logAccess('placement', 'karin', a.pseudonym);
  });

  it('before: the hash each peer reports and each block holds is SHA-256 of the canonical JSON written', async function () {
    expect(hashOf(hashesBeforeA, PAIR_COLLECTION)).to.equal(storedHash(writtenA.pair));
    expect(hashOf(hashesBeforeA, OWN_COLLECTION)).to.equal(storedHash(writtenA.own));
    const keyHash = sha256Hex(privateChildKey(a.pseudonym));
    for (const org of PEERS) {
      const pair = await transactionInBlock(org, CHANNEL, writtenA.pair.transactionId);
      expect(pair.validationCode).to.equal(0);
      expect(pair.hashedWrites).to.deep.include({
        namespace: 'agreements',
        collection: PAIR_COLLECTION,
        keyHash,
        valueHash: storedHash(writtenA.pair),
        isDelete: false,
        isPurge: false,
      });
      const own = await transactionInBlock(org, CHANNEL, writtenA.own.transactionId);
      expect(own.hashedWrites).to.deep.include({
        namespace: 'agreements',
        collection: OWN_COLLECTION,
        keyHash,
        valueHash: storedHash(writtenA.own),
        isDelete: false,
        isPurge: false,
      });
    }
  });

  it('erases A from both collections, logged with the reason code', async function () {
    const erased = await erase(a.pseudonym, 'data_subject_request');
    eraseTx = erased.transactionId;
    expect([...erased.result.collections].sort()).to.deep.equal([OWN_COLLECTION, PAIR_COLLECTION].sort());
    const log = await accessLogOf(a.pseudonym);
    const last = log[log.length - 1];
    expect(last).to.include({ action: 'erase', purpose: 'data_subject_request', accessId: eraseTx });
    const text = JSON.stringify(log);
    for (const secret of canaryStrings(a)) expect(text).not.to.contain(secret);
  });

  it('after: no member peer returns A’s data, even for reads logged before the erasure', async function () {
    // The municipality's read (pair + own) and the placement site's (pair), each on its own peer (a read runs
    // nowhere else).
    const attempts: [OrgKey, string, AccessLogEntry, OrgKey][] = [
      ['municipality', 'sara', saraBefore, 'municipality'],
      ['placement', 'karin', karinBefore, 'placement'],
    ];
    for (const [org, user, entry, on] of attempts) {
      const error = await txError(() => readData(org, user, a.pseudonym, entry.accessId, on));
      expect(refusalCode(error), `${user} on ${on}'s peer: ${error}`).to.equal('NOT_FOUND');
      for (const secret of canaryStrings(a)) expect(error).not.to.contain(secret);
    }
    // A new read cannot even be logged: nothing is held.
    for (const [org, user] of [
      ['municipality', 'sara'],
      ['placement', 'karin'],
    ] as const) {
      const error = await txError(() => logAccess(org, user, a.pseudonym));
      expect(refusalCode(error), `${user}: ${error}`).to.equal('NOT_FOUND');
    }
  });

  it('after: every peer reports A’s data absent from both collections', async function () {
    for (const on of PEERS) {
      const holdings = await checkData('municipality', 'sara', a.pseudonym, on);
      expect(holdings, `on ${on}'s peer`).to.have.deep.members([
        { collection: PAIR_COLLECTION, present: false, sha256: null },
        { collection: OWN_COLLECTION, present: false, sha256: null },
      ]);
    }
    for (const on of MEMBER_PEERS) {
      const holdings = await checkData('placement', 'karin', a.pseudonym, on);
      expect(holdings).to.deep.equal([{ collection: PAIR_COLLECTION, present: false, sha256: null }]);
    }
  });

  it('after: B’s data is intact and readable by both members', async function () {
    expect(await checkData('municipality', 'sara', b.pseudonym)).to.deep.equal(hashesBeforeB);
    const bySara = await loggedRead('municipality', 'sara', b.pseudonym);
    expect(bySara.data.child).to.deep.equal(b.child);
    expect(bySara.data.municipal).to.deep.equal(b.municipal);
    const byKarin = await loggedRead('placement', 'karin', b.pseudonym);
    expect(byKarin.data.child).to.deep.equal(b.child);
    expect(hashOf(await checkData('placement', 'karin', b.pseudonym), PAIR_COLLECTION)).to.equal(
      storedHash(writtenB.pair),
    );
  });

  it('after: the blocks still hold A’s hashed writes, and the erasure block records a purge of the same key', async function () {
    const keyHash = sha256Hex(privateChildKey(a.pseudonym));
    for (const org of PEERS) {
      for (const [write, collection] of [
        [writtenA.pair, PAIR_COLLECTION],
        [writtenA.own, OWN_COLLECTION],
      ] as const) {
        const inBlock = await transactionInBlock(org, CHANNEL, write.transactionId);
        const hashed = inBlock.hashedWrites.find((w) => w.collection === collection && w.keyHash === keyHash);
        expect(hashed, `${collection} write on ${org}'s peer`).to.include({
          valueHash: storedHash(write),
          isDelete: false,
          isPurge: false,
        });
        expect(hashed?.valueHash).to.equal(hashOf(hashesBeforeA, collection));
      }
      const purge = await transactionInBlock(org, CHANNEL, eraseTx);
      expect(purge.validationCode).to.equal(0);
      for (const collection of [PAIR_COLLECTION, OWN_COLLECTION]) {
        expect(
          purge.hashedWrites.some((w) => w.collection === collection && w.keyHash === keyHash && w.isPurge),
          `purge of ${collection} in the erasure block on ${org}'s peer`,
        ).to.be.true;
      }
    }
  });

  // purgePrivateData deletes A's keys at once, but LevelDB keeps a deleted value's bytes in its journal and tables
  // until a compaction rewrites them. `network.sh compact` (the operator's step after an erasure) compacts every
  // peer's databases; after it no byte of A's data is left in any file, member peers' stores included.
  it('after compaction: no bytes of A’s data remain anywhere on disk, member peers’ stores included', async function () {
    this.timeout(180_000);
    execFileSync('bash', [join(ROOT, 'scripts', 'network.sh'), 'compact'], { stdio: 'ignore' });
    const report = await scanForCanaries(
      canariesOf(a, 'erased').map((canary) => ({ ...canary, holders: [] })),
    );
    expect(report.hits, describeHits(report.hits)).to.be.empty;
  });

  it('after: A’s agreement still exists and names only the pseudonym', async function () {
    const sara = person('municipality', 'sara');
    const page = await sara.agreements.listAgreementsByChild(a.pseudonym);
    expect(page.records.map((record) => record.id)).to.deep.equal([agreementId]);
    const agreement = utf8.decode(
      await sara.connection.contract('AgreementContract').evaluateTransaction('GetAgreement', agreementId),
    );
    expect(JSON.parse(agreement)).to.include({ id: agreementId, childPseudonym: a.pseudonym });
    for (const secret of canaryStrings(a)) expect(agreement).not.to.contain(secret);
  });
});
