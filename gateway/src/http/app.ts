import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import rateLimit from 'express-rate-limit';
import helmet from 'helmet';
import type { Principal } from '../auth/principal';
import { ApiError, isApiError, type ApiErrorOptions } from '../errors/api-error';
import type { SigningUser } from '../fabric/signing-user';
import type { Logger } from '../observability/logger';
import type { GatewayMetrics } from '../observability/metrics';
import { requestFingerprint, type IdempotencyStore } from './idempotency-store';
import { withWriteJournal, type JournalEntry, type WriteJournal } from '../fabric/write-journal';
import { buildOpenApiDocument, IDEMPOTENCY_KEY_PATTERN } from './openapi/document';
import { renderDocsPage } from './openapi/docs-page';
import { RequestValidator } from './openapi/request-validator';
import type { Requester, JsonSchema, OperationContext, OperationResult, OperationSpec } from './operation';
import { formatMinBlocks, MIN_BLOCK_HEADER, parseMinBlocks } from './min-block-header';
import { RequestBlocks, withRequestBlocks } from '../consistency/request-blocks';
import { AUTH_ROUTES } from '../web/web-login';

/** What the HTTP layer needs; everything below it (services, Fabric) arrives inside the operations. */
export interface HttpDependencies {
  readonly orgKey: string;
  readonly mspId: string;
  readonly channels: readonly string[];
  readonly version: string;
  readonly bodyLimitBytes: number;
  readonly rateLimitPerMinute: number;
  readonly validateResponses: boolean;
  /** Express `trust proxy` for a TLS-terminating proxy in front; absent or `false` trusts no forwarded header. */
  readonly trustedProxy?: string | false;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  /** Verifies the `Authorization` header. @throws {@link ApiError} (401/403/503). */
  readonly authenticate: (authorization: string | undefined) => Promise<Principal>;
  /** The caller's own Fabric identity. @throws {@link ApiError} (403/502). */
  readonly identityOf: (principal: Principal) => Promise<SigningUser>;
  readonly operations: readonly OperationSpec[];
  readonly components: Readonly<Record<string, JsonSchema>>;
  readonly idempotency: IdempotencyStore;
  readonly isShuttingDown: () => boolean;
  /** The browser's side (gateway/src/web): login routes and session cookies, and the web application's pages. */
  readonly web?: WebDependencies;
}

/** What the HTTP layer needs of the web login and the web application. */
export interface WebDependencies {
  /** `/auth/*`; absent when no web login is configured. */
  readonly routes?: express.Router;
  /**
   * The person a request's session cookie authenticates (CSRF-checked for writes), or `undefined` when it carries
   * none. @throws {@link ApiError} (401/403).
   */
  readonly authenticate?: (req: Request) => Promise<Principal> | undefined;
  /** The application's files and its index page for every other page path. */
  readonly application: express.RequestHandler;
}

interface RequestState {
  readonly requestId: string;
  readonly started: bigint;
  route: string;
  code?: string;
  principal?: Principal;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
/** Content type of Server-Sent Events (also what `HEAD` of a stream answers). */
export const STREAM_CONTENT_TYPE = 'text/event-stream; charset=utf-8';
const IDEMPOTENCY_KEY = new RegExp(IDEMPOTENCY_KEY_PATTERN);
const states = new WeakMap<Request, RequestState>();

/**
 * The express application: helmet, no CORS, a body-size limit, a rate limit, request ids and metrics; one route per
 * operation (authenticate → validate against the OpenAPI schemas → idempotency → service); and one error
 * middleware that answers every failure with a problem document from the catalogue.
 */
export function createApp(deps: HttpDependencies): express.Express {
  const validator = new RequestValidator(deps.operations, deps.components);
  const document = buildOpenApiDocument(deps.operations, deps.components, {
    version: deps.version,
    orgKey: deps.orgKey,
    mspId: deps.mspId,
    channels: deps.channels,
  });
  const docsPage = renderDocsPage(
    `Agreements gateway — ${deps.orgKey} (${deps.mspId})`,
    deps.operations,
    deps.components,
  );

  const app = express();
  app.set('trust proxy', deps.trustedProxy ?? false);
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(trackRequest(deps));
  app.use(refuseMalformedPath);
  app.use(helmet());
  app.use(
    rateLimit({
      windowMs: 60_000,
      limit: deps.rateLimitPerMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      skip: (req) => ['/healthz', '/readyz', '/metrics'].includes(req.path),
      handler: (_req, _res, next, options) => {
        next(new ApiError({ code: 'RATE_LIMITED', retryAfterSeconds: Math.ceil(options.windowMs / 1000) }));
      },
    }),
  );
  if (deps.web?.routes !== undefined) {
    app.use(labelWebRoute, deps.web.routes);
  }
  const parseJson = express.json({ limit: deps.bodyLimitBytes, strict: true, type: 'application/json' });

  app.get('/api/v1/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.get('/api/v1/docs', (_req, res) => {
    res.type('html').send(docsPage);
  });
  app.get('/metrics', (_req, res, next) => {
    deps.metrics.registry
      .metrics()
      .then((text) => res.type(deps.metrics.registry.contentType).send(text))
      .catch(next);
  });

