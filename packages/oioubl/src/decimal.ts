/**
 * Exact decimals for amounts and quantities read from XML: digits go straight into a BigInt with a scale, never
 * through a float, so `95000.00` kroner is exactly 9 500 000 øre and `12.5` hours exactly 1250 hundredths.
 */

/** `units / 10^scale`. */
export interface ExactDecimal {
  readonly units: bigint;
  readonly scale: number;
}

/** Longest decimal literal accepted (a bound on BigInt work; far beyond any invoice). */
const MAX_DIGITS = 24;
const XS_DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** Reads an `xs:decimal` literal (surrounding whitespace allowed); `undefined` if it is not one or too long. */
export function parseDecimal(text: string): ExactDecimal | undefined {
  const trimmed = text.trim();
  const match = XS_DECIMAL.exec(trimmed);
  if (!match || trimmed.length > MAX_DIGITS + 2) {
    return undefined;
  }
  const [, sign = '', whole = '', fraction = ''] = match;
  if (whole === '' && fraction === '') {
    return undefined;
  }
  const magnitude = BigInt(`${whole}${fraction}` || '0');
  return { units: sign === '-' ? -magnitude : magnitude, scale: fraction.length };
}

/** The value in units of `10^-scale`, if that is exact (e.g. `12.50` at scale 2 is 1250; `12.505` is not exact). */
export function atScale(value: ExactDecimal, scale: number): bigint | undefined {
  if (value.scale <= scale) {
    return value.units * 10n ** BigInt(scale - value.scale);
  }
  const divisor = 10n ** BigInt(value.scale - scale);
  return value.units % divisor === 0n ? value.units / divisor : undefined;
}

/** `round_half_up(numerator / denominator)` for a non-negative numerator and positive denominator. */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (2n * numerator + denominator) / (2n * denominator);
}

/** Øre written as kroner with two decimals and a point, as UBL writes amounts: 9500000 → `95000.00`. */
export function oreToUblAmount(ore: bigint): string {
  const sign = ore < 0n ? '-' : '';
  const magnitude = ore < 0n ? -ore : ore;
  return `${sign}${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`;
}
