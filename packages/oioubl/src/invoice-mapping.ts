import type { DocumentFigures } from './amount-rules';
import { oreToUblAmount } from './decimal';
import { isProductId, type ProductInvoiceLine, type ServiceLinePricing } from './product-invoice';
import { refuse } from './refusal';
import type { UblDocument, UblPeriod } from './ubl-document';

/**
 * From a checked document to the product's terms: its ids must be product ids (they become ledger keys), its period
 * one calendar month, and each line a service line of the agreement — named by `Item/SellersItemIdentification/ID`,
 * or through the caller's mapping from the provider's item numbers.
 */

/** How the caller maps the provider's lines to the agreement's service lines. */
export interface LineMappingOptions {
  /** Provider's item id (SellersItemIdentification) → service line id; ids not in it are taken as service line ids. */
  readonly itemMapping?: Readonly<Record<string, string>>;
  /**
   * Each service line's pricing in the agreement. A line not listed is taken as monthly when its quantity's unit is
   * `MON` (month), otherwise as per unit.
   */
  readonly pricing?: Readonly<Record<string, ServiceLinePricing>>;
}

/** One mapped line, with its figures as exact decimal strings beside the product's line. */
export interface MappedLine {
  /** The document's line ID (InvoiceLine/ID or CreditNoteLine/ID), for the answer's LineResponse. */
  readonly documentLineId: string;
  readonly serviceLineId: string;
  readonly pricing: ServiceLinePricing;
  /** e.g. `12.50`. */
  readonly quantity: string;
  readonly unitCode?: string;
  /** Kroner per unit, e.g. `444.00`. */
  readonly unitPrice: string;
  /** Kroner, e.g. `5328.00`. */
  readonly amount: string;
  /** The line as the chaincode takes it. */
  readonly productLine: ProductInvoiceLine;
}

/** @throws OioublRefusal `INVALID_REFERENCE` (details: which field). */
export function requireReference(value: string | undefined, field: string): string {
  if (value === undefined) {
    return refuse('INVALID_REFERENCE', `${field} is missing`, { field, reason: 'missing' });
  }
  if (!isProductId(value)) {
    return refuse(
      'INVALID_REFERENCE',
      `${field} is not an id the product accepts (A–Z, a–z, 0–9, . _ : -; 1–64)`,
      {
        field,
        reason: 'not_an_id',
      },
    );
  }
  return value;
}

/**
 * The calendar month the document is for, as `YYYY-MM`: InvoicePeriod's start and end lie in one month (a whole month,
 * or the days of it a line was active — the first and last months of an agreement are partial); without a document
 * period, every line's period must lie in one month. Line periods lie inside the document's month.
 * @throws OioublRefusal `PERIOD_NOT_ONE_MONTH` (details: the field or line).
 */
export function monthOf(document: UblDocument): string {
  const month = document.period === undefined ? linesMonth(document) : periodMonth(document.period);
  if (month === undefined) {
    return refuse('PERIOD_NOT_ONE_MONTH', 'the invoice period must lie within one calendar month', {
      field: 'InvoicePeriod',
    });
  }
  document.lines.forEach((line, index) => {
    if (line.period !== undefined && periodMonth(line.period) !== month) {
      refuse('PERIOD_NOT_ONE_MONTH', "a line's InvoicePeriod lies outside the invoice's month", {
        line: index + 1,
      });
    }
  });
  return month;
}

/** @throws OioublRefusal `UNMAPPED_LINE` (details: the line's position). */
export function mapLines(
  document: UblDocument,
  figures: DocumentFigures,
  options: LineMappingOptions,
): readonly MappedLine[] {
  return document.lines.map((line, index) => {
    const itemId = line.sellersItemId;
    const serviceLineId = itemId === undefined ? undefined : (options.itemMapping?.[itemId] ?? itemId);
    if (!isProductId(serviceLineId)) {
      return refuse('UNMAPPED_LINE', 'a line names no service line of the agreement', { line: index + 1 });
    }
    const lineFigures = figures.lines[index];
    if (lineFigures === undefined) {
      throw new TypeError('the figures are not those of this document');
    }
    const pricing =
      options.pricing?.[serviceLineId] ?? (lineFigures.unitCode === 'MON' ? 'monthly' : 'per_unit');
    const amount = Number(lineFigures.amount);
    return {
      documentLineId: line.id ?? String(index + 1),
      serviceLineId,
      pricing,
      quantity: oreToUblAmount(lineFigures.quantity),
      ...(lineFigures.unitCode === undefined ? {} : { unitCode: lineFigures.unitCode }),
      unitPrice: oreToUblAmount(lineFigures.unitPrice),
      amount: oreToUblAmount(lineFigures.amount),
      productLine:
        pricing === 'monthly'
          ? { serviceLineId, amount }
          : {
              serviceLineId,
              quantity: Number(oreToUblAmount(lineFigures.quantity)),
              unitPrice: Number(lineFigures.unitPrice),
              amount,
            },
    };
  });
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The month a period lies in: start ≤ end, both real dates of the same month. */
function periodMonth(period: UblPeriod): string | undefined {
  const start = calendarDate(period.startDate);
  const end = calendarDate(period.endDate);
  const sameMonth = start !== undefined && start.month === end?.month && start.day <= end.day;
  return sameMonth ? start.month : undefined;
}

/** Without a document period: the one month every line's period lies in. */
function linesMonth(document: UblDocument): string | undefined {
  const months = new Set(document.lines.map((line) => (line.period ? periodMonth(line.period) : undefined)));
  const [month] = months;
  return months.size === 1 ? month : undefined;
}

function calendarDate(value: string | undefined): { month: string; day: number } | undefined {
  const match = ISO_DATE.exec(value ?? '');
  if (!match) {
    return undefined;
  }
  const [, year = '', month = '', day = ''] = match;
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  const valid = Number(month) >= 1 && Number(month) <= 12 && Number(day) >= 1 && Number(day) <= daysInMonth;
  return valid ? { month: `${year}-${month}`, day: Number(day) } : undefined;
}