  for (const operation of deps.operations) {
    if (operation.stream !== undefined) {
      // HEAD of a stream: its headers, no body, no subscription (registered first: express answers HEAD with GET).
      app.head(
        expressPath(operation.path),
        (req: Request, _res: Response, next: NextFunction) => {
          authenticateRequest(operation, req, deps).then(() => {
            next();
          }, next);
        },
        (req: Request, res: Response, next: NextFunction) => {
          try {
            validateTarget(operation, req, deps, validator);
            res.status(200).set({ 'content-type': STREAM_CONTENT_TYPE, 'cache-control': 'no-store' }).end();
          } catch (error) {
            next(error);
          }
        },
      );
    }
    // Authentication first: an unauthenticated request gets 401 before its body is even read.
    app[operation.method](
      expressPath(operation.path),
      (req: Request, _res: Response, next: NextFunction) => {
        authenticateRequest(operation, req, deps).then(() => {
          next();
        }, next);
      },
      operation.rawBody === undefined
        ? parseJson
        : express.raw({ type: [...operation.rawBody.mediaTypes], limit: operation.rawBody.limitBytes }),
      (req: Request, res: Response, next: NextFunction) => {
        runOperation(operation, req, res, deps, validator).catch(next);
      },
    );
  }
  if (deps.web !== undefined) {
    app.use(labelWebRoute, deps.web.application);
  }
  app.use(unmatchedRoute(deps.operations));
  app.use(errorHandler(deps));
  return app;
}

/** Refuses requests during shutdown and verifies the bearer token of operations that need one. */
async function authenticateRequest(
  operation: OperationSpec,
  req: Request,
  deps: HttpDependencies,
): Promise<void> {
  const state = stateOf(req);
  state.route = operation.path;
  if (deps.isShuttingDown()) {
    throw new ApiError({ code: 'SHUTTING_DOWN', retryAfterSeconds: 1 });
  }
  if (operation.auth) {
    // A bearer token decides when there is one (scripts, other systems); else the browser's session cookie.
    const bySession = req.headers.authorization === undefined ? deps.web?.authenticate?.(req) : undefined;
    state.principal = await (bySession ?? deps.authenticate(req.headers.authorization));
  }
}

/** The metrics and log label of the login routes and the application's pages: a fixed set, never the URL. */
const labelWebRoute: express.RequestHandler = (req, _res, next) => {
  const state = states.get(req);
  if (state !== undefined && !req.path.startsWith('/api/')) {
    state.route = (AUTH_ROUTES as readonly string[]).includes(req.path) ? req.path : 'web';
  }
  next();
};

