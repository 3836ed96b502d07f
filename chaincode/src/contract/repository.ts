import type { Iterators } from 'fabric-shim';
import type { ChaincodeStub } from './stub';
import type { Agreement, AgreementStatus } from '../core/agreement';
import type { IsoMonth, IsoTimestamp } from '../core/calendar-date';
import { canonicalJson } from '../core/canonical-json';
import type { AttestationRule } from '../core/attestation';
import type { DelegationRule } from '../core/delegation-rule';
import { Refusal, type Page, type PageRequest } from '@fabric-agreements/api';
import type { StatusReport } from '../core/obligations';
import type { Parties } from '../core/parties';
import { invalid } from '../core/validation';
import { isoInstant } from './clock';
import { requireEndorsementBy } from './endorsement';
import { noteAgreementWrite } from './endorsing-peer';
import type { Organisation } from './organisations';
import type {
  AccessLogEntry,
  ChildDataHolding,
  DeadlineMarks,
  GuardianBinding,
  InvoiceRecord,
  PseudonymLookup,
  SettlementRecord,
} from './records';

/**
 * The chaincode's whole ledger layout, and the only module that reads or writes it.
 *
 * Every key is a composite key (`\u0000type\u0000attr…\u0000`); every attribute is an id the domain validated
 * (no control characters, so no U+0000 that could make two keys collide). Values are the domain's canonical JSON,
 * identical on every endorser. Index entries hold a single 0x00 byte (an empty value would delete the key).
 *
 * | object type          | attributes                                   | value                          |
 * |----------------------|----------------------------------------------|--------------------------------|
 * | `organisation`       | mspId                                        | Organisation                   |
 * | `municipality`       | —                                            | `{ mspId }` of the municipality|
 * | `delegation-rule`    | municipalityMspId                            | current DelegationRule (older versions: key history) |
 * | `attestation-rule`   | municipalityMspId                            | current AttestationRule (older: key history) |
 * | `agreement`          | agreementId                                  | Agreement                      |
 * | `agreement~status`   | status, providerMspId, agreementId           | index                          |
 * | `agreement~provider` | providerMspId, agreementId                   | index                          |
 * | `agreement~child`    | childPseudonym, providerMspId, agreementId   | index                          |
 * | `agreement~related`  | relatedAgreementId, dependentAgreementId     | index (termination cascade)    |
 * | `status-report`      | agreementId, obligationId, periodNumber (4 digits) | StatusReport             |
 * | `invoice`            | agreementId, invoiceId                       | InvoiceRecord                  |
 * | `settlement`         | agreementId, month                           | SettlementRecord               |
 * | `deadline-marks`     | agreementId                                  | DeadlineMarks                  |
 * | `child-data`         | childPseudonym, collection                   | ChildDataHolding               |
 * | `access-log`         | childPseudonym, instant, txId                | AccessLogEntry                 |
 * | `child` (private)    | childPseudonym                               | personal data, in a collection |
 * | `erasure` (own)      | childPseudonym, instant, txId                | AccessLogEntry of an erasure   |
 * | `pseudonym-lookup` (own) | month, instant, txId                     | PseudonymLookup                |
 * | `guardian` (own)     | guardianId                                   | GuardianBinding                |
 *
 * "(own)" keys live in the municipality's own collection: writing them needs only the municipality's endorsement,
 * and no provider sees them.
 *
 * Every key that belongs to an agreement (the agreement, its index entries, reports, invoices, settlements,
 * deadline marks) carries a key-level endorsement policy naming exactly the agreement's two organisations.
 */
export const KEY_TYPES = {
  organisation: 'organisation',
  municipality: 'municipality',
  delegationRule: 'delegation-rule',
  attestationRule: 'attestation-rule',
  agreement: 'agreement',
  agreementByStatus: 'agreement~status',
  agreementByProvider: 'agreement~provider',
  agreementByChild: 'agreement~child',
  agreementByRelated: 'agreement~related',
  statusReport: 'status-report',
  invoice: 'invoice',
  settlement: 'settlement',
  deadlineMarks: 'deadline-marks',
  childData: 'child-data',
  accessLog: 'access-log',
  privateChild: 'child',
  erasure: 'erasure',
  pseudonymLookup: 'pseudonym-lookup',
  guardian: 'guardian',
} as const;

