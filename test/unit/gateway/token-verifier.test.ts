import { expect } from 'chai';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTVerifyGetKey } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { remoteJwks, TokenVerifier, type TokenVerifierOptions } from 'agreements-gateway/auth/token-verifier';
import { ApiError } from 'agreements-gateway/errors/api-error';
import { municipalityVerifier } from './support/municipality-verifier';

const ISSUER = 'https://idp.example';
const AUDIENCE = 'urn:fabric-agreements:gateway';

/** The municipality's token check against these keys, with any options changed. */
function verifierWith(keys: JWTVerifyGetKey, overrides: Partial<TokenVerifierOptions> = {}): TokenVerifier {
  return municipalityVerifier({ issuer: ISSUER, audience: AUDIENCE, keys, ...overrides });
}

type SigningKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/** A JWKS endpoint on a local port, as an identity provider publishes it. */
async function serveJwks(keys: readonly JWK[]): Promise<{ server: Server; url: URL }> {
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: new URL(`http://127.0.0.1:${port.toString()}/jwks`) };
}

async function expectApiError(promise: Promise<unknown>, code: string, reason?: string): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.code).to.equal(code);
    if (reason !== undefined) {
      expect(apiError.details.reason).to.equal(reason);
    }
    return apiError;
  }
  expect.fail(`expected ${code}`);
}

