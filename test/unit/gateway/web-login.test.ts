import { expect } from 'chai';
import { exportJWK, generateKeyPair } from 'jose';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { readDevUsers } from 'dev-identity-provider/dev-users';
import { createDevIdentityHandler } from 'dev-identity-provider/server';
import { OidcLogin } from 'agreements-gateway/web/oidc-login';
import { SessionStore } from 'agreements-gateway/web/session-store';
import { webApplication } from 'agreements-gateway/web/web-application';
import { WebLogin } from 'agreements-gateway/web/web-login';
import { createLogger } from 'agreements-gateway/observability/logger';
import { CookieBrowser } from './support/cookie-browser';
import { devVerifier } from './support/dev-verifier';
import { AUDIENCE, startTestApp, type TestApp } from './support/test-app';

const SESSION_COOKIE = 'agreements-session-municipality';
const LOGIN_COOKIE = 'agreements-login-municipality';

/**
 * The web login end to end without the network: the development identity provider's real login page and the
 * gateway's backend-for-frontend routes, over HTTP on loopback, with the API behind them on a fake ledger.
 */
describe('web login (authorization code + PKCE, session cookie, CSRF)', () => {
  let idp: Server;
  let issuer: string;
  let app: TestApp;
  let sessions: SessionStore;
  const logLines: string[] = [];
  let idpDown: 'unreachable' | 'failing' | false = false;

  before(async () => {
    idp = createServer();
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port.toString()}`;
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const signingKey = { ...(await exportJWK(privateKey)), kid: 'web-test', alg: 'ES256', use: 'sig' };
    const verifier = devVerifier(issuer, AUDIENCE, 'municipality', [
      'caseworker',
      'centre_head',
      'director',
      'guardian',
      'auditor',
    ]);
    sessions = new SessionStore({ idleMs: 600_000, absoluteMs: 3_600_000, maxSessions: 100 });
    app = await startTestApp({
      verify: (authorization) => verifier.verify(authorization),
      web: (baseUrl) => {
        const provider = createDevIdentityHandler({
          issuer,
          audience: AUDIENCE,
          users: readDevUsers(path.join(__dirname, '../../../network/users.json')),
          webClients: [
            {
              clientId: 'gateway-municipality',
              secret: 'gateway-municipality-dev-secret',
              org: 'municipality',
              orgName: 'Høje-Taastrup Kommune',
              redirectUris: [`${baseUrl}/auth/callback`],
              postLogoutRedirectUris: [`${baseUrl}/`],
            },
          ],
          signingKey,
          tokenTtlSeconds: 300,
        });
        // The provider down: the connection is dropped, or it answers 503.
        idp.on('request', (req: IncomingMessage, res: ServerResponse) => {
          if (idpDown === 'unreachable') {
            req.socket.destroy();
          } else if (idpDown === 'failing') {
            res.writeHead(503, { 'content-type': 'text/html' }).end('<h1>down for maintenance</h1>');
          } else {
            provider(req, res);
          }
        });
        const login = new WebLogin({
          orgKey: 'municipality',
          orgName: 'Høje-Taastrup Kommune',
          mspId: 'MunicipalityMSP',
          channels: ['placements', 'prevention'],
          publicUrl: new URL(baseUrl),
          oidc: new OidcLogin({
            issuer: new URL(issuer),
            clientId: 'gateway-municipality',
            clientSecret: 'gateway-municipality-dev-secret',
            redirectUri: `${baseUrl}/auth/callback`,
            postLogoutRedirectUri: `${baseUrl}/`,
            scope: 'agreements',
          }),
          sessions,
          verify: (authorization) => verifier.verify(authorization),
          logger: createLogger('info', {}, { write: (line: string) => logLines.push(line) }),
        });
        return {
          routes: login.routes(),
          authenticate: (req) => login.authenticate(req),
          application: webApplication({ root: undefined, identityProviderOrigin: issuer, secure: false }),
        };
      },
    });
  });

  after(async () => {
    await app.close();
    idp.close();
    idp.closeAllConnections();
  });

  /** Logs `name` in through the provider's login page; returns the browser and where the login ended. */
  async function login(
    name: string,
    returnTo = '/aftaler/1',
  ): Promise<{ browser: CookieBrowser; landed: string; status: number; page: string }> {
    const browser = new CookieBrowser();
    const start = await browser.follow(`${app.baseUrl}/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
    expect(start.url).to.match(new RegExp(`^${issuer}/interaction/`));
    expect(start.response.status).to.equal(200);
    await start.response.text();
    const form = new URLSearchParams({
      lang: 'da',
      person: '',
      username: name,
      password: `${name}-dev-secret`,
    });
    const submitted = await browser.request(`${start.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    if (submitted.status !== 303) {
      return { browser, landed: start.url, status: submitted.status, page: await submitted.text() };
    }
    const end = await browser.follow(new URL(submitted.headers.get('location') ?? '', start.url).href);
    return { browser, landed: end.url, status: end.response.status, page: await end.response.text() };
  }

  async function sessionOf(
    browser: CookieBrowser,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await browser.request(`${app.baseUrl}/auth/session`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('logs a person in and returns them to the page they asked for, holding only a session cookie', async () => {
    const { browser, landed, status } = await login('sara');
    expect(landed).to.equal(`${app.baseUrl}/aftaler/1`);
    expect(status).to.equal(200);
    expect(browser.cookie(app.baseUrl, SESSION_COOKIE)).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(browser.cookie(app.baseUrl, LOGIN_COOKIE)).to.equal(undefined);
    const { status: sessionStatus, body } = await sessionOf(browser);
    expect(sessionStatus).to.equal(200);
    expect(body.person).to.deep.equal({
      name: 'sara',
      displayName: 'Sara',
      role: 'caseworker',
      organisation: 'municipality',
      organisationName: 'Høje-Taastrup Kommune',
      mspId: 'MunicipalityMSP',
    });
    expect(body.csrfToken).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(body.domains).to.deep.equal(['placements', 'prevention']);
    expect(JSON.stringify(body)).not.to.match(/eyJ/);
  });

  it('sets the session cookie HttpOnly and SameSite=Strict (Secure and __Host- only over HTTPS)', async () => {
    const browser = new CookieBrowser();
    const start = await browser.follow(`${app.baseUrl}/auth/login`);
    const loginCookie = (await fetch(`${app.baseUrl}/auth/login`, { redirect: 'manual' })).headers.get(
      'set-cookie',
    );
    expect(loginCookie).to.match(
      /^agreements-login-municipality=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=600$/,
    );
    const submitted = await browser.request(`${start.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=mads&password=mads-dev-secret',
    });
    let response = submitted;
    let url = start.url;
    while (!url.startsWith(`${app.baseUrl}/auth/callback`)) {
      url = new URL(response.headers.get('location') ?? '', url).href;
      response = await browser.request(url);
    }
    const cookies = response.headers.getSetCookie();
    expect(cookies).to.include.members([
      'agreements-login-municipality=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0',
    ]);
    const session = cookies.find((line) => line.startsWith(`${SESSION_COOKIE}=`));
    expect(session).to.match(
      /^agreements-session-municipality=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/,
    );
  });

  it('lets the session cookie call the API as the same person, and refuses a write without the CSRF header', async () => {
    const { browser } = await login('jonas');
    const me = await browser.request(`${app.baseUrl}/api/v1/me`);
    expect(me.status).to.equal(200);
    expect(await me.json()).to.include({ username: 'jonas', role: 'director', org: 'municipality' });

    const write = (headers: Record<string, string>): Promise<Response> =>
      browser.request(`${app.baseUrl}/api/v1/placements/child-pseudonyms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{}',
      });
    const refused = await write({});
    expect(refused.status).to.equal(403);
    expect(((await refused.json()) as { code: string }).code).to.equal('CSRF_TOKEN_INVALID');
    const wrong = await write({ 'x-csrf-token': 'A'.repeat(43) });
    expect(((await wrong.json()) as { code: string }).code).to.equal('CSRF_TOKEN_INVALID');
    const { body } = await sessionOf(browser);
    const allowed = await write({ 'x-csrf-token': String(body.csrfToken) });
    // Past authentication and CSRF: the body is what is wrong now.
    expect(allowed.status).to.equal(400);
    expect(((await allowed.json()) as { code: string }).code).to.equal('REQUEST_INVALID');
  });

  it('keeps bearer tokens working beside the cookie (the bearer token decides)', async () => {
    const { browser } = await login('sara');
    const token = await app.token('sara', 'caseworker');
    // The test app's own tokens are not the provider's: a bearer token is checked even when a cookie is present.
    const response = await browser.request(`${app.baseUrl}/api/v1/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).to.equal(401);
  });

  it('refreshes an expired access token with the refresh token, keeping the session', async () => {
    const { browser } = await login('lene');
    const id = browser.cookie(app.baseUrl, SESSION_COOKIE)!;
    const session = sessions.get(id)!;
    const before = session.tokens.accessToken;
    session.tokens = { ...session.tokens, accessTokenExpiresAt: 0 };
    const me = await browser.request(`${app.baseUrl}/api/v1/me`);
    expect(me.status).to.equal(200);
    expect(sessions.get(id)!.tokens.accessToken).not.to.equal(before);
  });

  it('ends the session when the token can no longer be refreshed (the person logs in again)', async () => {
    const { browser } = await login('lene');
    const id = browser.cookie(app.baseUrl, SESSION_COOKIE)!;
    const session = sessions.get(id)!;
    session.tokens = { ...session.tokens, accessTokenExpiresAt: 0, refreshToken: 'not-a-refresh-token' };
    const me = await browser.request(`${app.baseUrl}/api/v1/me`);
    expect(me.status).to.equal(401);
    expect(((await me.json()) as { code: string }).code).to.equal('UNAUTHENTICATED');
    expect((await sessionOf(browser)).status).to.equal(401);
  });

  it('keeps the session when the provider is down at refresh time: 503 with Retry-After, then refreshes', async () => {
    const { browser } = await login('lene');
    const id = browser.cookie(app.baseUrl, SESSION_COOKIE)!;
    const session = sessions.get(id)!;
    const before = session.tokens.accessToken;
    session.tokens = { ...session.tokens, accessTokenExpiresAt: 0 };
    try {
      for (const down of ['unreachable', 'failing'] as const) {
        idpDown = down;
        const me = await browser.request(`${app.baseUrl}/api/v1/me`);
        expect(me.status, down).to.equal(503);
        expect(me.headers.get('retry-after')).to.equal('5');
        expect(((await me.json()) as { code: string }).code).to.equal('IDENTITY_PROVIDER_UNAVAILABLE');
        expect(sessions.get(id), down).to.equal(session);
      }
    } finally {
      idpDown = false;
    }
    const me = await browser.request(`${app.baseUrl}/api/v1/me`);
    expect(me.status).to.equal(200);
    expect(sessions.get(id)!.tokens.accessToken).not.to.equal(before);
  });

  it('goes on with a still valid access token while the provider cannot refresh it', async () => {
    const { browser } = await login('lene');
    const id = browser.cookie(app.baseUrl, SESSION_COOKIE)!;
    const session = sessions.get(id)!;
    // Inside the refresh margin, not yet expired.
    session.tokens = { ...session.tokens, accessTokenExpiresAt: Date.now() + 10_000 };
    idpDown = 'unreachable';
    try {
      const me = await browser.request(`${app.baseUrl}/api/v1/me`);
      expect(me.status).to.equal(200);
    } finally {
      idpDown = false;
    }
    expect(sessions.get(id)).to.equal(session);
  });

  it('logs out only with the CSRF token, ends the session and names the provider logout', async () => {
    const { browser } = await login('sara');
    const { body } = await sessionOf(browser);
    const refused = await browser.request(`${app.baseUrl}/auth/logout`, { method: 'POST' });
    expect(refused.status).to.equal(403);
    expect(((await refused.json()) as { code: string }).code).to.equal('CSRF_TOKEN_INVALID');
    const out = await browser.request(`${app.baseUrl}/auth/logout`, {
      method: 'POST',
      headers: { 'x-csrf-token': String(body.csrfToken) },
    });
    expect(out.status).to.equal(200);
    const { endSessionUrl } = (await out.json()) as { endSessionUrl: string };
    expect(endSessionUrl).to.match(new RegExp(`^${issuer}/session/end\\?`));
    expect(new URL(endSessionUrl).searchParams.get('post_logout_redirect_uri')).to.equal(`${app.baseUrl}/`);
    expect(browser.cookie(app.baseUrl, SESSION_COOKIE)).to.equal(undefined);
    const after = await sessionOf(browser);
    expect(after.status).to.equal(401);
    expect(after.body.code).to.equal('UNAUTHENTICATED');
  });

  it("refuses another organisation's person at the login page", async () => {
    const { status, page } = await login('karin');
    expect(status).to.equal(403);
    expect(page).to.contain('hører ikke til Høje-Taastrup Kommune');
  });

  it('refuses a wrong password without saying whether the person exists', async () => {
    const browser = new CookieBrowser();
    const start = await browser.follow(`${app.baseUrl}/auth/login`);
    const answers: string[] = [];
    for (const username of ['sara', 'nobody']) {
      const response = await browser.request(`${start.url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `username=${username}&password=guess`,
      });
      expect(response.status).to.equal(401);
      answers.push((await response.text()).replace(/value="[^"]*"/g, ''));
    }
    expect(answers[0]).to.equal(answers[1]);
    expect(answers[0]).to.contain('Brugernavnet eller adgangskoden er forkert.');
  });

  it('returns only to paths on the gateway', async () => {
    for (const returnTo of ['https://evil.example/', '//evil.example/', '/\\evil.example', '/auth/logout']) {
      const { landed } = await login('sara', returnTo);
      expect(landed, returnTo).to.equal(`${app.baseUrl}/`);
    }
  });

  it('refuses a callback that no login of this browser began', async () => {
    const { browser } = await login('sara');
    const response = await browser.request(`${app.baseUrl}/auth/callback?code=abc&state=def`);
    expect(response.status).to.equal(400);
    expect(await response.text()).to.contain('LOGIN_EXPIRED');
  });

  it('answers 401 UNAUTHENTICATED for a session cookie the gateway does not hold', async () => {
    const browser = new CookieBrowser();
    browser.setCookie(app.baseUrl, SESSION_COOKIE, 'B'.repeat(43));
    expect((await sessionOf(browser)).body.code).to.equal('UNAUTHENTICATED');
    const me = await browser.request(`${app.baseUrl}/api/v1/me`);
    expect(me.status).to.equal(401);
  });

  it('never logs a cookie, token or CSRF token', () => {
    const all = [...logLines, ...app.logLines].join('\n');
    expect(all).not.to.match(/eyJ[A-Za-z0-9_-]{10,}/);
    expect(all).not.to.contain('agreements-session');
  });
});