const INDEX_VALUE = Buffer.from([0]);

/** One modification of an agreement, newest first. */
export interface AgreementModification {
  readonly txId: string;
  readonly timestamp: IsoTimestamp;
  readonly isDelete: boolean;
  readonly agreement: Agreement | null;
}

/** An agreement index to list by. */
export type AgreementIndex =
  | { readonly by: 'status'; readonly status: AgreementStatus; readonly providerMspId?: string }
  | { readonly by: 'provider'; readonly providerMspId: string }
  | { readonly by: 'child'; readonly childPseudonym: string; readonly providerMspId?: string };

/** Typed ledger access for one transaction. */
export class Repository {
  readonly #stub: ChaincodeStub;

  constructor(stub: ChaincodeStub) {
    this.#stub = stub;
  }

  // Organisations and the delegation rule

  getOrganisation(mspId: string): Promise<Organisation | undefined> {
    return this.#getJson<Organisation>(this.#key(KEY_TYPES.organisation, mspId));
  }

  /** The registered municipality, if any. */
  async getMunicipality(): Promise<Organisation | undefined> {
    const pointer = await this.#getJson<{ mspId: string }>(this.#key(KEY_TYPES.municipality));
    return pointer === undefined ? undefined : this.getOrganisation(pointer.mspId);
  }

  async putOrganisation(organisation: Organisation): Promise<void> {
    await this.#putJson(this.#key(KEY_TYPES.organisation, organisation.mspId), organisation);
    if (organisation.kind === 'municipality') {
      await this.#putJson(this.#key(KEY_TYPES.municipality), { mspId: organisation.mspId });
    }
  }

  /** Every registered organisation, in MSP id order. */
  async listOrganisations(): Promise<readonly Organisation[]> {
    const entries = await this.#scan(KEY_TYPES.organisation, []);
    return entries.map((entry) => parseJson<Organisation>(entry.value));
  }

  getDelegationRule(municipalityMspId: string): Promise<DelegationRule | undefined> {
    return this.#getJson<DelegationRule>(this.#key(KEY_TYPES.delegationRule, municipalityMspId));
  }

  putDelegationRule(rule: DelegationRule): Promise<void> {
    return this.#putJson(this.#key(KEY_TYPES.delegationRule, rule.municipalityMspId), rule);
  }

  getAttestationRule(municipalityMspId: string): Promise<AttestationRule | undefined> {
    return this.#getJson<AttestationRule>(this.#key(KEY_TYPES.attestationRule, municipalityMspId));
  }

  putAttestationRule(rule: AttestationRule): Promise<void> {
    return this.#putJson(this.#key(KEY_TYPES.attestationRule, rule.municipalityMspId), rule);
  }

  // Agreements

  getAgreement(agreementId: string): Promise<Agreement | undefined> {
    return this.#getJson<Agreement>(this.agreementKey(agreementId));
  }

  /**
   * The agreement with this id.
   * @throws Refusal `NOT_FOUND` if there is none.
   */
  async requireAgreement(agreementId: string): Promise<Agreement> {
    const agreement = await this.getAgreement(agreementId);
    if (agreement === undefined) {
      throw new Refusal('NOT_FOUND', 'no agreement with this id', { agreementId });
    }
    return agreement;
  }

  agreementKey(agreementId: string): string {
    return this.#key(KEY_TYPES.agreement, agreementId);
  }

