import type { ServerResponse } from 'node:http';
import { ApiError, isApiError, type ApiErrorOptions } from '../errors/api-error';
import type { Logger } from '../observability/logger';
import type { GatewayMetrics } from '../observability/metrics';
import type { RequestState } from './request-tracking';

/**
 * The one place an error becomes a response: a problem document from the catalogue (RFC 9457), its code on the
 * request's state for the access log and metrics, and for a server-side failure one error line naming the cause's
 * kind (never its message, which may quote the request).
 */
export function writeProblem(
  res: ServerResponse,
  error: unknown,
  state: RequestState | undefined,
  observers: { readonly logger: Logger; readonly metrics: GatewayMetrics },
): void {
  const apiError = toApiError(error);
  if (state !== undefined) {
    state.code = apiError.code;
  }
  observers.metrics.error(apiError.code);
  if (apiError.status >= 500) {
    observers.logger.error(
      {
        requestId: state?.requestId,
        code: apiError.code,
        details: apiError.details,
        cause: describeCause(apiError),
      },
      'request failed',
    );
  }
  const headers: Record<string, string> = {
    'content-type': 'application/problem+json; charset=utf-8',
    'cache-control': 'no-store',
  };
  if (apiError.code === 'SHUTTING_DOWN') {
    headers.connection = 'close';
  }
  if (apiError.retryAfterSeconds !== undefined) {
    headers['retry-after'] = apiError.retryAfterSeconds.toString();
  }
  res.writeHead(apiError.status, headers);
  res.end(JSON.stringify(apiError.toProblem(state?.requestId)));
}

/** A path whose percent-encoding does not decode (`/agreements/%ZZ`): the client's mistake, never echoed. */
export function malformedPercentEncoding(): ApiError {
  return new ApiError({
    code: 'REQUEST_INVALID',
    details: {
      issues: [{ in: 'path', pointer: '', rule: 'percentEncoding', message: 'malformed percent-encoding' }],
    },
  });
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
