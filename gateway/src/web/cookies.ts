import type { IncomingMessage } from 'node:http';

/** The value of the cookie `name` in the request's `Cookie` header, if present and non-empty. */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (header === undefined) {
    return undefined;
  }
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      const value = part.slice(separator + 1).trim();
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}

/** How a cookie is set: always `Path=/` and `HttpOnly`. */
export interface CookieOptions {
  readonly sameSite: 'Strict' | 'Lax';
  readonly secure: boolean;
  /** Seconds; absent: a browser-session cookie; 0 deletes it. */
  readonly maxAgeSeconds?: number;
}

/** A `Set-Cookie` value. Values are base64url, so nothing needs quoting. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  return [
    `${name}=${value}`,
    'Path=/',
    'HttpOnly',
    `SameSite=${options.sameSite}`,
    ...(options.secure ? ['Secure'] : []),
    ...(options.maxAgeSeconds === undefined ? [] : [`Max-Age=${options.maxAgeSeconds.toString()}`]),
  ].join('; ');
}

/**
 * A cookie name for this organisation: `__Host-` prefixed when the gateway is reached over HTTPS (the browser
 * then accepts it only as Secure, host-only and `Path=/`), and carrying the organisation key, because browsers
 * keep cookies per host, not per port — on one development machine every gateway is `localhost`.
 */
export function cookieName(base: string, orgKey: string, secure: boolean): string {
  return `${secure ? '__Host-' : ''}${base}-${orgKey}`;
}
