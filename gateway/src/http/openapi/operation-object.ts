import type { OperationSpec } from '../operation';
import { MIN_BLOCK_HEADER } from '../min-block-header';
import { ref } from './schema-builders';

/**
 * The parts of one operation's OpenAPI Operation Object: its parameters (path, query, the idempotency and
 * read-your-writes headers), its request body and its responses.
 */

/** Pattern of an `Idempotency-Key` header value. */
export const IDEMPOTENCY_KEY_PATTERN = '^[A-Za-z0-9_.:-]{8,128}$';

/** One or more `<domain>:<block number>` entries (the full rule, bounds included, is in min-block-header.ts). */
const MIN_BLOCK_VALUE_PATTERN = '^\\s*[a-z][a-z0-9.-]*:[0-9]+\\s*(,\\s*[a-z][a-z0-9.-]*:[0-9]+\\s*)*$';

const PROBLEM_RESPONSE = { content: { 'application/problem+json': { schema: ref('Problem') } } };

const IDEMPOTENCY_KEY_HEADER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'A client-chosen key: repeating the request with the same key and body returns the first response ' +
    '(header `Idempotent-Replayed: true`) instead of applying it again. Kept for 24 hours.',
  schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN },
};

const MIN_BLOCK_HEADER_PARAMETER = {
  name: MIN_BLOCK_HEADER,
  in: 'header',
  required: false,
  description:
    "Read your own writes across organisations: the value of this header from an earlier write's response " +
    '(`<domain>:<block number>`, comma-separated for several domains). The request first waits, a bounded time (5 s by default), ' +
    "until this organisation's peer has committed that block of the path's domain; then `503 PEER_BEHIND` " +
    'with `Retry-After`. Entries for other domains are ignored; a malformed value is `400 REQUEST_INVALID`.',
  schema: { type: 'string', maxLength: 2048, pattern: MIN_BLOCK_VALUE_PATTERN },
};

/** The operation's parameters; the `domain` path parameter's examples are the channels this gateway serves. */
export function parametersOf(
  operation: OperationSpec,
  channels: readonly string[],
): Record<string, unknown>[] {
  const path = Object.entries(operation.pathParams ?? {}).map(([name, parameter]) => ({
    name,
    in: 'path',
    required: true,
    description: parameter.description,
    schema: name === 'domain' ? { ...parameter.schema, examples: [...channels] } : parameter.schema,
  }));
  const query = Object.entries(operation.queryParams ?? {}).map(([name, parameter]) => ({
    name,
    in: 'query',
    required: parameter.required === true,
    description: parameter.description,
    schema: parameter.schema,
  }));
  const readsDomain = operation.pathParams?.domain !== undefined && operation.stream === undefined;
  return [
    ...path,
    ...query,
    ...(operation.idempotent === true ? [IDEMPOTENCY_KEY_HEADER] : []),
    ...(readsDomain ? [MIN_BLOCK_HEADER_PARAMETER] : []),
  ];
}

/** `{requestBody}` for an operation that takes one (JSON, or raw in its media types), else nothing. */
export function requestBodyOf(operation: OperationSpec): { requestBody?: Record<string, unknown> } {
  const { rawBody, requestBody } = operation;
  if (requestBody !== undefined) {
    return {
      requestBody: {
        required: true,
        description: requestBody.description,
        content: { 'application/json': { schema: requestBody.schema } },
      },
    };
  }
  if (rawBody !== undefined) {
    return {
      requestBody: {
        required: true,
        description: rawBody.description,
        content: Object.fromEntries(rawBody.mediaTypes.map((type) => [type, { schema: rawBody.schema }])),
      },
    };
  }
  return {};
}

/** The operation's responses, and the problem documents every operation may answer. */
export function responsesOf(operation: OperationSpec): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(operation.responses)) {
    responses[status] = {
      description: response.description,
      ...(response.schema === undefined
        ? {}
        : { content: { [response.mediaType ?? 'application/json']: { schema: response.schema } } }),
    };
  }
  responses['4XX'] = { description: 'Client error; the body names a stable `code`.', ...PROBLEM_RESPONSE };
  responses['5XX'] = {
    description: 'Server or ledger error; the body names a stable `code`.',
    ...PROBLEM_RESPONSE,
  };
  return responses;
}

/** The operation's description with its typical error codes, if it has either. */
export function descriptionOf(operation: OperationSpec): { description?: string } {
  const errors =
    operation.errors === undefined ? '' : `\n\nTypical error codes: ${operation.errors.join(', ')}.`;
  return operation.description === undefined && errors === ''
    ? {}
    : { description: `${operation.description ?? ''}${errors}`.trim() };
}
