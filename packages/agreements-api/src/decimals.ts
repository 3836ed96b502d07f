/**
 * The number of decimals in a finite number's shortest decimal representation (the digits `String(value)` prints,
 * which round-trip exactly), e.g. 2 for 17.15 — whatever binary fraction the double holds. Judging decimals this way
 * is exact: 17.15 has two decimals although `17.15 * 100` is 1714.9999999999998.
 * @returns `undefined` for a value that is not a finite number.
 */
export function decimalPlaces(value: number): number | undefined {
  if (!Number.isFinite(value)) {
    return undefined;
  }
  const [mantissa = '', exponent = '0'] = Math.abs(value).toString().split('e');
  const fraction = mantissa.split('.')[1] ?? '';
  return Math.max(0, fraction.length - Number(exponent));
}

/** Whether a finite number has at most `places` decimals, judged exactly (see {@link decimalPlaces}). */
export function hasAtMostDecimals(value: number, places: number): boolean {
  const decimals = decimalPlaces(value);
  return decimals !== undefined && decimals <= places;
}

/**
 * The schema extension `x-maxDecimals: n`: a number with at most n decimals, judged by {@link hasAtMostDecimals}.
 * The gateway teaches its ajv the keyword; the chaincode checks quantities with the same function.
 */
export const MAX_DECIMALS_KEYWORD = 'x-maxDecimals';
