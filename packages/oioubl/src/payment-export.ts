import { isProductId } from './product-invoice';

/**
 * The payment file for the municipality's finance system: one row per approved, unpaid invoice (its payable amount),
 * for a creditor-payment import. Danish conventions (see README): `;` between fields, decimal comma without thousands
 * separators, ISO dates, UTF-8 with a byte-order mark, CRLF line ends, one header row, no total row.
 */

/** One payable invoice, as the ledger holds it (approved, not held, not yet paid). */
export interface PayableItem {
  readonly agreementId: string;
  readonly invoiceId: string;
  /** The provider's CVR, 8 digits: the creditor. */
  readonly providerCvr: string;
  /** The provider's EAN (GLN), 13 digits, if the registry has one. */
  readonly providerGln?: string;
  /** `YYYY-MM`. */
  readonly month: string;
  /** The payable amount in øre (> 0). */
  readonly amount: number;
  /** When to pay, ISO date. */
  readonly dueDate: string;
}

/** The file and its control figures (for the export record and the finance officer, not in the file). */
export interface PaymentExport {
  readonly csv: string;
  readonly rows: number;
  readonly totalOre: number;
  /** Σ amounts in the file's own notation, e.g. `135151,00`. */
  readonly total: string;
}

/** The columns, in order. */
export const PAYMENT_EXPORT_COLUMNS = [
  'Kreditor CVR',
  'Kreditor EAN',
  'Fakturanummer',
  'Aftale',
  'Periode',
  'Beløb',
  'Valuta',
  'Forfaldsdato',
  'Tekst til kreditor',
  'Posterings-ID',
] as const;

const BYTE_ORDER_MARK = '\uFEFF';
const SEPARATOR = ';';
const LINE_END = '\r\n';

/**
 * @throws TypeError for an item that is not valid (ids, CVR/EAN, month, amount, date) or an invoice listed twice.
 */
export function paymentExport(items: readonly PayableItem[]): PaymentExport {
  const seen = new Set<string>();
  for (const item of items) {
    checkItem(item);
    const key = postingId(item);
    if (seen.has(key)) {
      throw new TypeError('an invoice is listed twice: nothing may be paid twice');
    }
    seen.add(key);
  }
  const sorted = [...items].sort(
    (a, b) =>
      compare(a.providerCvr, b.providerCvr) ||
      compare(a.agreementId, b.agreementId) ||
      compare(a.month, b.month) ||
      compare(a.invoiceId, b.invoiceId),
  );
  const rows = sorted.map((item) =>
    [
      item.providerCvr,
      item.providerGln ?? '',
      item.invoiceId,
      item.agreementId,
      item.month,
      danishAmount(item.amount),
      'DKK',
      item.dueDate,
      `Faktura ${item.invoiceId} ${item.month}`,
      postingId(item),
    ]
      .map(cell)
      .join(SEPARATOR),
  );
  const totalOre = sorted.reduce((sum, item) => sum + item.amount, 0);
  if (!Number.isSafeInteger(totalOre)) {
    throw new TypeError('the total is beyond the representable range');
  }
  return {
    csv: BYTE_ORDER_MARK + [PAYMENT_EXPORT_COLUMNS.join(SEPARATOR), ...rows].join(LINE_END) + LINE_END,
    rows: rows.length,
    totalOre,
    total: danishAmount(totalOre),
  };
}

/** Øre as kroner with a decimal comma and no thousands separator: 9500000 → `95000,00`. */
export function danishAmount(ore: number): string {
  return `${Math.trunc(ore / 100)},${String(ore % 100).padStart(2, '0')}`;
}

/** The key the finance system can refuse a second import of: agreement and invoice. */
function postingId(item: PayableItem): string {
  return `${item.agreementId}/${item.invoiceId}`;
}

function checkItem(item: PayableItem): void {
  const valid =
    isProductId(item.agreementId) &&
    isProductId(item.invoiceId) &&
    /^\d{8}$/.test(item.providerCvr) &&
    (item.providerGln === undefined || /^\d{13}$/.test(item.providerGln)) &&
    /^\d{4}-(0[1-9]|1[0-2])$/.test(item.month) &&
    Number.isSafeInteger(item.amount) &&
    item.amount > 0 &&
    /^\d{4}-\d{2}-\d{2}$/.test(item.dueDate);
  if (!valid) {
    throw new TypeError('a payable item is not valid (ids, CVR/EAN, month, amount in øre > 0, ISO due date)');
  }
}

/** A field, quoted when it must be, and never read as a formula by a spreadsheet. */
function cell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
