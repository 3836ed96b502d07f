import type { InvoiceLifecycle } from '../core/attestation';
import type { IsoMonth, IsoTimestamp, Moment } from '../core/calendar-date';
import type { InvoiceInput, InvoiceValidation } from '../core/invoice';
import type { HeldBy } from '../core/month-figures';
import type { Settlement } from '../core/settlement';

/**
 * Ledger records the contract layer keeps beside the domain's own types (Agreement, StatusReport, DelegationRule).
 * None holds personal data: children appear only by pseudonym, people only by certificate id.
 */

/**
 * A provider's invoice as submitted, with the recorded result of checking it and its lifecycle (`state`: validated →
 * approved (attested) → paid, or rejected; `attestation`, `payment`, and a `credit` a later termination flagged).
 */
export interface InvoiceRecord extends InvoiceLifecycle {
  readonly agreementId: string;
  readonly invoiceId: string;
  readonly input: InvoiceInput;
  readonly validation: InvoiceValidation;
  readonly submittedBy: string;
}

/** A month's settlement as recorded; a later recording that changes the figures is the next revision. */
export interface SettlementRecord {
  readonly agreementId: string;
  readonly month: IsoMonth;
  readonly revision: number;
  readonly settlement: Settlement;
  readonly recordedAt: IsoTimestamp;
  readonly recordedBy: string;
}

/** A report found overdue by the deadline transaction (the domain's description of what holds an instalment). */
export type OverdueReport = HeldBy;

/** What the last deadline run found for an agreement; rewritten only when it changes. */
export interface DeadlineMarks {
  readonly agreementId: string;
  readonly overdueReports: readonly OverdueReport[];
  readonly markedAt: IsoTimestamp;
}

/**
 * Which (municipality, provider) pair collection holds a child's personal data: the index reads and erasure work
 * from. (The municipality's own collection is found by its hash instead.)
 */
export interface ChildDataHolding {
  readonly childPseudonym: string;
  readonly collection: string;
  readonly municipalityMspId: string;
  readonly providerMspId: string;
  /** Names of the fields stored, never their values. */
  readonly fields: readonly string[];
  readonly storedAt: IsoTimestamp;
}

/** What was done with a child's personal data. */
export type PersonalDataAction = 'write' | 'read' | 'erase';

/** One append-only access-log entry: who, when, which child (pseudonym), which fields, why. No personal data. */
export interface AccessLogEntry {
  /** The transaction id of the logging transaction; a read presents it to fetch the data. */
  readonly accessId: string;
  readonly childPseudonym: string;
  readonly action: PersonalDataAction;
  readonly at: IsoTimestamp;
  readonly certId: string;
  readonly mspId: string;
  readonly role: string;
  readonly collections: readonly string[];
  readonly fields: readonly string[];
  /** A purpose code (reads and writes) or an erasure reason code. */
  readonly purpose: string;
}

/**
 * A caseworker's lookup of a child's pseudonym from a CPR number, kept in the municipality's own collection for its
 * auditors: who, when, why and which child (pseudonym) — never the CPR number.
 */
export interface PseudonymLookup {
  readonly lookupId: string;
  readonly childPseudonym: string;
  readonly at: IsoTimestamp;
  readonly certId: string;
  readonly mspId: string;
  readonly role: string;
  readonly purpose: string;
}

/**
 * The municipality's binding of a guardian (the enrolment id their certificate is issued to) to one child, kept in
 * its own collection: the guardian may read that child's access log and nothing else.
 */
export interface GuardianBinding {
  readonly guardianId: string;
  readonly childPseudonym: string;
  readonly boundAt: IsoTimestamp;
  readonly boundBy: string;
}

/** When a recorded month was first settled: every later revision keeps the first recording's moment. */
export function settledAtOf(record: SettlementRecord): Moment {
  return { instant: record.settlement.settledAt, date: record.settlement.settledOn };
}
