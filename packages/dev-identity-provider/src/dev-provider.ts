import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import Provider, {
  errors,
  type ClientMetadata,
  type Configuration,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import { GATEWAY_SCOPE } from './dev-token';
import { devClientSecret, type DevUser } from './dev-users';
import { renderLoggedOutPage, renderLogoutPage, renderProblemPage } from './pages';
import type { WebClient } from './web-clients';

export { GATEWAY_SCOPE };

/** What the development identity provider is built from. */
export interface DevProviderOptions {
  /** Issuer URL, e.g. `http://localhost:4000`; tokens carry it as `iss`. */
  readonly issuer: string;
  /** The one resource server (the gateways) tokens are issued for; tokens carry it as `aud`. */
  readonly audience: string;
  readonly users: readonly DevUser[];
  /** The gateways as clients of the web login (authorization code + PKCE); none: no interactive login. */
  readonly webClients?: readonly WebClient[];
  readonly signingKey: JWK;
  readonly tokenTtlSeconds: number;
}

/** Client metadata naming the organisation whose people may log in through a web client. */
export const CLIENT_ORG = 'urn:fabric-agreements:org';
/** Where the provider sends the browser to log in (served by `interactions.ts`). */
export const INTERACTION_PATH = '/interaction';

/**
 * An OAuth 2.0 / OpenID Connect provider (panva/oidc-provider) for development and tests. Each story user is a
 * confidential client (client-credentials grant, for scripts and tests); each organisation's gateway is a
 * confidential client of the authorization code flow with PKCE (S256, required), whose login page is
 * `interactions.ts`. Either way the access token is a JWT (RFC 9068) for the gateways' audience, whose `sub` is the
 * person and which carries `org` and `role` claims — the same protocol a production identity provider speaks, so the
 * gateway has no development shortcut.
 */
export function createDevProvider(options: Readonly<DevProviderOptions>): Provider {
  const byName = new Map(options.users.map((user) => [user.name, user]));
  const webClients = options.webClients ?? [];
  const webClientIds = new Set(webClients.map((client) => client.clientId));
  const claimsOf = (user: DevUser | undefined): Record<string, string> | undefined =>
    user === undefined ? undefined : { org: user.org, role: user.role, preferred_username: user.name };
  const configuration: Configuration = {
    clients: [
      ...options.users.map((user): ClientMetadata => ({
        client_id: user.name,
        client_secret: devClientSecret(user),
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'ES256',
        scope: GATEWAY_SCOPE,
      })),
      ...webClients.map((client): ClientMetadata => ({
        client_id: client.clientId,
        client_secret: client.secret,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [...client.redirectUris],
        post_logout_redirect_uris: [...client.postLogoutRedirectUris],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'ES256',
        scope: `openid profile ${GATEWAY_SCOPE}`,
        [CLIENT_ORG]: client.org,
      })),
    ],
    extraClientMetadata: { properties: [CLIENT_ORG] },
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    jwks: { keys: [options.signingKey] },
    // Cookies of the login interaction are signed with a key of this process: a restart forgets logins in progress.
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    scopes: ['openid', 'profile', GATEWAY_SCOPE],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
    // The gateway takes the person's display name from the ID token (its access token goes to the gateways, not to
    // a userinfo endpoint).
    conformIdTokenClaims: false,
    findAccount: (_ctx, sub) => {
      const user = byName.get(sub);
      return user === undefined
        ? undefined
        : {
            accountId: user.name,
            claims: () => ({ sub: user.name, name: user.displayName, preferred_username: user.name }),
          };
    },
    pkce: { required: () => true },
    // The gateways hold refresh tokens server-side, so a web client gets one without `offline_access`.
    issueRefreshToken: (_ctx, client) =>
      webClientIds.has(client.clientId) && client.grantTypeAllowed('refresh_token'),
    interactions: { url: (_ctx, interaction) => `${INTERACTION_PATH}/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: false },
      // The gateways revoke their own refresh tokens at logout; nobody revokes another client's.
      revocation: {
        enabled: true,
        allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId,
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          htmlResponse(ctx, renderLogoutPage(form, languageOf(ctx)));
        },
        postLogoutSuccessSource: (ctx) => {
          htmlResponse(ctx, renderLoggedOutPage(languageOf(ctx)));
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => options.audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resourceIndicator) => {
          if (resourceIndicator !== options.audience) {
            throw new errors.InvalidTarget();
          }
          return {
            scope: GATEWAY_SCOPE,
            audience: options.audience,
            accessTokenTTL: options.tokenTtlSeconds,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'ES256' } },
          };
        },
      },
    },
    extraTokenClaims: (_ctx, token) => {
      // A person's token (authorization code) names its account; a script's (client credentials) its client.
      if ('accountId' in token && typeof token.accountId === 'string') {
        return claimsOf(byName.get(token.accountId));
      }
      return 'clientId' in token && typeof token.clientId === 'string'
        ? claimsOf(byName.get(token.clientId))
        : undefined;
    },
    // Nothing of the request is echoed: the page names the error code only.
    renderError: (ctx, out) => {
      htmlResponse(ctx, renderProblemPage(out.error, languageOf(ctx)));
    },
    ttl: {
      ClientCredentials: options.tokenTtlSeconds,
      AccessToken: options.tokenTtlSeconds,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Grant: 14 * 24 * 3600,
      Session: 14 * 24 * 3600,
      RefreshToken: 12 * 3600,
    },
  };
  const provider = new Provider(options.issuer, configuration);
  // Behind no proxy: the issuer's scheme is whatever the URL says.
  provider.proxy = false;
  return provider;
}

function languageOf(ctx: KoaContextWithOIDC): 'da' | 'en' {
  return ctx.query.lang === 'en' ? 'en' : 'da';
}

function htmlResponse(ctx: KoaContextWithOIDC, html: string): void {
  ctx.type = 'html';
  ctx.set('cache-control', 'no-store');
  ctx.body = html;
}

/**
 * The provider's ES256 signing key: read from `file`, or generated and written there (0600) so that tokens stay
 * verifiable across restarts.
 */
export async function loadOrCreateSigningKey(file: string): Promise<JWK> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as JWK;
  } catch (error) {
    if (!(typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT')) {
      throw error;
    }
  }
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = {
    ...(await exportJWK(privateKey)),
    alg: 'ES256',
    use: 'sig',
    kid: `dev-${Date.now().toString(36)}`,
  };
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, JSON.stringify(jwk), { mode: 0o600 });
  await chmod(file, 0o600);
  return jwk;
}
