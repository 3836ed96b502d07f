import type { ServerResponse } from 'node:http';
import type { Requester } from '../services/requester';

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses it). Plain data; the components are `@fabric-agreements/api`'s (openapi/components.ts). */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** One path or query parameter. */
export interface ParameterSpec {
  readonly description: string;
  readonly schema: JsonSchema;
  /** Query parameters only; path parameters are always required. */
  readonly required?: boolean;
}

/** One possible response of an operation. */
export interface ResponseSpec {
  readonly description: string;
  /** Body schema; absent for responses without a JSON body (204, SSE). */
  readonly schema?: JsonSchema;
  /** Media type of the body; `application/json` unless said otherwise. */
  readonly mediaType?: string;
}

export type { Requester } from '../services/requester';

/** What a handler receives: the request after validation against the operation's schemas. */
export interface OperationContext {
  readonly requestId: string;
  /** Present for every operation with `auth: true`. */
  readonly caller: Requester | undefined;
  readonly params: Readonly<Record<string, string>>;
  /** Query parameters, coerced to their schema types. */
  readonly query: Readonly<Record<string, unknown>>;
  readonly body: unknown;
  /** A request header (lower-case name). */
  header(name: string): string | undefined;
  /** Aborted when the client goes away. */
  readonly signal: AbortSignal;
}

/** What a handler returns; the HTTP layer writes it. */
export interface OperationResult {
  readonly status: number;
  readonly body?: unknown;
  /** Media type of a text body (e.g. an XML answer, a CSV file); absent: `body` is sent as JSON. */
  readonly mediaType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * One operation of the REST API: its place in the OpenAPI document, the schemas its requests are validated
 * against, and the handler that calls a service. The router and the OpenAPI document are both built from these, so
 * they cannot disagree.
 */
export type OperationSpec = JsonOperation | StreamOperation;

/** An operation answering with one JSON document. */
export interface JsonOperation extends OperationBase {
  readonly handler: (context: OperationContext) => Promise<OperationResult>;
  readonly stream?: undefined;
}

/** An operation that streams its response (Server-Sent Events) and writes it itself. */
export interface StreamOperation extends OperationBase {
  readonly stream: (context: OperationContext, response: ServerResponse) => Promise<void>;
  readonly handler?: undefined;
}

interface OperationBase {
  readonly operationId: string;
  readonly method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI path template, e.g. `/api/v1/{domain}/agreements/{agreementId}`. */
  readonly path: string;
  readonly tag: string;
  readonly summary: string;
  readonly description?: string;
  /** Requires a bearer token (and so a Fabric identity). */
  readonly auth: boolean;
  readonly pathParams?: Readonly<Record<string, ParameterSpec>>;
  readonly queryParams?: Readonly<Record<string, ParameterSpec>>;
  readonly requestBody?: { readonly description: string; readonly schema: JsonSchema };
  /**
   * A body taken as bytes instead of JSON (an OIOUBL document): the handler gets a `Buffer` in `body`; any other
   * content type is refused with `UNSUPPORTED_MEDIA_TYPE`. Exclusive with `requestBody`.
   */
  readonly rawBody?: {
    readonly description: string;
    readonly mediaTypes: readonly string[];
    readonly limitBytes: number;
    readonly schema: JsonSchema;
  };
  /** Accepts an `Idempotency-Key` header: a repeated request with the same key gets the first response. */
  readonly idempotent?: boolean;
  /** Response may carry personal data: never cached, never replayed from the idempotency store. */
  readonly personalData?: boolean;
  /** Successful responses by status; error responses come from the catalogue and are added automatically. */
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  /** Error codes worth listing for this operation (documentation only; any catalogue code may occur). */
  readonly errors?: readonly string[];
}
