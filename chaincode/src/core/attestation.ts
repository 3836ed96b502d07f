import {
  type AttestationRuleInput,
  type InvoiceState,
  type PaymentRecordInput,
  Refusal,
} from '@fabric-agreements/api';
export { type InvoiceState } from '@fabric-agreements/api';
import type { Agreement } from './agreement-model';
import {
  compareDates,
  firstDayOfMonth,
  requireMoment,
  type IsoDate,
  type IsoTimestamp,
  type Moment,
} from './calendar-date';
import { requireId } from './ids';
import type { InvoiceValidation } from './invoice';
import { sumOre, toOre, type Ore } from './money';
import { lineMonthFigures, roundFraction } from './month-figures';
import { MUNICIPAL_ROLES, requireActorOn, type Actor } from './parties';
import type { Termination } from './agreement-model';
import { invalid, requireIsoDate } from './validation';

/** A role that may attest: the municipality's case-handling staff (never the mayor, who handles no case). */
type AttestingRole = (typeof MUNICIPAL_ROLES)[number];

/** Who may attest invoices, and below which amount an invoice is attested automatically. */
export interface AttestationRule {
  readonly municipalityMspId: string;
  readonly version: number;
  /** Municipal roles whose holders may attest (at least one). */
  readonly roles: readonly AttestingRole[];
  /** A fully accepted invoice whose approved total is below this (øre) is attested on validation; absent: never. */
  readonly autoAttestBelow?: Ore;
  readonly adoptedAt?: IsoTimestamp;
}

/** The default: a centre head or a director attests; no automatic attestation. */
export const DEFAULT_ATTESTATION_ROLES: readonly AttestingRole[] = ['centre_head', 'director'];

/** An invoice's attestation. */
export interface Attestation {
  readonly automatic: boolean;
  /** Absent for an automatic attestation. */
  readonly certId?: string;
  readonly role?: AttestingRole;
  readonly ruleVersion: number;
  readonly at: IsoTimestamp;
}

/** A recorded payment. */
export interface Payment {
  /** The municipality's payment reference (an id, never free text). */
  readonly reference: string;
  readonly paidOn: IsoDate;
  readonly amount: Ore;
  readonly recordedBy: string;
  readonly recordedAt: IsoTimestamp;
}

/** What a termination dated back past an invoice's month takes back from it, per accepted line. */
export interface InvoiceCredit {
  readonly terminationNumber: number;
  readonly effectiveDate: IsoDate;
  readonly lines: readonly {
    readonly serviceLineId: string;
    readonly approved: Ore;
    /** What the line may carry now the agreement ends earlier. */
    readonly stillDue: Ore;
    readonly credit: Ore;
  }[];
  /** Σ credit: the amount the provider must credit (or, if unpaid, the amount not to pay). */
  readonly amount: Ore;
  readonly flaggedAt: IsoTimestamp;
}

/** An invoice's lifecycle beside its validation. */
export interface InvoiceLifecycle {
  readonly state: InvoiceState;
  readonly attestation?: Attestation;
  readonly payment?: Payment;
  readonly credit?: InvoiceCredit;
}

/** The default rule (version 1) for a municipality. */
export function defaultAttestationRule(municipalityMspId: string): AttestationRule {
  return { municipalityMspId, version: 1, roles: DEFAULT_ATTESTATION_ROLES };
}

/**
 * Adopts a new attestation rule: `{"roles": [...], "autoAttestBelow"?: øre}` (parsed by its schema, see
 * `parseAttestationRuleInput`).
 */
export function adoptAttestationRule(
  municipalityMspId: string,
  current: AttestationRule | undefined,
  input: AttestationRuleInput,
  at: Moment,
): AttestationRule {
  requireMoment(at);
  return {
    municipalityMspId,
    version: (current?.version ?? 0) + 1,
    roles: [...input.roles].sort(),
    ...(input.autoAttestBelow === undefined ? {} : { autoAttestBelow: input.autoAttestBelow }),
    adoptedAt: at.instant,
  };
}

/**
 * The lifecycle of a freshly validated invoice: `rejected` if no line was accepted; attested automatically
 * (`approved`) if every line was accepted and the approved total is below the rule's `autoAttestBelow`; otherwise
 * `validated`, awaiting attestation.
 */
export function lifecycleOnValidation(
  validation: InvoiceValidation,
  rule: AttestationRule,
  at: Moment,
): InvoiceLifecycle {
  requireMoment(at);
  if (validation.status === 'rejected') {
    return { state: 'rejected' };
  }
  const automatic =
    validation.status === 'accepted' &&
    rule.autoAttestBelow !== undefined &&
    validation.totals.approved < rule.autoAttestBelow;
  return automatic
    ? { state: 'approved', attestation: { automatic: true, ruleVersion: rule.version, at: at.instant } }
    : { state: 'validated' };
}

