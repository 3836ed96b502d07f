/**
 * Every e2e request checks its response against the OpenAPI document the gateway serves: the operation is found by
 * method and path, the response by status (or `4XX`/`5XX`), and a JSON body must match that response's schema with
 * every described object closed — a field the gateway answers but the document does not list fails the test as much
 * as a value outside its schema. Paths the document does not describe (health, metrics, the document itself) are
 * checked only when they answer a problem document.
 */
import type { JsonSchema } from 'agreements-gateway/http/operation';
import { ComponentValidator } from 'agreements-gateway/http/openapi/request-validator';

const COMPONENT_PREFIX = '#/components/schemas/';

/** `schema` with `additionalProperties: false` on every object schema that lists its properties and says nothing. */
export function closed(schema: unknown): unknown {
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

interface ResponseSpec {
  readonly content?: Readonly<Record<string, { readonly schema?: JsonSchema }>>;
}
interface OperationSpec {
  readonly responses: Readonly<Record<string, ResponseSpec>>;
}
interface Document {
  readonly paths: Readonly<Record<string, Readonly<Record<string, OperationSpec>>>>;
  readonly components: { readonly schemas: Readonly<Record<string, JsonSchema>> };
}

interface Route {
  readonly pattern: RegExp;
  /** Path parameters: a literal segment wins over a parameter (`/agreements/history` before `/{id}`). */
  readonly parameters: number;
  readonly methods: Readonly<Record<string, OperationSpec>>;
}

/** The served document, compiled once: routes to match, and a validator whose components include inline schemas. */
class ResponseChecker {
  readonly #routes: readonly Route[];
  readonly #validator: ComponentValidator;
  /** Inline response schema → the synthetic component it was registered as. */
  readonly #inline = new Map<JsonSchema, string>();

  constructor(document: Document) {
    const components: Record<string, JsonSchema> = { ...document.components.schemas };
    const routes: Route[] = [];
    for (const [template, methods] of Object.entries(document.paths)) {
      const parameters = (template.match(/\{[^}]+\}/g) ?? []).length;
      const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+');
      routes.push({ pattern: new RegExp(`^${source}$`), parameters, methods });
      for (const operation of Object.values(methods)) {
        for (const response of Object.values(operation.responses)) {
          for (const media of Object.values(response.content ?? {})) {
            if (media.schema !== undefined && !isComponentRef(media.schema)) {
              const name = `InlineResponse${this.#inline.size.toString()}`;
              this.#inline.set(media.schema, name);
              components[name] = media.schema;
            }
          }
        }
      }
    }
    this.#routes = routes.sort((a, b) => a.parameters - b.parameters);
    this.#validator = new ComponentValidator(closed(components) as Record<string, JsonSchema>);
  }

  /** What is wrong with a response (empty when the document describes it exactly). */
  issues(
    method: string,
    path: string,
    status: number,
    contentType: string,
    body: unknown,
  ): readonly string[] {
    const operation = this.#operation(method, path);
    const json = contentType.includes('json') && body !== undefined;
    if (operation === undefined) {
      return json && status >= 400 ? this.#check('Problem', body) : [];
    }
    const statusClass = `${Math.floor(status / 100).toString()}XX`;
    const response = operation.responses[status.toString()] ?? operation.responses[statusClass];
    if (response === undefined) {
      return [`status ${status.toString()} is not in the document`];
    }
    if (!json) {
      return [];
    }
    const media = Object.entries(response.content ?? {}).find(([type]) => contentType.includes(type));
    if (media?.[1].schema === undefined) {
      return [`the document gives no schema for ${contentType} at status ${status.toString()}`];
    }
    const name = this.#schemaName(media[1].schema);
    return name === undefined ? [] : this.#check(name, body);
  }

  /** The document's operation for this method on this path, if it has one. */
  #operation(method: string, path: string): OperationSpec | undefined {
    const pathname = new URL(path, 'http://gateway').pathname;
    return this.#routes.find((route) => route.pattern.test(pathname))?.methods[method.toLowerCase()];
  }

  /** The component a response schema is, or the name it was registered under when inline. */
  #schemaName(schema: JsonSchema): string | undefined {
    return isComponentRef(schema) ? schema.$ref.slice(COMPONENT_PREFIX.length) : this.#inline.get(schema);
  }

  #check(name: string, body: unknown): readonly string[] {
    return this.#validator.issues(name, body).map((issue) => `${name}${issue.pointer} ${issue.rule}`);
  }
}

function isComponentRef(schema: JsonSchema): schema is { $ref: string } {
  const ref = (schema as { $ref?: unknown }).$ref;
  return typeof ref === 'string' && ref.startsWith(COMPONENT_PREFIX);
}

const checkers = new Map<string, Promise<ResponseChecker>>();

/** The checker for the gateway at `baseUrl` (its served document, fetched once). */
export function responseChecker(baseUrl: string): Promise<ResponseChecker> {
  let checker = checkers.get(baseUrl);
  if (checker === undefined) {
    checker = fetch(`${baseUrl}/api/v1/openapi.json`).then(
      async (response) => new ResponseChecker((await response.json()) as Document),
    );
    checkers.set(baseUrl, checker);
  }
  return checker;
}
