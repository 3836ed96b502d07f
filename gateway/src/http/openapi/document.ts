import { catalogueEntries } from '../../errors/catalogue';
import type { JsonSchema, OperationSpec } from '../operation';
import { descriptionOf, parametersOf, requestBodyOf, responsesOf } from './operation-object';

/** Facts about this gateway instance that the document states. */
export interface DocumentContext {
  readonly version: string;
  readonly orgKey: string;
  readonly mspId: string;
  readonly channels: readonly string[];
}

export { IDEMPOTENCY_KEY_PATTERN } from './operation-object';

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
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    ...descriptionOf(operation),
    security: operation.auth ? [{ bearer: [] }] : [],
    parameters: parametersOf(operation, context.channels),
    ...requestBodyOf(operation),
    responses: responsesOf(operation),
  };
}

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