/**
 * Attests a validated invoice: it becomes `approved`. The attester must be municipal staff in a role the rule names.
 * @throws Refusal `INVALID_STATE` unless `validated`; `FORBIDDEN` / `WRONG_ROLE` otherwise.
 */
export function attestInvoice(
  invoice: InvoiceLifecycle,
  agreement: Agreement,
  actor: Actor,
  rule: AttestationRule,
  at: Moment,
): InvoiceLifecycle {
  requireMoment(at);
  requireActorOn(agreement, actor, 'municipality', rule.roles);
  requireInvoiceState(invoice, ['validated']);
  return {
    ...invoice,
    state: 'approved',
    attestation: {
      automatic: false,
      certId: actor.certId,
      // requireActorOn admitted only a role the rule names.
      role: actor.role as AttestingRole,
      ruleVersion: rule.version,
      at: at.instant,
    },
  };
}

/** What the municipality records when it pays. */
export type PaymentInput = PaymentRecordInput;

/**
 * Records the payment of an approved invoice: its reference and date; the amount is the validation's payable total
 * less any credit. Separation of duties: the person recording the payment is not the one who attested.
 * @throws Refusal `INVALID_STATE` unless `approved`; `FORBIDDEN` / `WRONG_ROLE` unless municipal staff;
 * `FORBIDDEN` (`reason: same_person_attested`) for the attester; `VALIDATION_FAILED` for a bad reference or a
 * payment date in the future or before the invoice's month.
 */
export function recordPayment(
  invoice: InvoiceLifecycle,
  validation: InvoiceValidation,
  agreement: Agreement,
  input: PaymentInput,
  actor: Actor,
  at: Moment,
): InvoiceLifecycle {
  requireMoment(at);
  requireActorOn(agreement, actor, 'municipality', MUNICIPAL_ROLES);
  requireInvoiceState(invoice, ['approved']);
  if (invoice.attestation?.certId === actor.certId) {
    throw new Refusal('FORBIDDEN', 'the person who attested an invoice does not also record its payment', {
      reason: 'same_person_attested',
    });
  }
  requireId(input.reference, 'reference');
  requireIsoDate(input.paidOn, 'paidOn');
  if (compareDates(input.paidOn, at.date) > 0) {
    invalid('paidOn', 'in_future', 'a payment is recorded once it has been made');
  }
  if (compareDates(input.paidOn, firstDayOfMonth(validation.month)) < 0) {
    invalid('paidOn', 'before_invoice_month', 'must not be before the invoiced month');
  }
  const amount = toOre(
    BigInt(validation.totals.payable) -
      BigInt(Math.min(invoice.credit?.amount ?? 0, validation.totals.payable)),
  );
  return {
    ...invoice,
    state: 'paid',
    payment: {
      reference: input.reference,
      paidOn: input.paidOn,
      amount,
      recordedBy: actor.certId,
      recordedAt: at.instant,
    },
  };
}

/**
 * What a termination takes back from an invoice recorded before it: for each accepted line, the approved amount
 * above what the line may carry under the terminated agreement (a monthly line's prorated due up to the effective
 * date; a per-unit line's allowance for the remaining days at its unit price — hours within it are taken as
 * delivered). `undefined` if nothing is to be credited or the invoice was rejected.
 * @throws Refusal `INVALID_DATE` for a malformed month.
 */
export function creditForTermination(
  terminated: Agreement,
  termination: Termination,
  invoice: InvoiceLifecycle,
  validation: InvoiceValidation,
  at: Moment,
): InvoiceCredit | undefined {
  requireMoment(at);
  if (invoice.state === 'rejected') {
    return undefined;
  }
  const figures = new Map(
    lineMonthFigures(terminated, validation.month, []).map((line) => [line.serviceLineId, line]),
  );
  const lines = validation.lines
    .filter((line) => line.status === 'accepted')
    .map((line) => {
      const lineFigures = figures.get(line.serviceLineId);
      const maximum = lineFigures === undefined ? 0 : roundFraction(lineFigures.due);
      const stillDue = Math.min(line.approved, maximum);
      return {
        serviceLineId: line.serviceLineId,
        approved: line.approved,
        stillDue,
        credit: line.approved - stillDue,
      };
    })
    .filter((line) => line.credit > 0);
  if (lines.length === 0) {
    return undefined;
  }
  return {
    terminationNumber: termination.number,
    effectiveDate: termination.effectiveDate,
    lines,
    amount: sumOre(lines.map((line) => line.credit)),
    flaggedAt: at.instant,
  };
}

/**
 * Checks an invoice's state.
 * @throws Refusal `INVALID_STATE` otherwise.
 */
export function requireInvoiceState(invoice: InvoiceLifecycle, allowed: readonly InvoiceState[]): void {
  if (!allowed.includes(invoice.state)) {
    throw new Refusal('INVALID_STATE', `not allowed while the invoice is ${invoice.state}`, {
      invoiceState: invoice.state,
      allowedStates: [...allowed],
    });
  }
}
