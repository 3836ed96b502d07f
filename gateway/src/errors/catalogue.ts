/**
 * The gateway's one error catalogue: the chaincode's domain codes (shared, imported from the chaincode's own
 * catalogue) plus the codes only the gateway can raise (authentication, HTTP, Fabric transport). Every error a
 * client sees carries one of these codes and the status listed here; nothing else decides a status.
 */
import {
  DOCUMENT_ERRORS,
  ERROR_CATEGORIES,
  httpStatusOf,
  isErrorCode,
  type ErrorCategory,
  type ErrorCode as RefusalCode,
} from '@fabric-agreements/api';

export { isRefusal, parseRefusal, type Refusal } from '@fabric-agreements/api';
export type { RefusalCode };

interface GatewayErrorEntry {
  readonly status: number;
  /** Fixed, human-readable summary (RFC 9457 `title`); never contains request data. */
  readonly title: string;
}

/** Codes raised by the gateway itself, with their HTTP status. */
export const GATEWAY_ERRORS = {
  TOKEN_MISSING: { status: 401, title: 'A bearer token is required' },
  TOKEN_EXPIRED: { status: 401, title: 'The bearer token has expired' },
  TOKEN_INVALID: { status: 401, title: 'The bearer token is not valid for this service' },
  UNAUTHENTICATED: { status: 401, title: 'No valid session; log in' },
  CSRF_TOKEN_INVALID: {
    status: 403,
    title: "A request made with the session cookie needs the session's CSRF token in X-CSRF-Token",
  },
  ORGANISATION_MISMATCH: { status: 403, title: "The token belongs to another organisation's users" },
  ROLE_NOT_ALLOWED: { status: 403, title: "The token's role is not one this organisation gives its people" },
  LOOKUP_NOT_PERMITTED: { status: 403, title: "The caller's role may not look children up by CPR number" },
  IDENTITY_NOT_PERMITTED: {
    status: 403,
    title: 'This user cannot be given a Fabric identity by this gateway',
  },
  PSEUDONYMS_NOT_CONFIGURED: {
    status: 403,
    title: "This organisation's gateway holds no pseudonym key",
  },
  FABRIC_ACCESS_DENIED: { status: 403, title: "The peer refused the user's identity" },
  REQUEST_INVALID: { status: 400, title: 'The request does not match the API description' },
  MALFORMED_JSON: { status: 400, title: 'The request body is not valid JSON' },
  CONTENT_ENCODING_INVALID: {
    status: 400,
    title: 'The request body does not decode according to its Content-Encoding',
  },
  ROUTE_NOT_FOUND: { status: 404, title: 'No such resource' },
  UNKNOWN_DOMAIN: { status: 404, title: 'This organisation does not serve that domain' },
  UNKNOWN_ORGANISATION: { status: 404, title: 'That organisation is not a member of this domain' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'The resource does not support this method' },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    title: 'A request with this Idempotency-Key is still being processed',
  },
  COMMIT_CONFLICT: { status: 409, title: 'The ledger changed concurrently; retry the request' },
  BODY_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The request body must be application/json' },
  CPR_PSEUDONYM_MISMATCH: {
    status: 422,
    title: 'The CPR number does not belong to the child the path names',
  },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'This Idempotency-Key was used for a different request' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  TOO_MANY_IN_FLIGHT: { status: 429, title: 'Too many writes in flight; retry shortly' },
  PEER_BUSY: { status: 429, title: 'The peer is at its concurrency limit; retry shortly' },
  TOO_MANY_STREAMS: { status: 429, title: 'This user has too many event streams open' },
  INTERNAL: { status: 500, title: 'Internal error' },
  ENDORSEMENT_FAILED: { status: 502, title: 'The transaction could not be endorsed' },
  SUBMIT_FAILED: { status: 502, title: 'The endorsed transaction could not be sent for ordering' },
  COMMIT_FAILED: { status: 502, title: 'The transaction was ordered but not committed as valid' },
  ENROLMENT_FAILED: {
    status: 502,
    title: "The organisation's certificate authority did not issue an identity",
  },
  PEER_UNAVAILABLE: { status: 503, title: "The organisation's peer is unavailable; retry later" },
  ENDORSER_UNAVAILABLE: {
    status: 503,
    title: "Another organisation's peer that must endorse is unavailable; retry later",
  },
  ORDERING_UNAVAILABLE: {
    status: 503,
    title: 'The ordering service cannot take writes now (no quorum or no leader); retry later',
  },
  WRITE_OUTCOME_UNKNOWN: {
    status: 503,
    title:
      'The write was sent for ordering but its outcome is not known yet; retry with the same Idempotency-Key',
  },
  PEER_BEHIND: {
    status: 503,
    title: "The organisation's peer has not yet committed the block the request must see; retry shortly",
  },
  SHUTTING_DOWN: { status: 503, title: 'The gateway is shutting down' },
  STREAMS_EXHAUSTED: { status: 503, title: 'The gateway has no event streams left; retry later' },
  IDENTITY_PROVIDER_UNAVAILABLE: {
    status: 503,
    title: 'The identity provider could not be reached; retry later',
  },
  FABRIC_TIMEOUT: { status: 504, title: 'The peer did not answer in time' },
  ...DOCUMENT_ERRORS,
} as const satisfies Readonly<Record<string, GatewayErrorEntry>>;

export type GatewayErrorCode = keyof typeof GATEWAY_ERRORS;

/** Every code a client may see. */
export type ApiErrorCode = GatewayErrorCode | RefusalCode;

/** Domain codes are titled by category so that a code added to the chaincode's catalogue needs no change here. */
const CATEGORY_TITLES: Readonly<Record<ErrorCategory, string>> = {
  validation: 'The input breaks a rule of the agreement',
  forbidden: 'The caller may not do this',
  not_found: 'Not found',
  conflict: 'The request conflicts with the current state of the ledger',
  precondition: 'The agreement is not in a state that allows this',
  unavailable: 'The data is not on this peer yet; retry later',
};

/** HTTP status of a code. */
export function statusOf(code: ApiErrorCode): number {
  return isErrorCode(code) ? httpStatusOf(ERROR_CATEGORIES[code]) : GATEWAY_ERRORS[code].status;
}

/** Fixed title of a code. */
export function titleOf(code: ApiErrorCode): string {
  return isErrorCode(code) ? CATEGORY_TITLES[ERROR_CATEGORIES[code]] : GATEWAY_ERRORS[code].title;
}

/** Every code with its status, for the OpenAPI document and the README. */
export function catalogueEntries(): readonly { readonly code: ApiErrorCode; readonly status: number }[] {
  const domain = (Object.keys(ERROR_CATEGORIES) as RefusalCode[]).map((code) => ({
    code,
    status: statusOf(code),
  }));
  const gateway = (Object.keys(GATEWAY_ERRORS) as GatewayErrorCode[]).map((code) => ({
    code,
    status: statusOf(code),
  }));
  return [...domain, ...gateway];
}
