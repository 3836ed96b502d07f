import { statusOf, titleOf, type ApiErrorCode, type Refusal } from './catalogue';

/**
 * Seconds before asking again for data the peer does not hold yet: its reconciler pulls missing private data once a
 * minute (`peer.gossip.pvtData.reconcileSleepInterval`), so half of that on average.
 */
export const NOT_YET_AVAILABLE_RETRY_AFTER_S = 30;

/** One problem found while validating a request against the OpenAPI document. */
export interface ValidationIssue {
  /** Which part of the request: `body`, `query`, `path` or `header`. */
  readonly in: string;
  /** JSON pointer into that part, e.g. `/lines/0/monthlyPriceOre`; never the offending value. */
  readonly pointer: string;
  /** The schema keyword that failed, e.g. `type`, `required`, `maxLength`. */
  readonly rule: string;
  readonly message: string;
}

/** Chaincode error detail keys whose values come from the request: `agreementId`, `invoiceId`, `properties`, … */
const ECHOED_INPUT = /(Ids?|^properties)$/;

/** A value allowed in error details: plain data about the request's shape, never personal data. */
export type ApiErrorDetailValue =
  string | number | boolean | null | readonly string[] | readonly number[] | readonly ValidationIssue[];

export type ApiErrorDetails = Readonly<Record<string, ApiErrorDetailValue>>;

/** What an {@link ApiError} is built from. */
export interface ApiErrorOptions {
  readonly code: ApiErrorCode;
  /** Explanation for the client; defaults to the code's title. Never personal data or a stack trace. */
  readonly detail?: string;
  readonly details?: ApiErrorDetails;
  /** Seconds after which a retry makes sense (sent as `Retry-After`). */
  readonly retryAfterSeconds?: number;
  /** The Fabric transaction the failure belongs to, if one was created. */
  readonly transactionId?: string;
  readonly cause?: unknown;
}

/** The RFC 9457 problem document every error response carries. */
export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly detail: string;
  readonly details: ApiErrorDetails;
  readonly requestId?: string;
  readonly transactionId?: string;
}

/** An expected failure with a stable code from the catalogue; the one error type the HTTP layer answers with. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly detail: string;
  readonly details: ApiErrorDetails;
  readonly retryAfterSeconds: number | undefined;
  readonly transactionId: string | undefined;

  constructor(options: Readonly<ApiErrorOptions>) {
    super(`${options.code}: ${options.detail ?? titleOf(options.code)}`, { cause: options.cause });
    this.name = 'ApiError';
    this.code = options.code;
    this.status = statusOf(options.code);
    this.detail = options.detail ?? titleOf(options.code);
    this.details = options.details ?? {};
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.transactionId = options.transactionId;
  }

  /**
   * The chaincode's error as the client sees it: same code, status from its category, and its details without the
   * values that repeat the caller's input (identifiers the client chose, names of properties it sent): a hostile or
   * careless client may put a CPR number anywhere, and no error answers with it.
   */
  static fromRefusal(error: Refusal, transactionId?: string): ApiError {
    const details = Object.fromEntries(
      Object.entries(error.details).filter(([key]) => !ECHOED_INPUT.test(key)),
    );
    return new ApiError({
      code: error.code,
      detail: error.text,
      details,
      transactionId,
      ...(error.category === 'unavailable' ? { retryAfterSeconds: NOT_YET_AVAILABLE_RETRY_AFTER_S } : {}),
    });
  }

  /** The problem document for the response body. */
  toProblem(requestId?: string): ProblemBody {
    return {
      type: `urn:fabric-agreements:error:${this.code}`,
      title: titleOf(this.code),
      status: this.status,
      code: this.code,
      detail: this.detail,
      details: this.details,
      ...(requestId === undefined ? {} : { requestId }),
      ...(this.transactionId === undefined ? {} : { transactionId: this.transactionId }),
    };
  }
}

/** Whether a thrown value is an {@link ApiError}. */
export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}
