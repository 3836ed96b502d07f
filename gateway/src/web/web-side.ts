import type { Principal } from '../auth/principal';
import type { GatewayConfig } from '../config';
import type { WebDependencies } from '../http/app';
import type { Logger } from '../observability/logger';
import { OidcLogin } from './oidc-login';
import { SessionStore } from './session-store';
import { webApplication } from './web-application';
import { WebLogin } from './web-login';

/** The browser's side of a gateway: the web application's pages, and the web login when one is configured. */
export interface WebSide {
  readonly dependencies: WebDependencies;
  /** Stops forgetting expired sessions (at shutdown). */
  readonly stop: () => void;
}

const SWEEP_INTERVAL_MS = 60_000;

/** Builds the web side from the configuration (gateway/README.md, "Web login"). */
export function createWebSide(
  config: GatewayConfig,
  verify: (authorization: string) => Promise<Principal>,
  logger: Logger,
): WebSide {
  const { web } = config;
  const secure = web.publicUrl?.protocol === 'https:';
  const application = webApplication({
    root: web.root,
    identityProviderOrigin: web.client === undefined ? undefined : new URL(config.oidc.issuer).origin,
    secure,
  });
  if (web.client === undefined || web.publicUrl === undefined) {
    return { dependencies: { application }, stop: () => undefined };
  }
  const login = new WebLogin({
    orgKey: config.org.key,
    orgName: web.orgName,
    mspId: config.org.mspId,
    channels: config.channels,
    publicUrl: web.publicUrl,
    oidc: new OidcLogin({
      issuer: new URL(config.oidc.issuer),
      clientId: web.client.id,
      clientSecret: web.client.secret,
      redirectUri: new URL('/auth/callback', web.publicUrl).href,
      postLogoutRedirectUri: new URL('/', web.publicUrl).href,
      scope: config.oidc.requiredScope,
    }),
    sessions: new SessionStore({
      idleMs: web.sessionIdleMs,
      absoluteMs: web.sessionAbsoluteMs,
      maxSessions: web.maxSessions,
    }),
    verify,
    logger,
  });
  const sweeper = setInterval(() => {
    login.sweep();
  }, SWEEP_INTERVAL_MS);
  sweeper.unref();
  return {
    dependencies: { routes: login.routes(), authenticate: (req) => login.authenticate(req), application },
    stop: () => {
      clearInterval(sweeper);
    },
  };
}
