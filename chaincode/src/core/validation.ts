import { isIsoDate, isIsoMonth, type IsoDate, type IsoMonth } from './calendar-date';
import { Refusal, type ErrorDetails } from '@fabric-agreements/api';
import { hasControlCharacter, isDocumentHash } from './ids';
import { isOre, type Ore } from './money';
import { isQuantity, type Quantity } from './quantity';

/**
 * Small checks for transaction inputs that arrive as untyped JSON. Each takes the field's path (e.g.
 * `lines[2].monthlyPrice`) for the error details; the offending value is never echoed, as it might be personal data.
 */

/**
 * Throws a validation error about one field.
 * @throws Refusal `VALIDATION_FAILED` always.
 */
export function invalid(field: string, reason: string, text: string, extra: ErrorDetails = {}): never {
  throw new Refusal('VALIDATION_FAILED', `${field}: ${text}`, { ...extra, field, reason });
}

/**
 * A JSON object (not null, not an array) whose keys are all in `allowed`.
 * @throws Refusal `VALIDATION_FAILED` if not an object or if it has an unexpected key.
 */
export function requireRecord(
  value: unknown,
  field: string,
  allowed: readonly string[],
): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return invalid(field, 'not_an_object', 'must be an object');
  }
  const record = value as Readonly<Record<string, unknown>>;
  // The allowed names, never the unexpected ones: a property name is input too (it could be a CPR number).
  if (Object.keys(record).some((key) => !allowed.includes(key))) {
    return invalid(field, 'unexpected_property', 'has properties the input does not take', {
      allowed: [...allowed],
    });
  }
  return record;
}

/**
 * An array with a bounded number of items.
 * @throws Refusal `VALIDATION_FAILED` otherwise.
 */
export function requireArray(
  value: unknown,
  field: string,
  minItems: number,
  maxItems: number,
): readonly unknown[] {
  if (!Array.isArray(value)) {
    return invalid(field, 'not_an_array', 'must be an array');
  }
  if (value.length < minItems || value.length > maxItems) {
    return invalid(field, 'wrong_length', `must have ${minItems} to ${maxItems} items`, {
      minItems,
      maxItems,
    });
  }
  return value;
}

/**
 * One of a fixed set of strings.
 * @throws Refusal `VALIDATION_FAILED` otherwise.
 */
export function requireOneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    return invalid(field, 'not_allowed', 'is not one of the allowed values', { allowed: [...allowed] });
  }
  return value as T;
}

/**
 * A real ISO calendar date.
 * @throws Refusal `VALIDATION_FAILED` otherwise.
 */
export function requireIsoDate(value: unknown, field: string): IsoDate {
  return isIsoDate(value) ? value : invalid(field, 'not_a_date', 'must be an ISO calendar date (YYYY-MM-DD)');
}

/**
 * A real ISO month.
 * @throws Refusal `VALIDATION_FAILED` otherwise.
 */
export function requireIsoMonth(value: unknown, field: string): IsoMonth {
  return isIsoMonth(value) ? value : invalid(field, 'not_a_month', 'must be an ISO month (YYYY-MM)');
}

/**
 * An amount in øre: a safe integer, at least `min`.
 * @throws Refusal `VALIDATION_FAILED` otherwise.
 */
export function requireOre(value: unknown, field: string, min = 0): Ore {
  if (!isOre(value)) {
    return invalid(field, 'not_an_amount', 'must be a whole, non-negative number of øre');
  }
  return value >= min ? value : invalid(field, 'too_small', `must be at least ${min}`, { min });
}

/**
 * A quantity with at most two decimals, greater than zero when `positive`.
 * @throws Refusal `VALIDATION_FAILED` otherwise.
 */
export function requireQuantity(value: unknown, field: string, positive: boolean): Quantity {
  if (!isQuantity(value)) {
    return invalid(field, 'not_a_quantity', 'must be a non-negative number with at most two decimals');
  }
  return positive && value === 0 ? invalid(field, 'too_small', 'must be greater than zero') : value;
}

/**
 * A whole number in `[min, max]`.
 * @throws Refusal `VALIDATION_FAILED` otherwise.
 */
export function requireInteger(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    return invalid(field, 'not_in_range', `must be a whole number from ${min} to ${max}`, { min, max });
  }
  return value;
}

/**
 * A SHA-256 document hash (64 lowercase hex digits).
 * @throws Refusal `VALIDATION_FAILED` otherwise.
 */
export function requireDocumentHash(value: unknown, field: string): string {
  return isDocumentHash(value)
    ? value
    : invalid(field, 'not_a_sha256', 'must be 64 lowercase hex digits (SHA-256)');
}

/**
 * Free text: not blank, at most `maxLength` characters, no control characters (line breaks and tabs allowed when
 * `multiline`). Never echoed: it may be personal data.
 * @throws Refusal `VALIDATION_FAILED` otherwise.
 */
export function requireText(value: unknown, field: string, maxLength: number, multiline: boolean): string {
  if (typeof value !== 'string' || value.trim().length === 0) {
    return invalid(field, 'empty', 'must be a non-empty string');
  }
  if (value.length > maxLength) {
    return invalid(field, 'too_long', `must be at most ${maxLength} characters`, { maxLength });
  }
  if (hasControlCharacter(multiline ? value.replace(/[\n\r\t]/g, ' ') : value)) {
    return invalid(field, 'control_character', 'must not contain control characters');
  }
  return value;
}
