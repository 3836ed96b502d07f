import { Refusal } from '@fabric-agreements/api';

/**
 * Deterministic JSON for everything written to the ledger: object keys sorted (by UTF-16 code units), properties
 * whose value is `undefined` left out, no whitespace. Every endorser must produce the same bytes for the same value,
 * or the endorsements would not match.
 *
 * @throws Refusal `VALIDATION_FAILED` for values JSON cannot carry faithfully: non-finite numbers, BigInt,
 * functions, symbols, `undefined` inside arrays, and objects that are not plain (Date, Map, class instances).
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      return unsupported(path, 'non_finite_number');
    }
    // JSON.stringify(-0) is "0" already; finite numbers print the same on every V8.
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown, index) => (item === undefined ? unsupported(`${path}[${index}]`, 'undefined_in_array') : write(item, `${path}[${index}]`))).join(',')}]`;
  }
  if (typeof value === 'object') {
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      return unsupported(path, 'not_a_plain_object');
    }
    const record = value as Readonly<Record<string, unknown>>;
    const members = Object.keys(record)
      .sort()
      .filter((key) => record[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${write(record[key], `${path}.${key}`)}`);
    return `{${members.join(',')}}`;
  }
  return unsupported(path, `unsupported_${typeof value}`);
}

function unsupported(path: string, reason: string): never {
  throw new Refusal('VALIDATION_FAILED', 'value cannot be written as canonical JSON', {
    field: path,
    reason,
  });
}
