import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import express from 'express';
import rateLimit, { ipKeyGenerator } from 'express-rate-limit';
import helmet from 'helmet';
import proxyAddr from 'proxy-addr';
import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';
import type { SigningUser } from '../fabric/signing-user';
import type { Logger } from '../observability/logger';
import type { GatewayMetrics } from '../observability/metrics';
import type { IdempotencyStore } from './idempotency-store';
import { buildOpenApiDocument } from './openapi/document';
import { renderDocsPage } from './openapi/docs-page';
import { RequestValidator } from './openapi/request-validator';
import type { JsonSchema, OperationSpec } from './operation';
import { OperationDispatcher, use, type Middleware } from './operation-dispatch';
import { malformedPercentEncoding, writeProblem } from './problem-response';
import { requestState, trackRequests, type RequestState } from './request-tracking';
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
  readonly authenticate?: (req: IncomingMessage) => Promise<Principal> | undefined;
  /** The application's files and its index page for every other page path. */
  readonly application: express.RequestHandler;
}

/** Requests the rate limit does not count: the operators' probes and scrapes. */
const UNLIMITED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * The gateway's request handler. Every request is tracked (request id, metrics, one access-log line), refused if
 * its path does not decode, given helmet's security headers and counted by the rate limit; then an API operation
 * runs on the {@link OperationDispatcher} (authenticate → validate against the OpenAPI schemas → idempotency →
 * service) and everything else — the OpenAPI document, metrics, the web login and application, 404 and 405 — on
 * an express application. Every failure is answered with a problem document from the catalogue.
 */
export function createApp(deps: HttpDependencies): RequestListener {
  const validator = new RequestValidator(deps.operations, deps.components);
  const site = createSite(deps);
  const operations = new OperationDispatcher(deps.operations, validator, {
    orgKey: deps.orgKey,
    channels: deps.channels,
    bodyLimitBytes: deps.bodyLimitBytes,
    validateResponses: deps.validateResponses,
    logger: deps.logger,
    authenticate: deps.authenticate,
    ...(deps.web?.authenticate === undefined ? {} : { authenticateSession: deps.web.authenticate }),
    identityOf: deps.identityOf,
    idempotency: deps.idempotency,
    isShuttingDown: deps.isShuttingDown,
  });
  const track = trackRequests(deps.logger, deps.metrics);
  const security: Middleware = helmet();
  // The client's address as express derives it (`trust proxy`), for the one limit both sides share.
  const trusted = site.get('trust proxy fn') as (address: string, hop: number) => boolean;
  const limit = rateLimit({
    windowMs: 60_000,
    limit: deps.rateLimitPerMinute,
    // Draft 7's two headers: draft 8's also hash the client's key on every request.
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(proxyAddr(req, trusted)),
    handler: (_req, _res, next, options) => {
      next(new ApiError({ code: 'RATE_LIMITED', retryAfterSeconds: Math.ceil(options.windowMs / 1000) }));
    },
  }) as unknown as Middleware;

  const handle = async (req: IncomingMessage, res: ServerResponse, state: RequestState): Promise<void> => {
    try {
      decodeURIComponent(state.path);
    } catch {
      throw malformedPercentEncoding();
    }
    await use(security, req, res);
    if (!UNLIMITED_PATHS.has(state.path)) {
      await use(limit, req, res);
    }
    const match = operations.find(req.method, state.path);
    if (match === undefined) {
      site(req, res);
      return;
    }
    await operations.run(match, req, res, state);
  };

  return (req, res) => {
    const state = track(req, res);
    handle(req, res, state).catch((error: unknown) => {
      answerFailure(res, error, state, deps);
    });
  };
}

/** A failure's answer; once a response has begun (a stream), the connection is closed instead. */
function answerFailure(
  res: ServerResponse,
  error: unknown,
  state: RequestState | undefined,
  deps: HttpDependencies,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  writeProblem(res, error, state, deps);
}

/**
 * What is not an API operation, on express: the OpenAPI document and its page, metrics, the web login and the
 * application's pages, and the 404/405 of every path no operation has.
 */
function createSite(deps: HttpDependencies): express.Express {
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
  app.disable('x-powered-by');
  if (deps.web?.routes !== undefined) {
    app.use(labelWebRoute, deps.web.routes);
  }
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
  if (deps.web !== undefined) {
    app.use(labelWebRoute, deps.web.application);
  }
  app.use(unmatchedRoute(deps.operations));
  app.use(((error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    writeProblem(res, error, requestState(req), deps);
  }) as express.ErrorRequestHandler);
  return app;
}

/** The metrics and log label of the login routes and the application's pages: a fixed set, never the URL. */
const labelWebRoute: express.RequestHandler = (req, _res, next) => {
  const state = requestState(req);
  if (state !== undefined && !req.path.startsWith('/api/')) {
    state.route = (AUTH_ROUTES as readonly string[]).includes(req.path) ? req.path : 'web';
  }
  next();
};

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
