import type Ajv2020 from 'ajv/dist/2020';
import { hasAtMostDecimals, MAX_DECIMALS_KEYWORD } from '@fabric-agreements/api';

/**
 * Teaches an Ajv instance `x-maxDecimals: n` ({@link MAX_DECIMALS_KEYWORD}): a number with at most n decimals,
 * judged on its shortest decimal representation — exact, unlike JSON Schema's `multipleOf: 0.01`, which validators
 * check in binary floating point and so refuse about one two-decimal value in eight (17.15, 0.07, 1.15).
 */
export function addMaxDecimalsKeyword(ajv: Ajv2020): void {
  ajv.addKeyword({
    keyword: MAX_DECIMALS_KEYWORD,
    type: 'number',
    schemaType: 'number',
    errors: false,
    validate: (places: number, data: number) => hasAtMostDecimals(data, places),
  });
}
