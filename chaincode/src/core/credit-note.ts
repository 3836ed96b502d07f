import type { InvoiceLifecycle } from './attestation';
import { requireMoment, type IsoMonth, type IsoTimestamp, type Moment } from './calendar-date';
import { documentVerdict, type DocumentVerdict } from './document-verdict';
import type { CreditNoteDocumentInput } from './invoice-document-inputs';
import type { InvoiceValidation } from './invoice';
import { sumOre, type Ore } from './money';

/**
 * A provider's credit note (OIOUBL `CreditNote`) against one of its invoices on the same agreement. The rule
 * (docs/domain-rules.md, "Credit notes"): a credit note reduces what is payable on the invoice it credits, line by
 * line, and only while that invoice is still open — not rejected, not paid and not yet in a payment export. Each
 * credited line must be an accepted line of that invoice, and the credits on a line (this and earlier accepted
 * credit notes) may not exceed what the line made payable. Why: the ledger's payable amount is what the finance
 * system is told to pay; a credit that arrives after the export or the payment cannot reduce a payment already
 * instructed, so it must be settled between the parties outside the ledger (set off against a later invoice by
 * the finance system), and refusing it here says so instead of silently recording a credit nobody applies.
 */

export const CREDIT_NOTE_REJECTION_REASONS = [
  'DUPLICATE_IN_INVOICE',
  'CREDITED_INVOICE_UNKNOWN',
  'CREDITED_INVOICE_CLOSED',
  'NOT_ON_CREDITED_INVOICE',
  'CREDIT_ABOVE_PAYABLE',
] as const;
export type CreditNoteRejectionReason = (typeof CREDIT_NOTE_REJECTION_REASONS)[number];

/** The verdict on one credit note line. */
export interface CreditNoteLineResult {
  readonly serviceLineId: string;
  readonly status: 'accepted' | 'rejected';
  readonly reason?: CreditNoteRejectionReason;
  /** What the provider credits. */
  readonly claimed: Ore;
  /** What reduces the invoice's payable amount (0 when rejected). */
  readonly credited: Ore;
}

/** The recorded result of checking a credit note. */
export interface CreditNoteValidation {
  readonly creditNoteId: string;
  readonly creditedInvoiceId: string;
  readonly agreementId: string;
  readonly month?: IsoMonth;
  readonly validatedAt: IsoTimestamp;
  readonly status: DocumentVerdict;
  readonly lines: readonly CreditNoteLineResult[];
  readonly totals: { readonly claimed: Ore; readonly credited: Ore };
}

/** The credited invoice as the check sees it. */
export interface CreditedInvoice {
  readonly lifecycle: InvoiceLifecycle;
  readonly validation: InvoiceValidation;
  /** Whether it is in a payment export already. */
  readonly exported: boolean;
}

/**
 * Checks a credit note against the invoice it credits and the credit notes accepted on it before.
 */
export function validateCreditNote(
  agreementId: string,
  input: CreditNoteDocumentInput,
  credited: CreditedInvoice | undefined,
  earlier: readonly CreditNoteValidation[],
  at: Moment,
): CreditNoteValidation {
  requireMoment(at);
  const open =
    credited !== undefined &&
    !credited.exported &&
    (credited.lifecycle.state === 'validated' || credited.lifecycle.state === 'approved');
  const creditedBefore = new Map<string, number>();
  for (const line of earlier.flatMap((note) => note.lines)) {
    creditedBefore.set(line.serviceLineId, (creditedBefore.get(line.serviceLineId) ?? 0) + line.credited);
  }
  const seen = new Set<string>();
  const lines = input.lines.map((line): CreditNoteLineResult => {
    const reject = (reason: CreditNoteRejectionReason): CreditNoteLineResult => ({
      serviceLineId: line.serviceLineId,
      status: 'rejected',
      reason,
      claimed: line.amount,
      credited: 0,
    });
    const duplicate = seen.has(line.serviceLineId);
    seen.add(line.serviceLineId);
    if (duplicate) {
      return reject('DUPLICATE_IN_INVOICE');
    }
    if (credited === undefined) {
      return reject('CREDITED_INVOICE_UNKNOWN');
    }
    if (!open) {
      return reject('CREDITED_INVOICE_CLOSED');
    }
    const invoiced = credited.validation.lines.find(
      (candidate) => candidate.serviceLineId === line.serviceLineId && candidate.status === 'accepted',
    );
    if (invoiced === undefined) {
      return reject('NOT_ON_CREDITED_INVOICE');
    }
    if ((creditedBefore.get(line.serviceLineId) ?? 0) + line.amount > invoiced.payable) {
      return reject('CREDIT_ABOVE_PAYABLE');
    }
    return {
      serviceLineId: line.serviceLineId,
      status: 'accepted',
      claimed: line.amount,
      credited: line.amount,
    };
  });
  return {
    creditNoteId: input.creditNoteId,
    creditedInvoiceId: input.creditedInvoiceId,
    agreementId,
    ...(input.month === undefined ? {} : { month: input.month }),
    validatedAt: at.instant,
    status: documentVerdict(lines),
    lines,
    totals: {
      claimed: sumOre(lines.map((line) => line.claimed)),
      credited: sumOre(lines.map((line) => line.credited)),
    },
  };
}

/**
 * A recorded payment less the credit notes accepted against the invoice (never below 0): what the export said to
 * pay. Without credit notes, or without a payment, the lifecycle is returned as it is.
 */
export function paymentLessCreditNotes(
  lifecycle: InvoiceLifecycle,
  notes: readonly CreditNoteValidation[],
): InvoiceLifecycle {
  const credited = sumOre(notes.map((note) => note.totals.credited));
  if (lifecycle.payment === undefined || credited === 0) {
    return lifecycle;
  }
  return {
    ...lifecycle,
    payment: { ...lifecycle.payment, amount: Math.max(0, lifecycle.payment.amount - credited) },
  };
}
