import { timingSafeEqual } from 'node:crypto';
import { ApiError } from '../errors/api-error';

/** The header a page sends its session's CSRF token in. */
export const CSRF_HEADER = 'x-csrf-token';

/** Methods that change nothing and so need no CSRF token (RFC 9110 safe methods). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A request made with the session cookie that may change something must carry the session's CSRF token: the
 * cookie is `SameSite=Strict` already, and the token is what another site's page cannot read or guess.
 * @throws {@link ApiError} `CSRF_TOKEN_INVALID` (403), whether the header is missing or wrong.
 */
export function checkCsrf(method: string, header: string | undefined, expected: string): void {
  if (SAFE_METHODS.has(method.toUpperCase())) {
    return;
  }
  const given = Buffer.from(header ?? '', 'utf8');
  const wanted = Buffer.from(expected, 'utf8');
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
    throw new ApiError({
      code: 'CSRF_TOKEN_INVALID',
      details: { reason: header === undefined || header === '' ? 'missing' : 'mismatch' },
    });
  }
}
