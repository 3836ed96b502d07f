import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import type { AccessLogEntry } from 'agreements-chaincode/core/personal-data';
import { type Page, oneTimeReaderKey, open, sealContext, type SealedBox } from '@fabric-agreements/api';
import {
  compositeKey,
  expectCode,
  KOMMUNE,
  OESTERVOLD,
  people,
  SAMVAER,
  TestNetwork,
  theEvent,
  type Outcome,
} from './support/harness';
import type { WriteSet } from './support/fake-ledger';
import { CHILD, contracts, placementDraft, registerOrganisations } from './support/story';

const { childData } = contracts;
const PAIR = `pair_${KOMMUNE}_${OESTERVOLD}`;
const OTHER_PAIR = `pair_${KOMMUNE}_${SAMVAER}`;
const OWN = `own_${KOMMUNE}`;
/** The random salt a client adds to every private record (so its on-chain hash cannot be guessed). */
const SALT = randomBytes(16).toString('hex');
/** The reader's one-time key: the data comes back sealed to it. */
const READER = oneTimeReaderKey();
const READER_KEY = { reader_key: READER.publicKeyBase64 };

interface SealedRead {
  readonly childPseudonym: string;
  readonly accessId: string;
  readonly sealed: SealedBox;
}

/** What a sealed read holds, opened with the reader's one-time private key. */
function opened(read: SealedRead): Record<string, unknown> {
  return JSON.parse(
    open(read.sealed, READER.privateKey, sealContext(read.childPseudonym, read.accessId)),
  ) as Record<string, unknown>;
}

/** A random marker per personal field: none may ever show up outside the private collections. */
function canary(label: string): string {
  return `${label}-canary-${randomBytes(6).toString('hex')}`;
}

