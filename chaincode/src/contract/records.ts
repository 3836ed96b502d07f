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

/** When a recorded month was first settled: every later revision keeps the first recording's moment. */
export function settledAtOf(record: SettlementRecord): Moment {
  return { instant: record.settlement.settledAt, date: record.settlement.settledOn };
}
