import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import express from 'express';
import FindMyWay from 'find-my-way';
import { ApiError } from '../errors/api-error';
import { withWriteJournal, type JournalEntry, type WriteJournal } from '../fabric/write-journal';
import { RequestBlocks, withRequestBlocks } from '../consistency/request-blocks';
import type { Principal } from '../auth/principal';
import type { SigningUser } from '../fabric/signing-user';
import type { Logger } from '../observability/logger';
import { requestFingerprint, type IdempotencyStore } from './idempotency-store';
import { formatMinBlocks, MIN_BLOCK_HEADER, parseMinBlocks } from './min-block-header';
import { IDEMPOTENCY_KEY_PATTERN } from './openapi/document';
import type { RequestValidator, ValidatedRequest } from './openapi/request-validator';
import type { OperationContext, OperationResult, OperationSpec, Requester } from './operation';
import type { RequestState } from './request-tracking';
import { JsonText } from '../services/json-text';

/** What running an operation needs besides the request. */
export interface DispatchDependencies {
  readonly orgKey: string;
  readonly channels: readonly string[];
  readonly bodyLimitBytes: number;
  readonly validateResponses: boolean;
  readonly logger: Logger;
  /** Verifies the `Authorization` header. @throws {@link ApiError} (401/403/503). */
  readonly authenticate: (authorization: string | undefined) => Promise<Principal>;
  /** The person a browser session cookie authenticates, or `undefined` when the request carries none. */
  readonly authenticateSession?: (req: IncomingMessage) => Promise<Principal> | undefined;
  /** The caller's own Fabric identity. @throws {@link ApiError} (403/502). */
  readonly identityOf: (principal: Principal) => Promise<SigningUser>;
  readonly idempotency: IdempotencyStore;
  readonly isShuttingDown: () => boolean;
}

/** A request matched to an operation, with its path parameters (decoded). */
export interface OperationMatch {
  readonly operation: OperationSpec;
  /** The operation's body parser: JSON, or the raw bytes of its own media types. */
  readonly parseBody: Middleware;
  readonly params: Readonly<Record<string, string>>;
  /** `HEAD` of a stream: its headers, no body, no subscription. */
  readonly streamHead: boolean;
}

export type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** A request being answered, with what the gateway tracks of it. */
interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly state: RequestState;
}

interface Route {
  readonly operation: OperationSpec;
  readonly parseBody: Middleware;
}

/** Content type of Server-Sent Events (also what `HEAD` of a stream answers). */
export const STREAM_CONTENT_TYPE = 'text/event-stream; charset=utf-8';
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
const IDEMPOTENCY_KEY = new RegExp(IDEMPOTENCY_KEY_PATTERN);

/**
 * The API's operations on plain Node requests: one route table looked up once per request (find-my-way, the router
 * of fastify), then authenticate → read the body → validate against the OpenAPI schemas → idempotency → service.
 * Express is not on this path: its per-request work (prototype swaps, a middleware chain tried layer by layer,
 * `res.json`) cost about 0.3 ms of CPU per read, a quarter of the gateway's work (docs/benchmark.md).
 */
export class OperationDispatcher {
  readonly #deps: DispatchDependencies;
  readonly #validator: RequestValidator;
  // A trailing slash names the same operation, as under express; a long parameter still matches, so that the schema
  // refuses it with a 400 naming it (find-my-way would not match past 100 characters: a 404).
  readonly #routes = FindMyWay({ ignoreTrailingSlash: true, maxParamLength: 8192 });

