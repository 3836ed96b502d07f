import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import express, { type Request, type Response } from 'express';
import type { Principal } from '../auth/principal';
import { ApiError, isApiError } from '../errors/api-error';
import type { Logger } from '../observability/logger';
import { cookieName, readCookie, serializeCookie } from './cookies';
import { checkCsrf, CSRF_HEADER } from './csrf';
import { loginProblemStatus, renderLoginProblemPage, type LoginProblem } from './login-pages';
import type { LoginStart, OidcLogin } from './oidc-login';
import type { SessionPerson, SessionStore, WebSession } from './session-store';

/** The routes the web application relies on. */
export const AUTH_ROUTES = ['/auth/login', '/auth/callback', '/auth/logout', '/auth/session'] as const;

/** What a {@link WebLogin} is built from. */
export interface WebLoginOptions {
  readonly orgKey: string;
  readonly orgName: string;
  readonly mspId: string;
  readonly channels: readonly string[];
  /** The gateway's origin as the browser sees it; `https:` makes the cookies `Secure` and `__Host-`. */
  readonly publicUrl: URL;
  readonly oidc: OidcLogin;
  readonly sessions: SessionStore;
  /** The bearer-token check every API request goes through. */
  readonly verify: (authorization: string) => Promise<Principal>;
  readonly logger: Logger;
}

/** A login the provider confirmed: the person, and the session started for them. */
interface FinishedLogin {
  readonly principal: Principal;
  readonly session: { readonly id: string; readonly session: WebSession };
}

/** A login between `/auth/login` and `/auth/callback`, bound to the browser by the login cookie. */
interface PendingLogin extends Pick<LoginStart, 'state' | 'nonce' | 'codeVerifier'> {
  readonly returnTo: string;
  readonly expiresAt: number;
}

const LOGIN_TTL_MS = 10 * 60_000;
const MAX_PENDING_LOGINS = 1_000;
/** An access token this close to its expiry is refreshed before use. */
const REFRESH_MARGIN_MS = 30_000;
const RETURN_TO = /^\/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@/%?]{0,2047}$/;

/**
 * Logging in as a person from the browser (the backend-for-frontend pattern): the gateway runs the OpenID Connect
 * authorization code flow with PKCE against the organisation's identity provider, keeps the tokens in its memory,
 * and gives the browser only an `HttpOnly`, `SameSite=Strict` session cookie; page script never sees a token.
 * Writes made with the cookie need the session's CSRF token in `X-CSRF-Token`. See gateway/README.md, "Web login".
 */
export class WebLogin {
  readonly sessionCookie: string;
  readonly loginCookie: string;
  readonly #options: WebLoginOptions;
  readonly #secure: boolean;
  readonly #pending = new Map<string, PendingLogin>();

