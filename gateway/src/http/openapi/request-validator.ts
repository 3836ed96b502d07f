import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { addMaxDecimalsKeyword } from './decimals';
import { ApiError, type ValidationIssue } from '../../errors/api-error';
import type { JsonSchema, OperationSpec, ParameterSpec } from '../operation';
import { COMPONENT_REF_PREFIX } from './schema-builders';

const COMPONENTS_ID = 'urn:fabric-agreements:components';

/** The parts of a request an operation's schemas describe. */
export interface RequestParts {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, unknown>>;
  readonly body: unknown;
  readonly hasBody: boolean;
}

/** The request after validation: query parameters coerced to their schema types. */
export interface ValidatedRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, unknown>>;
  readonly body: unknown;
}

interface CompiledOperation {
  readonly params: ValidateFunction;
  readonly query: ValidateFunction;
  readonly body: ValidateFunction | undefined;
  readonly responses: ReadonlyMap<number, ValidateFunction>;
}

/**
 * Validates requests (and, on demand, responses) against the same schemas the OpenAPI document publishes. Path and
 * query parameters arrive as strings and are coerced to their declared types; bodies are checked without coercion.
 */
export class RequestValidator {
  readonly #compiled = new Map<string, CompiledOperation>();

  constructor(operations: readonly OperationSpec[], components: Readonly<Record<string, JsonSchema>>) {
    const bodies = newAjv(false, components);
    const parameters = newAjv(true, components);
    for (const operation of operations) {
      const responses = new Map<number, ValidateFunction>();
      for (const [status, response] of Object.entries(operation.responses)) {
        if (
          response.schema !== undefined &&
          (response.mediaType ?? 'application/json') === 'application/json'
        ) {
          responses.set(Number(status), bodies.compile(rewriteRefs(response.schema)));
        }
      }
      this.#compiled.set(operation.operationId, {
        params: parameters.compile(parameterObject(operation.pathParams ?? {}, true)),
        query: parameters.compile(parameterObject(operation.queryParams ?? {}, false)),
        body: operation.requestBody ? bodies.compile(rewriteRefs(operation.requestBody.schema)) : undefined,
        responses,
      });
    }
  }

  /**
   * The validated request.
   * @throws {@link ApiError} `REQUEST_INVALID` listing every problem (location, JSON pointer, rule; never values).
   */
  validate(operation: OperationSpec, request: RequestParts): ValidatedRequest {
    const compiled = this.#compiledFor(operation);
    const params = { ...request.params };
    const query = { ...request.query };
    const issues: ValidationIssue[] = [];
    if (!compiled.params(params)) {
      issues.push(...toIssues('path', compiled.params.errors));
    }
    if (!compiled.query(query)) {
      issues.push(...toIssues('query', compiled.query.errors));
    }
    if (compiled.body) {
      if (!request.hasBody) {
        issues.push({
          in: 'body',
          pointer: '',
          rule: 'required',
          message: 'a JSON request body is required',
        });
      } else if (!compiled.body(request.body)) {
        issues.push(...toIssues('body', compiled.body.errors));
      }
    } else if (request.hasBody) {
      issues.push({
        in: 'body',
        pointer: '',
        rule: 'absent',
        message: 'this operation takes no request body',
      });
    }
    if (issues.length > 0) {
      throw new ApiError({ code: 'REQUEST_INVALID', details: { issues: issues.slice(0, 20) } });
    }
    return { params: params, query, body: request.body };
  }

  /** Problems of a response body against its declared schema (empty when it matches or declares none). */
  responseIssues(operation: OperationSpec, status: number, body: unknown): readonly ValidationIssue[] {
    const validate = this.#compiledFor(operation).responses.get(status);
    if (validate === undefined || validate(body)) {
      return [];
    }
    return toIssues('response', validate.errors);
  }

  #compiledFor(operation: OperationSpec): CompiledOperation {
    const compiled = this.#compiled.get(operation.operationId);
    if (compiled === undefined) {
      throw new Error(`operation ${operation.operationId} was not compiled`);
    }
    return compiled;
  }
}

/**
 * Checks a body against one component schema of the document (as `GATEWAY_VALIDATE_RESPONSES` checks responses),
 * for tests and tools that look at what a gateway answers.
 */
export class ComponentValidator {
  readonly #ajv: Ajv2020;

  /** @param components - the document's component schemas, `$ref`s as `#/components/schemas/<name>`. */
  constructor(components: Readonly<Record<string, JsonSchema>>) {
    this.#ajv = newAjv(false, components);
  }

  /**
   * Problems of `body` against component `name` (empty when it matches).
   * @throws Error if the document has no such component.
   */
  issues(name: string, body: unknown): readonly ValidationIssue[] {
    const validate = this.#ajv.getSchema(`${COMPONENTS_ID}#/$defs/${name}`);
    if (validate === undefined) {
      throw new Error(`no component schema ${name}`);
    }
    return validate(body) ? [] : toIssues('response', validate.errors);
  }
}

function newAjv(coerceTypes: boolean, components: Readonly<Record<string, JsonSchema>>): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, coerceTypes, useDefaults: false, messages: true });
  addFormats(ajv, ['date', 'date-time', 'uri']);
  addMaxDecimalsKeyword(ajv);
  ajv.addSchema({ $id: COMPONENTS_ID, $defs: rewriteRefs(components) });
  return ajv;
}

function parameterObject(
  parameters: Readonly<Record<string, ParameterSpec>>,
  allRequired: boolean,
): JsonSchema {
  return {
    type: 'object',
    properties: Object.fromEntries(
      Object.entries(parameters).map(([name, parameter]) => [name, rewriteRefs(parameter.schema)]),
    ),
    required: Object.entries(parameters)
      .filter(([, parameter]) => allRequired || parameter.required === true)
      .map(([name]) => name),
    additionalProperties: false,
  };
}

/** OpenAPI's `#/components/schemas/X` becomes a reference into the components schema registered with Ajv. */
function rewriteRefs<T>(schema: T): T {
  return JSON.parse(
    JSON.stringify(schema).replaceAll(`"${COMPONENT_REF_PREFIX}`, `"${COMPONENTS_ID}#/$defs/`),
  ) as T;
}

function toIssues(location: string, errors: readonly ErrorObject[] | null | undefined): ValidationIssue[] {
  return (errors ?? []).map((error) => {
    const params = error.params as Record<string, unknown>;
    // A missing property's name comes from the schema; an unknown one's from the client (it could be a CPR
    // number), so it is never repeated: the pointer names the object that has it.
    const property = typeof params.missingProperty === 'string' ? params.missingProperty : undefined;
    return {
      in: location,
      pointer: property === undefined ? error.instancePath : `${error.instancePath}/${property}`,
      rule: error.keyword,
      message:
        error.keyword === 'additionalProperties'
          ? 'has a property the API does not define'
          : (error.message ?? error.keyword),
    };
  });
}
