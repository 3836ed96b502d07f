import {
  CHECK,
  MISMATCH,
  NULL_IS_ABSENT,
  type ChaincodeAnnotations,
  type Frozen,
  type Static,
  type TSchema,
} from '@fabric-agreements/api';
import { requireCertId, requireId } from './ids';
import {
  invalid,
  requireArray,
  requireDocumentHash,
  requireInteger,
  requireIsoDate,
  requireIsoMonth,
  requireOneOf,
  requireOre,
  requireQuantity,
  requireRecord,
  requireText,
} from './validation';

/**
 * Parses a transaction input by walking its schema from `@fabric-agreements/api` — the same object the gateway
 * publishes as JSON Schema — so the chaincode and the OpenAPI document cannot disagree on a shape. The walk knows the
 * few keywords those schemas use (closed objects, arrays, enums, consts, bounded integers, booleans, strings with a
 * `pattern` and their refusal (the {@link MISMATCH} tag), unions of closed
 * objects told apart by a `const` property, nullable values) and the schemas' {@link CHECK} tags. It checks
 * properties in the schema's order and stops at the first problem, naming the field (`lines[2].monthlyPrice`) and
 * never the value. What JSON Schema cannot say (a date after another, a default) stays in the caller's code.
 * `name` labels the input itself (`agreement`); its properties are named from the top (`lines[0].id`).
 * @throws Refusal `VALIDATION_FAILED`, or `INVALID_ID` for an id.
 */
export function parseInput<T extends TSchema>(schema: T, value: unknown, name: string): Frozen<Static<T>> {
  return walk(schema as Node, value, '', name) as Frozen<Static<T>>;
}

/**
 * Parses a value inside an input by its schema: `field` names the value (`lines[0].schedule`) and prefixes the
 * names of its parts.
 * @throws Refusal `VALIDATION_FAILED`, or `INVALID_ID` for an id.
 */
export function parseBySchema<T extends TSchema>(
  schema: T,
  value: unknown,
  field: string,
): Frozen<Static<T>> {
  return walk(schema as Node, value, field) as Frozen<Static<T>>;
}

/** The JSON Schema keywords the walk reads. */
interface Node extends ChaincodeAnnotations {
  readonly type?: string;
  readonly enum?: readonly string[];
  readonly const?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly properties?: Readonly<Record<string, Node>>;
  readonly required?: readonly string[];
  readonly items?: Node;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly anyOf?: readonly Node[];
}

/** `path` names the value inside the input (empty at the top); `label` is what a refusal of the value itself says. */
function walk(node: Node, value: unknown, path: string, label = path): unknown {
  const check = node[CHECK];
  if (check !== undefined) {
    return checkScalar(check, node, value, label);
  }
  if (node.anyOf !== undefined) {
    return walkUnion(node, node.anyOf, value, path, label);
  }
  const words = node.enum ?? (node.const === undefined ? undefined : [node.const]);
  return words === undefined ? walkType(node, value, path, label) : requireOneOf(value, label, words);
}

function walkType(node: Node, value: unknown, path: string, label: string): unknown {
  switch (node.type) {
    case 'object':
      return walkObject(node, requireRecord(value, label, Object.keys(node.properties ?? {})), path);
    case 'array':
      return walkArray(node, value, path, label);
    case 'integer':
      return requireInteger(value, label, node.minimum ?? 0, node.maximum ?? Number.MAX_SAFE_INTEGER);
    case 'boolean':
      return typeof value === 'boolean' ? value : invalid(label, 'not_a_boolean', 'must be true or false');
    case 'string':
      return walkPattern(node, value, label);
    default:
      throw new Error(`schema walk: no rule for ${JSON.stringify(node.type)}`);
  }
}

function checkScalar(
  check: NonNullable<Node[typeof CHECK]>,
  node: Node,
  value: unknown,
  label: string,
): unknown {
  switch (check) {
    case 'id':
      return requireId(value, label);
    case 'cert_id':
      return requireCertId(value, label);
    case 'date':
      return requireIsoDate(value, label);
    case 'month':
      return requireIsoMonth(value, label);
    case 'ore':
      return requireOre(value, label, node.minimum ?? 0);
    case 'quantity':
      return requireQuantity(value, label, node.exclusiveMinimum === 0);
    case 'document_hash':
      return requireDocumentHash(value, label);
    case 'text':
    case 'multiline_text':
      return requireText(value, label, node.maxLength ?? Number.MAX_SAFE_INTEGER, check === 'multiline_text');
  }
}

/** A string matching the schema's `pattern`, refused with the schema's {@link MISMATCH} reason. */
function walkPattern(node: Node, value: unknown, label: string): string {
  const mismatch = node[MISMATCH];
  if (node.pattern === undefined || mismatch === undefined) {
    throw new Error('schema walk: a string needs a pattern and its refusal');
  }
  return typeof value === 'string' && new RegExp(node.pattern, 'u').test(value)
    ? value
    : invalid(label, mismatch.reason, mismatch.text);
}

/** The record's properties in the schema's order: absent optional ones stay absent, `null` too where allowed. */
function walkObject(node: Node, record: Readonly<Record<string, unknown>>, path: string): unknown {
  const required = node.required ?? [];
  const parsed: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(node.properties ?? {})) {
    const value = record[key];
    const absent = value === undefined || (value === null && property[NULL_IS_ABSENT] === true);
    if (absent && !required.includes(key)) {
      continue;
    }
    parsed[key] = walk(property, value, path === '' ? key : `${path}.${key}`);
  }
  return parsed;
}

