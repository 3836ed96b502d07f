/**
 * The gateway's served OpenAPI document as a response checker: a body is validated against one of its component
 * schemas with every described object closed, so a field the gateway answers but the document does not describe is
 * reported (by the pointer of its object) as well as a value outside its schema.
 */
import { expect } from 'chai';
import type { JsonSchema } from 'agreements-gateway/http/operation';
import { ComponentValidator } from 'agreements-gateway/http/openapi/request-validator';
import { GATEWAY_URL, type GatewayOrg } from './gateways';

/** `schema` with `additionalProperties: false` on every object schema that lists its properties and says nothing. */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (typeof schema !== 'object' || schema === null) return schema;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema as Readonly<Record<string, unknown>>)) {
    result[key] =
      key === 'properties' && typeof value === 'object' && value !== null
        ? Object.fromEntries(
            Object.entries(value as Readonly<Record<string, unknown>>).map(([name, property]) => [
              name,
              closed(property),
            ]),
          )
        : closed(value);
  }
  if ('properties' in result && !('additionalProperties' in result)) {
    result.additionalProperties = false;
  }
  return result;
}

/** What `issues` reports: a JSON pointer into the body and the schema keyword that failed. */
export type Issue = string;

/** Checks bodies against `org`'s gateway's served document, every described object closed. */
export async function servedSchemas(
  org: GatewayOrg = 'municipality',
): Promise<{ issues(name: string, body: unknown): readonly Issue[] }> {
  const response = await fetch(`${GATEWAY_URL[org]}/api/v1/openapi.json`);
  const document = (await response.json()) as { components: { schemas: Record<string, JsonSchema> } };
  const validator = new ComponentValidator(closed(document.components.schemas) as Record<string, JsonSchema>);
  return {
    issues: (name, body) => validator.issues(name, body).map((issue) => `${issue.pointer} ${issue.rule}`),
  };
}

let municipalitySchemas: ReturnType<typeof servedSchemas> | undefined;

/** Asserts that `body` is exactly what the municipality gateway's document describes as component `name`. */
export async function expectDescribed(name: string, body: unknown): Promise<void> {
  municipalitySchemas ??= servedSchemas();
  expect(
    (await municipalitySchemas).issues(name, body),
    `${name} as the OpenAPI document describes it`,
  ).to.deep.equal([]);
}
