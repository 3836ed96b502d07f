import type { InvoiceInput, InvoiceLineInput } from '@fabric-agreements/api';
import { MAX_INVOICE_LINES, type InvoiceRejectionReason } from '@fabric-agreements/api';
export type { InvoiceRejectionReason } from '@fabric-agreements/api';
import { requireStatus, type AgreementStatus } from './agreement';
import type { Agreement } from './agreement-model';
import {
  compareDates,
  firstDayOfMonth,
  requireMoment,
  type IsoMonth,
  type IsoTimestamp,
  type Moment,
} from './calendar-date';
import { documentVerdict, type DocumentVerdict } from './document-verdict';
import { requireId } from './ids';
import { sumOre, type Ore } from './money';
import { lineMonthFigures, roundFraction, type HeldBy, type LineMonthFigures } from './month-figures';
import { holdsOnSettlement, type StatusReport } from './obligations';
import { priceOf, toHundredths, type Quantity } from './quantity';
import { settleLine } from './settlement';
import { agreedLine, agreedTermination } from './queries';
import { invalid, requireIsoMonth, requireOre, requireQuantity } from './validation';

/**
 * A provider's invoice for one calendar month, checked line by line against the agreement:
 * the line exists in an agreed version; the month is not after termination; the line is active on at least one day
 * of the month; the line and month have not been invoiced before (by an accepted line); a monthly line's amount equals
 * its prorated price; a per-unit line's unit price equals the price in force and its quantity is at most the agreed
 * quantity for the active days (exact comparison, no rounding: per week `q × active_days / 7`, per month
 * `q × active_days / days_in_month`).
 */

/**
 * An invoice and its lines as submitted (a per-unit line may give `amount`, which must then equal
 * `round_half_up(quantity × unitPrice)`): the static types of the schemas in `@fabric-agreements/api`.
 */
export type { InvoiceInput } from '@fabric-agreements/api';

/** A service line invoiced for a month by an accepted invoice line. */
export interface InvoicedLineMonth {
  readonly serviceLineId: string;
  readonly month: IsoMonth;
}

/** What the agreement says a line should carry, for a rejected line's explanation. */
export interface ExpectedInvoiceLine {
  readonly amount?: Ore;
  readonly unitPrice?: Ore;
  readonly allowedQuantity?: Quantity;
}

/** The verdict on one invoice line. */
export interface InvoiceLineResult {
  readonly serviceLineId: string;
  readonly status: 'accepted' | 'rejected';
  readonly reason?: InvoiceRejectionReason;
  readonly quantity?: Quantity;
  readonly unitPrice?: Ore;
  /** What the provider asked for. */
  readonly claimed: Ore;
  /** What the check approved (0 when rejected). */
  readonly approved: Ore;
  /** The part of `approved` held by an overdue status report. */
  readonly held: Ore;
  readonly payable: Ore;
  readonly heldBy: readonly HeldBy[];
  readonly expected?: ExpectedInvoiceLine;
}

/** The recorded result of checking an invoice. */
export interface InvoiceValidation {
  readonly invoiceId: string;
  readonly agreementId: string;
  readonly month: IsoMonth;
  readonly validatedAt: IsoTimestamp;
  readonly status: DocumentVerdict;
  readonly lines: readonly InvoiceLineResult[];
  readonly totals: {
    readonly claimed: Ore;
    readonly approved: Ore;
    readonly held: Ore;
    readonly payable: Ore;
  };
}

/** What an invoice is checked against besides the agreement. */
export interface InvoiceContext {
  /** Line-months already invoiced by accepted lines of earlier invoices of this agreement. */
  readonly alreadyInvoiced: readonly InvoicedLineMonth[];
  /** The agreement's status reports, to tell what is held. */
  readonly reports: readonly StatusReport[];
  /** When the invoice's month was first settled (recorded), if it was; otherwise the check's own moment counts. */
  readonly settledAt?: Moment;
}

