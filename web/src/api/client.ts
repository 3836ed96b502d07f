import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { MIN_BLOCK_HEADER, minBlocksHeader, rememberMinBlocks } from './min-block';

/** The CSRF token the session gave; sent on every request that changes something. */
let csrfToken: string | undefined;

/** Remembers the session's CSRF token (from `GET /auth/session`). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** The current CSRF token, for calls made outside the typed client (logout). */
export function currentCsrfToken(): string | undefined {
  return csrfToken;
}

const sessionHeaders: Middleware = {
  onRequest({ request }) {
    // Reads (and writes) see at least what this tab wrote, whichever peer answers.
    const minBlocks = minBlocksHeader();
    if (minBlocks !== undefined) {
      request.headers.set(MIN_BLOCK_HEADER, minBlocks);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      if (csrfToken !== undefined) {
        request.headers.set('X-CSRF-Token', csrfToken);
      }
      // A retried write (a double click, a flaky network) is applied once by the gateway.
      if (request.method === 'POST') {
        request.headers.set('Idempotency-Key', `web-${crypto.randomUUID()}`);
      }
    }
    return request;
  },
  onResponse({ response }) {
    rememberMinBlocks(response.headers.get(MIN_BLOCK_HEADER));
    return response;
  },
};

/**
 * The typed client of the organisation's own gateway. Its types are generated from the gateway's OpenAPI document
 * at build time, so a changed API breaks the compile. The session cookie goes along (same origin only).
 */
export const api = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  // Looked up at each call (not captured once), so tests can stand in for the network.
  fetch: (request) => globalThis.fetch(request),
});
api.use(sessionHeaders);
