/**
 * The story's amounts in øre, and the rules its numbers follow, computed independently of the chaincode (exact
 * integer arithmetic) so that tests check the ledger against them.
 */

/** `n` kroner in øre. */
export const kroner = (n: number): number => n * 100;

/** The story's prices (/work/shared/case-story.md). */
export const PRICES = {
  /** Stay at the placement site, per month. */
  stay: kroner(95_000),
  /** School, per month. */
  school: kroner(24_000),
  /** Taxi to and from school for the first 3 months, per month. */
  taxi: kroner(9_500),
  /** The add-on's extra school support, per hour. */
  supportHourly: kroner(444),
  /** Supported visitation, per visit (4 hours every second Sunday). */
  visit: kroner(5_151),
} as const;

/** What the placement's months add up to: with the taxi (months 1–3), and without. */
export const MONTHLY = {
  withTaxi: PRICES.stay + PRICES.school + PRICES.taxi,
  stayAndSchool: PRICES.stay + PRICES.school,
} as const;

/** `round_half_up(numerator / denominator)` for non-negative integers, computed exactly. */
export function roundHalfUp(numerator: bigint, denominator: bigint): number {
  return Number((2n * numerator + denominator) / (2n * denominator));
}

/** The story's proration of a monthly price: `round_half_up(monthly × active_days / days_in_month)`. */
export function prorate(monthly: number, activeDays: number, days: number): number {
  return roundHalfUp(BigInt(monthly) * BigInt(activeDays), BigInt(days));
}

/**
 * A per-week line for `activeDays`: the allowance `per_week × active_days / 7` as results show it (rounded down to
 * hundredths), and the most it may cost, `round_half_up(per_week × active_days / 7 × unit price)`.
 */
export function perWeekAllowance(
  perWeek: number,
  activeDays: number,
  unitPrice: number,
): { shownQuantity: number; hundredths: number; maximum: number } {
  const exactHundredths = BigInt(Math.round(perWeek * 100)) * BigInt(activeDays);
  const hundredths = Number(exactHundredths / 7n);
  return {
    shownQuantity: hundredths / 100,
    hundredths,
    maximum: roundHalfUp(exactHundredths * BigInt(unitPrice), 700n),
  };
}