/** The statuses an agreement can be invoiced in: signed, and ended no earlier than the months invoiced. */
export const INVOICEABLE_STATUSES = [
  'active',
  'terminated',
  'expired',
] as const satisfies readonly AgreementStatus[];

/**
 * Checks an invoice against the agreement's terms as of `at`.
 * @throws Refusal `INVALID_STATE` if the agreement was never in force (draft, awaiting signatures);
 * `INVALID_ID` / `VALIDATION_FAILED` for malformed input (bad ids, month, amounts, quantities, 1–100 lines).
 */
export function validateInvoice(
  agreement: Agreement,
  invoice: InvoiceInput,
  context: InvoiceContext,
  at: Moment,
): InvoiceValidation {
  requireMoment(at);
  checkInvoiceInput(invoice);
  requireStatus(agreement, INVOICEABLE_STATUSES);
  const figures = new Map(
    lineMonthFigures(
      agreement,
      invoice.month,
      holdsOnSettlement(agreement, context.reports, context.settledAt ?? at, at),
    ).map((line) => [line.serviceLineId, line]),
  );
  const terminationDate = agreedTermination(agreement)?.effectiveDate;
  const afterTermination =
    terminationDate !== undefined && compareDates(firstDayOfMonth(invoice.month), terminationDate) > 0;
  const seen = new Set<string>();
  const lines = invoice.lines.map((line): InvoiceLineResult => {
    const claimed = claimedAmount(line);
    const reject = (reason: InvoiceRejectionReason, expected?: ExpectedInvoiceLine): InvoiceLineResult =>
      rejected(line, claimed, reason, expected);
    const duplicate = seen.has(line.serviceLineId);
    seen.add(line.serviceLineId);
    if (duplicate) {
      return reject('DUPLICATE_IN_INVOICE');
    }
    if (!agreedLine(agreement, line.serviceLineId)) {
      return reject('UNKNOWN_LINE');
    }
    if (afterTermination) {
      return reject('AFTER_TERMINATION');
    }
    const lineFigures = figures.get(line.serviceLineId);
    if (!lineFigures) {
      return reject('NOT_ACTIVE_IN_MONTH');
    }
    const invoicedBefore = context.alreadyInvoiced.some(
      (earlier) => earlier.serviceLineId === line.serviceLineId && earlier.month === invoice.month,
    );
    if (invoicedBefore) {
      return reject('ALREADY_INVOICED');
    }
    return checkAmounts(line, lineFigures, reject);
  });
  return {
    invoiceId: invoice.invoiceId,
    agreementId: agreement.id,
    month: invoice.month,
    validatedAt: at.instant,
    status: documentVerdict(lines),
    lines,
    totals: {
      claimed: sumOre(lines.map((line) => line.claimed)),
      approved: sumOre(lines.map((line) => line.approved)),
      held: sumOre(lines.map((line) => line.held)),
      payable: sumOre(lines.map((line) => line.payable)),
    },
  };
}

/** The line-months an invoice's accepted lines cover: what later invoices may not claim again. */
export function invoicedLineMonths(validation: InvoiceValidation): readonly InvoicedLineMonth[] {
  return validation.lines
    .filter((line) => line.status === 'accepted')
    .map((line) => ({ serviceLineId: line.serviceLineId, month: validation.month }));
}

type Reject = (reason: InvoiceRejectionReason, expected?: ExpectedInvoiceLine) => InvoiceLineResult;

function checkAmounts(line: InvoiceLineInput, figures: LineMonthFigures, reject: Reject): InvoiceLineResult {
  return figures.pricing === 'monthly' || !figures.allowance
    ? checkDueAmount(line, figures, reject)
    : checkQuantity(line, figures, figures.allowance, reject);
}

/** A monthly line (or a per-unit line without an allowance) is invoiced as the amount due. */
function checkDueAmount(
  line: InvoiceLineInput,
  figures: LineMonthFigures,
  reject: Reject,
): InvoiceLineResult {
  const expectedAmount = roundFraction(figures.due);
  if (line.amount === undefined || line.quantity !== undefined || line.unitPrice !== undefined) {
    return reject('WRONG_PRICING', { amount: expectedAmount });
  }
  return line.amount === expectedAmount
    ? accepted(line, figures, line.amount)
    : reject('WRONG_AMOUNT', { amount: expectedAmount });
}

