import { catalogueEntries } from '../../errors/catalogue';
import type { JsonSchema, OperationSpec } from '../operation';
import { ref } from './schema-builders';
import { MIN_BLOCK_HEADER } from '../min-block-header';

/** Facts about this gateway instance that the document states. */
export interface DocumentContext {
  readonly version: string;
  readonly orgKey: string;
  readonly mspId: string;
  readonly channels: readonly string[];
}

/** Pattern of an `Idempotency-Key` header value. */
export const IDEMPOTENCY_KEY_PATTERN = '^[A-Za-z0-9_.:-]{8,128}$';

const PROBLEM_RESPONSE = { content: { 'application/problem+json': { schema: ref('Problem') } } };

/**
 * The OpenAPI 3.1 document of the REST API, built from the same operation specs the router serves and validates
 * with, so the description and the behaviour cannot drift apart.
 */
export function buildOpenApiDocument(
  operations: readonly OperationSpec[],
  components: Readonly<Record<string, JsonSchema>>,
  context: DocumentContext,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    paths[operation.path] ??= {};
    paths[operation.path] = { ...paths[operation.path], [operation.method]: describe(operation, context) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `Agreements gateway — ${context.orgKey} (${context.mspId})`,
      version: context.version,
      description: infoDescription(context),
    },
    servers: [{ url: '/' }],
    tags: [...new Set(operations.map((operation) => operation.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            "An OAuth 2.0 access token (JWT) from the organisation's identity provider, with claims for the user " +
            'name, the organisation and the role.',
        },
      },
    },
  };
}

function describe(operation: OperationSpec, context: DocumentContext): Record<string, unknown> {
  const parameters: Record<string, unknown>[] = [];
  for (const [name, parameter] of Object.entries(operation.pathParams ?? {})) {
    const schema =
      name === 'domain' ? { ...parameter.schema, examples: [...context.channels] } : parameter.schema;
    parameters.push({ name, in: 'path', required: true, description: parameter.description, schema });
  }
  for (const [name, parameter] of Object.entries(operation.queryParams ?? {})) {
    parameters.push({
      name,
      in: 'query',
      required: parameter.required === true,
      description: parameter.description,
      schema: parameter.schema,
    });
  }
  if (operation.idempotent === true) {
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'A client-chosen key: repeating the request with the same key and body returns the first response ' +
        '(header `Idempotent-Replayed: true`) instead of applying it again. Kept for 24 hours.',
      schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN },
    });
  }
  if (operation.pathParams?.domain !== undefined && operation.stream === undefined) {
    parameters.push({
      name: MIN_BLOCK_HEADER,
      in: 'header',
      required: false,
      description:
        "Read your own writes across organisations: the value of this header from an earlier write's response " +
        '(`<domain>:<block number>`, comma-separated for several domains). The request first waits, a bounded time (5 s by default), ' +
        "until this organisation's peer has committed that block of the path's domain; then `503 PEER_BEHIND` " +
        'with `Retry-After`. Entries for other domains are ignored; a malformed value is `400 REQUEST_INVALID`.',
      schema: { type: 'string', maxLength: 2048, pattern: MIN_BLOCK_VALUE_PATTERN },
    });
  }
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
  const errors =
    operation.errors === undefined ? '' : `\n\nTypical error codes: ${operation.errors.join(', ')}.`;
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    ...(operation.description === undefined && errors === ''
      ? {}
      : { description: `${operation.description ?? ''}${errors}`.trim() }),
    security: operation.auth ? [{ bearer: [] }] : [],
    parameters,
    ...(operation.rawBody === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            description: operation.rawBody.description,
            content: Object.fromEntries(
              operation.rawBody.mediaTypes.map((type) => [type, { schema: operation.rawBody?.schema }]),
            ),
          },
        }),
    ...(operation.requestBody === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            description: operation.requestBody.description,
            content: { 'application/json': { schema: operation.requestBody.schema } },
          },
        }),
    responses,
  };
}

/** One or more `<domain>:<block number>` entries (the full rule, bounds included, is in min-block-header.ts). */
const MIN_BLOCK_VALUE_PATTERN = '^\\s*[a-z][a-z0-9.-]*:[0-9]+\\s*(,\\s*[a-z][a-z0-9.-]*:[0-9]+\\s*)*$';

function infoDescription(context: DocumentContext): string {
  const rows = catalogueEntries()
    .map((entry) => `| \`${entry.code}\` | ${entry.status.toString()} |`)
    .join('\n');
  return [
    `REST access to the agreements ledger for users of ${context.mspId}. Every call is signed on the ledger with ` +
      "the calling person's own X.509 identity, issued by the organisation's Fabric CA with their role.",
    '',
    `Domains (Fabric channels) served: ${context.channels.map((channel) => `\`${channel}\``).join(', ')}.`,
    '',
    'Writes return `{transactionId, blockNumber, data}` once the transaction is committed, with the header ' +
      '`Fabric-Min-Block: <domain>:<block number>`; send it on later requests (to this or another ' +
      "organisation's gateway) to read at least that state. Amounts are integers in øre; dates are ISO calendar " +
      'dates; months are `YYYY-MM`.',
    '',
    'Errors are RFC 9457 problem documents with a stable `code`:',
    '',
    '| code | HTTP status |',
    '|---|---|',
    rows,
  ].join('\n');
}
