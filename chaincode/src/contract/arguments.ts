import { requireId } from '../core/ids';
import { parseBySchema } from '../core/schema-walk';
import { invalid, requireInteger } from '../core/validation';
import { Code, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type PageRequest } from '@fabric-agreements/api';

/**
 * Transaction arguments arrive as strings. These turn them into values for the domain's parsers; a failure names
 * the argument, never its content.
 */

/** Longest JSON argument accepted. */
const MAX_JSON_LENGTH = 256 * 1024;

/**
 * Parses a JSON argument.
 * @throws Refusal `VALIDATION_FAILED` if it is not JSON or too long.
 */
export function jsonArgument(text: string, field: string): unknown {
  if (text.length > MAX_JSON_LENGTH) {
    return invalid(field, 'too_long', `must be at most ${MAX_JSON_LENGTH} characters`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // The parser's message quotes the input; it must not reach the client or the log.
    return invalid(field, 'not_json', 'must be JSON');
  }
}

/**
 * An id argument.
 * @throws Refusal `INVALID_ID` otherwise.
 */
export function idArgument(text: string, field: string): string {
  return requireId(text, field);
}

/**
 * A whole number written in decimal digits, in `[min, max]`.
 * @throws Refusal `VALIDATION_FAILED` otherwise.
 */
export function integerArgument(text: string, field: string, min: number, max: number): number {
  if (!/^(0|[1-9][0-9]{0,14})$/.test(text)) {
    return invalid(field, 'not_an_integer', 'must be a whole number in decimal digits');
  }
  return requireInteger(Number(text), field, min, max);
}

/**
 * A page request: `pageSize` is '' (default 20) or 1–100; `bookmark` is '' or a bookmark from the previous page.
 * @throws Refusal `VALIDATION_FAILED` for a bad page size (the bookmark is checked by the query).
 */
export function pageArguments(pageSize: string, bookmark: string): PageRequest {
  return {
    pageSize: pageSize === '' ? DEFAULT_PAGE_SIZE : integerArgument(pageSize, 'pageSize', 1, MAX_PAGE_SIZE),
    bookmark,
  };
}

const CODE = Code();

/**
 * A short code chosen from the caller's vocabulary (a purpose, an erasure reason): lowercase letters, digits and
 * `_`, 3–40 characters (its schema, `Code` in `@fabric-agreements/api`, is the one the gateway's request bodies use).
 * Free text is refused because it would end up in world state and might name a person.
 * @throws Refusal `VALIDATION_FAILED` otherwise.
 */
export function codeArgument(text: string, field: string): string {
  return parseBySchema(CODE, text, field);
}
