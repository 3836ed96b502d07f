/** An OAuth2 access token, and when it expires. */
export interface DevAccessToken {
  readonly token: string;
  /** Milliseconds since the epoch. */
  readonly expiresAt: number;
}

/**
 * Asks the development identity provider at `issuer` for `user`'s access token with the client-credentials grant
 * (each story user is a confidential client with secret `<name>-dev-secret`): what tests, the demo and the
 * benchmark authenticate with. Development only.
 * @throws Error if the provider cannot be reached or issues no token.
 */
export function fetchDevAccessToken(issuer: string, user: string): Promise<DevAccessToken> {
  return fetchClientCredentialsToken(
    new URL(`${issuer.replace(/\/$/, '')}/token`),
    user,
    `${user}-dev-secret`,
  );
}

/** The scope the gateways require by default (`GATEWAY_OIDC_REQUIRED_SCOPE`). */
export const GATEWAY_SCOPE = 'agreements';

/**
 * The OAuth2 client-credentials grant (RFC 6749 §4.4) against any token endpoint, the client authenticating with
 * HTTP Basic and asking for the gateways' scope: how a caseworker's or provider's system gets its token.
 * @throws Error if the endpoint cannot be reached or issues no token.
 */
export async function fetchClientCredentialsToken(
  tokenUrl: URL,
  clientId: string,
  clientSecret: string,
  scope: string = GATEWAY_SCOPE,
): Promise<DevAccessToken> {
  const response = await fetch(tokenUrl, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope }).toString(),
  });
  const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown };
  if (!response.ok || typeof body.access_token !== 'string' || typeof body.expires_in !== 'number') {
    throw new Error(
      `the identity provider gave no token for ${clientId} (HTTP ${response.status.toString()})`,
    );
  }
  return { token: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
}
