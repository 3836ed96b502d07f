import type { JsonSchema } from '../operation';

/** Where component schemas live in the OpenAPI document. */
export const COMPONENT_REF_PREFIX = '#/components/schemas/';

/** A reference to a named component schema. */
export function ref(name: string): JsonSchema {
  return { $ref: `${COMPONENT_REF_PREFIX}${name}` };
}

/** An object with at least these properties: for outputs, which may gain fields without breaking clients. */
export function openObject(
  properties: Readonly<Record<string, JsonSchema>>,
  required: readonly string[],
  description?: string,
): JsonSchema {
  return {
    type: 'object',
    ...(description === undefined ? {} : { description }),
    properties,
    required: [...required],
  };
}

export function arrayOf(
  items: JsonSchema,
  bounds: { minItems?: number; maxItems?: number } = {},
): JsonSchema {
  return { type: 'array', items, ...bounds };
}

export function stringEnum(values: readonly string[], description?: string): JsonSchema {
  return { type: 'string', enum: [...values], ...(description === undefined ? {} : { description }) };
}

export function integer(
  minimum: number,
  maximum: number = Number.MAX_SAFE_INTEGER,
  description?: string,
): JsonSchema {
  return { type: 'integer', minimum, maximum, ...(description === undefined ? {} : { description }) };
}