async function runOperation(
  operation: OperationSpec,
  req: Request,
  res: Response,
  deps: HttpDependencies,
  validator: RequestValidator,
): Promise<void> {
  const state = stateOf(req);
  const principal = state.principal;
  const body = requestBody(operation, req);
  const validated = validateTarget(operation, req, deps, validator, body.json);
  const context: OperationContext = {
    requestId: state.requestId,
    caller: principal === undefined ? undefined : newCaller(principal, deps),
    params: validated.params,
    query: validated.query,
    body: body.raw ?? validated.body,
    header: (name) => req.get(name),
    signal: abortedOnClose(res),
  };

  if (operation.stream !== undefined) {
    await operation.stream(context, res);
    return;
  }

  // The blocks this request must see (Fabric-Min-Block), and the response's token naming what it wrote.
  const blocks = new RequestBlocks(parseMinBlocks(req.get(MIN_BLOCK_HEADER)));
  const handle = (): Promise<OperationResult> =>
    withRequestBlocks(blocks, async () => withMinBlockToken(await operation.handler(context), blocks));

  const idempotencyKey = operation.idempotent === true ? req.get('idempotency-key') : undefined;
  if (idempotencyKey !== undefined && principal !== undefined) {
    await runIdempotent(operation, req, res, deps, context, principal, idempotencyKey, validator, handle);
    return;
  }
  const result = await handle();
  if (result.mediaType !== undefined) {
    res
      .status(result.status)
      .set({ 'cache-control': 'no-store', ...(result.headers ?? {}) })
      .type(result.mediaType)
      .send(result.body);
    return;
  }
  send(res, operation, result.status, result.body, result.headers ?? {}, deps, validator);
}

/**
 * The request's body as the operation takes it: the bytes, for an operation that reads them itself (the schemas then
 * validate only path and query), else whether there is a parsed JSON body to validate.
 * @throws {@link ApiError} `UNSUPPORTED_MEDIA_TYPE` for a body the parsers did not take (another media type).
 */
function requestBody(
  operation: OperationSpec,
  req: Request,
): { readonly raw?: Buffer; readonly json: boolean } {
  if (operation.rawBody !== undefined) {
    if (!Buffer.isBuffer(req.body)) {
      throw new ApiError({
        code: 'UNSUPPORTED_MEDIA_TYPE',
        detail: `The request body must be ${operation.rawBody.mediaTypes.join(' or ')}`,
      });
    }
    return { raw: req.body, json: false };
  }
  if (req.body === undefined && hasRawBody(req)) {
    throw new ApiError({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  }
  return { json: req.body !== undefined };
}

/** Aborted when the client goes away before the response is written. */
function abortedOnClose(res: Response): AbortSignal {
  const abort = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) {
      abort.abort();
    }
  });
  return abort.signal;
}

/**
 * The request validated against the operation's schemas, on a domain this organisation serves.
 * @throws {@link ApiError} `REQUEST_INVALID`, `UNKNOWN_DOMAIN`.
 */
function validateTarget(
  operation: OperationSpec,
  req: Request,
  deps: HttpDependencies,
  validator: RequestValidator,
  hasBody = false,
): ReturnType<RequestValidator['validate']> {
  const validated = validator.validate(operation, {
    params: req.params as Record<string, string>,
    query: req.query,
    body: hasBody ? (req.body as unknown) : undefined,
    hasBody,
  });
  const domain = validated.params.domain;
  if (domain !== undefined && !deps.channels.includes(domain)) {
    throw new ApiError({ code: 'UNKNOWN_DOMAIN', details: { domains: [...deps.channels] } });
  }
  return validated;
}

async function runIdempotent(
  operation: Extract<OperationSpec, { handler: unknown }>,
  req: Request,
  res: Response,
  deps: HttpDependencies,
  context: OperationContext,
  principal: Principal,
  key: string,
  validator: RequestValidator,
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
  const scope = `${deps.orgKey}\n${principal.username}\n${key}`;
  const fingerprint = requestFingerprint(req.method, req.path, context.body);
  const start = await deps.idempotency.begin(scope, fingerprint);
  if (start.kind === 'in_progress') {
    throw new ApiError({ code: 'IDEMPOTENCY_IN_PROGRESS', retryAfterSeconds: 1 });
  }
  if (start.kind === 'mismatch') {
    throw new ApiError({ code: 'IDEMPOTENCY_KEY_REUSED' });
  }
  if (start.kind === 'replay') {
    const { status, body, headers } = start.response;
    send(res, operation, status, body, { ...headers, 'idempotent-replayed': 'true' }, deps, validator);
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
      await deps.idempotency.noteWrites(scope, fingerprint, writes);
    },
  };
  try {
    const result = await withWriteJournal(journal, handle);
    const headers = result.headers ?? {};
    await deps.idempotency.complete(scope, fingerprint, {
      status: result.status,
      body: result.body,
      headers,
    });
    send(res, operation, result.status, result.body, headers, deps, validator);
  } catch (error) {
    await deps.idempotency.abandon(
      scope,
      error instanceof ApiError && error.code === 'WRITE_OUTCOME_UNKNOWN',
    );
    throw error;
  }
}

