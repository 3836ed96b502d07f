import { Type, type SchemaOptions, type TSchema, type TUnsafe } from '@sinclair/typebox';
export type { Static, TSchema } from '@sinclair/typebox';
import { MAX_DECIMALS_KEYWORD } from '../decimals';
import { CERT_ID_MAX_LENGTH, ID_MAX_LENGTH, MAX_QUANTITY } from '../vocabulary';

/**
 * The building blocks of the transaction schemas. Each is plain JSON Schema (what the gateway's OpenAPI document
 * publishes and its ajv checks) and a TypeBox type (what `Static<>` turns into TypeScript). The chaincode walks the
 * same objects to parse its inputs; where its refusal for a value is more specific than a JSON Schema keyword (an
 * id's problem, a real calendar date), the schema carries a {@link CHECK} tag, a symbol that JSON never shows.
 */

/** The chaincode's named check for a scalar; the schema's keywords say the same for JSON Schema validators. */
export type ScalarCheck =
  'id' | 'cert_id' | 'date' | 'month' | 'ore' | 'quantity' | 'document_hash' | 'text' | 'multiline_text';

/** Where a schema names its {@link ScalarCheck}. */
export const CHECK: unique symbol = Symbol.for('@fabric-agreements/api/check');

/** Marks an optional property whose `null` the chaincode reads as absent (older clients send it). */
export const NULL_IS_ABSENT: unique symbol = Symbol.for('@fabric-agreements/api/null-is-absent');

/**
 * On a union of closed objects: the one refusal reason (and text) the chaincode gives when the value is an object
 * but matches no member exactly, instead of naming the offending member property. On a string with a `pattern`:
 * the refusal the chaincode gives when the value is not a string matching it.
 */
export const MISMATCH: unique symbol = Symbol.for('@fabric-agreements/api/mismatch');

/** The chaincode-only annotations a schema may carry. */
export interface ChaincodeAnnotations {
  readonly [CHECK]?: ScalarCheck;
  readonly [NULL_IS_ABSENT]?: true;
  readonly [MISMATCH]?: { readonly reason: string; readonly text: string };
}

/** A deeply read-only view of a schema's static type: inputs are never changed after parsing. */
export type Frozen<T> = T extends readonly (infer U)[]
  ? readonly Frozen<U>[]
  : T extends object
    ? { readonly [K in keyof T]: Frozen<T[K]> }
    : T;

function described(description: string | undefined): SchemaOptions {
  return description === undefined ? {} : { description };
}

/** One of a closed set of words (`enum`, not TypeBox's `anyOf` of literals: shorter, and what clients expect). */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  description?: string,
): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...described(description) });
}

/** An entity id: the chaincode's id alphabet and length. */
export function Id(description = `Letters, digits and . _ : - (1–${ID_MAX_LENGTH.toString()} characters).`) {
  return Type.String({
    pattern: `^[A-Za-z0-9._:-]{1,${ID_MAX_LENGTH.toString()}}$`,
    description,
    [CHECK]: 'id',
  });
}

/** An organisation's MSP id. */
export function MspId() {
  return Id('MSP id of an organisation, e.g. "PlacementSiteMSP".');
}

/** A child's keyed pseudonym: the only way a child appears outside the private collections. */
export function ChildPseudonym() {
  return Id("The child's keyed pseudonym (never a CPR number or a name).");
}

/** A signer's certificate id (as WhoAmI shows it). */
export function CertId(description = 'sha256:<hex> of the signer certificate id.') {
  return Type.String({ minLength: 1, maxLength: CERT_ID_MAX_LENGTH, description, [CHECK]: 'cert_id' });
}

/** An ISO calendar date. */
export function IsoDate(description = 'ISO calendar date, YYYY-MM-DD.') {
  return Type.String({ format: 'date', description, [CHECK]: 'date' });
}

/** An optional date that the chaincode also accepts as `null` (= absent). */
export function OptionalIsoDate(description?: string) {
  return Type.Optional(
    Type.String({
      format: 'date',
      description: description ?? 'ISO calendar date, YYYY-MM-DD.',
      [CHECK]: 'date',
      [NULL_IS_ABSENT]: true,
    }),
  );
}

/** An ISO month. */
export function IsoMonth(description = 'ISO month, YYYY-MM.') {
  return Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description, [CHECK]: 'month' });
}

/** An amount in øre, at least `minimum`. */
export function Ore(minimum: 0 | 1 = 0, description?: string) {
  return Type.Integer({
    minimum,
    maximum: Number.MAX_SAFE_INTEGER,
    description:
      description ?? (minimum === 0 ? 'Amount in øre (1 krone = 100 øre).' : 'Amount in øre, at least 1.'),
    [CHECK]: 'ore',
  });
}

/** A positive quantity with at most two decimals, checked exactly on its decimal digits. */
export function Quantity(
  description = 'A positive quantity with at most two decimals (checked exactly, on its decimal digits).',
) {
  return Type.Number({
    exclusiveMinimum: 0,
    maximum: MAX_QUANTITY,
    // Not `multipleOf: 0.01`: validators check that in binary floating point and refuse 17.15 or 0.07.
    [MAX_DECIMALS_KEYWORD]: 2,
    description,
    [CHECK]: 'quantity',
  });
}

/** A whole number in `[minimum, maximum]`. */
export function WholeNumber(
  minimum: number,
  maximum: number = Number.MAX_SAFE_INTEGER,
  description?: string,
) {
  return Type.Integer({ minimum, maximum, ...described(description) });
}

/** A SHA-256 document hash. */
export function DocumentHash() {
  return Type.String({
    pattern: '^[0-9a-f]{64}$',
    description:
      "SHA-256 of the document (64 lowercase hex digits); the document stays in the provider's systems.",
    [CHECK]: 'document_hash',
  });
}

/** A string matching `pattern` (a JSON Schema / ECMAScript regular expression); the chaincode refuses with `reason`. */
export function Pattern(pattern: string, reason: string, text: string, description?: string) {
  return Type.String({ pattern, ...described(description), [MISMATCH]: { reason, text } });
}

/**
 * A code chosen from the caller's vocabulary (a purpose, an erasure reason), never free text: free text would end up
 * in world state and might name a person.
 */
export function Code(
  description = 'A code, not free text: 3–40 characters a-z, 0-9, _ (e.g. case_handling).',
) {
  return Pattern(
    '^[a-z][a-z0-9_]{2,39}$',
    'not_a_code',
    'must be a code of 3–40 characters a-z, 0-9, _',
    description,
  );
}

/**
 * Free text of at most `maxLength` characters: not blank, no control characters (line breaks and tabs allowed when
 * `multiline`). The chaincode never echoes it (it may be personal data).
 */
export function Text(maxLength: number, multiline = false, description?: string) {
  return Type.String({
    minLength: 1,
    maxLength,
    ...described(description),
    [CHECK]: multiline ? 'multiline_text' : 'text',
  });
}

/** A value or `null`. */
export function Nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}