  /**
   * Writes an agreement with its key-level endorsement policy and keeps the indexes in step: entries of
   * `previous` (as loaded at the start of the transaction) that no longer apply are deleted, new ones written.
   */
  async saveAgreement(next: Agreement, previous: Agreement | undefined): Promise<void> {
    await this.#putOwned(this.agreementKey(next.id), canonicalJson(next), next);
    const before = new Set(previous === undefined ? [] : this.#indexKeysOf(previous));
    const after = new Set(this.#indexKeysOf(next));
    for (const key of before) {
      if (!after.has(key)) {
        await this.#stub.deleteState(key);
      }
    }
    for (const key of after) {
      if (!before.has(key)) {
        await this.#putOwned(key, INDEX_VALUE, next);
      }
    }
  }

  /** Every committed modification of an agreement, newest first (as Fabric returns them). */
  async agreementHistory(agreementId: string): Promise<readonly AgreementModification[]> {
    const modifications: AgreementModification[] = [];
    for await (const modification of this.#stub.getHistoryForKey(this.agreementKey(agreementId))) {
      modifications.push({
        txId: modification.txId,
        timestamp: isoInstant(modification.timestamp.seconds, modification.timestamp.nanos),
        isDelete: modification.isDelete,
        agreement: modification.isDelete ? null : parseJson<Agreement>(modification.value),
      });
    }
    return modifications;
  }

  /** A page of agreements from one of the indexes, in key order. */
  async listAgreements(index: AgreementIndex, request: PageRequest): Promise<Page<Agreement>> {
    const [objectType, attributes] = this.#indexQuery(index);
    const page = await this.#page(objectType, attributes, request);
    const records: Agreement[] = [];
    for (const entry of page.entries) {
      const agreementId = this.#stub.splitCompositeKey(entry.key).attributes.at(-1) ?? '';
      const agreement = await this.getAgreement(agreementId);
      if (agreement !== undefined) {
        records.push(agreement);
      }
    }
    return { records, fetchedRecordsCount: page.fetchedRecordsCount, bookmark: page.bookmark };
  }

  /**
   * Every agreement in a status, optionally of one provider, without pagination: for transactions that write
   * (Fabric refuses paginated queries in those).
   */
  async agreementIdsInStatus(status: AgreementStatus, providerMspId?: string): Promise<readonly string[]> {
    const attributes = providerMspId === undefined ? [status] : [status, providerMspId];
    const entries = await this.#scan(KEY_TYPES.agreementByStatus, attributes);
    return entries.map((entry) => this.#stub.splitCompositeKey(entry.key).attributes.at(-1) ?? '');
  }

  /** The agreements that name `agreementId` as related (its termination ends them). */
  async dependentsOf(agreementId: string): Promise<readonly Agreement[]> {
    const entries = await this.#scan(KEY_TYPES.agreementByRelated, [agreementId]);
    const dependents: Agreement[] = [];
    for (const entry of entries) {
      const dependent = await this.getAgreement(this.#stub.splitCompositeKey(entry.key).attributes[1] ?? '');
      if (dependent !== undefined) {
        dependents.push(dependent);
      }
    }
    return dependents;
  }

  // Status reports, invoices, settlements, deadline marks: records owned by an agreement

  getStatusReport(
    agreementId: string,
    obligationId: string,
    periodNumber: number,
  ): Promise<StatusReport | undefined> {
    return this.#getJson<StatusReport>(this.#reportKey(agreementId, obligationId, periodNumber));
  }

  putStatusReport(report: StatusReport, parties: Parties): Promise<void> {
    const key = this.#reportKey(report.agreementId, report.obligationId, report.periodNumber);
    return this.#putOwned(key, canonicalJson(report), parties);
  }

  /** Every status report of an agreement, by obligation and period. */
  async listStatusReports(agreementId: string): Promise<readonly StatusReport[]> {
    const entries = await this.#scan(KEY_TYPES.statusReport, [agreementId]);
    return entries.map((entry) => parseJson<StatusReport>(entry.value));
  }

  getInvoice(agreementId: string, invoiceId: string): Promise<InvoiceRecord | undefined> {
    return this.#getJson<InvoiceRecord>(this.#key(KEY_TYPES.invoice, agreementId, invoiceId));
  }

  putInvoice(record: InvoiceRecord, parties: Parties): Promise<void> {
    const key = this.#key(KEY_TYPES.invoice, record.agreementId, record.invoiceId);
    return this.#putOwned(key, canonicalJson(record), parties);
  }

  /** Every invoice of an agreement, by invoice id. */
  async listInvoices(agreementId: string): Promise<readonly InvoiceRecord[]> {
    const entries = await this.#scan(KEY_TYPES.invoice, [agreementId]);
    return entries.map((entry) => parseJson<InvoiceRecord>(entry.value));
  }

  getSettlement(agreementId: string, month: IsoMonth): Promise<SettlementRecord | undefined> {
    return this.#getJson<SettlementRecord>(this.#key(KEY_TYPES.settlement, agreementId, month));
  }

  /** Every recorded settlement of an agreement, by month. */
  async listSettlements(agreementId: string): Promise<readonly SettlementRecord[]> {
    const entries = await this.#scan(KEY_TYPES.settlement, [agreementId]);
    return entries.map((entry) => parseJson<SettlementRecord>(entry.value));
  }

  putSettlement(record: SettlementRecord, parties: Parties): Promise<void> {
    const key = this.#key(KEY_TYPES.settlement, record.agreementId, record.month);
    return this.#putOwned(key, canonicalJson(record), parties);
  }

  getDeadlineMarks(agreementId: string): Promise<DeadlineMarks | undefined> {
    return this.#getJson<DeadlineMarks>(this.#key(KEY_TYPES.deadlineMarks, agreementId));
  }

  putDeadlineMarks(marks: DeadlineMarks, parties: Parties): Promise<void> {
    const key = this.#key(KEY_TYPES.deadlineMarks, marks.agreementId);
    return this.#putOwned(key, canonicalJson(marks), parties);
  }

  // Personal data: where it is held (world state) and the data itself (private collections)

  /** The private-data key of a child's record inside a collection. */
  privateChildKey(childPseudonym: string): string {
    return this.#key(KEY_TYPES.privateChild, childPseudonym);
  }

  /** Which collections hold a child's personal data. */
  async listChildDataHoldings(childPseudonym: string): Promise<readonly ChildDataHolding[]> {
    const entries = await this.#scan(KEY_TYPES.childData, [childPseudonym]);
    return entries.map((entry) => parseJson<ChildDataHolding>(entry.value));
  }

  putChildDataHolding(holding: ChildDataHolding): Promise<void> {
    return this.#putJson(this.#key(KEY_TYPES.childData, holding.childPseudonym, holding.collection), holding);
  }

  deleteChildDataHolding(holding: ChildDataHolding): Promise<void> {
    return this.#stub.deleteState(this.#key(KEY_TYPES.childData, holding.childPseudonym, holding.collection));
  }

  /** Personal data as stored, or `undefined`. Fabric's own refusals propagate to the caller. */
  async getPrivateChild(collection: string, childPseudonym: string): Promise<Uint8Array | undefined> {
    const value = await this.#stub.getPrivateData(collection, this.privateChildKey(childPseudonym));
    return value.length === 0 ? undefined : value;
  }

  /** SHA-256 of the stored personal data (readable on every peer of the channel), or `undefined`. */
  async getPrivateChildHash(collection: string, childPseudonym: string): Promise<string | undefined> {
    const hash = await this.#stub.getPrivateDataHash(collection, this.privateChildKey(childPseudonym));
    return hash.length === 0 ? undefined : Buffer.from(hash).toString('hex');
  }

  putPrivateChild(collection: string, childPseudonym: string, json: string): Promise<void> {
    return this.#stub.putPrivateData(
      collection,
      this.privateChildKey(childPseudonym),
      Buffer.from(json, 'utf8'),
    );
  }

  /** Removes the data from every member peer, including its private history; the hash on chain stays. */
  purgePrivateChild(collection: string, childPseudonym: string): Promise<void> {
    return this.#stub.purgePrivateData(collection, this.privateChildKey(childPseudonym));
  }

  appendAccessLog(entry: AccessLogEntry): Promise<void> {
    return this.#putJson(
      this.#key(KEY_TYPES.accessLog, entry.childPseudonym, entry.at, entry.accessId),
      entry,
    );
  }

  /** A child's access log, oldest first. */
  async listAccessLog(childPseudonym: string, request: PageRequest): Promise<Page<AccessLogEntry>> {
    const page = await this.#page(KEY_TYPES.accessLog, [childPseudonym], request);
    return {
      records: page.entries.map((entry) => parseJson<AccessLogEntry>(entry.value)),
      fetchedRecordsCount: page.fetchedRecordsCount,
      bookmark: page.bookmark,
    };
  }

  /** The entry a logging transaction wrote, found by its access id (the transaction id). */
  async findAccessLogEntry(childPseudonym: string, accessId: string): Promise<AccessLogEntry | undefined> {
    const entries = await this.#scan(KEY_TYPES.accessLog, [childPseudonym]);
    return entries
      .map((entry) => parseJson<AccessLogEntry>(entry.value))
      .find((entry) => entry.accessId === accessId);
  }

  // The municipality's own collection: erasures, pseudonym lookups, guardian bindings

  appendErasure(collection: string, entry: AccessLogEntry): Promise<void> {
    return this.#putPrivateJson(
      collection,
      this.#key(KEY_TYPES.erasure, entry.childPseudonym, entry.at, entry.accessId),
      entry,
    );
  }

  async listErasures(collection: string, childPseudonym: string): Promise<readonly AccessLogEntry[]> {
    const entries = await this.#scanPrivate(collection, KEY_TYPES.erasure, [childPseudonym]);
    return entries.map((entry) => parseJson<AccessLogEntry>(entry.value));
  }

  appendPseudonymLookup(collection: string, lookup: PseudonymLookup): Promise<void> {
    return this.#putPrivateJson(
      collection,
      this.#key(KEY_TYPES.pseudonymLookup, lookup.at.slice(0, 7), lookup.at, lookup.lookupId),
      lookup,
    );
  }

