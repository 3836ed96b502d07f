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
 * The calendar month a period covers exactly (first to last day), as `YYYY-MM`; line periods must lie inside it.
 * @throws OioublRefusal `PERIOD_NOT_ONE_MONTH`.
 */
export function monthOf(document: UblDocument): string {
  const month = wholeMonth(document.period);
  if (month === undefined) {
    return refuse(
      'PERIOD_NOT_ONE_MONTH',
      'InvoicePeriod must run from the first to the last day of one month',
      {
        field: 'InvoicePeriod',
      },
    );
  }
  document.lines.forEach((line, index) => {
    if (line.period !== undefined && !insideMonth(line.period, month)) {
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

function wholeMonth(period: UblPeriod | undefined): string | undefined {
  const start = ISO_DATE.exec(period?.startDate ?? '');
  const end = ISO_DATE.exec(period?.endDate ?? '');
  if (!start || !end) {
    return undefined;
  }
  const [, year = '', month = '', startDay = ''] = start;
  const [, endYear, endMonth, endDay = ''] = end;
  const lastDay = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  const valid =
    endYear === year &&
    endMonth === month &&
    Number(month) >= 1 &&
    Number(month) <= 12 &&
    startDay === '01' &&
    Number(endDay) === lastDay;
  return valid ? `${year}-${month}` : undefined;
}

function insideMonth(period: UblPeriod, month: string): boolean {
  const dates = [period.startDate, period.endDate].filter((date): date is string => date !== undefined);
  return dates.every((date) => ISO_DATE.test(date) && date.startsWith(`${month}-`));
}