  constructor(options: Readonly<WebLoginOptions>) {
    this.#options = options;
    this.#secure = options.publicUrl.protocol === 'https:';
    this.sessionCookie = cookieName('agreements-session', options.orgKey, this.#secure);
    this.loginCookie = cookieName('agreements-login', options.orgKey, this.#secure);
  }

  /** `/auth/login`, `/auth/callback`, `/auth/logout`, `/auth/session`. */
  routes(): express.Router {
    const router = express.Router();
    router.get('/auth/login', (req, res, next) => {
      this.#login(req, res).catch(next);
    });
    router.get('/auth/callback', (req, res) => {
      void this.#callback(req, res);
    });
    router.post('/auth/logout', (req, res, next) => {
      this.#logout(req, res).catch(next);
    });
    router.get('/auth/session', (req, res, next) => {
      this.#session(req, res).catch(next);
    });
    return router;
  }

  /**
   * The person a request's session cookie authenticates, or `undefined` when it carries none (then the bearer
   * token decides). A write needs the CSRF header.
   * @throws {@link ApiError} `UNAUTHENTICATED` (no live session), `CSRF_TOKEN_INVALID`, and the token check's codes.
   */
  authenticate(req: IncomingMessage): Promise<Principal> | undefined {
    const id = readCookie(req, this.sessionCookie);
    if (id === undefined) {
      return undefined;
    }
    return (async () => {
      const session = this.#options.sessions.get(id);
      if (session === undefined) {
        throw new ApiError({ code: 'UNAUTHENTICATED' });
      }
      const csrf = req.headers[CSRF_HEADER];
      checkCsrf(req.method ?? '', typeof csrf === 'string' ? csrf : undefined, session.csrfToken);
      return this.#principal(id, session);
    })();
  }

  /** Forgets logins that were never finished. */
  sweep(now: number = Date.now()): void {
    for (const [id, pending] of this.#pending) {
      if (pending.expiresAt <= now) {
        this.#pending.delete(id);
      }
    }
    this.#options.sessions.sweep();
  }

  async #login(req: Request, res: Response): Promise<void> {
    const returnTo = safeReturnTo(req.query.returnTo);
    const prompt = req.query.prompt === 'login' ? 'login' : undefined;
    const started = await this.#options.oidc.start(prompt);
    this.sweep();
    while (this.#pending.size >= MAX_PENDING_LOGINS) {
      const oldest = this.#pending.keys().next().value;
      if (oldest === undefined) {
        break;
      }
      this.#pending.delete(oldest);
    }
    const loginId = randomBytes(32).toString('base64url');
    this.#pending.set(loginId, {
      state: started.state,
      nonce: started.nonce,
      codeVerifier: started.codeVerifier,
      returnTo,
      expiresAt: Date.now() + LOGIN_TTL_MS,
    });
    // Lax, not Strict: the identity provider's redirect back to the callback is a navigation from another site.
    res.setHeader(
      'set-cookie',
      serializeCookie(this.loginCookie, loginId, {
        sameSite: 'Lax',
        secure: this.#secure,
        maxAgeSeconds: LOGIN_TTL_MS / 1000,
      }),
    );
    res.set('cache-control', 'no-store').redirect(302, started.authorizationUrl.href);
  }

  async #callback(req: Request, res: Response): Promise<void> {
    const clearLogin = serializeCookie(this.loginCookie, '', {
      sameSite: 'Lax',
      secure: this.#secure,
      maxAgeSeconds: 0,
    });
    const pending = this.#takePending(req);
    if (pending === undefined) {
      problemPage(res, 'expired', 'LOGIN_EXPIRED', [clearLogin]);
      return;
    }
    if (req.query.error === 'access_denied') {
      problemPage(res, 'cancelled', 'LOGIN_CANCELLED', [clearLogin]);
      return;
    }
    let login: FinishedLogin;
    try {
      login = await this.#finish(req, pending);
    } catch (error) {
      this.#failed(res, error, clearLogin);
      return;
    }
    // A session the browser had before is ended: a login always starts a new one (no fixation).
    const previous = readCookie(req, this.sessionCookie);
    if (previous !== undefined) {
      this.#options.sessions.delete(previous);
    }
    this.#options.logger.info({ role: login.principal.role }, 'login');
    res
      .status(303)
      .set('cache-control', 'no-store')
      .setHeader('set-cookie', [
        clearLogin,
        serializeCookie(this.sessionCookie, login.session.id, { sameSite: 'Strict', secure: this.#secure }),
      ]);
    res.location(pending.returnTo).end();
  }

  /** The login the browser's cookie names, taken so that it is finished once; `undefined` if unknown or expired. */
  #takePending(req: Request): PendingLogin | undefined {
    const loginId = readCookie(req, this.loginCookie);
    if (loginId === undefined) {
      return undefined;
    }
    const pending = this.#pending.get(loginId);
    this.#pending.delete(loginId);
    return pending !== undefined && pending.expiresAt > Date.now() ? pending : undefined;
  }

  /** The provider's tokens for the callback, checked as every bearer token is, and a new session for the person. */
  async #finish(req: Request, pending: PendingLogin): Promise<FinishedLogin> {
    const callbackUrl = new URL(req.originalUrl, this.#options.publicUrl);
    const tokens = await this.#options.oidc.finish(callbackUrl, pending);
    const principal = await this.#options.verify(`Bearer ${tokens.accessToken}`);
    const person: SessionPerson = {
      name: principal.username,
      displayName: tokens.displayName ?? principal.username,
      role: principal.role,
      organisation: principal.org,
      organisationName: this.#options.orgName,
      mspId: this.#options.mspId,
    };
    return { principal, session: this.#options.sessions.create(person, tokens) };
  }

  /** A login that failed: refused (403) when the person may not use this organisation's gateway. */
  #failed(res: Response, error: unknown, clearLogin: string): void {
    const code = isApiError(error) ? error.code : 'LOGIN_FAILED';
    const kind: LoginProblem = isApiError(error) && error.status === 403 ? 'refused' : 'failed';
    this.#options.logger.warn(
      { code, cause: error instanceof Error ? error.name : 'unknown' },
      'login failed',
    );
    problemPage(res, kind, code, [clearLogin]);
  }

  async #logout(req: Request, res: Response): Promise<void> {
    const id = readCookie(req, this.sessionCookie);
    const session = id === undefined ? undefined : this.#options.sessions.get(id);
    let endSessionUrl: string | null = null;
    if (id !== undefined && session !== undefined) {
      checkCsrf(req.method, req.get(CSRF_HEADER), session.csrfToken);
      this.#options.sessions.delete(id);
      const { refreshToken, idToken } = session.tokens;
      if (refreshToken !== undefined) {
        await this.#options.oidc.revoke(refreshToken);
      }
      endSessionUrl = (await this.#options.oidc.endSessionUrl(idToken).catch(() => undefined))?.href ?? null;
    }
    res
      .status(200)
      .set('cache-control', 'no-store')
      .setHeader(
        'set-cookie',
        serializeCookie(this.sessionCookie, '', {
          sameSite: 'Strict',
          secure: this.#secure,
          maxAgeSeconds: 0,
        }),
      );
    res.json({ loggedOut: true, endSessionUrl });
  }

  async #session(req: Request, res: Response): Promise<void> {
    const id = readCookie(req, this.sessionCookie);
    const session = id === undefined ? undefined : this.#options.sessions.get(id);
    if (id === undefined || session === undefined) {
      throw new ApiError({ code: 'UNAUTHENTICATED' });
    }
    await this.#principal(id, session);
    res.set('cache-control', 'no-store').json({
      person: session.person,
      csrfToken: session.csrfToken,
      domains: this.#options.channels,
      expiresAt: new Date(session.createdAt + this.#options.sessions.absoluteMs).toISOString(),
    });
  }

  /**
   * The session's person, checked as every bearer token is: its access token, refreshed first when it is about to
   * expire. A session whose tokens the provider refuses ends (the person logs in again); while the provider cannot
   * be reached the session stays, the access token is used as long as it is valid, and after that the request is
   * `503 IDENTITY_PROVIDER_UNAVAILABLE` (the next one tries the refresh again).
   */
  async #principal(id: string, session: WebSession): Promise<Principal> {
    if (session.tokens.accessTokenExpiresAt - REFRESH_MARGIN_MS <= Date.now()) {
      session.refreshing ??= this.#refresh(session).finally(() => {
        session.refreshing = undefined;
      });
      try {
        await session.refreshing;
      } catch (error) {
        if (!(isApiError(error) && error.code === 'IDENTITY_PROVIDER_UNAVAILABLE')) {
          this.#options.sessions.delete(id);
          throw new ApiError({ code: 'UNAUTHENTICATED', details: { reason: 'session_expired' } });
        }
        if (session.tokens.accessTokenExpiresAt <= Date.now()) {
          throw error;
        }
      }
    }
    const principal = await this.#options
      .verify(`Bearer ${session.tokens.accessToken}`)
      .catch((error: unknown) => {
        if (isApiError(error) && error.status === 401) {
          this.#options.sessions.delete(id);
          throw new ApiError({ code: 'UNAUTHENTICATED', details: { reason: 'session_expired' } });
        }
        throw error;
      });
    if (principal.username !== session.person.name) {
      this.#options.sessions.delete(id);
      throw new ApiError({ code: 'UNAUTHENTICATED' });
    }
    return principal;
  }

  async #refresh(session: WebSession): Promise<void> {
    const { refreshToken, idToken } = session.tokens;
    if (refreshToken === undefined) {
      throw new Error('no refresh token');
    }
    session.tokens = await this.#options.oidc.refresh(refreshToken, idToken);
  }
}

/** `returnTo` if it is a path on this gateway (never another site, never the login routes), else `/`. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && RETURN_TO.test(value) && !value.startsWith('/auth/') ? value : '/';
}

function problemPage(res: Response, problem: LoginProblem, code: string, cookies: string[]): void {
  res
    .status(loginProblemStatus(problem))
    .set({ 'cache-control': 'no-store', 'content-type': 'text/html; charset=utf-8' })
    .setHeader('set-cookie', cookies);
  res.send(renderLoginProblemPage(problem, code));
}
