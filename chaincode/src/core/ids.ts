import { ID_MAX_LENGTH, CERT_ID_MAX_LENGTH } from '@fabric-agreements/api';
export { ID_MAX_LENGTH, CERT_ID_MAX_LENGTH } from '@fabric-agreements/api';
import { Refusal } from '@fabric-agreements/api';

/**
 * Ids become parts of composite keys, so they are restricted to a safe alphabet. In particular a U+0000 inside a
 * key part would make two different ids collide in the node shim, and control characters have no business in a
 * ledger key.
 */

const ID_ALPHABET = /^[A-Za-z0-9._:-]+$/;
const DOCUMENT_HASH = /^[0-9a-f]{64}$/;

/** Why a value is not a valid id. */
export type IdProblem = 'not_a_string' | 'empty' | 'too_long' | 'control_character' | 'illegal_character';

/** What is wrong with an id, or `undefined` if it is valid. */
export function idProblem(value: unknown, maxLength: number = ID_MAX_LENGTH): IdProblem | undefined {
  if (typeof value !== 'string') {
    return 'not_a_string';
  }
  if (value.length === 0) {
    return 'empty';
  }
  if (value.length > maxLength) {
    return 'too_long';
  }
  if (hasControlCharacter(value)) {
    return 'control_character';
  }
  return ID_ALPHABET.test(value) ? undefined : 'illegal_character';
}

/** Whether a value is a valid entity id. */
export function isValidId(value: unknown): value is string {
  return idProblem(value) === undefined;
}

/**
 * Returns the value if it is a valid entity id.
 * @throws Refusal `INVALID_ID` with `details.field` and `details.reason` otherwise.
 */
export function requireId(value: unknown, field: string): string {
  return requireIdOfLength(value, field, ID_MAX_LENGTH);
}

/**
 * Returns the value if it is a valid certificate id (same alphabet, up to {@link CERT_ID_MAX_LENGTH}).
 * @throws Refusal `INVALID_ID` with `details.field` and `details.reason` otherwise.
 */
export function requireCertId(value: unknown, field: string): string {
  return requireIdOfLength(value, field, CERT_ID_MAX_LENGTH);
}

function requireIdOfLength(value: unknown, field: string, maxLength: number): string {
  const problem = idProblem(value, maxLength);
  if (problem !== undefined) {
    throw new Refusal('INVALID_ID', `${field} is not a valid id`, { field, reason: problem, maxLength });
  }
  return value as string;
}

/** Whether a string contains a C0 control character (U+0000–U+001F), DEL or a C1 control character. */
export function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) {
      return true;
    }
  }
  return false;
}

/** Whether a value is a SHA-256 document hash: 64 lowercase hexadecimal digits. */
export function isDocumentHash(value: unknown): value is string {
  return typeof value === 'string' && DOCUMENT_HASH.test(value);
}
