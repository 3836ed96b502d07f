/**
 * Personal data for the privacy proofs: random canaries in every personal field, fresh valid CPR numbers, and the
 * chaincode's personal-data transactions called directly through fabric-gateway as the story's people.
 */
import { type Contract } from '@hyperledger/fabric-gateway';
import type {
  AccessLogEntry,
  ChildDataCheck,
  ChildDataContractClient,
  PersonalDataWritten,
  WriteOptions,
} from 'agreements-client';
import {
  oneTimeReaderKey,
  open,
  sealContext,
  TRANSIENT_READER_KEY,
  type SealedBox,
} from '@fabric-agreements/api';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { organisation, type OrgKey } from './network';
import type { Canary } from './privacy-scan';
import { person } from './story';

export const CHANNEL = 'placements';
export const CHAINCODE = 'agreements';

export const MUNICIPALITY = organisation('municipality').mspId;
export const PLACEMENT_SITE = organisation('placement').mspId;
export const CONSULTANCY = organisation('consultancy').mspId;
export const PAIR_COLLECTION = `pair_${MUNICIPALITY}_${PLACEMENT_SITE}`;
export const OWN_COLLECTION = `own_${MUNICIPALITY}`;

/** A random canary: `canary-<32 hex>`; never a substring of anything else. */
export function canaryText(): string {
  return `canary-${randomBytes(16).toString('hex')}`;
}

/** A random id-safe child pseudonym (as the municipality's keyed pseudonym would be: opaque). */
export function childPseudonym(): string {
  return `child-${randomBytes(12).toString('hex')}`;
}

/** 32 random bytes as 64 lowercase hex characters. */
export function randomSalt(): string {
  return randomBytes(32).toString('hex');
}

// ---- CPR numbers ----

const CPR_WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1] as const;

/** The modulus-11 check of a ten-digit CPR number. */
export function passesModulus11(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i += 1) sum += Number(digits[i]) * (CPR_WEIGHTS[i] ?? 0);
  return sum % 11 === 0;
}

const pad2 = (n: number): string => n.toString().padStart(2, '0');

/** `DDMMYY` of a date. */
export function cprDate(date: Date): string {
  return `${pad2(date.getUTCDate())}${pad2(date.getUTCMonth() + 1)}${pad2(date.getUTCFullYear() % 100)}`;
}

/**
 * A random CPR number of a child born `ageYears` (default: 2–15) years before `now`, 21st century: ten digits
 * whose modulus-11 check passes (or, with `modulus11: false`, fails).
 */
export function randomChildCpr(
  options: { readonly now?: Date; readonly ageYears?: number; readonly modulus11?: boolean } = {},
): string {
  const now = options.now ?? new Date();
  const age = options.ageYears ?? randomInt(2, 16);
  // A day inside the year of life that makes the child `age` years old today.
  const born = new Date(
    Date.UTC(now.getUTCFullYear() - age - 1, now.getUTCMonth(), now.getUTCDate() + randomInt(2, 364)),
  );
  return cprWithSerial(cprDate(born), options.modulus11 ?? true);
}

/** `ddmmyy` plus a random 21st-century serial (7th digit 4–9 read with a year ≤ 36) passing or failing modulus 11. */
export function cprWithSerial(ddmmyy: string, modulus11: boolean, seventh?: number): string {
  for (;;) {
    const candidate = `${ddmmyy}${seventh ?? randomInt(4, 10)}${randomInt(0, 1000).toString().padStart(3, '0')}`;
    if (passesModulus11(candidate) === modulus11) return candidate;
  }
}

/** `DDMMYY-SSSS`. */
export function dashed(cpr: string): string {
  return `${cpr.slice(0, 6)}-${cpr.slice(6)}`;
}

// ---- records and canaries ----

/** What the municipality shares with one provider: every field a canary. */
export interface ChildRecord {
  readonly name: string;
  readonly guardians: readonly string[];
  readonly school: string;
  readonly contact: string;
}

/** What only the municipality holds. */
export interface MunicipalRecord {
  readonly cpr: string;
  readonly caseFacts: string;
}

