import {
  createRemoteJWKSet,
  decodeJwt,
  errors,
  jwtVerify,
  type JWTHeaderParameters,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { ApiError } from '../errors/api-error';
import type { Principal } from './principal';

/** Signature algorithms accepted: asymmetric only, so that nobody holding a shared secret can mint tokens. */
export const ACCEPTED_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'EdDSA',
];

/** How long a verified token is taken on trust again without a new check (see `TokenVerifier`). */
const VERIFIED_TTL_MS = 60_000;
/** Verified tokens remembered at most; beyond this the oldest is forgotten (and checked again if it comes back). */
const MAX_VERIFIED_TOKENS = 10_000;

/** What a {@link TokenVerifier} is built from. */
export interface TokenVerifierOptions {
  readonly issuer: string;
  readonly audience: string;
  /** The issuer's keys: {@link remoteJwks} in production, a local set in tests. */
  readonly keys: JWTVerifyGetKey;
  /** This gateway's organisation key; tokens of other organisations' users are refused. */
  readonly expectedOrg: string;
  readonly usernameClaim: string;
  readonly orgClaim: string;
  readonly roleClaim: string;
  readonly clockToleranceSeconds: number;
  /** Accepted `typ` headers (`at+jwt` per RFC 9068; `application/` prefix and case ignored). */
  readonly tokenTypes: readonly string[];
  /** A scope the token's `scope` claim must list; `undefined` checks none. */
  readonly requiredScope: string | undefined;
  /** Accepted OAuth clients (`client_id`, else `azp`); empty accepts any. */
  readonly clientIds: readonly string[];
  /** Roles this organisation gives its people; any other role is refused. */
  readonly allowedRoles: readonly string[];
}

/** The issuer's JSON Web Key Set, fetched on demand, cached, and re-fetched when an unknown key id appears. */
export function remoteJwks(url: URL): JWTVerifyGetKey {
  return createRemoteJWKSet(url, { timeoutDuration: 5_000, cooldownDuration: 30_000, cacheMaxAge: 600_000 });
}

/**
 * Checks OAuth2/OIDC bearer tokens (JWT access tokens): signature against the issuer's JWKS, issuer, audience,
 * expiry, and the claims the gateway needs (username, organisation, role).
 */
export class TokenVerifier {
  readonly #options: TokenVerifierOptions;
  /**
   * Tokens that passed every check, with the principal they carry, until their expiry but at most
   * {@link VERIFIED_TTL_MS}: a client sends the same token with every request, and its signature and claims cannot
   * change. The bound keeps a token signed by a key the issuer has since withdrawn from being accepted much longer
   * than the key set's own cache would. Failures are never remembered.
   */
  readonly #verified = new Map<string, { readonly principal: Principal; readonly untilMs: number }>();

  constructor(options: Readonly<TokenVerifierOptions>) {
    this.#options = options;
  }

  /**
   * The person a request's `Authorization` header authenticates.
   * @throws {@link ApiError} `TOKEN_MISSING`, `TOKEN_EXPIRED`, `TOKEN_INVALID` (401, `details.reason` says which
   * check failed: also `token_type` for an ID token or other non-access token, `scope`, `client`),
   * `ORGANISATION_MISMATCH`, `ROLE_NOT_ALLOWED` (403) or `IDENTITY_PROVIDER_UNAVAILABLE` (503).
   */
  async verify(authorization: string | undefined): Promise<Principal> {
    const token = bearerToken(authorization);
    const now = Date.now();
    const known = this.#verified.get(token);
    if (known !== undefined) {
      if (now < known.untilMs) {
        return known.principal;
      }
      this.#verified.delete(token);
    }
    const principal = await this.#verify(token);
    this.#remember(token, principal, now);
    return principal;
  }