describe('bearer token verification against a JWKS', () => {
  let signingKey: SigningKey;
  let otherKey: SigningKey;
  let jwks: { server: Server; url: URL };
  let verifier: TokenVerifier;

  const token = (
    claims: Record<string, unknown> = {},
    options: {
      key?: SigningKey;
      kid?: string;
      issuer?: string;
      audience?: string;
      expiresIn?: string | number;
      typ?: string;
    } = {},
  ): Promise<string> =>
    new SignJWT({
      org: 'municipality',
      role: 'caseworker',
      scope: 'agreements',
      client_id: 'case-system',
      ...claims,
    })
      .setProtectedHeader({ alg: 'ES256', kid: options.kid ?? 'key-1', typ: options.typ ?? 'at+jwt' })
      .setSubject('sara')
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '5m')
      .sign(options.key ?? signingKey);

  before(async () => {
    const signing = await generateKeyPair('ES256');
    signingKey = signing.privateKey;
    ({ privateKey: otherKey } = await generateKeyPair('ES256'));
    const unrelated = await generateKeyPair('ES256');
    jwks = await serveJwks([
      { ...(await exportJWK(signing.publicKey)), kid: 'key-1', alg: 'ES256', use: 'sig' },
      { ...(await exportJWK(unrelated.publicKey)), kid: 'key-2', alg: 'ES256', use: 'sig' },
    ]);
    verifier = verifierWith(remoteJwks(jwks.url));
  });

  after(() => {
    jwks.server.close();
  });

  it('accepts a valid token and returns the person', async () => {
    const principal = await verifier.verify(`Bearer ${await token()}`);
    expect(principal).to.deep.equal({ username: 'sara', org: 'municipality', role: 'caseworker' });
  });

  it('checks a token once and remembers it until it expires; a refused token is checked every time', async () => {
    let keyLookups = 0;
    const keys = remoteJwks(jwks.url);
    const counting = verifierWith((...args: Parameters<typeof keys>) => {
      keyLookups++;
      return keys(...args);
    });
    const valid = `Bearer ${await token()}`;
    const first = await counting.verify(valid);
    expect(await counting.verify(valid)).to.deep.equal(first);
    expect(keyLookups).to.equal(1);

    const forged = `Bearer ${await token({}, { key: otherKey })}`;
    await expectApiError(counting.verify(forged), 'TOKEN_INVALID', 'signature');
    await expectApiError(counting.verify(forged), 'TOKEN_INVALID', 'signature');
    expect(keyLookups).to.equal(3);
  });

  it('refuses a missing token', async () => {
    await expectApiError(verifier.verify(undefined), 'TOKEN_MISSING');
    await expectApiError(verifier.verify(''), 'TOKEN_MISSING');
  });

  it('refuses something that is not a bearer token', async () => {
    await expectApiError(verifier.verify('Basic c2FyYTpwdw=='), 'TOKEN_INVALID', 'not_a_bearer_token');
    await expectApiError(verifier.verify('Bearer not-a-jwt'), 'TOKEN_INVALID', 'malformed');
  });

  it('refuses an expired token', async () => {
    const expired = await token({}, { expiresIn: Math.floor(Date.now() / 1000) - 60 });
    const error = await expectApiError(verifier.verify(`Bearer ${expired}`), 'TOKEN_EXPIRED');
    expect(error.status).to.equal(401);
  });

  it('refuses a token for another audience', async () => {
    const other = await token({}, { audience: 'urn:someone-else' });
    const error = await expectApiError(verifier.verify(`Bearer ${other}`), 'TOKEN_INVALID', 'audience');
    expect(error.status).to.equal(401);
  });

  it('refuses a token from another issuer', async () => {
    const other = await token({}, { issuer: 'https://evil.example' });
    await expectApiError(verifier.verify(`Bearer ${other}`), 'TOKEN_INVALID', 'issuer');
  });

  it('refuses a token signed with a key that is not the one its kid names', async () => {
    const forged = await token({}, { key: otherKey, kid: 'key-1' });
    const error = await expectApiError(verifier.verify(`Bearer ${forged}`), 'TOKEN_INVALID', 'signature');
    expect(error.status).to.equal(401);
  });

  it('refuses a tampered token', async () => {
    const [header = '', , signature = ''] = (await token()).split('.');
    const payload = Buffer.from(
      JSON.stringify({ sub: 'jonas', org: 'municipality', role: 'director', iss: ISSUER, aud: AUDIENCE }),
    ).toString('base64url');
    await expectApiError(
      verifier.verify(`Bearer ${header}.${payload}.${signature}`),
      'TOKEN_INVALID',
      'signature',
    );
  });

  it('refuses a token signed by an unknown key', async () => {
    const unknown = await token({}, { key: otherKey, kid: 'key-9' });
    await expectApiError(verifier.verify(`Bearer ${unknown}`), 'TOKEN_INVALID', 'unknown_signing_key');
  });

  it('refuses a symmetric (shared-secret) token', async () => {
    const hs = await new SignJWT({ org: 'municipality', role: 'caseworker' })
      .setProtectedHeader({ alg: 'HS256', kid: 'key-1' })
      .setSubject('sara')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a shared secret of thirty-two bytes!'));
    await expectApiError(verifier.verify(`Bearer ${hs}`), 'TOKEN_INVALID', 'algorithm');
  });

  it('refuses a token without the role claim', async () => {
    const noRole = await token({ role: undefined });
    await expectApiError(verifier.verify(`Bearer ${noRole}`), 'TOKEN_INVALID', 'claims_missing');
  });

  it("answers 403 for another organisation's user", async () => {
    const karin = await token({ org: 'placement', role: 'provider_staff' });
    const error = await expectApiError(verifier.verify(`Bearer ${karin}`), 'ORGANISATION_MISMATCH');
    expect(error.status).to.equal(403);
  });

  describe('access tokens only (issue 9, item 5)', () => {
    it('refuses an ID token (typ JWT) and a token without typ', async () => {
      await expectApiError(
        verifier.verify(`Bearer ${await token({}, { typ: 'JWT' })}`),
        'TOKEN_INVALID',
        'token_type',
      );
      const untyped = await new SignJWT({ org: 'municipality', role: 'caseworker', scope: 'agreements' })
        .setProtectedHeader({ alg: 'ES256', kid: 'key-1' })
        .setSubject('sara')
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(signingKey);
      await expectApiError(verifier.verify(`Bearer ${untyped}`), 'TOKEN_INVALID', 'token_type');
    });

    it('accepts the media-type spelling application/at+jwt', async () => {
      const principal = await verifier.verify(`Bearer ${await token({}, { typ: 'application/AT+JWT' })}`);
      expect(principal.username).to.equal('sara');
    });

    it('refuses a token without the required scope', async () => {
      await expectApiError(
        verifier.verify(`Bearer ${await token({ scope: undefined })}`),
        'TOKEN_INVALID',
        'scope',
      );
      await expectApiError(
        verifier.verify(`Bearer ${await token({ scope: 'openid profile' })}`),
        'TOKEN_INVALID',
        'scope',
      );
    });

    it('refuses a token whose client_id and azp disagree', async () => {
      await expectApiError(
        verifier.verify(`Bearer ${await token({ azp: 'another-client' })}`),
        'TOKEN_INVALID',
        'client',
      );
    });

    it("refuses another client's token when clients are configured", async () => {
      const strict = verifierWith(remoteJwks(jwks.url), { clientIds: ['case-system'] });
      expect((await strict.verify(`Bearer ${await token()}`)).username).to.equal('sara');
      await expectApiError(
        strict.verify(`Bearer ${await token({ client_id: 'someone-else' })}`),
        'TOKEN_INVALID',
        'client',
      );
      await expectApiError(
        strict.verify(`Bearer ${await token({ client_id: undefined })}`),
        'TOKEN_INVALID',
        'client',
      );
    });

    it('refuses a role the organisation does not give its people (403 ROLE_NOT_ALLOWED)', async () => {
      const error = await expectApiError(
        verifier.verify(`Bearer ${await token({ role: 'provider_staff' })}`),
        'ROLE_NOT_ALLOWED',
      );
      expect(error.status).to.equal(403);
      await expectApiError(verifier.verify(`Bearer ${await token({ role: 'admin' })}`), 'ROLE_NOT_ALLOWED');
    });
  });

  it('answers 503 when the key set cannot be fetched', async () => {
    const unreachable = verifierWith(remoteJwks(new URL('http://127.0.0.1:1/jwks')));
    const error = await expectApiError(
      unreachable.verify(`Bearer ${await token()}`),
      'IDENTITY_PROVIDER_UNAVAILABLE',
    );
    expect(error.status).to.equal(503);
  });
});
