import * as oidc from 'openid-client';
import { ApiError } from '../errors/api-error';

/** What an {@link OidcLogin} is built from. */
export interface OidcLoginOptions {
  readonly issuer: URL;
  readonly clientId: string;
  readonly clientSecret: string;
  /** `<public URL>/auth/callback`, as registered at the identity provider. */
  readonly redirectUri: string;
  /** Where the identity provider's logout returns to: `<public URL>/`. */
  readonly postLogoutRedirectUri: string;
  /** The resource scope the gateways require (`GATEWAY_OIDC_REQUIRED_SCOPE`), asked for with `openid profile`. */
  readonly scope: string | undefined;
}

/** A login begun: where to send the browser, and what the callback must match. */
export interface LoginStart {
  readonly authorizationUrl: URL;
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

/** The tokens of a finished login or a refresh. */
export interface LoginTokens {
  readonly accessToken: string;
  /** Milliseconds since the epoch. */
  readonly accessTokenExpiresAt: number;
  readonly refreshToken: string | undefined;
  readonly idToken: string | undefined;
  /** The ID token's `name` claim, if any. */
  readonly displayName: string | undefined;
}

/** Without `expires_in` a token is assumed to live this long (and is refreshed or re-checked after it). */
const DEFAULT_TOKEN_LIFETIME_S = 300;

/**
 * The gateway as a confidential OpenID Connect client of the organisation's identity provider (openid-client): the
 * authorization code flow with PKCE (S256), state and nonce; token refresh; RP-initiated logout. The provider's
 * metadata is discovered on first use and again after a failure, so the gateway starts without it.
 */
export class OidcLogin {
  readonly #options: OidcLoginOptions;
  #configuration: Promise<oidc.Configuration> | undefined;

  constructor(options: Readonly<OidcLoginOptions>) {
    this.#options = options;
  }

  /** A new login: PKCE verifier, state and nonce, and the authorization URL carrying their public halves. */
  async start(prompt: 'login' | undefined): Promise<LoginStart> {
    const configuration = await this.#discover();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const authorizationUrl = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.#options.redirectUri,
      scope: ['openid', 'profile', ...(this.#options.scope === undefined ? [] : [this.#options.scope])].join(
        ' ',
      ),
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...(prompt === undefined ? {} : { prompt }),
    });
    return { authorizationUrl, state, nonce, codeVerifier };
  }

  /**
   * Exchanges the authorization code of the callback (`callbackUrl`, as the browser requested it) for tokens,
   * checking state, PKCE, the issuer and the ID token's nonce.
   * @throws Error when the response or the exchange fails; the caller shows a generic page.
   */
  async finish(
    callbackUrl: URL,
    started: Pick<LoginStart, 'state' | 'nonce' | 'codeVerifier'>,
  ): Promise<LoginTokens> {
    const configuration = await this.#discover();
    const response = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: started.codeVerifier,
      expectedState: started.state,
      expectedNonce: started.nonce,
      idTokenExpected: true,
    });
    return tokensOf(response, undefined);
  }

  /**
   * New tokens for a refresh token.
   * @throws {@link ApiError} `IDENTITY_PROVIDER_UNAVAILABLE` when the provider cannot be reached or fails (no answer,
   * a timeout, a 5xx): the refresh token may still be good, so the session is kept and the refresh tried again.
   * @throws Error when the provider refuses the refresh token (an OAuth error answer, 4xx): the session then ends.
   */
  async refresh(refreshToken: string, idToken: string | undefined): Promise<LoginTokens> {
    const configuration = await this.#discover();
    try {
      const response = await oidc.refreshTokenGrant(configuration, refreshToken);
      return tokensOf(response, { refreshToken, idToken });
    } catch (error) {
      if (isRefusal(error)) {
        throw error;
      }
      throw new ApiError({ code: 'IDENTITY_PROVIDER_UNAVAILABLE', retryAfterSeconds: 5, cause: error });
    }
  }

  /** Revokes a refresh token at the provider (RFC 7009), best effort: logout goes on without it. */
  async revoke(refreshToken: string): Promise<void> {
    try {
      const configuration = await this.#discover();
      if (configuration.serverMetadata().revocation_endpoint !== undefined) {
        await oidc.tokenRevocation(configuration, refreshToken, { token_type_hint: 'refresh_token' });
      }
    } catch {
      // The session is gone from the gateway either way; the refresh token expires on its own.
    }
  }

  /** The provider's logout page for this session (RP-initiated logout), or `undefined` if it has none. */
  async endSessionUrl(idToken: string | undefined): Promise<URL | undefined> {
    const configuration = await this.#discover();
    if (configuration.serverMetadata().end_session_endpoint === undefined) {
      return undefined;
    }
    return oidc.buildEndSessionUrl(configuration, {
      post_logout_redirect_uri: this.#options.postLogoutRedirectUri,
      client_id: this.#options.clientId,
      ...(idToken === undefined ? {} : { id_token_hint: idToken }),
    });
  }

  /** @throws {@link ApiError} `IDENTITY_PROVIDER_UNAVAILABLE` when the provider's metadata cannot be had. */
  async #discover(): Promise<oidc.Configuration> {
    this.#configuration ??= oidc
      .discovery(
        this.#options.issuer,
        this.#options.clientId,
        undefined,
        oidc.ClientSecretBasic(this.#options.clientSecret),
        // Plain HTTP only for a development provider; production mode refuses an http issuer at start.
        this.#options.issuer.protocol === 'http:'
          ? // eslint-disable-next-line @typescript-eslint/no-deprecated -- marked so only to stand out: development
            { execute: [oidc.allowInsecureRequests], timeout: 5 }
          : { timeout: 5 },
      )
      .catch((error: unknown) => {
        this.#configuration = undefined;
        throw new ApiError({ code: 'IDENTITY_PROVIDER_UNAVAILABLE', retryAfterSeconds: 5, cause: error });
      });
    return this.#configuration;
  }
}

/** Whether the provider answered and said no (invalid or expired grant, unknown client), rather than failed. */
function isRefusal(error: unknown): boolean {
  return (
    (error instanceof oidc.ResponseBodyError && error.status < 500) ||
    error instanceof oidc.WWWAuthenticateChallengeError
  );
}

function tokensOf(
  response: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers,
  previous: { refreshToken: string; idToken: string | undefined } | undefined,
): LoginTokens {
  const name = response.claims()?.name;
  return {
    accessToken: response.access_token,
    accessTokenExpiresAt: Date.now() + (response.expiresIn() ?? DEFAULT_TOKEN_LIFETIME_S) * 1000,
    // A provider that does not rotate refresh tokens answers without one: the old one stays good.
    refreshToken: response.refresh_token ?? previous?.refreshToken,
    idToken: response.id_token ?? previous?.idToken,
    displayName: typeof name === 'string' ? name : undefined,
  };
}
