import type { Agreement } from './agreement';
import {
  compareTimestamps,
  daysInIsoMonth,
  requireMoment,
  type IsoDate,
  type IsoMonth,
  type IsoTimestamp,
  type Moment,
} from './calendar-date';
import { Refusal } from '@fabric-agreements/api';
import { sumOre, type Ore } from './money';
import {
  allowanceAsQuantity,
  heldShare,
  lineMonthFigures,
  roundFraction,
  type HeldBy,
  type LineMonthFigures,
} from './month-figures';
import { holdsOnSettlement, type StatusReport } from './obligations';
import type { Quantity } from './quantity';
import type { PricingKind, ServiceLineKind } from './templates';
import { requireIsoMonth } from './validation';

/**
 * What a month costs, line by line, and what is held and why.
 *
 * A monthly line's `due` is its prorated price. A per-unit line's `due` is what the provider has invoiced and the
 * check approved for that month (`basis: 'invoiced'`), or, before any invoice, the maximum the agreed quantity
 * allows (`basis: 'allowance'`). `held` is the whole `due` of a line gated by a status report that was missing past
 * its grace period when the month was settled and is still missing now; `payable = due − held`.
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
  /** When the month counts as settled (its first recording; until then, `asOf`): decides which reports hold it. */
  readonly settledAt: IsoTimestamp;
  /** The calendar date of `settledAt`. */
  readonly settledOn: IsoDate;
  readonly lines: readonly LineSettlement[];
  readonly totals: { readonly due: Ore; readonly held: Ore; readonly payable: Ore };
}

/**
 * Settles one month of an agreement as of `at`. `settledAt` is when the month was first settled (recorded), `at`
 * when not yet: the reports missing past their grace period then, and still missing at `at`, hold the gated lines.
 * `invoiced` gives, per service line id, the approved amount of the month's invoice, if any.
 * @throws Refusal `VALIDATION_FAILED` for a bad month or a `settledAt` after `at`; `INVALID_DATE` for a bad
 * moment.
 */
export function settleMonth(
  agreement: Agreement,
  month: IsoMonth,
  reports: readonly StatusReport[],
  at: Moment,
  invoiced: Readonly<Record<string, Ore>> = {},
  settledAt: Moment = at,
): Settlement {
  requireMoment(at);
  requireMoment(settledAt);
  requireIsoMonth(month, 'month');
  if (compareTimestamps(settledAt.instant, at.instant) > 0) {
    throw new Refusal('VALIDATION_FAILED', 'a month cannot have been settled after now', {
      field: 'settledAt',
      reason: 'after_as_of',
    });
  }
  const holds = holdsOnSettlement(agreement, reports, settledAt, at);
  const lines = lineMonthFigures(agreement, month, holds).map((figures) =>
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
    settledAt: settledAt.instant,
    settledOn: settledAt.date,
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
 * @throws Refusal `VALIDATION_FAILED` if an amount overflows.
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
