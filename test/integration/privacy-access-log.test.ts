/**
 * Every read of personal data leaves exactly one access-log entry, whoever reads (municipality or provider,
 * directly or through the REST gateway), and no entry holds personal data. Checks, refusals and failed attempts
 * leave none.
 */
import { expect } from 'chai';
import { closeAll } from '../support/network';
import {
  type AccessLogEntry,
  accessLogOf,
  canaryChild,
  canaryStrings,
  checkData,
  childDataContract,
  loggedRead,
  MUNICIPALITY,
  PAIR_COLLECTION,
  OWN_COLLECTION,
  PLACEMENT_SITE,
  putChildData,
  putMunicipalData,
} from '../support/privacy-data';
import { readPersonal, requireGateways } from '../support/privacy-rest';
import { txError } from '../support/story';

const CHILD_FIELDS = ['contact', 'guardians', 'name', 'school'];
const ALL_FIELDS = ['caseFacts', 'contact', 'cpr', 'guardians', 'name', 'school'];

describe('access log: one entry per personal-data read, none with personal data', function () {
  this.timeout(300_000);
  after(closeAll);

  const subject = canaryChild();
  const secrets = canaryStrings(subject);
  /** Reads the tests below made (and saw logged). */
  let readsLogged = 0;

  before(async function () {
    await putChildData(subject);
    await putMunicipalData(subject.pseudonym, subject.municipal);
  });

  /** The entries appended by `reads`, which return the access ids they were logged as. */
  async function entriesOf(reads: () => Promise<readonly string[]>): Promise<{
    added: AccessLogEntry[];
    accessIds: readonly string[];
    all: AccessLogEntry[];
  }> {
    const before = await accessLogOf(subject.pseudonym);
    const accessIds = await reads();
    const after = await accessLogOf(subject.pseudonym);
    // Append-only: what was there is unchanged and first.
    expect(after.slice(0, before.length)).to.deep.equal(before);
    return { added: after.slice(before.length), accessIds, all: after };
  }

  function expectWellFormed(entry: AccessLogEntry, purpose: string): void {
    expect(entry.certId).to.be.a('string').and.match(/\S/);
    expect(entry.role).to.be.a('string').and.match(/\S/);
    expect(new Date(entry.at).toISOString()).to.equal(entry.at);
    expect(entry.fields).to.be.an('array').that.is.not.empty;
    expect(entry).to.include({ action: 'read', purpose, childPseudonym: subject.pseudonym });
  }

  function expectNoPersonalData(entries: readonly AccessLogEntry[]): void {
    const text = JSON.stringify(entries);
    for (const secret of secrets) expect(text).not.to.contain(secret);
  }

  /**
   * Checks that `added` holds exactly one well-formed entry per read, without personal data, and returns them in
   * the order of `reads`.
   */
  function expectOneEntryPerRead(
    reads: readonly { readonly user: string; readonly purpose: string }[],
    added: readonly AccessLogEntry[],
    accessIds: readonly string[],
  ): AccessLogEntry[] {
    expect(added).to.have.length(reads.length);
    expect(added.map((entry) => entry.accessId)).to.have.members([...accessIds]);
    expectNoPersonalData(added);
    readsLogged += added.length;
    return reads.map((read, index) => {
      const entry = added.find((candidate) => candidate.accessId === accessIds[index]);
      if (entry === undefined) throw new Error(`no entry for ${read.user}'s read`);
      expectWellFormed(entry, read.purpose);
      return entry;
    });
  }

  it('counts N = 3 reads by three people of two organisations, directly on their own peers', async function () {
    const reads = [
      { org: 'municipality', user: 'sara', role: 'caseworker', purpose: 'case_handling' },
      { org: 'municipality', user: 'mads', role: 'centre_head', purpose: 'supervision' },
      { org: 'placement', user: 'karin', role: 'provider_staff', purpose: 'care_delivery' },
    ] as const;
    const { added, accessIds } = await entriesOf(async () => {
      const ids: string[] = [];
      for (const read of reads) {
        const { entry, data } = await loggedRead(read.org, read.user, subject.pseudonym, read.purpose);
        expect(data.child).to.deep.equal(subject.child);
        ids.push(entry.accessId);
      }
      return ids;
    });
    const entries = expectOneEntryPerRead(reads, added, accessIds);
    for (const [index, read] of reads.entries()) {
      const entry = entries[index]!;
      expect(entry.role).to.equal(read.role);
      if (read.org === 'municipality') {
        expect(entry.collections).to.deep.equal([OWN_COLLECTION, PAIR_COLLECTION].sort());
        expect(entry.fields).to.deep.equal(ALL_FIELDS);
      } else {
        expect(entry.collections).to.deep.equal([PAIR_COLLECTION]);
        expect(entry.fields).to.deep.equal(CHILD_FIELDS);
      }
    }
    expect(new Set(added.map((entry) => entry.certId)).size, 'one person per entry').to.equal(3);
  });

  it('counts N = 3 reads through the REST gateways of both organisations', async function () {
    await requireGateways(['municipality', 'placement']);
    const reads = [
      { org: 'municipality', user: 'sara', purpose: 'case_handling' },
      { org: 'municipality', user: 'jonas', purpose: 'decision' },
      { org: 'placement', user: 'karin', purpose: 'care_delivery' },
    ] as const;
    const { added, accessIds } = await entriesOf(async () => {
      const ids: string[] = [];
      for (const read of reads) {
        const answer = await readPersonal(
          read.org,
          read.user,
          subject.pseudonym,
          PLACEMENT_SITE,
          read.purpose,
        );
        expect(answer.status, answer.text).to.equal(200);
        ids.push((answer.body as { accessId: string }).accessId);
      }
      return ids;
    });
    const entries = expectOneEntryPerRead(reads, added, accessIds);
    expect(entries.map((entry) => entry.mspId)).to.deep.equal([MUNICIPALITY, MUNICIPALITY, PLACEMENT_SITE]);
  });

  it('adds nothing for presence checks and for refused attempts', async function () {
    const { added } = await entriesOf(async () => {
      await checkData('municipality', 'sara', subject.pseudonym);
      await checkData('placement', 'karin', subject.pseudonym);
      await txError(() =>
        childDataContract('consultancy', 'ole').submit('LogChildDataAccess', {
          arguments: [subject.pseudonym, PLACEMENT_SITE, 'case_handling'],
        }),
      );
      await txError(() =>
        childDataContract('municipality', 'sara').submit('LogChildDataAccess', {
          arguments: [subject.pseudonym, PLACEMENT_SITE, 'Not A Code'],
        }),
      );
      return [];
    });
    expect(added).to.be.empty;
  });

  it('holds no personal data in the whole log of the child', async function () {
    const all = await accessLogOf(subject.pseudonym);
    // The write of the shared record, then the reads above.
    expect(all.filter((entry) => entry.action === 'read')).to.have.length(readsLogged);
    expect(all.filter((entry) => entry.action === 'write')).to.have.length(1);
    for (const entry of all) {
      for (const key of ['certId', 'role', 'at', 'fields', 'purpose'] as const) {
        expect(entry, `${entry.action} entry ${entry.accessId}`).to.have.property(key);
      }
    }
    expectNoPersonalData(all);
  });
});
