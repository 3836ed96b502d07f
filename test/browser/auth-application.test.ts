/**
 * The gateway serving the web application in Chromium: any page path answers the application (or, before
 * `web/dist` is built, the placeholder) under the content security policy, which the page runs under without a
 * single violation; API and login paths never fall back to it.
 */
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { checkAccessibility, GATEWAY_URL, launchBrowser, loginAs, screenshot } from './support/browser';

const MUNICIPALITY = GATEWAY_URL.municipality;

describe('browser: the web application as the gateway serves it', function () {
  this.timeout(120_000);
  let browser: Browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser.close();
  });

  it('answers a deep page path with the application under a strict CSP it runs under without violations', async () => {
    const context = await browser.newContext({ locale: 'da-DK' });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/content security policy/i.test(message.text())) {
        violations.push(message.text());
      }
    });
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    const response = await page.goto(`${MUNICIPALITY}/aftaler/ukendt/historik`);
    expect(response?.status()).to.equal(200);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).to.contain("script-src 'self'");
    expect(csp).to.contain("style-src 'self'");
    expect(csp).to.contain("frame-ancestors 'none'");
    expect(csp).not.to.contain('unsafe-inline');
    expect(csp).not.to.contain('unsafe-eval');
    // Not networkidle: a logged-in application keeps its event stream open.
    await page.waitForLoadState('load');
    await page.waitForTimeout(1_000);
    expect(await page.locator('html').getAttribute('lang')).to.equal('da');
    expect(violations, violations.join('\n')).to.deep.equal([]);
    expect(failed).to.deep.equal([]);
    await checkAccessibility(page);
    await screenshot(page, 'auth-application-deep-path');

    // Logged in, the application calls the API and opens its event stream: still nothing the policy blocks.
    await loginAs(page, 'municipality', 'sara');
    await page.waitForTimeout(2_000);
    expect(violations, violations.join('\n')).to.deep.equal([]);
    await screenshot(page, 'auth-application-logged-in');
    await context.close();
  });

  it('keeps API, login and asset paths out of the fallback', async () => {
    const api = await fetch(`${MUNICIPALITY}/api/v1/nothing-here`);
    expect(api.status).to.equal(404);
    expect(api.headers.get('content-type')).to.contain('application/problem+json');
    const auth = await fetch(`${MUNICIPALITY}/auth/nothing-here`);
    expect(auth.status).to.equal(404);
    const asset = await fetch(`${MUNICIPALITY}/assets/missing-0000.js`);
    expect(asset.status).to.equal(404);
    const traversal = await fetch(`${MUNICIPALITY}/..%2f..%2fpackage.json`);
    expect(traversal.status).to.be.oneOf([400, 404]);
    const session = await fetch(`${MUNICIPALITY}/auth/session`);
    expect(session.status).to.equal(401);
    expect(((await session.json()) as { code: string }).code).to.equal('UNAUTHENTICATED');
  });
});
