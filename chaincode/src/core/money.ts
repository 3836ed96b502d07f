import { Refusal } from '@fabric-agreements/api';

/**
 * Money is an integer number of øre (1 krone = 100 øre), never a float. Arithmetic that divides goes through
 * BigInt so that `monthly × active_days / days_in_month` is exact before the single rounding step.
 */
export type Ore = number;

/** Øre per krone. */
export const ORE_PER_KRONE = 100;

/** Whether a value is a valid amount: a safe integer ≥ 0. */
export function isOre(value: unknown): value is Ore {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * Øre of a whole number of kroner, e.g. `kroner(95_000)` is 9 500 000 øre.
 * @throws Refusal `VALIDATION_FAILED` if the result is not a valid amount.
 */
export function kroner(amount: number): Ore {
  return toOre(BigInt(requireSafeInteger(amount)) * BigInt(ORE_PER_KRONE));
}

function requireSafeInteger(value: number): number {
  if (!Number.isSafeInteger(value)) {
    throw new Refusal('VALIDATION_FAILED', 'amount must be a whole number', { reason: 'not_an_integer' });
  }
  return value;
}

/**
 * `round_half_up(numerator / denominator)` for non-negative integers, exactly.
 * @throws Refusal `VALIDATION_FAILED` if the numerator is negative or the denominator not positive.
 */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (numerator < 0n || denominator <= 0n) {
    throw new Refusal('VALIDATION_FAILED', 'division outside the non-negative integers', {
      reason: 'negative_division',
    });
  }
  return (2n * numerator + denominator) / (2n * denominator);
}

/**
 * Converts an exact BigInt amount back to øre.
 * @throws Refusal `VALIDATION_FAILED` if it is negative or beyond the safe integer range.
 */
export function toOre(amount: bigint): Ore {
  if (amount < 0n || amount > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Refusal('VALIDATION_FAILED', 'amount outside the representable range', {
      reason: 'amount_out_of_range',
    });
  }
  return Number(amount);
}

/**
 * A monthly price for the days a line is active in a month: `round_half_up(monthly × activeDays / daysInMonth)`.
 * @throws Refusal `VALIDATION_FAILED` if an argument is negative, not an integer, or activeDays exceeds the month.
 */
export function prorate(monthly: Ore, activeDays: number, daysInMonth: number): Ore {
  if (!isOre(monthly) || !Number.isSafeInteger(activeDays) || !Number.isSafeInteger(daysInMonth)) {
    throw new Refusal('VALIDATION_FAILED', 'proration takes integer øre and whole days', {
      reason: 'not_an_integer',
    });
  }
  if (activeDays < 0 || daysInMonth <= 0 || activeDays > daysInMonth) {
    throw new Refusal('VALIDATION_FAILED', 'active days must lie within the month', {
      reason: 'days_out_of_range',
    });
  }
  return toOre(divideRoundHalfUp(BigInt(monthly) * BigInt(activeDays), BigInt(daysInMonth)));
}

/**
 * Sum of amounts.
 * @throws Refusal `VALIDATION_FAILED` if an amount is invalid or the sum leaves the safe integer range.
 */
export function sumOre(amounts: readonly Ore[]): Ore {
  let total = 0n;
  for (const amount of amounts) {
    if (!isOre(amount)) {
      throw new Refusal('VALIDATION_FAILED', 'not a valid amount', { reason: 'invalid_amount' });
    }
    total += BigInt(amount);
  }
  return toOre(total);
}
