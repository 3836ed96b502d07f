import type { Agreement } from '../../core/agreement-model';
import type { AgreementStatus } from '../../core/agreement';
import type { IsoMonth } from '../../core/calendar-date';
import { AGREEMENT_STATUSES } from '@fabric-agreements/api';

/**
 * The chaincode's key layout: every key it reads or writes is built here, and nowhere else — except e-invoicing's
 * own keys, built by `einvoice-keys.ts` with this file's `compositeKey`.
 *
 * Every key is a composite key (`\u0000type\u0000attr…\u0000`, as fabric-shim's `createCompositeKey` builds it);
 * every attribute is an id the core validated (no control characters, so no U+0000 that could make two keys
 * collide). Values are the core's canonical JSON, identical on every endorser. Index entries hold a single 0x00
 * byte (an empty value would delete the key).
 *
 * | object type          | attributes                                   | value                          |
 * |----------------------|----------------------------------------------|--------------------------------|
 * | `organisation`       | mspId                                        | Organisation                   |
 * | `municipality`       | —                                            | the municipality's Organisation (a copy, read by every write; older ledgers: `{ mspId }`) |
 * | `delegation-rule`    | municipalityMspId                            | current DelegationRule (older versions: key history) |
 * | `attestation-rule`   | municipalityMspId                            | current AttestationRule (older: key history) |
 * | `agreement`          | agreementId                                  | Agreement                      |
 * | `agreement~status`   | status, providerMspId, agreementId           | index                          |
 * | `agreement~provider` | providerMspId, agreementId                   | no longer written or read (older ledgers keep stale entries); a provider's agreements are read from `agreement~status`, one range per status |
 * | `agreement~child`    | childPseudonym, providerMspId, agreementId   | index                          |
 * | `agreement~related`  | relatedAgreementId, dependentAgreementId     | index (termination cascade)    |
 * | `status-report`      | agreementId, obligationId, periodNumber (4 digits) | StatusReport             |
 * | `invoice`            | agreementId, invoiceId                       | InvoiceRecord                  |
 * | `settlement`         | agreementId, month                           | SettlementRecord               |
 * | `deadline-marks`     | agreementId                                  | DeadlineMarks                  |
 * | `child-data`         | childPseudonym, collection                   | where data was held (written by versions before the shared write went private; no longer read) |
 * | `access-log`         | childPseudonym, instant, txId                | AccessLogEntry (time order)    |
 * | `access-entry`       | childPseudonym, accessId (= txId)            | the same AccessLogEntry, got directly by a read |
 * | `child` (private)    | childPseudonym                               | personal data, in a collection |
 * | `erasure` (own)      | childPseudonym, instant, txId                | AccessLogEntry of an erasure   |
 * | `write` (pair)       | childPseudonym, instant, txId                | AccessLogEntry of a write of the pair's data (older ledgers: in `access-log`) |
 * | `pseudonym-lookup` (own) | month, instant, txId                     | PseudonymLookup                |
 * | `guardian` (own)     | guardianId                                   | GuardianBinding (older ledgers' one binding per guardian; read, ended, never written) |
 * | `guardian-child` (own) | guardianId, childPseudonym                 | GuardianBinding (one per guardian and child) |
 *
 * "(own)" keys live in the municipality's own collection: writing them needs only the municipality's endorsement,
 * and no provider sees them. "(pair)" keys live in a (municipality, provider) pair collection, whose endorsement
 * policy names the municipality alone: the data controller writes the shared data, and the log of that write, alone.
 *
 * Every record that belongs to an agreement (the agreement, its reports, invoices, settlements, deadline marks)
 * carries a key-level endorsement policy naming exactly the agreement's two organisations, set when the record is
 * created. Index entries (`agreement~…`) carry none and are trusted for nothing: a read through one keeps the
 * agreement it names only if that agreement has exactly this entry (`AgreementStore`; docs/chaincode.md, "Key
 * layout", says why that is safe).
 */
const KEY_TYPES = {
  organisation: 'organisation',
  municipality: 'municipality',
  delegationRule: 'delegation-rule',
  attestationRule: 'attestation-rule',
  agreement: 'agreement',
  agreementByStatus: 'agreement~status',
  agreementByChild: 'agreement~child',
  agreementByRelated: 'agreement~related',
  statusReport: 'status-report',
  invoice: 'invoice',
  settlement: 'settlement',
  deadlineMarks: 'deadline-marks',
  accessLog: 'access-log',
  accessEntry: 'access-entry',
  privateChild: 'child',
  erasure: 'erasure',
  write: 'write',
  pseudonymLookup: 'pseudonym-lookup',
  guardian: 'guardian',
  guardianChild: 'guardian-child',
} as const;

/** A partial composite key: every key of `objectType` whose attributes start with `attributes`. */
export interface KeyRange {
  readonly objectType: string;
  readonly attributes: readonly string[];
}

const SEPARATOR = '\u0000';

/**
 * The composite key fabric-shim's `createCompositeKey` builds, without a stub.
 * @throws Error (as the shim does) for an empty object type or attribute.
 */
export function compositeKey(objectType: string, attributes: readonly string[]): string {
  if ([objectType, ...attributes].some((part) => part.length === 0)) {
    throw new Error('object type or attribute not a non-zero length string');
  }
  return `${SEPARATOR}${objectType}${SEPARATOR}${attributes.map((part) => `${part}${SEPARATOR}`).join('')}`;
}