/** A child whose every personal field is a fresh canary, and a fresh valid CPR number. */
export interface CanaryChild {
  readonly pseudonym: string;
  readonly child: ChildRecord;
  readonly municipal: MunicipalRecord;
}

export function canaryChild(): CanaryChild {
  return {
    pseudonym: childPseudonym(),
    child: {
      name: canaryText(),
      guardians: [canaryText(), canaryText()],
      school: canaryText(),
      contact: canaryText(),
    },
    municipal: { cpr: randomChildCpr(), caseFacts: canaryText() },
  };
}

/**
 * The canaries of a child for the scanner: the pair collection's fields (held by the municipality and the
 * placement site) and the own collection's (held by the municipality only), the CPR number with and without dash.
 */
export function canariesOf(subject: CanaryChild, tag: string): Canary[] {
  const pair: readonly OrgKey[] = ['municipality', 'placement'];
  const own: readonly OrgKey[] = ['municipality'];
  return [
    { label: `${tag} child.name`, text: subject.child.name, holders: pair },
    ...subject.child.guardians.map((text, i) => ({
      label: `${tag} child.guardians[${i}]`,
      text,
      holders: pair,
    })),
    { label: `${tag} child.school`, text: subject.child.school, holders: pair },
    { label: `${tag} child.contact`, text: subject.child.contact, holders: pair },
    { label: `${tag} municipal.caseFacts`, text: subject.municipal.caseFacts, holders: own },
    { label: `${tag} municipal.cpr`, text: subject.municipal.cpr, holders: own },
    { label: `${tag} municipal.cpr (dashed)`, text: dashed(subject.municipal.cpr), holders: own },
  ];
}

/** Every canary string of a child (for "contains none of these" checks). */
export function canaryStrings(subject: CanaryChild): string[] {
  return canariesOf(subject, '').map((canary) => canary.text);
}

/**
 * JSON with object keys sorted and no whitespace: what the chaincode stores (its canonical JSON), written here
 * independently so that the hash check does not trust the code under test.
 */