/** A per-unit line is invoiced as a quantity within the allowance at an agreed unit price. */
function checkQuantity(
  line: InvoiceLineInput,
  figures: LineMonthFigures,
  allowance: NonNullable<LineMonthFigures['allowance']>,
  reject: Reject,
): InvoiceLineResult {
  const settled = settleLine(figures);
  const expected: ExpectedInvoiceLine = {
    ...(settled.unitPrice === undefined ? {} : { unitPrice: settled.unitPrice }),
    ...(settled.allowedQuantity === undefined ? {} : { allowedQuantity: settled.allowedQuantity }),
  };
  if (line.quantity === undefined || line.unitPrice === undefined) {
    return reject('WRONG_PRICING', expected);
  }
  if (!figures.unitPrices.includes(line.unitPrice)) {
    return reject('WRONG_PRICE', expected);
  }
  if (toHundredths(line.quantity) * allowance.denominator > allowance.numerator) {
    return reject('QUANTITY_ABOVE_ALLOWANCE', expected);
  }
  const amount = priceOf(line.quantity, line.unitPrice);
  if (line.amount !== undefined && line.amount !== amount) {
    return reject('WRONG_AMOUNT', { ...expected, amount });
  }
  return accepted(line, figures, amount);
}

function accepted(line: InvoiceLineInput, figures: LineMonthFigures, approved: Ore): InvoiceLineResult {
  const settled = settleLine(figures, approved);
  return {
    ...quantityAndPrice(line),
    serviceLineId: line.serviceLineId,
    status: 'accepted',
    claimed: approved,
    approved,
    held: settled.held,
    payable: settled.payable,
    heldBy: settled.held > 0 ? settled.heldBy : [],
  };
}

function rejected(
  line: InvoiceLineInput,
  claimed: Ore,
  reason: InvoiceRejectionReason,
  expected?: ExpectedInvoiceLine,
): InvoiceLineResult {
  return {
    ...quantityAndPrice(line),
    serviceLineId: line.serviceLineId,
    status: 'rejected',
    reason,
    claimed,
    approved: 0,
    held: 0,
    payable: 0,
    heldBy: [],
    ...(expected ? { expected } : {}),
  };
}

function quantityAndPrice(line: InvoiceLineInput): { quantity?: Quantity; unitPrice?: Ore } {
  return {
    ...(line.quantity === undefined ? {} : { quantity: line.quantity }),
    ...(line.unitPrice === undefined ? {} : { unitPrice: line.unitPrice }),
  };
}

function claimedAmount(line: InvoiceLineInput): Ore {
  if (line.amount !== undefined) {
    return line.amount;
  }
  return line.quantity !== undefined && line.unitPrice !== undefined
    ? priceOf(line.quantity, line.unitPrice)
    : 0;
}

function checkInvoiceInput(invoice: InvoiceInput): void {
  requireId(invoice.invoiceId, 'invoiceId');
  requireIsoMonth(invoice.month, 'month');
  if (invoice.lines.length === 0 || invoice.lines.length > MAX_INVOICE_LINES) {
    invalid('lines', 'wrong_length', `an invoice has 1 to ${MAX_INVOICE_LINES} lines`);
  }
  invoice.lines.forEach((line, index) => {
    const field = `lines[${index}]`;
    requireId(line.serviceLineId, `${field}.serviceLineId`);
    if (line.quantity !== undefined) {
      requireQuantity(line.quantity, `${field}.quantity`, true);
    }
    if (line.unitPrice !== undefined) {
      requireOre(line.unitPrice, `${field}.unitPrice`, 1);
    }
    if (line.amount !== undefined) {
      requireOre(line.amount, `${field}.amount`);
    }
  });
}