/** The key prefix a range covers (what a bookmark of a query over it must start with). */
export function rangePrefix(range: KeyRange): string {
  return compositeKey(range.objectType, range.attributes);
}

/** The last attribute of a composite key: the id an index entry points to. */
export function lastAttribute(key: string): string {
  return key.split(SEPARATOR).at(-2) ?? '';
}

export function range(objectType: string, ...attributes: string[]): KeyRange {
  return { objectType, attributes };
}

/** Keys of single records. */
export const keys = {
  organisation: (mspId: string) => compositeKey(KEY_TYPES.organisation, [mspId]),
  municipality: () => compositeKey(KEY_TYPES.municipality, []),
  delegationRule: (municipalityMspId: string) => compositeKey(KEY_TYPES.delegationRule, [municipalityMspId]),
  attestationRule: (municipalityMspId: string) =>
    compositeKey(KEY_TYPES.attestationRule, [municipalityMspId]),
  agreement: (agreementId: string) => compositeKey(KEY_TYPES.agreement, [agreementId]),
  /** Every index entry an agreement has in its current state. */
  agreementIndexes: (agreement: Agreement): string[] => [
    compositeKey(KEY_TYPES.agreementByStatus, [agreement.status, agreement.providerMspId, agreement.id]),
    compositeKey(KEY_TYPES.agreementByChild, [
      agreement.childPseudonym,
      agreement.providerMspId,
      agreement.id,
    ]),
    ...agreement.relatedAgreementIds.map((relatedId) =>
      compositeKey(KEY_TYPES.agreementByRelated, [relatedId, agreement.id]),
    ),
  ],
  statusReport: (agreementId: string, obligationId: string, periodNumber: number) =>
    compositeKey(KEY_TYPES.statusReport, [agreementId, obligationId, String(periodNumber).padStart(4, '0')]),
  invoice: (agreementId: string, invoiceId: string) =>
    compositeKey(KEY_TYPES.invoice, [agreementId, invoiceId]),
  settlement: (agreementId: string, month: IsoMonth) =>
    compositeKey(KEY_TYPES.settlement, [agreementId, month]),
  deadlineMarks: (agreementId: string) => compositeKey(KEY_TYPES.deadlineMarks, [agreementId]),
  accessLog: (childPseudonym: string, at: string, accessId: string) =>
    compositeKey(KEY_TYPES.accessLog, [childPseudonym, at, accessId]),
  accessEntry: (childPseudonym: string, accessId: string) =>
    compositeKey(KEY_TYPES.accessEntry, [childPseudonym, accessId]),
  privateChild: (childPseudonym: string) => compositeKey(KEY_TYPES.privateChild, [childPseudonym]),
  erasure: (childPseudonym: string, at: string, accessId: string) =>
    compositeKey(KEY_TYPES.erasure, [childPseudonym, at, accessId]),
  write: (childPseudonym: string, at: string, accessId: string) =>
    compositeKey(KEY_TYPES.write, [childPseudonym, at, accessId]),
  pseudonymLookup: (at: string, lookupId: string) =>
    compositeKey(KEY_TYPES.pseudonymLookup, [at.slice(0, 7), at, lookupId]),
  guardian: (guardianId: string) => compositeKey(KEY_TYPES.guardian, [guardianId]),
  guardianChild: (guardianId: string, childPseudonym: string) =>
    compositeKey(KEY_TYPES.guardianChild, [guardianId, childPseudonym]),
} as const;

/** Ranges of keys that queries read. */
export const ranges = {
  organisations: () => range(KEY_TYPES.organisation),
  agreementsByStatus: (status: AgreementStatus, providerMspId?: string) =>
    providerMspId === undefined
      ? range(KEY_TYPES.agreementByStatus, status)
      : range(KEY_TYPES.agreementByStatus, status, providerMspId),
  /** A provider's agreements in `statuses` (default every one): its part of each status's range, in that order. */
  agreementsOfProvider: (
    providerMspId: string,
    statuses: readonly AgreementStatus[] = AGREEMENT_STATUSES,
  ): readonly KeyRange[] =>
    statuses.map((status) => range(KEY_TYPES.agreementByStatus, status, providerMspId)),
  agreementsByChild: (childPseudonym: string, providerMspId?: string) =>
    providerMspId === undefined
      ? range(KEY_TYPES.agreementByChild, childPseudonym)
      : range(KEY_TYPES.agreementByChild, childPseudonym, providerMspId),
  dependentsOf: (agreementId: string) => range(KEY_TYPES.agreementByRelated, agreementId),
  statusReports: (agreementId: string) => range(KEY_TYPES.statusReport, agreementId),
  invoices: (agreementId: string) => range(KEY_TYPES.invoice, agreementId),
  settlements: (agreementId: string) => range(KEY_TYPES.settlement, agreementId),
  accessLog: (childPseudonym: string) => range(KEY_TYPES.accessLog, childPseudonym),
  erasures: (childPseudonym: string) => range(KEY_TYPES.erasure, childPseudonym),
  writes: (childPseudonym: string) => range(KEY_TYPES.write, childPseudonym),
  pseudonymLookups: (month: IsoMonth) => range(KEY_TYPES.pseudonymLookup, month),
  guardianChildren: (guardianId: string) => range(KEY_TYPES.guardianChild, guardianId),
} as const;
