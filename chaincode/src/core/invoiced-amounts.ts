import type { IsoMonth } from './calendar-date';
import type { Ore } from './money';
import type { InvoiceValidation } from './invoice';

/**
 * The approved amount of every accepted invoice line, by month and service line id: the `invoiced` figures
 * `settleMonth` and `heldInstalments` take for per-unit lines. (A line and month is accepted at most once.)
 */
export function approvedAmountsByMonth(
  invoices: readonly { readonly validation: InvoiceValidation }[],
): Readonly<Record<IsoMonth, Readonly<Record<string, Ore>>>> {
  // Null-prototype records: a line id such as `__proto__` is a valid id and must stay a plain key.
  const byMonth: Record<IsoMonth, Record<string, Ore>> = Object.create(null) as Record<
    IsoMonth,
    Record<string, Ore>
  >;
  for (const { validation } of invoices) {
    for (const line of validation.lines) {
      if (line.status === 'accepted') {
        const month = (byMonth[validation.month] ??= Object.create(null) as Record<string, Ore>);
        month[line.serviceLineId] = (month[line.serviceLineId] ?? 0) + line.approved;
      }
    }
  }
  return byMonth;
}