/** A result whose request committed writes, with the `Fabric-Min-Block` token naming their blocks. */
function withMinBlockToken(result: OperationResult, blocks: RequestBlocks): OperationResult {
  const token = formatMinBlocks(blocks.committedBlocks);
  return token === undefined
    ? result
    : { ...result, headers: { ...result.headers, [MIN_BLOCK_HEADER]: token } };
}

function send(
  res: Response,
  operation: OperationSpec,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>>,
  deps: HttpDependencies,
  validator: RequestValidator,
): void {
  if (deps.validateResponses) {
    const issues = validator.responseIssues(operation, status, body);
    if (issues.length > 0) {
      deps.logger.warn(
        {
          operationId: operation.operationId,
          status,
          issues: issues.slice(0, 5).map((issue) => issue.pointer),
        },
        'response does not match the OpenAPI document',
      );
    }
  }
  res.status(status).set({ 'cache-control': 'no-store', ...headers });
  if (body === undefined) {
    res.end();
  } else {
    res.json(body);
  }
}

function newCaller(principal: Principal, deps: HttpDependencies): Requester {
  let identity: Promise<SigningUser> | undefined;
  return {
    principal,
    identity: () => (identity ??= deps.identityOf(principal)),
  };
}

/** Request id, access log line and metrics for every request, matched or not. */
function trackRequest(deps: HttpDependencies): express.RequestHandler {
  return (req, res, next) => {
    const offered = req.get('x-request-id');
    const state: RequestState = {
      requestId: offered !== undefined && REQUEST_ID.test(offered) ? offered : randomUUID(),
      started: process.hrtime.bigint(),
      route: 'unmatched',
    };
    states.set(req, state);
    res.setHeader('x-request-id', state.requestId);
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - state.started) / 1e9;
      deps.metrics.httpRequest(req.method, state.route, res.statusCode, seconds);
      // Route template, never the URL: paths carry ids and query strings may carry anything.
      deps.logger.info(
        {
          requestId: state.requestId,
          method: req.method,
          route: state.route,
          status: res.statusCode,
          durationMs: Math.round(seconds * 1000),
          ...(state.code === undefined ? {} : { code: state.code }),
        },
        'request',
      );
    });
    next();
  };
}

function stateOf(req: Request): RequestState {
  const state = states.get(req);
  if (state === undefined) {
    throw new Error('request was not tracked');
  }
  return state;
}

/**
 * A path whose percent-encoding does not decode (`/agreements/%ZZ`) is the client's mistake: 400 before routing,
 * authentication or logging could touch it (the router would otherwise throw with the raw segment in its message).
 */
const refuseMalformedPath: express.RequestHandler = (req, _res, next) => {
  try {
    decodeURIComponent(req.path);
  } catch {
    next(malformedPercentEncoding());
    return;
  }
  next();
};

function malformedPercentEncoding(): ApiError {
  return new ApiError({
    code: 'REQUEST_INVALID',
    details: {
      issues: [{ in: 'path', pointer: '', rule: 'percentEncoding', message: 'malformed percent-encoding' }],
    },
  });
}