  #remember(token: string, principal: Principal, now: number): void {
    const expiresMs = Number(decodeJwt(token).exp) * 1000;
    if (!Number.isFinite(expiresMs)) {
      return;
    }
    if (this.#verified.size >= MAX_VERIFIED_TOKENS) {
      // Forget the oldest (a Map iterates in insertion order).
      const oldest = this.#verified.keys().next();
      if (oldest.done !== true) this.#verified.delete(oldest.value);
    }
    this.#verified.set(token, { principal, untilMs: Math.min(expiresMs, now + VERIFIED_TTL_MS) });
  }

  async #verify(token: string): Promise<Principal> {
    const { issuer, audience, keys, clockToleranceSeconds } = this.#options;
    let payload: JWTPayload;
    let protectedHeader: JWTHeaderParameters;
    try {
      ({ payload, protectedHeader } = await jwtVerify(token, keys, {
        issuer,
        audience,
        algorithms: ACCEPTED_ALGORITHMS,
        clockTolerance: clockToleranceSeconds,
        requiredClaims: ['exp', 'iat'],
      }));
    } catch (error) {
      throw verificationError(error);
    }
    this.#checkAccessToken(protectedHeader, payload);
    return this.#principal(payload);
  }

  /** That the token is an access token for this service's client(s) and scope, not an ID token or another's. */
  #checkAccessToken(header: JWTHeaderParameters, payload: JWTPayload): void {
    this.#checkType(header);
    this.#checkScope(payload);
    this.#checkClient(payload);
  }

  #checkType(header: JWTHeaderParameters): void {
    const typ = normaliseType(header.typ);
    if (typ === undefined || !this.#options.tokenTypes.map(normaliseType).includes(typ)) {
      throw new ApiError({ code: 'TOKEN_INVALID', details: { reason: 'token_type' } });
    }
  }

  #checkScope(payload: JWTPayload): void {
    const { requiredScope } = this.#options;
    if (requiredScope === undefined) {
      return;
    }
    const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
    if (!scopes.includes(requiredScope)) {
      throw new ApiError({ code: 'TOKEN_INVALID', details: { reason: 'scope' } });
    }
  }

  #checkClient(payload: JWTPayload): void {
    const { clientIds } = this.#options;
    const client = tokenClient(payload);
    if (clientIds.length > 0 && (client === undefined || !clientIds.includes(client))) {
      throw new ApiError({ code: 'TOKEN_INVALID', details: { reason: 'client' } });
    }
  }

  #principal(payload: JWTPayload): Principal {
    const username = payload[this.#options.usernameClaim];
    const org = payload[this.#options.orgClaim];
    const role = payload[this.#options.roleClaim];
    if (typeof username !== 'string' || typeof org !== 'string' || typeof role !== 'string') {
      throw new ApiError({ code: 'TOKEN_INVALID', details: { reason: 'claims_missing' } });
    }
    if (org !== this.#options.expectedOrg) {
      throw new ApiError({ code: 'ORGANISATION_MISMATCH' });
    }
    if (!this.#options.allowedRoles.includes(role)) {
      throw new ApiError({ code: 'ROLE_NOT_ALLOWED' });
    }
    return { username, org, role };
  }
}

/** `application/at+JWT` and `at+jwt` are the same media type (RFC 8725 §3.11). */
function normaliseType(typ: unknown): string | undefined {
  return typeof typ === 'string' ? typ.toLowerCase().replace(/^application\//, '') : undefined;
}

/**
 * The OAuth client a token was issued to: `client_id`, else `azp`.
 * @throws {@link ApiError} `TOKEN_INVALID` (`client`) when either is not a string or the two disagree.
 */
function tokenClient(payload: JWTPayload): string | undefined {
  const { client_id: clientId, azp } = payload;
  if (
    (clientId !== undefined && typeof clientId !== 'string') ||
    (azp !== undefined && typeof azp !== 'string') ||
    (clientId !== undefined && azp !== undefined && clientId !== azp)
  ) {
    throw new ApiError({ code: 'TOKEN_INVALID', details: { reason: 'client' } });
  }
  return clientId ?? azp;
}

function bearerToken(authorization: string | undefined): string {
  if (authorization === undefined || authorization.trim() === '') {
    throw new ApiError({ code: 'TOKEN_MISSING' });
  }
  const match = /^Bearer +([A-Za-z0-9._~+/-]+=*)$/i.exec(authorization.trim());
  if (!match?.[1]) {
    throw new ApiError({ code: 'TOKEN_INVALID', details: { reason: 'not_a_bearer_token' } });
  }
  return match[1];
}

function verificationError(error: unknown): ApiError {
  if (error instanceof errors.JWTExpired) {
    return new ApiError({ code: 'TOKEN_EXPIRED' });
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    const reason = { iss: 'issuer', aud: 'audience', nbf: 'not_yet_valid' }[error.claim] ?? 'claims';
    return new ApiError({ code: 'TOKEN_INVALID', details: { reason } });
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new ApiError({ code: 'TOKEN_INVALID', details: { reason: 'signature' } });
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return new ApiError({ code: 'TOKEN_INVALID', details: { reason: 'unknown_signing_key' } });
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new ApiError({ code: 'TOKEN_INVALID', details: { reason: 'algorithm' } });
  }
  if (
    error instanceof errors.JWKSTimeout ||
    error instanceof errors.JWKSInvalid ||
    !(error instanceof errors.JOSEError)
  ) {
    // The key set could not be fetched or read: the token may be fine, the service is not.
    return new ApiError({ code: 'IDENTITY_PROVIDER_UNAVAILABLE', retryAfterSeconds: 5, cause: error });
  }
  return new ApiError({ code: 'TOKEN_INVALID', details: { reason: 'malformed' } });
}
