import type { Agreement } from './agreement';
import {
  daysInIsoMonth,
  requireMoment,
  type IsoMonth,
  type IsoTimestamp,
  type Moment,
} from './calendar-date';
import { sumOre, type Ore } from './money';
import {
  allowanceAsQuantity,
  heldShare,
  lineMonthFigures,
  roundFraction,
  type HeldBy,
  type LineMonthFigures,
} from './month-figures';
import { heldPeriods, type StatusReport } from './obligations';
import type { Quantity } from './quantity';
import type { PricingKind, ServiceLineKind } from './templates';
import { requireIsoMonth } from './validation';

/**
 * What a month costs, line by line, and what is held and why.
 *
 * A monthly line's `due` is its prorated price. A per-unit line's `due` is what the provider has invoiced and the
 * check approved for that month (`basis: 'invoiced'`), or, before any invoice, the maximum the agreed quantity
 * allows (`basis: 'allowance'`). `held` is the part of `due` that falls on days covered by an overdue, unaccepted
 * status report gating the line; `payable = due − held`.
 */

/** How a line's `due` was found. */
export type SettlementBasis = 'prorated' | 'allowance' | 'invoiced';

/** One line's part of a month's settlement. */
export interface LineSettlement {
  readonly serviceLineId: string;
  readonly kind: ServiceLineKind;
  readonly pricing: PricingKind;
  readonly basis: SettlementBasis;
  readonly activeDays: number;
  /** Per-unit lines: the unit price in force. */
  readonly unitPrice?: Ore;
  /** Per-unit lines: the agreed quantity for the active days, rounded down to two decimals. */
  readonly allowedQuantity?: Quantity;
  readonly due: Ore;
  readonly held: Ore;
  readonly payable: Ore;
  readonly heldDays: number;
  /** The reports whose absence holds the line (empty when nothing is held). */
  readonly heldBy: readonly HeldBy[];
}

/** A month's settlement of one agreement, as of a moment. */
export interface Settlement {
  readonly agreementId: string;
  readonly month: IsoMonth;
  readonly daysInMonth: number;
  readonly asOf: IsoTimestamp;
  readonly lines: readonly LineSettlement[];
  readonly totals: { readonly due: Ore; readonly held: Ore; readonly payable: Ore };
}

/**
 * Settles one month of an agreement as of `at` (which decides which reports are overdue and accepted).
 * `invoiced` gives, per service line id, the approved amount of the month's invoice, if any.
 * @throws DomainError `VALIDATION_FAILED` for a bad month; `INVALID_DATE` for a bad moment.
 */
export function settleMonth(
  agreement: Agreement,
  month: IsoMonth,
  reports: readonly StatusReport[],
  at: Moment,
  invoiced: Readonly<Record<string, Ore>> = {},
): Settlement {
  requireMoment(at);
  requireIsoMonth(month, 'month');
  const lines = lineMonthFigures(agreement, month, heldPeriods(agreement, reports, at)).map((figures) =>
    settleLine(
      figures,
      Object.prototype.hasOwnProperty.call(invoiced, figures.serviceLineId)
        ? invoiced[figures.serviceLineId]
        : undefined,
    ),
  );
  return {
    agreementId: agreement.id,
    month,
    daysInMonth: daysInIsoMonth(month),
    asOf: at.instant,
    lines,
    totals: {
      due: sumOre(lines.map((line) => line.due)),
      held: sumOre(lines.map((line) => line.held)),
      payable: sumOre(lines.map((line) => line.payable)),
    },
  };
}

/**
 * A line's settlement from its exact month figures; `invoicedAmount` replaces a per-unit line's maximum.
 * @throws DomainError `VALIDATION_FAILED` if an amount overflows.
 */
export function settleLine(figures: LineMonthFigures, invoicedAmount?: Ore): LineSettlement {
  const common = {
    serviceLineId: figures.serviceLineId,
    kind: figures.kind,
    pricing: figures.pricing,
    activeDays: figures.activeDays,
    heldDays: figures.heldDays,
    heldBy: figures.heldBy,
  };
  if (figures.pricing === 'monthly' || !figures.allowance || !figures.heldAllowance) {
    const due = roundFraction(figures.due);
    const held = roundFraction(figures.heldDue);
    return { ...common, basis: 'prorated', due, held, payable: due - held };
  }
  const perUnit = {
    ...common,
    allowedQuantity: allowanceAsQuantity(figures.allowance),
    ...(figures.unitPrices.length === 1 ? { unitPrice: figures.unitPrices[0] } : {}),
  };
  if (invoicedAmount === undefined) {
    const due = roundFraction(figures.due);
    const held = roundFraction(figures.heldDue);
    return { ...perUnit, basis: 'allowance', due, held, payable: due - held };
  }
  const held = heldShare(invoicedAmount, figures.heldAllowance, figures.allowance);
  return { ...perUnit, basis: 'invoiced', due: invoicedAmount, held, payable: invoicedAmount - held };
}
