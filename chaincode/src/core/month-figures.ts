import type { Agreement } from './agreement-model';
import { daysInIsoMonth, type IsoDate, type IsoMonth } from './calendar-date';
import { divideRoundHalfUp, toOre, type Ore } from './money';
import type { ReportHold } from './obligations';
import { QUANTITY_SCALE, toHundredths, type Quantity } from './quantity';
import type { PricingKind, ServiceLineKind } from './templates';
import { occursOn } from './schedule';
import type { PerUnitServiceLine } from './service-line';
import { lineActivityInMonth } from './queries';

/**
 * The exact figures of each line for one month, summed day by day over the terms in force each day, before the
 * single rounding step. Shared by the settlement and the invoice check so that both read the same numbers.
 *
 * - Monthly line: due = round_half_up(Σ monthly price of each active day / days in month).
 * - Per-unit line: allowance = Σ agreed quantity of each active day / (7 for per-week, days in month for
 *   per-month), or Σ agreed quantity of each active day the line's schedule falls on (per occurrence) — kept as
 *   an exact fraction; the maximum due is the allowance priced at the unit price.
 */

/** Why a line's instalment is held: which report, due when, holding since when. */
export interface HeldBy {
  readonly obligationId: string;
  readonly periodNumber: number;
  readonly dueDate: string;
  /** First day of the hold (due date + grace period + 1). */
  readonly heldFrom: string;
}

/** A line's exact figures for a month. Fractions are `numerator / denominator`. */
export interface LineMonthFigures {
  readonly serviceLineId: string;
  readonly kind: ServiceLineKind;
  readonly pricing: PricingKind;
  readonly activeDays: number;
  /** The active days when the line is held (a hold takes the whole month's instalment), otherwise 0. */
  readonly heldDays: number;
  readonly heldBy: readonly HeldBy[];
  /** Øre due (monthly) or the maximum due (per-unit), exact. */
  readonly due: Fraction;
  /** The held part of `due`: all of it, or nothing. */
  readonly heldDue: Fraction;
  /** Per-unit only: agreed quantity for the active days, in hundredths, exact. */
  readonly allowance?: Fraction;
  /** Per-unit only: the held part of the allowance: all of it, or nothing. */
  readonly heldAllowance?: Fraction;
  /** Per-unit only: the unit prices in force on the active days (one, as unit prices change on the 1st). */
  readonly unitPrices: readonly Ore[];
}

/** An exact non-negative fraction of integers. */
export interface Fraction {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

const DAYS_PER_WEEK = 7n;

/**
 * Figures of every line active in `month`, by line id. `holds` are the report holds on this month's settlement; a
 * hold gating a line's kind holds the line's whole instalment for the month.
 * @throws Refusal `INVALID_DATE` if the month is not a real ISO month.
 */
export function lineMonthFigures(
  agreement: Agreement,
  month: IsoMonth,
  holds: readonly ReportHold[],
): readonly LineMonthFigures[] {
  const daysInMonth = BigInt(daysInIsoMonth(month));
  return lineActivityInMonth(agreement, month).map((activity) => {
    const heldBy: HeldBy[] = holds
      .filter((hold) => hold.gatedLineKinds.includes(activity.kind))
      .map((hold) => ({
        obligationId: hold.obligationId,
        periodNumber: hold.number,
        dueDate: hold.dueDate,
        heldFrom: hold.heldFrom,
      }));
    const held = heldBy.length > 0;
    let due = 0n;
    let allowance = 0n;
    const unitPrices = new Set<Ore>();
    for (const day of activity.days) {
      const { line } = day;
      if (line.pricing === 'monthly') {
        due += BigInt(line.monthlyPrice);
      } else {
        const perDay = perUnitDayWeight(line, day.date, daysInMonth);
        allowance += perDay;
        due += perDay * BigInt(line.unitPrice);
        unitPrices.add(line.unitPrice);
      }
    }
    const pricing = activity.days[0]?.line.pricing ?? 'monthly';
    const allowanceDenominator = DAYS_PER_WEEK * daysInMonth;
    const dueDenominator = pricing === 'monthly' ? daysInMonth : allowanceDenominator * QUANTITY_SCALE;
    const fraction = (numerator: bigint, denominator: bigint): Fraction => ({ numerator, denominator });
    return {
      serviceLineId: activity.serviceLineId,
      kind: activity.kind,
      pricing,
      activeDays: activity.days.length,
      heldDays: held ? activity.days.length : 0,
      heldBy,
      due: fraction(due, dueDenominator),
      heldDue: fraction(held ? due : 0n, dueDenominator),
      ...(pricing === 'per_unit'
        ? {
            allowance: fraction(allowance, allowanceDenominator),
            heldAllowance: fraction(held ? allowance : 0n, allowanceDenominator),
          }
        : {}),
      unitPrices: [...unitPrices].sort((a, b) => a - b),
    };
  });
}

/**
 * A per-unit line's allowance on one active day, in hundredths × 7 × days-in-month (so weeks, months and schedules
 * share one denominator): per week q/7, per month q/days-in-month, per occurrence q on a day the schedule falls on.
 */
function perUnitDayWeight(line: PerUnitServiceLine, date: IsoDate, daysInMonth: bigint): bigint {
  const hundredths = toHundredths(line.agreedQuantity);
  switch (line.quantityPeriod) {
    case 'week':
      return hundredths * daysInMonth;
    case 'month':
      return hundredths * DAYS_PER_WEEK;
    case 'occurrence':
      return line.schedule && occursOn(line.schedule, date) ? hundredths * DAYS_PER_WEEK * daysInMonth : 0n;
  }
}

/**
 * A fraction of øre rounded half up.
 * @throws Refusal `VALIDATION_FAILED` if the result overflows.
 */
export function roundFraction(fraction: Fraction): Ore {
  return toOre(divideRoundHalfUp(fraction.numerator, fraction.denominator));
}

/** A per-unit allowance (in hundredths) as a quantity, rounded down to two decimals. */
export function allowanceAsQuantity(allowance: Fraction): Quantity {
  return Number(allowance.numerator / allowance.denominator) / Number(QUANTITY_SCALE);
}

/**
 * The held share of an amount: `round_half_up(amount × part / whole)`; 0 when `whole` is 0.
 * @throws Refusal `VALIDATION_FAILED` if the result overflows.
 */
export function heldShare(amount: Ore, part: Fraction, whole: Fraction): Ore {
  if (whole.numerator === 0n) {
    return 0;
  }
  // part and whole share a denominator, so the ratio is numerator / numerator.
  return toOre(divideRoundHalfUp(BigInt(amount) * part.numerator, whole.numerator));
}