  constructor(operations: readonly OperationSpec[], validator: RequestValidator, deps: DispatchDependencies) {
    this.#deps = deps;
    this.#validator = validator;
    const parseJson = express.json({ limit: deps.bodyLimitBytes, strict: true, type: 'application/json' });
    for (const operation of operations) {
      const route: Route = {
        operation,
        parseBody:
          operation.rawBody === undefined
            ? parseJson
            : express.raw({ type: [...operation.rawBody.mediaTypes], limit: operation.rawBody.limitBytes }),
      };
      this.#routes.on(
        operation.method.toUpperCase() as FindMyWay.HTTPMethod,
        routePath(operation.path),
        noop,
        route,
      );
    }
  }

  /** The operation a request names, or `undefined` when none has its method and path. */
  find(method: string | undefined, path: string): OperationMatch | undefined {
    if (method === 'HEAD') {
      // HEAD of a stream answers its headers; HEAD of any other GET runs the GET (Node sends no body).
      const get = this.#lookup('GET', path);
      return get === undefined ? undefined : { ...get, streamHead: get.operation.stream !== undefined };
    }
    return method === undefined ? undefined : this.#lookup(method, path);
  }

  #lookup(method: string, path: string): OperationMatch | undefined {
    const found = this.#routes.find(method as FindMyWay.HTTPMethod, path);
    if (found === null) {
      return undefined;
    }
    const route = found.store as Route;
    return { ...route, params: found.params as Record<string, string>, streamHead: false };
  }

  /** Runs the operation a request matched; rejects with what {@link writeProblem} answers. */
  async run(
    match: OperationMatch,
    req: IncomingMessage,
    res: ServerResponse,
    state: RequestState,
  ): Promise<void> {
    const { operation } = match;
    state.route = operation.path;
    // Authentication first: an unauthenticated request gets 401 before its body is even read.
    await this.#authenticate(operation, req, state);
    if (match.streamHead) {
      this.#validateTarget(operation, match, req);
      res.writeHead(200, { 'content-type': STREAM_CONTENT_TYPE, 'cache-control': 'no-store' });
      res.end();
      return;
    }
    await use(match.parseBody, req, res);
    await this.#runOperation(match, { req, res, state });
  }

  async #authenticate(operation: OperationSpec, req: IncomingMessage, state: RequestState): Promise<void> {
    if (this.#deps.isShuttingDown()) {
      throw new ApiError({ code: 'SHUTTING_DOWN', retryAfterSeconds: 1 });
    }
    if (operation.auth) {
      // A bearer token decides when there is one (scripts, other systems); else the browser's session cookie.
      const authorization = req.headers.authorization;
      const bySession = authorization === undefined ? this.#deps.authenticateSession?.(req) : undefined;
      state.principal = await (bySession ?? this.#deps.authenticate(authorization));
    }
  }

  async #runOperation(match: OperationMatch, exchange: Exchange): Promise<void> {
    const { req, res, state } = exchange;
    const { operation } = match;
    const principal = state.principal;
    const body = requestBody(operation, req);
    const validated = this.#validateTarget(operation, match, req, body.json);
    let signal: AbortSignal | undefined;
    const context: OperationContext = {
      requestId: state.requestId,
      caller: principal === undefined ? undefined : this.#newCaller(principal),
      params: validated.params,
      query: validated.query,
      body: body.raw ?? validated.body,
      header: (name) => header(req, name),
      // Made when asked for (a stream's handler asks): a signal and a listener per request cost a read 1 %.
      get signal() {
        return (signal ??= abortedOnClose(res));
      },
    };

    if (operation.stream !== undefined) {
      await operation.stream(context, res);
      return;
    }

    // The blocks this request must see (Fabric-Min-Block), and the response's token naming what it wrote.
    const blocks = new RequestBlocks(parseMinBlocks(header(req, MIN_BLOCK_HEADER)));
    const handle = (): Promise<OperationResult> =>
      withRequestBlocks(blocks, async () => withMinBlockToken(await operation.handler(context), blocks));

    const idempotencyKey = operation.idempotent === true ? header(req, 'idempotency-key') : undefined;
    if (idempotencyKey !== undefined && principal !== undefined) {
      await this.#runIdempotent(operation, req, res, state, context, principal, idempotencyKey, handle);
      return;
    }
    const result = await handle();
    if (result.mediaType !== undefined) {
      sendText(res, result);
      return;
    }
    this.#send(res, operation, result.status, result.body, result.headers ?? {});
  }

  /**
   * The request validated against the operation's schemas, on a domain this organisation serves.
   * @throws {@link ApiError} `REQUEST_INVALID`, `UNKNOWN_DOMAIN`.
   */
  #validateTarget(
    operation: OperationSpec,
    match: OperationMatch,
    req: IncomingMessage,
    hasBody = false,
  ): ValidatedRequest {
    const search = req.url?.indexOf('?') ?? -1;
    const validated = this.#validator.validate(operation, {
      params: match.params,
      query: search === -1 ? {} : parseQuery((req.url ?? '').slice(search + 1)),
      body: hasBody ? (req as { body?: unknown }).body : undefined,
      hasBody,
    });
    const domain = validated.params.domain;
    if (domain !== undefined && !this.#deps.channels.includes(domain)) {
      throw new ApiError({ code: 'UNKNOWN_DOMAIN', details: { domains: [...this.#deps.channels] } });
    }
    return validated;
  }

  async #runIdempotent(
    operation: Extract<OperationSpec, { handler: unknown }>,
    req: IncomingMessage,
    res: ServerResponse,
    state: RequestState,
    context: OperationContext,
    principal: Principal,
    key: string,
    handle: () => Promise<OperationResult>,
  ): Promise<void> {
    if (!IDEMPOTENCY_KEY.test(key)) {
      throw new ApiError({
        code: 'REQUEST_INVALID',
        details: {
          issues: [{ in: 'header', pointer: '/Idempotency-Key', rule: 'pattern', message: 'malformed key' }],
        },
      });
    }
    const { idempotency } = this.#deps;
    const scope = `${this.#deps.orgKey}\n${principal.username}\n${key}`;
    const fingerprint = requestFingerprint(req.method ?? '', state.path, context.body);
    const start = await idempotency.begin(scope, fingerprint);
    if (start.kind === 'in_progress') {
      throw new ApiError({ code: 'IDEMPOTENCY_IN_PROGRESS', retryAfterSeconds: 1 });
    }
    if (start.kind === 'mismatch') {
      throw new ApiError({ code: 'IDEMPOTENCY_KEY_REUSED' });
    }
    if (start.kind === 'replay') {
      const { status, body, headers } = start.response;
      this.#send(res, operation, status, body, { ...headers, 'idempotent-replayed': 'true' });
      return;
    }
    // The writes this run notes, starting from those an earlier run of the same request noted (see WriteJournal).
    const writes: JournalEntry[] = start.kind === 'resume' ? [...start.writes] : [];
    let written = 0;
    const journal: WriteJournal = {
      earlier: start.kind === 'resume' ? start.writes : [],
      next: () => written++,
      note: async (index, entry) => {
        writes[index] = entry;
        await idempotency.noteWrites(scope, fingerprint, writes);
      },
    };
    try {
      const result = await withWriteJournal(journal, handle);
      const headers = result.headers ?? {};
      await idempotency.complete(scope, fingerprint, { status: result.status, body: result.body, headers });
      this.#send(res, operation, result.status, result.body, headers);
    } catch (error) {
      await idempotency.abandon(scope, error instanceof ApiError && error.code === 'WRITE_OUTCOME_UNKNOWN');
      throw error;
    }
  }

  #send(
    res: ServerResponse,
    operation: OperationSpec,
    status: number,
    body: unknown,
    headers: Readonly<Record<string, string>>,
  ): void {
    if (this.#deps.validateResponses) {
      const value = body instanceof JsonText ? body.value() : body;
      const issues = this.#validator.responseIssues(operation, status, value);
      if (issues.length > 0) {
        this.#deps.logger.warn(
          {
            operationId: operation.operationId,
            status,
            issues: issues.slice(0, 5).map((issue) => issue.pointer),
          },
          'response does not match the OpenAPI document',
        );
      }
    }
    if (body === undefined) {
      res.writeHead(status, { 'cache-control': 'no-store', ...headers });
      res.end();
      return;
    }
    res.writeHead(status, { 'cache-control': 'no-store', ...headers, 'content-type': JSON_CONTENT_TYPE });
    res.end(body instanceof JsonText ? body.text : JSON.stringify(body));
  }

  #newCaller(principal: Principal): Requester {
    let identity: Promise<SigningUser> | undefined;
    return {
      principal,
      identity: () => (identity ??= this.#deps.identityOf(principal)),
    };
  }
}