export function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Readonly<Record<string, unknown>>;
    return `{${Object.keys(record)
      .sort()
      .filter((key) => record[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${sortedJson(record[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The private data key of a child's record: the chaincode's composite key `\0child\0<pseudonym>\0`. */
export function privateChildKey(pseudonym: string): string {
  return `\u0000child\u0000${pseudonym}\u0000`;
}

// ---- the chaincode's personal-data transactions, called directly ----
// (ReadChildData answers sealed to a one-time key: see @fabric-agreements/api, src/sealed-box.ts)

export function childDataContract(org: OrgKey, user: string): Contract {
  return person(org, user, CHANNEL).connection.contract('ChildDataContract');
}

/** The personal-data transactions as `user` of `org`, each write committed on every member peer. */
function childData(org: OrgKey, user: string): ChildDataContractClient {
  return person(org, user, CHANNEL).childData;
}

/**
 * A record as the transient map carries it: with a fresh random `salt`, which the chaincode requires so that a
 * record's on-chain hash cannot be confirmed by hashing guesses (the REST gateway adds its own).
 */
export function transientRecord(record: object): Record<string, unknown> {
  return { ...record, salt: randomSalt() };
}

/** A committed write: its transaction id, its result, and exactly what went into the transient map. */
export interface DirectWrite {
  readonly transactionId: string;
  readonly result: PersonalDataWritten;
  readonly sent: Record<string, unknown>;
}

/** Runs a write and tells which transaction committed it. */
async function committed<T>(write: (options: WriteOptions) => Promise<T>) {
  let transactionId = '';
  const result = await write({
    onCommitted: (commit) => {
      transactionId = commit.transactionId;
    },
  });
  return { transactionId, result };
}

/**
 * `PutChildData` by municipal staff into the (municipality, placement site) pair collection, endorsed by the
 * municipality alone (the placement site's peer receives the data as a member of the collection).
 */
export async function putChildData(subject: CanaryChild, user = 'sara'): Promise<DirectWrite> {
  const sent = transientRecord(subject.child);
  const written = await committed((options) =>
    childData('municipality', user).putChildData(subject.pseudonym, PLACEMENT_SITE, {
      ...options,
      transientData: { child: JSON.stringify(sent) },
      endorsingOrganizations: [MUNICIPALITY],
    }),
  );
  return { ...written, sent };
}

/** `PutMunicipalChildData` by municipal staff into the municipality's own collection (its own peer only). */
export async function putMunicipalData(
  pseudonym: string,
  record: object,
  user = 'sara',
): Promise<DirectWrite> {
  const sent = transientRecord(record);
  const written = await committed((options) =>
    childData('municipality', user).putMunicipalChildData(pseudonym, {
      ...options,
      transientData: { municipal: JSON.stringify(sent) },
      endorsingOrganizations: [MUNICIPALITY],
    }),
  );
  return { ...written, sent };
}

/** An access-log entry as the chaincode returns it. */
export type { AccessLogEntry };

/** Step 1 of a read: the access-log entry, committed on every member peer. */
export function logAccess(
  org: OrgKey,
  user: string,
  pseudonym: string,
  purpose = 'case_handling',
): Promise<AccessLogEntry> {
  return childData(org, user).logChildDataAccess(pseudonym, PLACEMENT_SITE, purpose);
}

/** What `ReadChildData` returns. */
export interface ReadResult {
  readonly childPseudonym: string;
  readonly accessId: string;
  readonly child?: Record<string, unknown>;
  readonly municipal?: Record<string, unknown>;
}

/** Step 2 of a read, evaluated on `on`'s peer (default: the reader's own), opened with a one-time key. */
export async function readData(
  org: OrgKey,
  user: string,
  pseudonym: string,
  accessId: string,
  on: OrgKey = org,
): Promise<ReadResult> {
  const reader = oneTimeReaderKey();
  const answer = await childData(org, user).readChildData(pseudonym, PLACEMENT_SITE, accessId, {
    transientData: { [TRANSIENT_READER_KEY]: reader.publicKeyBase64 },
    endorsingOrganizations: [organisation(on).mspId],
  });
  const context = sealContext(answer.childPseudonym, answer.accessId);
  return {
    childPseudonym: answer.childPseudonym,
    accessId: answer.accessId,
    ...(JSON.parse(open(answer.sealed as SealedBox, reader.privateKey, context)) as Omit<
      ReadResult,
      'childPseudonym' | 'accessId'
    >),
  };
}

/** A logged read (log, then read on the reader's own peer). */
export async function loggedRead(
  org: OrgKey,
  user: string,
  pseudonym: string,
  purpose = 'case_handling',
): Promise<{ entry: AccessLogEntry; data: ReadResult }> {
  const entry = await logAccess(org, user, pseudonym, purpose);
  return { entry, data: await readData(org, user, pseudonym, entry.accessId) };
}

/** What `CheckChildData` says per collection. */
export type Holding = ChildDataCheck['collections'][number];

/** `CheckChildData` evaluated on `on`'s peer. */
export async function checkData(
  org: OrgKey,
  user: string,
  pseudonym: string,
  on: OrgKey = org,
): Promise<readonly Holding[]> {
  const check = await childData(org, user).checkChildData(pseudonym, PLACEMENT_SITE, {
    endorsingOrganizations: [organisation(on).mspId],
  });
  return check.collections;
}

/** `ErasePersonalData` by municipal staff, committed on every member peer; returns its transaction id. */
export function erase(pseudonym: string, reason = 'data_subject_request', user = 'sara') {
  return committed((options) =>
    childData('municipality', user).erasePersonalData(pseudonym, reason, options),
  );
}

/** A child's whole access log (every page), as the municipality reads it on its own peer. */
export async function accessLogOf(pseudonym: string, user = 'sara'): Promise<AccessLogEntry[]> {
  const childDataOfMunicipality = childData('municipality', user);
  const entries: AccessLogEntry[] = [];
  let bookmark = '';
  for (;;) {
    const page = await childDataOfMunicipality.listAccessLog(pseudonym, { pageSize: 100, bookmark });
    entries.push(...page.records);
    if (page.bookmark === '' || page.records.length === 0) return entries;
    bookmark = page.bookmark;
  }
}
