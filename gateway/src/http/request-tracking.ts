import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '../auth/principal';
import type { Logger } from '../observability/logger';
import type { GatewayMetrics } from '../observability/metrics';

/** What the gateway knows of a request while it runs: its id, route label, outcome code and caller. */
export interface RequestState {
  readonly requestId: string;
  readonly started: bigint;
  /** The URL's path, without its query. */
  readonly path: string;
  /** The metrics and log label: an operation's path template or a fixed name, never the URL. */
  route: string;
  code?: string;
  principal?: Principal;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const states = new WeakMap<IncomingMessage, RequestState>();

/**
 * Starts tracking a request: its id (the client's `X-Request-Id` when well-formed), answered in `x-request-id`,
 * and, when the response is finished, its metrics and one access-log line.
 */
export function trackRequests(
  logger: Logger,
  metrics: GatewayMetrics,
): (req: IncomingMessage, res: ServerResponse) => RequestState {
  // The access line's fields are fixed (a validated id, Node's method token, a route template, numbers, a catalogue
  // code): nothing in it to redact, and redaction was two thirds of the line's cost (12 of 17 µs).
  const accessLog = logger.child({}, { redact: { paths: [] } });
  return (req, res) => {
    const offered = req.headers['x-request-id'];
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const state: RequestState = {
      requestId: typeof offered === 'string' && REQUEST_ID.test(offered) ? offered : randomUUID(),
      started: process.hrtime.bigint(),
      path: query === -1 ? url : url.slice(0, query),
      route: 'unmatched',
    };
    states.set(req, state);
    res.setHeader('x-request-id', state.requestId);
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - state.started) / 1e9;
      metrics.httpRequest(req.method ?? '', state.route, res.statusCode, seconds);
      // Route template, never the URL: paths carry ids and query strings may carry anything.
      accessLog.info(
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
    return state;
  };
}

/** The state of a tracked request (`undefined` only for one that did not pass {@link trackRequests}). */
export function requestState(req: IncomingMessage): RequestState | undefined {
  return states.get(req);
}
