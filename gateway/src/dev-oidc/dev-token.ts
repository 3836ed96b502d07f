/** A bearer token from the development identity provider, and when it expires. */
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
export async function fetchDevAccessToken(issuer: string, user: string): Promise<DevAccessToken> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${user}:${user}-dev-secret`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  const body = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
  if (!response.ok || typeof body.access_token !== 'string' || typeof body.expires_in !== 'number') {
    throw new Error(`the identity provider gave no token for ${user} (HTTP ${response.status.toString()})`);
  }
  return { token: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
}
