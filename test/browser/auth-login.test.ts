/**
 * Logging in and out as a person in a real browser (Debian's Chromium) against the running gateways and the
 * development identity provider: the login page's accessibility, the session cookie's flags, that page script can
 * reach no token, the CSRF refusal, the API acting as the logged-in person on the ledger, and logout.
 */
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  checkAccessibility,
  GATEWAY_URL,
  launchBrowser,
  loginAs,
  screenshot,
  type GatewayOrg,
} from './support/browser';

const MUNICIPALITY = GATEWAY_URL.municipality;

interface FetchAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** `fetch` from the page itself, with its cookies (what the web application does). */
function pageFetch(page: Page, path: string, init: Record<string, unknown> = {}): Promise<FetchAnswer> {
  return page.evaluate(
    `fetch(${JSON.stringify(path)}, ${JSON.stringify(init)}).then(async (r) => ({ status: r.status, body: await r.json().catch(() => ({})) }))`,
  );
}

describe('browser: login and logout as a person', function () {
  this.timeout(120_000);
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ locale: 'da-DK' });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  it('shows an accessible Danish login page, with English one link away', async () => {
    await page.goto(`${MUNICIPALITY}/auth/login?returnTo=%2F`);
    await page.waitForURL(/\/interaction\//);
    expect(await page.locator('html').getAttribute('lang')).to.equal('da');
    expect(await page.locator('h1').textContent()).to.equal('Log ind hos Høje-Taastrup Kommune');
    const people = await page.locator('fieldset label').allTextContents();
    expect(people.map((label) => label.split(' ')[0])).to.deep.equal([
      'Sara',
      'Mads',
      'Lene',
      'Jonas',
      'Anne',
      'Birthe',
    ]);
    const danish = await checkAccessibility(page);
    await screenshot(page, 'auth-idp-login-da');

    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.locator('html').getAttribute('lang')).to.equal('en');
    expect(await page.locator('h1').textContent()).to.equal('Sign in to Høje-Taastrup Kommune');
    const english = await checkAccessibility(page);
    await screenshot(page, 'auth-idp-login-en');

    await page.getByRole('link', { name: 'Dansk' }).click();
    await page.locator('#password').fill('forkert');
    await page.getByRole('radio', { name: /Sara/ }).check();
    await page.getByRole('button', { name: 'Log ind' }).click();
    expect(await page.getByRole('alert').textContent()).to.contain(
      'Brugernavnet eller adgangskoden er forkert.',
    );
    expect(await page.locator('#password').getAttribute('aria-invalid')).to.equal('true');
    const failed = await checkAccessibility(page);
    await screenshot(page, 'auth-idp-login-error-da');
    process.stdout.write(
      `      axe: login page da ${danish.violations}, en ${english.violations}, with error ${failed.violations} violations (${[...danish.rules, ...english.rules, ...failed.rules].join(', ') || 'none'})\n`,
    );
  });

  it('logs the caseworker in by picking her, back to the page asked for, with an HttpOnly SameSite=Strict cookie', async () => {
    await page.goto(`${MUNICIPALITY}/auth/login?returnTo=${encodeURIComponent('/oversigt?barn=1')}`);
    await page.waitForURL(/\/interaction\//);
    await page.getByRole('radio', { name: /Sara/ }).check();
    await page.locator('#password').fill('sara-dev-secret');
    await Promise.all([
      page.waitForURL(`${MUNICIPALITY}/oversigt?barn=1`),
      page.getByRole('button', { name: 'Log ind' }).click(),
    ]);

    const cookies = await context.cookies(MUNICIPALITY);
    const session = cookies.find((cookie) => cookie.name === 'agreements-session-municipality');
    expect(session, 'session cookie').not.to.equal(undefined);
    expect(session).to.include({ httpOnly: true, sameSite: 'Strict', path: '/', secure: false, expires: -1 });
    expect(session!.value).to.match(/^[A-Za-z0-9_-]{43}$/);
    // The identity provider's own cookies share the host name (localhost); the gateway sets only its session's.
    expect(cookies.map((cookie) => cookie.name).filter((name) => !name.startsWith('_'))).to.deep.equal([
      'agreements-session-municipality',
    ]);

    const { status, body } = await pageFetch(page, '/auth/session');
    expect(status).to.equal(200);
    expect(body.person).to.deep.include({
      name: 'sara',
      displayName: 'Sara',
      role: 'caseworker',
      mspId: 'MunicipalityMSP',
    });
    await screenshot(page, 'auth-landed-municipality');
  });

  it('leaves no token where page script can read it', async () => {
    await loginAs(page, 'municipality', 'jonas');
    const { body } = await pageFetch(page, '/auth/session');
    const visible = await page.evaluate<{ cookie: string; local: string; session: string }>(
      `({ cookie: document.cookie, local: JSON.stringify({ ...localStorage }), session: JSON.stringify({ ...sessionStorage }) })`,
    );
    const sessionCookie = (await context.cookies(MUNICIPALITY)).find((c) =>
      c.name.startsWith('agreements-session'),
    );
    expect(visible.cookie).to.equal('');
    for (const store of [visible.local, visible.session]) {
      expect(store).not.to.match(/eyJ/);
      expect(store).not.to.contain(sessionCookie!.value);
    }
    expect(JSON.stringify(body)).not.to.match(/eyJ|access_token|refresh_token|id_token/);
  });

  it('acts as the logged-in person on the ledger, and refuses a cookie-only write without the CSRF header', async () => {
    await loginAs(page, 'municipality', 'sara');
    const onLedger = await pageFetch(page, '/api/v1/placements/me');
    expect(onLedger.status).to.equal(200);
    expect(onLedger.body).to.include({ role: 'caseworker', mspId: 'MunicipalityMSP' });

    const write = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' };
    const refused = await pageFetch(page, '/api/v1/placements/child-pseudonyms', write);
    expect(refused.status).to.equal(403);
    expect(refused.body.code).to.equal('CSRF_TOKEN_INVALID');

    const { body } = await pageFetch(page, '/auth/session');
    const allowed = await pageFetch(page, '/api/v1/placements/child-pseudonyms', {
      ...write,
      headers: { ...write.headers, 'x-csrf-token': body.csrfToken },
    });
    // Past the CSRF check: now it is the (empty) body that is refused.
    expect(allowed.status).to.equal(400);
    expect(allowed.body.code).to.equal('REQUEST_INVALID');
  });

  it("logs each organisation's people in at their own gateway only", async () => {
    const cases: [GatewayOrg, string, string][] = [
      ['placement', 'karin', 'provider_staff'],
      ['consultancy', 'ole', 'consultant'],
    ];
    for (const [org, person, role] of cases) {
      await loginAs(page, org, person);
      const { status, body } = await pageFetch(page, '/auth/session');
      expect(status, person).to.equal(200);
      expect(body.person, person).to.deep.include({ name: person, role, organisation: org });
    }
    const error = await loginAs(page, 'municipality', 'karin').catch((caught: unknown) => caught);
    expect(String(error)).to.contain('hører ikke til Høje-Taastrup Kommune');
    await screenshot(page, 'auth-idp-login-other-organisation');
  });

  it('logs out of the gateway and of the identity provider', async () => {
    await loginAs(page, 'municipality', 'mads');
    const { body } = await pageFetch(page, '/auth/session');
    const noToken = await pageFetch(page, '/auth/logout', { method: 'POST' });
    expect(noToken.status).to.equal(403);
    expect(noToken.body.code).to.equal('CSRF_TOKEN_INVALID');

    const out = await pageFetch(page, '/auth/logout', {
      method: 'POST',
      headers: { 'x-csrf-token': body.csrfToken },
    });
    expect(out.status).to.equal(200);
    expect((await pageFetch(page, '/auth/session')).status).to.equal(401);
    expect(await pageFetch(page, '/api/v1/me')).to.deep.include({ status: 401 });

    await page.goto(String(out.body.endSessionUrl));
    expect(await page.locator('h1').textContent()).to.equal('Log ud');
    await checkAccessibility(page);
    await screenshot(page, 'auth-idp-logout-da');
    await Promise.all([
      page.waitForURL(`${MUNICIPALITY}/`),
      page.getByRole('button', { name: 'Ja, log ud' }).click(),
    ]);

    // The provider's session is gone too: a new login shows the login page again, even without prompt=login.
    await page.goto(`${MUNICIPALITY}/auth/login?returnTo=%2F`);
    await page.waitForURL(/\/interaction\//);
    expect(await page.locator('#password').count()).to.equal(1);
  });
});
