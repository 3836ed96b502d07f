import { expect } from 'chai';
import { exportJWK, generateKeyPair } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { TokenVerifier } from 'agreements-gateway/auth/token-verifier';
import { devVerifier } from '../gateway/support/dev-verifier';
import { createDevProvider } from 'dev-identity-provider/dev-provider';
import { readDevUsers } from 'dev-identity-provider/dev-users';

const AUDIENCE = 'urn:fabric-agreements:gateway';

describe('development OIDC provider', () => {
  let server: Server;
  let issuer: string;

  before(async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const signingKey = { ...(await exportJWK(privateKey)), kid: 'dev-test', alg: 'ES256', use: 'sig' };
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port.toString()}`;
    const users = readDevUsers(path.join(__dirname, '../../../network/users.json'));
    const provider = createDevProvider({
      issuer,
      audience: AUDIENCE,
      users,
      signingKey,
      tokenTtlSeconds: 300,
    });
    const handle = provider.callback();
    server.on('request', (req, res) => {
      void handle(req, res);
    });
  });

  after(() => {
    server.close();
    server.closeAllConnections();
  });

  async function tokenFor(
    user: string,
    secret: string,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials&scope=agreements',
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  function verifierFor(org: string): TokenVerifier {
    return devVerifier(issuer, AUDIENCE, org, [
      'caseworker',
      'centre_head',
      'director',
      'provider_staff',
      'consultant',
    ]);
  }

  it("issues the story's users JWT access tokens the gateway accepts, with org and role", async () => {
    const expected = [
      ['sara', 'municipality', 'caseworker'],
      ['mads', 'municipality', 'centre_head'],
      ['lene', 'municipality', 'centre_head'],
      ['jonas', 'municipality', 'director'],
      ['karin', 'placement', 'provider_staff'],
      ['ole', 'consultancy', 'consultant'],
    ] as const;
    for (const [username, org, role] of expected) {
      const { status, body } = await tokenFor(username, `${username}-dev-secret`);
      expect(status, username).to.equal(200);
      expect(body.token_type).to.equal('Bearer');
      const principal = await verifierFor(org).verify(`Bearer ${String(body.access_token)}`);
      expect(principal).to.deep.equal({ username, org, role });
    }
  });

  it('refuses a wrong client secret', async () => {
    const { status, body } = await tokenFor('sara', 'guess');
    expect(status).to.equal(401);
    expect(body.error).to.equal('invalid_client');
  });

  it("does not let one organisation's gateway accept another's users", async () => {
    const { body } = await tokenFor('karin', 'karin-dev-secret');
    try {
      await verifierFor('municipality').verify(`Bearer ${String(body.access_token)}`);
      expect.fail('accepted a placement-site user at the municipality');
    } catch (error) {
      expect((error as { code?: string }).code).to.equal('ORGANISATION_MISMATCH');
    }
  });
});
