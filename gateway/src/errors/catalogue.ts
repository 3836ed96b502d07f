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
  withStatus,
} from '@fabric-agreements/api';

export { isRefusal, parseRefusal, type Refusal } from '@fabric-agreements/api';
export type { RefusalCode };

/**
 * Codes raised by the gateway itself, by HTTP status, each with its fixed, human-readable summary (RFC 9457 `title`),
 * which never contains request data.
 */
export const GATEWAY_ERRORS = {
  ...withStatus(401, {
    TOKEN_MISSING: 'A bearer token is required',
    TOKEN_EXPIRED: 'The bearer token has expired',
    TOKEN_INVALID: 'The bearer token is not valid for this service',
    UNAUTHENTICATED: 'No valid session; log in',
  }),
  ...withStatus(403, {
    CSRF_TOKEN_INVALID:
      "A request made with the session cookie needs the session's CSRF token in X-CSRF-Token",
    ORGANISATION_MISMATCH: "The token belongs to another organisation's users",
    ROLE_NOT_ALLOWED: "The token's role is not one this organisation gives its people",
    LOOKUP_NOT_PERMITTED: "The caller's role may not look children up by CPR number",
    IDENTITY_NOT_PERMITTED: 'This user cannot be given a Fabric identity by this gateway',
    PSEUDONYMS_NOT_CONFIGURED: "This organisation's gateway holds no pseudonym key",
    FABRIC_ACCESS_DENIED: "The peer refused the user's identity",
  }),
  ...withStatus(400, {
    REQUEST_INVALID: 'The request does not match the API description',
    MALFORMED_JSON: 'The request body is not valid JSON',
    CONTENT_ENCODING_INVALID: 'The request body does not decode according to its Content-Encoding',
  }),
  ...withStatus(404, {
    ROUTE_NOT_FOUND: 'No such resource',
    UNKNOWN_DOMAIN: 'This organisation does not serve that domain',
    UNKNOWN_ORGANISATION: 'That organisation is not a member of this domain',
  }),
  ...withStatus(405, {
    METHOD_NOT_ALLOWED: 'The resource does not support this method',
  }),
  ...withStatus(409, {
    IDEMPOTENCY_IN_PROGRESS: 'A request with this Idempotency-Key is still being processed',
    COMMIT_CONFLICT: 'The ledger changed concurrently; retry the request',
  }),
  ...withStatus(413, {
    BODY_TOO_LARGE: 'The request body is too large',
  }),
  ...withStatus(415, {
    UNSUPPORTED_MEDIA_TYPE: 'The request body must be application/json',
  }),
  ...withStatus(422, {
    CPR_PSEUDONYM_MISMATCH: 'The CPR number does not belong to the child the path names',
    IDEMPOTENCY_KEY_REUSED: 'This Idempotency-Key was used for a different request',
  }),
  ...withStatus(429, {
    RATE_LIMITED: 'Too many requests',
    TOO_MANY_IN_FLIGHT: 'Too many writes in flight; retry shortly',
    PEER_BUSY: 'The peer is at its concurrency limit; retry shortly',
    TOO_MANY_STREAMS: 'This user has too many event streams open',
  }),
  ...withStatus(500, {
    INTERNAL: 'Internal error',
  }),
  ...withStatus(502, {
    ENDORSEMENT_FAILED: 'The transaction could not be endorsed',
    SUBMIT_FAILED: 'The endorsed transaction could not be sent for ordering',
    COMMIT_FAILED: 'The transaction was ordered but not committed as valid',
    ENROLMENT_FAILED: "The organisation's certificate authority did not issue an identity",
  }),
  ...withStatus(503, {
    PEER_UNAVAILABLE: "The organisation's peer is unavailable; retry later",
    ENDORSER_UNAVAILABLE: "Another organisation's peer that must endorse is unavailable; retry later",
    ORDERING_UNAVAILABLE: 'The ordering service cannot take writes now (no quorum or no leader); retry later',
    WRITE_OUTCOME_UNKNOWN:
      'The write was sent for ordering but its outcome is not known yet; retry with the same Idempotency-Key',
    PEER_BEHIND:
      "The organisation's peer has not yet committed the block the request must see; retry shortly",
    SHUTTING_DOWN: 'The gateway is shutting down',
    STREAMS_EXHAUSTED: 'The gateway has no event streams left; retry later',
    IDENTITY_PROVIDER_UNAVAILABLE: 'The identity provider could not be reached; retry later',
  }),
  ...withStatus(504, {
    FABRIC_TIMEOUT: 'The peer did not answer in time',
  }),
  ...DOCUMENT_ERRORS,
};

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
