import type { InvoiceLifecycle } from './attestation';
import { addDays, compareDates, type IsoDate, type IsoMonth, type IsoTimestamp } from './calendar-date';
import type { CreditNoteValidation } from './credit-note';
import type { InvoiceValidation } from './invoice';
import { sumOre, toOre, type Ore } from './money';

/**
 * What is payable to a provider for a month, for the municipality's finance system, and the mark that keeps an
 * invoice from being exported (and so paid) twice. Payable: attested (`approved`), not paid, not in an earlier
 * export; the amount is the validation's payable total (approved less what an overdue status report holds), less a
 * termination's credit and the credit notes accepted against it. An invoice whose amount comes to 0 is not listed.
 */

/** Danish public bodies pay within 30 days of receiving an invoice (the due date in the export). */
export const PAYMENT_TERM_DAYS = 30;

/** One invoice in an export. */
export interface PaymentExportItem {
  readonly agreementId: string;
  readonly invoiceId: string;
  readonly month: IsoMonth;
  readonly amount: Ore;
  readonly dueDate: IsoDate;
}

/** A recorded export: which invoices the finance system was told to pay. */
export interface PaymentExportRecord {
  readonly exportId: string;
  readonly municipalityMspId: string;
  readonly providerMspId: string;
  readonly month: IsoMonth;
  readonly items: readonly PaymentExportItem[];
  readonly total: Ore;
  readonly exportedAt: IsoTimestamp;
  readonly exportedBy: string;
}

/** The mark an exported invoice carries. */
export interface InvoiceExportMark {
  readonly agreementId: string;
  readonly invoiceId: string;
  readonly exportId: string;
  readonly exportedAt: IsoTimestamp;
}

/** An invoice as the export sees it. */
export interface ExportCandidate {
  readonly agreementId: string;
  readonly invoiceId: string;
  readonly lifecycle: InvoiceLifecycle;
  readonly validation: InvoiceValidation;
  readonly creditNotes: readonly CreditNoteValidation[];
  readonly exported: boolean;
}

/** The amount still to pay on an invoice: payable less the termination credit and accepted credit notes, ≥ 0. */
export function amountToPay(candidate: ExportCandidate): Ore {
  const credits =
    (candidate.lifecycle.credit?.amount ?? 0) +
    sumOre(candidate.creditNotes.map((note) => note.totals.credited));
  return toOre(BigInt(Math.max(0, candidate.validation.totals.payable - credits)));
}

/** The items of a provider's export for `month`, by agreement and invoice id; `today` bounds the due date. */
export function payableItems(
  candidates: readonly ExportCandidate[],
  month: IsoMonth,
  today: IsoDate,
): readonly PaymentExportItem[] {
  return candidates
    .filter(
      (candidate) =>
        candidate.validation.month === month &&
        candidate.lifecycle.state === 'approved' &&
        candidate.lifecycle.payment === undefined &&
        !candidate.exported,
    )
    .map((candidate) => ({
      agreementId: candidate.agreementId,
      invoiceId: candidate.invoiceId,
      month,
      amount: amountToPay(candidate),
      dueDate: dueDate(candidate.validation.validatedAt.slice(0, 10), today),
    }))
    .filter((item) => item.amount > 0)
    .sort((a, b) => byCodeUnits(a.agreementId, b.agreementId) || byCodeUnits(a.invoiceId, b.invoiceId));
}

function dueDate(received: IsoDate, today: IsoDate): IsoDate {
  const due = addDays(received, PAYMENT_TERM_DAYS);
  return compareDates(due, today) < 0 ? today : due;
}

/** Code-unit order: the same on every endorser, whatever its locale. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