describe('ChildDataContract', () => {
  let network: TestNetwork;
  let canaries: string[];
  let child: Record<string, unknown>;
  let municipal: Record<string, unknown>;
  const eventPayloads: string[] = [];
  const errorMessages: string[] = [];

  function childTransient(): Record<string, string> {
    return { child: JSON.stringify({ salt: SALT, ...child }) };
  }

  function remember(writes: WriteSet): void {
    eventPayloads.push(...writes.events.map((event) => `${event.name} ${event.payload.toString('utf8')}`));
  }

  type Stored = Outcome<{ accessId: string; collections: string[]; fields: string[] }>;

  /** Stores the shared data, then the municipality's own: two transactions, one per kind of collection. */
  async function put(): Promise<{ pair: Stored; own: Stored }> {
    const pair: Stored = await network.submit(childData, 'PutChildData', people.sara, [CHILD, OESTERVOLD], {
      transient: childTransient(),
    });
    const own: Stored = await network.submit(childData, 'PutMunicipalChildData', people.sara, [CHILD], {
      transient: { municipal: JSON.stringify({ salt: SALT, ...municipal }) },
    });
    remember(pair.writes);
    remember(own.writes);
    return { pair, own };
  }

  async function logRead(person: (typeof people)[keyof typeof people], at?: string): Promise<AccessLogEntry> {
    const outcome = await network.submit<AccessLogEntry>(
      childData,
      'LogChildDataAccess',
      person,
      [CHILD, OESTERVOLD, 'care_delivery'],
      at === undefined ? {} : { at },
    );
    remember(outcome.writes);
    return outcome.result;
  }

  async function failureMessage(...args: Parameters<TestNetwork['failureMessage']>): Promise<string> {
    const message = await network.failureMessage(...args);
    errorMessages.push(message);
    return message;
  }

  beforeEach(async () => {
    network = new TestNetwork('2026-01-10T09:00:00.000Z');
    network.ledger.defineCollection(PAIR, [KOMMUNE, OESTERVOLD]);
    network.ledger.defineCollection(OTHER_PAIR, [KOMMUNE, SAMVAER]);
    network.ledger.defineCollection(OWN, [KOMMUNE]);
    await registerOrganisations(network);
    child = {
      name: canary('name'),
      guardians: [canary('guardian'), canary('guardian')],
      school: canary('school'),
      contact: canary('contact'),
    };
    municipal = { cpr: '010116-4321', caseFacts: `${canary('facts')}\nsecond line` };
    canaries = [
      child.name as string,
      ...(child.guardians as string[]),
      child.school as string,
      child.contact as string,
      (municipal.caseFacts as string).split('\n')[0]!,
      '0101164321',
      '010116-4321',
    ];
  });

  /** The canaries found in world state (and its history), events and error messages. */
  function leaks(): string[] {
    const published = [network.ledger.publicBytes(), ...eventPayloads, ...errorMessages].join('\n');
    return canaries.filter((marker) => published.includes(marker));
  }

  afterEach(() => {
    expect(leaks(), 'personal data outside the private collections').to.deep.equal([]);
    eventPayloads.length = 0;
    errorMessages.length = 0;
  });

  it('the canary scan finds a canary put in a public field (positive control)', async () => {
    const publicCanary = canary('public');
    canaries.push(publicCanary);
    const { writes } = await network.submit(contracts.agreements, 'DraftAgreement', people.sara, [
      JSON.stringify(placementDraft({ id: publicCanary })),
    ]);
    remember(writes);
    expect(leaks()).to.deep.equal([publicCanary]);
    canaries.pop();
  });

  it('PutChildData writes the pair collection and nothing else — the data and the log of its write — so only the municipality endorses', async () => {
    const { pair } = await put();
    const { result, writes } = pair;

    expect([...writes.privateWrites.keys()]).to.deep.equal([PAIR]);
    expect([...(writes.privateWrites.get(PAIR)?.keys() ?? [])].sort()).to.deep.equal(
      [
        compositeKey('child', CHILD),
        compositeKey('write', CHILD, '2026-01-10T09:00:00.000Z', result.accessId),
      ].sort(),
    );
    expect(writes.privateWrites.get(PAIR)?.get(compositeKey('child', CHILD))).to.include({ kind: 'put' });
    expect(writes.puts.size + writes.deletes.size + writes.validationParameters.size).to.equal(0);
    expect(result.fields).to.deep.equal(['contact', 'guardians', 'name', 'school']);
    expect(theEvent(writes)).to.deep.include({ name: 'PersonalDataWritten' });
    for (const marker of canaries) {
      expect(JSON.stringify(result)).to.not.include(marker);
    }
  });

  it('PutChildData is refused on a provider’s peer: the data controller endorses it alone', async () => {
    await expectCode(
      network.failure(childData, 'PutChildData', people.sara, [CHILD, OESTERVOLD], {
        transient: childTransient(),
        peerMspId: OESTERVOLD,
      }),
      'FORBIDDEN',
    );
  });

  it('PutMunicipalChildData writes the own collection and nothing else, so only the municipality endorses', async () => {
    const { own } = await put();
    const { result, writes } = own;

    expect([...writes.privateWrites.keys()]).to.deep.equal([OWN]);
    expect(writes.puts.size + writes.deletes.size + writes.validationParameters.size).to.equal(0);
    expect(result).to.deep.equal({
      childPseudonym: CHILD,
      accessId: own.txId,
      collections: [OWN],
      fields: ['caseFacts', 'cpr'],
      warnings: [
        {
          code: 'cpr_modulus_11',
          field: 'transient.municipal.cpr',
          text: 'fails the modulus-11 check; accepted, as numbers issued since 2007 need not pass it',
        },
      ],
    });
    expect(theEvent(writes).payload).to.deep.equal({
      type: 'PersonalDataWritten',
      action: 'write',
      childPseudonym: CHILD,
      accessId: own.txId,
      collections: [OWN],
    });
    const stored = JSON.parse(
      network.ledger.committedPrivate(OWN, compositeKey('child', CHILD))!.toString('utf8'),
    ) as Record<string, unknown>;
    expect(stored).to.include({ cpr: '0101164321', salt: SALT });
  });

  it('refuses a record without a salt, and a CPR number that is not a child’s', async () => {
    const refusals: [Record<string, unknown>, string, string][] = [
      [{ cpr: '0101164321' }, 'transient.municipal.salt', 'not_a_salt'],
      [{ salt: 'ABC', cpr: '0101164321' }, 'transient.municipal.salt', 'not_a_salt'],
      [{ salt: SALT, cpr: '3102164321' }, 'transient.municipal.cpr', 'not_a_date'],
      [{ salt: SALT, cpr: '010180-1234' }, 'transient.municipal.cpr', 'implausible_age'],
      [{ salt: SALT, cpr: '01011612345' }, 'transient.municipal.cpr', 'not_a_cpr_number'],
    ];
    for (const [input, field, reason] of refusals) {
      const message = await failureMessage(childData, 'PutMunicipalChildData', people.sara, [CHILD], {
        transient: { municipal: JSON.stringify(input) },
      });
      expect(message).to.include('VALIDATION_FAILED').and.include(field).and.include(reason);
    }
    const valid = await network.submit<{ warnings: unknown[] }>(
      childData,
      'PutMunicipalChildData',
      people.sara,
      [CHILD],
      { transient: { municipal: JSON.stringify({ salt: SALT, cpr: '070615-4000' }) } },
    );
    expect(valid.result.warnings).to.deep.equal([]);
  });

  it('PutChildData is for municipal staff and checks the transient data without quoting it', async () => {
    await expectCode(
      network.failure(childData, 'PutChildData', people.karin, [CHILD, OESTERVOLD], {
        transient: childTransient(),
      }),
      'FORBIDDEN',
    );
    await expectCode(
      network.failure(childData, 'PutMunicipalChildData', people.karin, [CHILD], {
        transient: { municipal: JSON.stringify({ salt: SALT, ...municipal }) },
      }),
      'FORBIDDEN',
    );
    await expectCode(
      network.failure(childData, 'PutChildData', people.sara, [CHILD, 'UnknownMSP'], {
        transient: childTransient(),
      }),
      'VALIDATION_FAILED',
    );
    await expectCode(
      network.failure(childData, 'PutChildData', people.sara, [CHILD, OESTERVOLD]),
      'VALIDATION_FAILED',
    );

    const [broken, extra, control, cpr, key] = ['broken', 'extra', 'ctl', 'cpr', 'key'].map(canary) as [
      string,
      string,
      string,
      string,
      string,
    ];
    canaries.push(broken, extra, control, cpr, key);
    const bad: [string, string[], Record<string, string>][] = [
      ['PutChildData', [CHILD, OESTERVOLD], { child: `{"name": "${broken}"` }],
      [
        'PutChildData',
        [CHILD, OESTERVOLD],
        { child: JSON.stringify({ salt: SALT, ...child, shoeSize: extra }) },
      ],
      [
        'PutChildData',
        [CHILD, OESTERVOLD],
        { child: JSON.stringify({ salt: SALT, ...child, name: `${control}\u0000` }) },
      ],
      [
        'PutChildData',
        [CHILD, OESTERVOLD],
        { ...childTransient(), municipal: JSON.stringify({ salt: SALT, ...municipal }) },
      ],
      ['PutMunicipalChildData', [CHILD], { municipal: JSON.stringify({ salt: SALT, cpr }) }],
      [
        'PutMunicipalChildData',
        [CHILD],
        { municipal: JSON.stringify({ salt: SALT, ...municipal }), notes: key },
      ],
    ];
    for (const [fn, args, input] of bad) {
      const message = await failureMessage(childData, fn, people.sara, args, { transient: input });
      expect(message).to.include('VALIDATION_FAILED');
    }
  });

  it('a read is logged first (submit), then the data is returned to the same person (evaluate)', async () => {
    await put();
    const entry = await logRead(people.karin, '2026-01-10T10:00:00.000Z');
    expect(entry).to.include({
      action: 'read',
      mspId: OESTERVOLD,
      role: 'provider_staff',
      purpose: 'care_delivery',
    });
    expect(entry.collections).to.deep.equal([PAIR]);
    expect(entry.fields).to.deep.equal(['contact', 'guardians', 'name', 'school']);
    expect(entry.certId).to.match(/^sha256:/);

    const data = await network.evaluate<SealedRead>(
      childData,
      'ReadChildData',
      people.karin,
      [CHILD, OESTERVOLD, entry.accessId],
      { at: '2026-01-10T10:01:00.000Z', peerAt: '2026-01-10T10:01:00.000Z', transient: READER_KEY },
    );
    expect(data).to.include({ childPseudonym: CHILD, accessId: entry.accessId });
    expect(JSON.stringify(data)).to.not.include(String(child.name));
    expect(opened(data)).to.deep.equal({ child });

    const municipalEntry = await logRead(people.sara);
    expect(municipalEntry.collections).to.deep.equal([OWN, PAIR].sort());
    const everything = opened(
      await network.evaluate<SealedRead>(
        childData,
        'ReadChildData',
        people.sara,
        [CHILD, OESTERVOLD, municipalEntry.accessId],
        { transient: READER_KEY },
      ),
    );
    expect(everything.municipal).to.deep.equal({ ...municipal, cpr: '0101164321' });
  });

  it('refuses reads without the reader’s own recent log entry', async () => {
    await put();
    const entry = await logRead(people.karin, '2026-01-10T10:00:00.000Z');
    await expectCode(
      network.failure(childData, 'ReadChildData', people.karin, [CHILD, OESTERVOLD, 'f'.repeat(64)], {
        transient: READER_KEY,
      }),
      'NOT_FOUND',
    );
    await expectCode(
      network.failure(childData, 'ReadChildData', people.sara, [CHILD, OESTERVOLD, entry.accessId], {
        transient: READER_KEY,
      }),
      'FORBIDDEN',
    );
    const expired = await expectCode(
      network.failure(childData, 'ReadChildData', people.karin, [CHILD, OESTERVOLD, entry.accessId], {
        at: '2026-01-10T10:01:01.000Z',
        transient: READER_KEY,
      }),
      'PRECONDITION_FAILED',
    );
    expect(expired.details.reason).to.equal('access_expired');
  });

  it('keeps one provider out of the other provider’s and the municipality’s data', async () => {
    await put();
    await expectCode(
      network.failure(childData, 'LogChildDataAccess', people.ole, [CHILD, OESTERVOLD, 'care_delivery']),
      'FORBIDDEN',
    );
    await expectCode(
      network.failure(childData, 'LogChildDataAccess', people.ole, [CHILD, SAMVAER, 'care_delivery']),
      'NOT_FOUND',
    );
    const karin = await logRead(people.karin);
    expect(karin.collections).to.not.include(OWN);
    await expectCode(
      network.failure(childData, 'ReadChildData', people.ole, [CHILD, OESTERVOLD, karin.accessId], {
        transient: READER_KEY,
      }),
      'FORBIDDEN',
    );
    await expectCode(
      network.failure(childData, 'LogChildDataAccess', people.karin, [
        CHILD,
        OESTERVOLD,
        'Looking at Preben',
      ]),
      'VALIDATION_FAILED',
    );
  });

  it('maps Fabric’s own refusal of a collection to FORBIDDEN without quoting it', async () => {
    await put();
    const entry = await logRead(people.karin);
    network.ledger.defineCollection(PAIR, [KOMMUNE]);
    const message = await failureMessage(
      childData,
      'ReadChildData',
      people.karin,
      [CHILD, OESTERVOLD, entry.accessId],
      { transient: READER_KEY },
    );
    expect(message).to.include('"code":"FORBIDDEN"');
    expect(message).to.include('collection_not_accessible');
    expect(message).to.not.include('read access permission');
  });

  it('CheckChildData tells whether data is held by its hash alone', async () => {
    await put();
    const check = await network.evaluate<{
      collections: { collection: string; present: boolean; sha256: string }[];
    }>(childData, 'CheckChildData', people.karin, [CHILD, OESTERVOLD]);
    expect(check.collections).to.have.length(1);
    expect(check.collections[0]).to.include({ collection: PAIR, present: true });
    expect(check.collections[0]!.sha256).to.match(/^[0-9a-f]{64}$/);
  });

  it('ErasePersonalData purges every collection holding the child and logs it; other children stay', async () => {
    await put();
    await network.submit(childData, 'PutChildData', people.sara, ['child-other', OESTERVOLD], {
      transient: { child: JSON.stringify({ salt: SALT, name: 'Other Child' }) },
    });
    await network.submit(childData, 'PutMunicipalChildData', people.sara, ['child-other'], {
      transient: { municipal: JSON.stringify({ salt: SALT, cpr: '0202164234' }) },
    });
    canaries.push('Other Child', '0202161234');

    const { result, writes } = await network.submit<{ accessId: string; collections: string[] }>(
      childData,
      'ErasePersonalData',
      people.sara,
      [CHILD, 'data_subject_request'],
    );
    remember(writes);
    const key = compositeKey('child', CHILD);
    expect(writes.privateWrites.get(PAIR)?.get(key)).to.deep.equal({ kind: 'purge' });
    expect(writes.privateWrites.get(OWN)?.get(key)).to.deep.equal({ kind: 'purge' });
    expect(result.collections).to.deep.equal([OWN, PAIR].sort());
    expect(theEvent(writes).payload).to.include({ type: 'PersonalDataErased', childPseudonym: CHILD });
    expect(network.ledger.committedPrivate(PAIR, key)).to.equal(undefined);
    expect(network.ledger.committedPrivate(OWN, key)).to.equal(undefined);
    expect(network.ledger.committedPrivate(PAIR, compositeKey('child', 'child-other'))).to.not.equal(
      undefined,
    );

    await expectCode(
      network.failure(childData, 'LogChildDataAccess', people.sara, [CHILD, OESTERVOLD, 'case_handling']),
      'NOT_FOUND',
    );
    const again = await network.submit<{ accessId: null }>(childData, 'ErasePersonalData', people.sara, [
      CHILD,
      'data_subject_request',
    ]);
    expect(again.result.accessId).to.equal(null);
    expect(again.writes.puts.size + again.writes.privateWrites.size).to.equal(0);
    await expectCode(
      network.failure(childData, 'ErasePersonalData', people.karin, [CHILD, 'data_subject_request']),
      'FORBIDDEN',
    );
  });

  it('the access log lists every write, read and erasure, for the municipality only', async () => {
    await put();
    await logRead(people.karin, '2026-01-10T10:00:00.000Z');
    await logRead(people.sara, '2026-01-10T11:00:00.000Z');
    await network.submit(childData, 'ErasePersonalData', people.sara, [CHILD, 'retention_expired'], {
      at: '2026-01-10T12:00:00.000Z',
    });

    const page = await network.evaluate<Page<AccessLogEntry>>(childData, 'ListAccessLog', people.sara, [
      CHILD,
      '',
      '',
    ]);
    expect(page.records.map((entry) => [entry.action, entry.mspId, entry.purpose])).to.deep.equal([
      ['write', KOMMUNE, 'data_entry'],
      ['read', OESTERVOLD, 'care_delivery'],
      ['read', KOMMUNE, 'care_delivery'],
      ['erase', KOMMUNE, 'retention_expired'],
    ]);
    // The reads page through world state; the write and the erasure (private collections) join the last page.
    const first = await network.evaluate<Page<AccessLogEntry>>(
      childData,
      'ListAccessLog',
      people.kommuneAdmin,
      [CHILD, '1', ''],
    );
    expect(first.records.map((entry) => entry.action)).to.deep.equal(['read']);
    const last = await network.evaluate<Page<AccessLogEntry>>(
      childData,
      'ListAccessLog',
      people.kommuneAdmin,
      [CHILD, '1', first.bookmark],
    );
    expect(last.records.map((entry) => entry.action)).to.deep.equal(['write', 'read', 'erase']);
    expect(last.bookmark).to.equal('');
    await expectCode(network.failure(childData, 'ListAccessLog', people.karin, [CHILD, '', '']), 'FORBIDDEN');
  });
});
