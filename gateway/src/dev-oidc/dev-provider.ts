import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import Provider, { errors, type Configuration } from 'oidc-provider';
import { devClientSecret, type DevUser } from './dev-users';

/** What the development identity provider is built from. */
export interface DevProviderOptions {
  /** Issuer URL, e.g. `http://localhost:4000`; tokens carry it as `iss`. */
  readonly issuer: string;
  /** The one resource server (the gateways) tokens are issued for; tokens carry it as `aud`. */
  readonly audience: string;
  readonly users: readonly DevUser[];
  readonly signingKey: JWK;
  readonly tokenTtlSeconds: number;
}

import { GATEWAY_SCOPE } from './dev-token';

export { GATEWAY_SCOPE };

/**
 * An OAuth 2.0 / OpenID Connect provider (panva/oidc-provider) for development and tests. Each story user is a
 * confidential client; the client-credentials grant returns a JWT access token (RFC 9068) for the gateways'
 * audience, whose `sub` is the user and which carries `org` and `role` claims. It is the same protocol a
 * production identity provider speaks, so the gateway has no development shortcut.
 */
export function createDevProvider(options: Readonly<DevProviderOptions>): Provider {
  const byName = new Map(options.users.map((user) => [user.name, user]));
  const configuration: Configuration = {
    clients: options.users.map((user) => ({
      client_id: user.name,
      client_secret: devClientSecret(user),
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'ES256',
      scope: GATEWAY_SCOPE,
    })),
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    jwks: { keys: [options.signingKey] },
    scopes: [GATEWAY_SCOPE],
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: false },
      revocation: { enabled: false },
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
      const user =
        'clientId' in token && typeof token.clientId === 'string' ? byName.get(token.clientId) : undefined;
      return user === undefined
        ? undefined
        : { org: user.org, role: user.role, preferred_username: user.name };
    },
    ttl: { ClientCredentials: options.tokenTtlSeconds },
  };
  return new Provider(options.issuer, configuration);
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