/** 405 when the path exists with other methods, 404 otherwise. */
function unmatchedRoute(operations: readonly OperationSpec[]): express.RequestHandler {
  const templates = operations.map((operation) => ({
    method: operation.method.toUpperCase(),
    pattern: new RegExp(`^${operation.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));
  return (req, res, next) => {
    const allowed = templates.filter((template) => template.pattern.test(req.path)).map((t) => t.method);
    if (allowed.length > 0) {
      res.setHeader('allow', [...new Set(allowed)].join(', '));
      next(new ApiError({ code: 'METHOD_NOT_ALLOWED' }));
      return;
    }
    next(new ApiError({ code: 'ROUTE_NOT_FOUND' }));
  };
}

/** The one place an error becomes a response. */
function errorHandler(deps: HttpDependencies): express.ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const apiError = toApiError(error);
    const state = states.get(req);
    if (state !== undefined) {
      state.code = apiError.code;
    }
    deps.metrics.error(apiError.code);
    if (apiError.status >= 500) {
      deps.logger.error(
        {
          requestId: state?.requestId,
          code: apiError.code,
          details: apiError.details,
          cause: describeCause(apiError),
        },
        'request failed',
      );
    }
    res.status(apiError.status);
    res.setHeader('content-type', 'application/problem+json');
    res.setHeader('cache-control', 'no-store');
    if (apiError.code === 'SHUTTING_DOWN') {
      res.setHeader('connection', 'close');
    }
    if (apiError.retryAfterSeconds !== undefined) {
      res.setHeader('retry-after', apiError.retryAfterSeconds.toString());
    }
    res.send(JSON.stringify(apiError.toProblem(state?.requestId)));
  };
}

/** The body parsers' failures (body-parser, raw-body) by their `type`, as catalogue errors. */
const PARSER_FAILURES: ReadonlyMap<unknown, Pick<ApiErrorOptions, 'code' | 'details'>> = new Map([
  ['entity.too.large', { code: 'BODY_TOO_LARGE' }],
  // The parser's message quotes the body; it is never passed on.
  ['entity.parse.failed', { code: 'MALFORMED_JSON' }],
  ['encoding.unsupported', { code: 'UNSUPPORTED_MEDIA_TYPE' }],
  ['charset.unsupported', { code: 'UNSUPPORTED_MEDIA_TYPE' }],
  ['request.aborted', { code: 'REQUEST_INVALID', details: { reason: 'request.aborted' } }],
  ['request.size.invalid', { code: 'REQUEST_INVALID', details: { reason: 'request.size.invalid' } }],
  ['stream.encoding.set', { code: 'REQUEST_INVALID', details: { reason: 'stream.encoding.set' } }],
] as const);

/** Failures from the body parser and anything unexpected, as catalogue errors. */
export function toApiError(error: unknown): ApiError {
  if (isApiError(error)) {
    return error;
  }
  const type = typeof error === 'object' && error !== null && 'type' in error ? error.type : undefined;
  const parserFailure = PARSER_FAILURES.get(type);
  if (parserFailure !== undefined) {
    return new ApiError({ ...parserFailure, cause: error });
  }
  if (error instanceof URIError) {
    return malformedPercentEncoding();
  }
  if (isZlibError(error)) {
    // The body did not inflate per its Content-Encoding (the parser re-throws zlib's error untyped).
    return new ApiError({ code: 'CONTENT_ENCODING_INVALID', cause: error });
  }
  if (clientErrorStatus(error) !== undefined) {
    // Any other failure a parser marked as the client's (http-errors, 4xx): never a 5xx, never its message.
    return new ApiError({ code: 'REQUEST_INVALID', details: { reason: 'unreadable_request' }, cause: error });
  }
  return new ApiError({ code: 'INTERNAL', cause: error });
}

function isZlibError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    /^(Z_|ERR_(ZLIB|BROTLI|ZSTD)_)/.test(error.code)
  );
}

function clientErrorStatus(error: unknown): number | undefined {
  const status =
    typeof error === 'object' && error !== null && 'status' in error ? Number(error.status) : Number.NaN;
  return status >= 400 && status < 500 ? status : undefined;
}

/** What the log may say about a failure's cause: its kind and stack for our own faults, never a peer's prose. */
function describeCause(error: ApiError): Readonly<Record<string, unknown>> | undefined {
  const cause = error.cause;
  if (!(cause instanceof Error)) {
    return undefined;
  }
  const grpcCode = 'code' in cause && typeof cause.code === 'number' ? cause.code : undefined;
  return {
    name: cause.name,
    ...(grpcCode === undefined ? {} : { grpcCode }),
    // Frames only: the first line of a stack repeats the message, which may quote the request.
    ...(error.code === 'INTERNAL' ? { stack: stackFrames(cause) } : {}),
  };
}

function stackFrames(error: Error): string {
  return (error.stack ?? '')
    .split('\n')
    .filter((line) => line.startsWith('    at '))
    .join('\n');
}

function hasRawBody(req: Request): boolean {
  const length = Number(req.get('content-length') ?? '0');
  return length > 0 || req.get('transfer-encoding') !== undefined;
}

/** `/api/v1/{domain}/agreements/{agreementId}` → `/api/v1/:domain/agreements/:agreementId`. */
export function expressPath(template: string): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}