  /** A month's pseudonym lookups, oldest first, from after `bookmark` (a key this method returned). */
  async listPseudonymLookups(
    collection: string,
    month: IsoMonth,
    request: PageRequest,
  ): Promise<Page<PseudonymLookup>> {
    const prefix = this.#key(KEY_TYPES.pseudonymLookup, month);
    const after = decodeBookmark(request.bookmark, prefix);
    const all = (await this.#scanPrivate(collection, KEY_TYPES.pseudonymLookup, [month])).filter(
      (entry) => after === '' || entry.key > after,
    );
    const page = all.slice(0, request.pageSize);
    const last = page.at(-1);
    return {
      records: page.map((entry) => parseJson<PseudonymLookup>(entry.value)),
      fetchedRecordsCount: page.length,
      bookmark: all.length > page.length && last !== undefined ? encodeBookmark(last.key) : '',
    };
  }

  putGuardianBinding(collection: string, binding: GuardianBinding): Promise<void> {
    return this.#putPrivateJson(collection, this.#key(KEY_TYPES.guardian, binding.guardianId), binding);
  }

  async getGuardianBinding(collection: string, guardianId: string): Promise<GuardianBinding | undefined> {
    const value = await this.#stub.getPrivateData(collection, this.#key(KEY_TYPES.guardian, guardianId));
    return value.length === 0 ? undefined : parseJson<GuardianBinding>(value);
  }