/** A text result (an XML answer, a CSV file) in its own media type; a string body is UTF-8 and says so. */
function sendText(res: ServerResponse, result: OperationResult): void {
  const mediaType = result.mediaType ?? 'application/octet-stream';
  const text = typeof result.body === 'string';
  const body = text || result.body instanceof Uint8Array ? result.body : JSON.stringify(result.body);
  res.writeHead(result.status, {
    'cache-control': 'no-store',
    ...result.headers,
    'content-type': text && !/;\s*charset=/i.test(mediaType) ? `${mediaType}; charset=utf-8` : mediaType,
  });
  res.end(body);
}

/**
 * The request's body as the operation takes it: the bytes, for an operation that reads them itself (the schemas then
 * validate only path and query), else whether there is a parsed JSON body to validate.
 * @throws {@link ApiError} `UNSUPPORTED_MEDIA_TYPE` for a body the parsers did not take (another media type).
 */
function requestBody(
  operation: OperationSpec,
  req: IncomingMessage,
): { readonly raw?: Buffer; readonly json: boolean } {
  const parsed = (req as { body?: unknown }).body;
  if (operation.rawBody !== undefined) {
    if (!Buffer.isBuffer(parsed)) {
      throw new ApiError({
        code: 'UNSUPPORTED_MEDIA_TYPE',
        detail: `The request body must be ${operation.rawBody.mediaTypes.join(' or ')}`,
      });
    }
    return { raw: parsed, json: false };
  }
  if (parsed === undefined && hasRawBody(req)) {
    throw new ApiError({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  }
  return { json: parsed !== undefined };
}

function hasRawBody(req: IncomingMessage): boolean {
  const length = Number(header(req, 'content-length') ?? '0');
  return length > 0 || req.headers['transfer-encoding'] !== undefined;
}

/** A request header by its lower-case name (repeated ones joined, as Node joins them). */
function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Aborted when the client goes away before the response is written. */
function abortedOnClose(res: ServerResponse): AbortSignal {
  const abort = new AbortController();
  if (res.closed && !res.writableFinished) {
    abort.abort();
  }
  res.on('close', () => {
    if (!res.writableFinished) {
      abort.abort();
    }
  });
  return abort.signal;
}

/** A result whose request committed writes, with the `Fabric-Min-Block` token naming their blocks. */
function withMinBlockToken(result: OperationResult, blocks: RequestBlocks): OperationResult {
  const token = formatMinBlocks(blocks.committedBlocks);
  return token === undefined
    ? result
    : { ...result, headers: { ...result.headers, [MIN_BLOCK_HEADER]: token } };
}

/** Runs a connect-style middleware (a body parser, helmet, the rate limit) on a plain request. */
export function use(middleware: Middleware, req: IncomingMessage, res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    middleware(req, res, (error?: unknown) => {
      if (error === undefined) {
        resolve();
      } else {
        reject(error instanceof Error ? error : new Error('middleware failed', { cause: error }));
      }
    });
  });
}

/** `/api/v1/{domain}/agreements/{agreementId}` → `/api/v1/:domain/agreements/:agreementId`. */
function routePath(template: string): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}

function noop(): void {
  // find-my-way wants a handler; the dispatcher runs the route's operation itself.
}
