import { DomainError } from './errors';
import { divideRoundHalfUp, isOre, toOre, type Ore } from './money';

/**
 * A quantity of units (hours, visits) with at most two decimals, e.g. 4, 1.5 or 0.5. Arithmetic happens in
 * hundredths as BigInt, so comparisons such as `invoiced ≤ per_week × active_days / 7` are exact.
 */
export type Quantity = number;

/** Hundredths per unit: quantities carry at most two decimals. */
export const QUANTITY_SCALE = 100n;

/** The largest quantity accepted anywhere (a sanity bound, far above any real week or month). */
export const MAX_QUANTITY = 1_000_000;

/** Whether a value is a valid quantity: finite, 0 ≤ q ≤ {@link MAX_QUANTITY}, at most two decimals. */
export function isQuantity(value: unknown): value is Quantity {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_QUANTITY) {
    return false;
  }
  const scaled = value * Number(QUANTITY_SCALE);
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

/**
 * A quantity in hundredths of a unit.
 * @throws DomainError `VALIDATION_FAILED` if the value is not a valid quantity.
 */
export function toHundredths(quantity: Quantity): bigint {
  if (!isQuantity(quantity)) {
    throw new DomainError('VALIDATION_FAILED', 'not a valid quantity', { reason: 'invalid_quantity' });
  }
  return BigInt(Math.round(quantity * Number(QUANTITY_SCALE)));
}

/**
 * The price of a quantity: `round_half_up(quantity × unitPrice)` in øre.
 * @throws DomainError `VALIDATION_FAILED` if the quantity or price is invalid or the result overflows.
 */
export function priceOf(quantity: Quantity, unitPrice: Ore): Ore {
  if (!isOre(unitPrice)) {
    throw new DomainError('VALIDATION_FAILED', 'not a valid amount', { reason: 'invalid_amount' });
  }
  return toOre(divideRoundHalfUp(toHundredths(quantity) * BigInt(unitPrice), QUANTITY_SCALE));
}
