import type { Agreement } from './agreement';
import { compareDates, daysInIsoMonth, type IsoMonth } from './calendar-date';
import { divideRoundHalfUp, toOre, type Ore } from './money';
import type { HeldPeriod } from './obligations';
import { QUANTITY_SCALE, toHundredths, type Quantity } from './quantity';
import type { PricingKind, ServiceLineKind } from './templates';
import { lineActivityInMonth, type LineDay } from './terms-in-force';

/**
 * The exact figures of each line for one month, summed day by day over the terms in force each day, before the
 * single rounding step. Shared by the settlement and the invoice check so that both read the same numbers.
 *
 * - Monthly line: due = round_half_up(Σ monthly price of each active day / days in month).
 * - Per-unit line: allowance = Σ agreed quantity of each active day / (7 for per-week, days in month for
 *   per-month) — kept as an exact fraction; the maximum due is the allowance priced at the unit price.
 */

/** Why a line's instalment is held. */
export interface HeldBy {
  readonly obligationId: string;
  readonly periodNumber: number;
  readonly dueDate: string;
}

/** A line's exact figures for a month. Fractions are `numerator / denominator`. */
export interface LineMonthFigures {
  readonly serviceLineId: string;
  readonly kind: ServiceLineKind;
  readonly pricing: PricingKind;
  readonly activeDays: number;
  readonly heldDays: number;
  readonly heldBy: readonly HeldBy[];
  /** Øre due (monthly) or the maximum due (per-unit), exact. */
  readonly due: Fraction;
  /** The part of `due` that falls on held days. */
  readonly heldDue: Fraction;
  /** Per-unit only: agreed quantity for the active days, in hundredths, exact. */
  readonly allowance?: Fraction;
  /** Per-unit only: the part of the allowance that falls on held days. */
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
 * Figures of every line active in `month`, by line id.
 * @throws DomainError `INVALID_DATE` if the month is not a real ISO month.
 */
export function lineMonthFigures(
  agreement: Agreement,
  month: IsoMonth,
  held: readonly HeldPeriod[],
): readonly LineMonthFigures[] {
  const daysInMonth = BigInt(daysInIsoMonth(month));
  return lineActivityInMonth(agreement, month).map((activity) => {
    const heldBy = new Map<string, HeldBy>();
    const isHeld = (day: LineDay): boolean => {
      const periods = held.filter(
        (period) =>
          period.gatedLineKinds.includes(day.line.kind) &&
          compareDates(period.startDate, day.date) <= 0 &&
          compareDates(day.date, period.endDate) <= 0,
      );
      for (const period of periods) {
        heldBy.set(`${period.obligationId}#${period.number}`, {
          obligationId: period.obligationId,
          periodNumber: period.number,
          dueDate: period.dueDate,
        });
      }
      return periods.length > 0;
    };
    let due = 0n;
    let heldDue = 0n;
    let allowance = 0n;
    let heldAllowance = 0n;
    let heldDays = 0;
    const unitPrices = new Set<Ore>();
    for (const day of activity.days) {
      const dayHeld = isHeld(day);
      heldDays += dayHeld ? 1 : 0;
      const { line } = day;
      if (line.pricing === 'monthly') {
        due += BigInt(line.monthlyPrice);
        heldDue += dayHeld ? BigInt(line.monthlyPrice) : 0n;
      } else {
        // Weight of the day in hundredths × 7 × days-in-month, so weeks and months share one denominator.
        const perDay =
          toHundredths(line.agreedQuantity) * (line.quantityPeriod === 'week' ? daysInMonth : DAYS_PER_WEEK);
        allowance += perDay;
        heldAllowance += dayHeld ? perDay : 0n;
        due += perDay * BigInt(line.unitPrice);
        heldDue += dayHeld ? perDay * BigInt(line.unitPrice) : 0n;
        unitPrices.add(line.unitPrice);
      }
    }
    const pricing = activity.days[0]?.line.pricing ?? 'monthly';
    const allowanceDenominator = DAYS_PER_WEEK * daysInMonth;
    const dueDenominator = pricing === 'monthly' ? daysInMonth : allowanceDenominator * QUANTITY_SCALE;
    return {
      serviceLineId: activity.serviceLineId,
      kind: activity.kind,
      pricing,
      activeDays: activity.days.length,
      heldDays,
      heldBy: [...heldBy.values()],
      due: { numerator: due, denominator: dueDenominator },
      heldDue: { numerator: heldDue, denominator: dueDenominator },
      ...(pricing === 'per_unit'
        ? {
            allowance: { numerator: allowance, denominator: allowanceDenominator },
            heldAllowance: { numerator: heldAllowance, denominator: allowanceDenominator },
          }
        : {}),
      unitPrices: [...unitPrices].sort((a, b) => a - b),
    };
  });
}

/**
 * A fraction of øre rounded half up.
 * @throws DomainError `VALIDATION_FAILED` if the result overflows.
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
 * @throws DomainError `VALIDATION_FAILED` if the result overflows.
 */
export function heldShare(amount: Ore, part: Fraction, whole: Fraction): Ore {
  if (whole.numerator === 0n) {
    return 0;
  }
  // part and whole share a denominator, so the ratio is numerator / numerator.
  return toOre(divideRoundHalfUp(BigInt(amount) * part.numerator, whole.numerator));
}