function walkArray(node: Node, value: unknown, path: string, label: string): unknown {
  const items = requireArray(value, label, node.minItems ?? 0, node.maxItems ?? Number.MAX_SAFE_INTEGER);
  const parsed = items.map((item, index) => walk(node.items ?? {}, item, `${path}[${index.toString()}]`));
  if (node.uniqueItems === true && new Set(parsed).size !== parsed.length) {
    return invalid(label, 'duplicate', 'must not repeat an item');
  }
  return parsed;
}

/** A nullable value, or one of several closed objects (see {@link walkMembers}). */
function walkUnion(
  node: Node,
  members: readonly Node[],
  value: unknown,
  path: string,
  label: string,
): unknown {
  const nonNull = members.filter((member) => member.type !== 'null');
  if (nonNull.length < members.length && value === null) {
    return null;
  }
  const [single] = nonNull;
  if (nonNull.length === 1 && single !== undefined) {
    return walk(single, value, path, label);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return invalid(label, 'not_an_object', 'must be an object');
  }
  const record = value as Readonly<Record<string, unknown>>;
  const mismatch = node[MISMATCH];
  if (mismatch !== undefined && constDiscriminatorOf(nonNull) === undefined) {
    return walkMemberByPresence(nonNull, record, path, label, mismatch);
  }
  return mismatch === undefined
    ? walkMembers(nonNull, record, path, label)
    : walkExactMember(nonNull, record, path, label, mismatch);
}

/**
 * One of several closed objects told apart by a property every member fixes with `const` (`pricing`, `type`,
 * `every`): first the properties any member takes, then that property, then the chosen member's properties.
 */
function walkMembers(
  members: readonly Node[],
  record: Readonly<Record<string, unknown>>,
  path: string,
  label: string,
): unknown {
  requireRecord(record, label, [
    ...new Set(members.flatMap((member) => Object.keys(member.properties ?? {}))),
  ]);
  const discriminator = discriminatorOf(members);
  const member = memberFor(members, discriminator, record);
  if (member === undefined) {
    const allowed = members.map((candidate) => candidate.properties?.[discriminator]?.const ?? '');
    const at = path === '' ? discriminator : `${path}.${discriminator}`;
    return requireOneOf(record[discriminator], at, allowed);
  }
  // The names this member takes, never the unexpected ones (a property name is input too).
  const memberKeys = Object.keys(member.properties ?? {});
  if (Object.keys(record).some((key) => !memberKeys.includes(key))) {
    return invalid(label, 'unexpected_property', `has properties its ${discriminator} does not take`, {
      allowed: memberKeys,
    });
  }
  return walk(member, record, path, label);
}

/** A union whose schema gives one refusal for any object that is not exactly one of its members. */
function walkExactMember(
  members: readonly Node[],
  record: Readonly<Record<string, unknown>>,
  path: string,
  label: string,
  mismatch: NonNullable<Node[typeof MISMATCH]>,
): unknown {
  const member = memberFor(members, discriminatorOf(members), record);
  const memberKeys = Object.keys(member?.properties ?? {});
  const present = Object.keys(record);
  const exact =
    member !== undefined &&
    present.every((key) => memberKeys.includes(key)) &&
    (member.required ?? []).every((key) => present.includes(key));
  return exact ? walk(member, record, path, label) : invalid(label, mismatch.reason, mismatch.text);
}

function memberFor(
  members: readonly Node[],
  discriminator: string,
  record: Readonly<Record<string, unknown>>,
): Node | undefined {
  return members.find((member) => member.properties?.[discriminator]?.const === record[discriminator]);
}

/**
 * A union of closed objects told apart by which properties they have (`role` or `people`): first the properties
 * any member takes, then the one member whose own properties (no other member's) are present — none or several is
 * the schema's {@link MISMATCH} refusal — then that member's properties.
 */
function walkMemberByPresence(
  members: readonly Node[],
  record: Readonly<Record<string, unknown>>,
  path: string,
  label: string,
  mismatch: NonNullable<Node[typeof MISMATCH]>,
): unknown {
  const keysOf = (member: Node): readonly string[] => Object.keys(member.properties ?? {});
  requireRecord(record, label, [...new Set(members.flatMap(keysOf))]);
  const chosen = members.filter((member) =>
    keysOf(member).some(
      (key) =>
        record[key] !== undefined &&
        members.every((other) => other === member || !keysOf(other).includes(key)),
    ),
  );
  const [member] = chosen;
  return chosen.length === 1 && member !== undefined
    ? walk(member, record, path, label)
    : invalid(label, mismatch.reason, mismatch.text);
}

function constDiscriminatorOf(members: readonly Node[]): string | undefined {
  const [first] = members;
  return Object.keys(first?.properties ?? {}).find((name) =>
    members.every((member) => member.properties?.[name]?.const !== undefined),
  );
}

/** The property every member of a union fixes with `const`. */
function discriminatorOf(members: readonly Node[]): string {
  const key = constDiscriminatorOf(members);
  if (key === undefined) {
    throw new Error('schema walk: a union of objects needs a property every member fixes with const');
  }
  return key;
}