  // Plumbing

  #putPrivateJson(collection: string, key: string, value: unknown): Promise<void> {
    return this.#stub.putPrivateData(collection, key, Buffer.from(canonicalJson(value), 'utf8'));
  }

  async #scanPrivate(
    collection: string,
    objectType: string,
    attributes: string[],
  ): Promise<readonly Iterators.KV[]> {
    const entries: Iterators.KV[] = [];
    for await (const entry of this.#stub.getPrivateDataByPartialCompositeKey(
      collection,
      objectType,
      attributes,
    )) {
      entries.push({ namespace: entry.namespace, key: entry.key, value: entry.value });
    }
    return entries;
  }

  #key(objectType: string, ...attributes: string[]): string {
    return this.#stub.createCompositeKey(objectType, attributes);
  }

  #reportKey(agreementId: string, obligationId: string, periodNumber: number): string {
    return this.#key(
      KEY_TYPES.statusReport,
      agreementId,
      obligationId,
      String(periodNumber).padStart(4, '0'),
    );
  }

  #indexKeysOf(agreement: Agreement): string[] {
    return [
      this.#key(KEY_TYPES.agreementByStatus, agreement.status, agreement.providerMspId, agreement.id),
      this.#key(KEY_TYPES.agreementByProvider, agreement.providerMspId, agreement.id),
      this.#key(KEY_TYPES.agreementByChild, agreement.childPseudonym, agreement.providerMspId, agreement.id),
      ...agreement.relatedAgreementIds.map((relatedId) =>
        this.#key(KEY_TYPES.agreementByRelated, relatedId, agreement.id),
      ),
    ];
  }

  #indexQuery(index: AgreementIndex): [string, string[]] {
    switch (index.by) {
      case 'status':
        return [
          KEY_TYPES.agreementByStatus,
          index.providerMspId === undefined ? [index.status] : [index.status, index.providerMspId],
        ];
      case 'provider':
        return [KEY_TYPES.agreementByProvider, [index.providerMspId]];
      case 'child':
        return [
          KEY_TYPES.agreementByChild,
          index.providerMspId === undefined
            ? [index.childPseudonym]
            : [index.childPseudonym, index.providerMspId],
        ];
    }
  }

  async #getJson<T>(key: string): Promise<T | undefined> {
    const value = await this.#stub.getState(key);
    return value.length === 0 ? undefined : parseJson<T>(value);
  }

  #putJson(key: string, value: unknown): Promise<void> {
    return this.#stub.putState(key, Buffer.from(canonicalJson(value), 'utf8'));
  }

  /** Writes a key that belongs to an agreement, with the parties' key-level endorsement policy. */
  async #putOwned(key: string, value: string | Buffer, parties: Parties): Promise<void> {
    noteAgreementWrite(this.#stub, [parties.municipalityMspId, parties.providerMspId]);
    await this.#stub.putState(key, typeof value === 'string' ? Buffer.from(value, 'utf8') : value);
    await requireEndorsementBy(this.#stub, key, [parties.municipalityMspId, parties.providerMspId]);
  }

  /** Every entry under a partial key; allowed in transactions that write (re-checked for phantoms at commit). */
  async #scan(objectType: string, attributes: string[]): Promise<readonly Iterators.KV[]> {
    const entries: Iterators.KV[] = [];
    for await (const entry of this.#stub.getStateByPartialCompositeKey(objectType, attributes)) {
      entries.push({ namespace: entry.namespace, key: entry.key, value: entry.value });
    }
    return entries;
  }

  /** One page under a partial key. Read-only transactions only: Fabric refuses writes after a paginated query. */
  async #page(
    objectType: string,
    attributes: string[],
    request: PageRequest,
  ): Promise<{ entries: readonly Iterators.KV[]; fetchedRecordsCount: number; bookmark: string }> {
    const prefix = this.#stub.createCompositeKey(objectType, attributes);
    const start = decodeBookmark(request.bookmark, prefix);
    const { iterator, metadata } = await this.#stub.getStateByPartialCompositeKeyWithPagination(
      objectType,
      attributes,
      request.pageSize,
      start,
    );
    const entries: Iterators.KV[] = [];
    try {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        entries.push({ namespace: next.value.namespace, key: next.value.key, value: next.value.value });
      }
    } finally {
      await iterator.close();
    }
    // The shim leaves `metadata` undefined when nothing matched, despite its typing.
    const pageMetadata = metadata as typeof metadata | undefined;
    return {
      entries,
      fetchedRecordsCount: pageMetadata?.fetchedRecordsCount ?? entries.length,
      bookmark: encodeBookmark(pageMetadata?.bookmark ?? ''),
    };
  }
}

/** Reads a value this chaincode wrote as canonical JSON of a `T`. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the ledger is typed by its key layout
function parseJson<T>(value: Uint8Array): T {
  return JSON.parse(Buffer.from(value).toString('utf8')) as T;
}

/** Bookmarks are ledger keys (with U+0000 separators); clients get them as URL-safe base64. */
function encodeBookmark(key: string): string {
  return key === '' ? '' : Buffer.from(key, 'utf8').toString('base64url');
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function decodeBookmark(bookmark: string, prefix: string): string {
  if (bookmark === '') {
    return '';
  }
  const key = BASE64URL.test(bookmark) ? Buffer.from(bookmark, 'base64url').toString('utf8') : '';
  if (!key.startsWith(prefix)) {
    return invalid('bookmark', 'foreign_bookmark', 'is not a bookmark of this query');
  }
  return key;
}
