import { MAX_QUANTITY, hasAtMostDecimals } from '@fabric-agreements/api';
export { MAX_QUANTITY, decimalPlaces, hasAtMostDecimals } from '@fabric-agreements/api';
import { Refusal } from '@fabric-agreements/api';
import { divideRoundHalfUp, isOre, toOre, type Ore } from './money';

/**
 * A quantity of units (hours, visits) with at most two decimals, e.g. 4, 1.5 or 0.5. Arithmetic happens in
 * hundredths as BigInt, so comparisons such as `invoiced ≤ per_week × active_days / 7` are exact.
 */
export type Quantity = number;

/** Hundredths per unit: quantities carry at most two decimals. */
export const QUANTITY_SCALE = 100n;

/** Whether a value is a valid quantity: finite, 0 ≤ q ≤ {@link MAX_QUANTITY}, at most two decimals (exactly). */
export function isQuantity(value: unknown): value is Quantity {
  return typeof value === 'number' && value >= 0 && value <= MAX_QUANTITY && hasAtMostDecimals(value, 2);
}

/**
 * A quantity in hundredths of a unit, read from its decimal digits (never by multiplying the double by 100).
 * @throws Refusal `VALIDATION_FAILED` if the value is not a valid quantity.
 */
export function toHundredths(quantity: Quantity): bigint {
  if (!isQuantity(quantity)) {
    throw new Refusal('VALIDATION_FAILED', 'not a valid quantity', { reason: 'invalid_quantity' });
  }
  // A valid quantity is ≤ MAX_QUANTITY with ≤ 2 decimals, so toFixed(2) prints exactly its shortest digits.
  const [whole = '0', fraction = '00'] = quantity.toFixed(2).split('.');
  return BigInt(whole) * QUANTITY_SCALE + BigInt(fraction);
}

/**
 * The price of a quantity: `round_half_up(quantity × unitPrice)` in øre.
 * @throws Refusal `VALIDATION_FAILED` if the quantity or price is invalid or the result overflows.
 */
export function priceOf(quantity: Quantity, unitPrice: Ore): Ore {
  if (!isOre(unitPrice)) {
    throw new Refusal('VALIDATION_FAILED', 'not a valid amount', { reason: 'invalid_amount' });
  }
  return toOre(divideRoundHalfUp(toHundredths(quantity) * BigInt(unitPrice), QUANTITY_SCALE));
}
