/**
 * The browser tests' harness: Debian's Chromium driven by playwright-core (no browser download), logging in through
 * the development identity provider's real login page, screenshots, and axe-core accessibility checks.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AxeResults, Result } from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { GATEWAY_URL, type GatewayOrg } from '../../e2e/support/gateways';

export { GATEWAY_URL, type GatewayOrg };

/** Where the browser is: Debian's `chromium` package (`.ci/run` installs it). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where {@link screenshot} saves (git-ignored). */
export const SCREENSHOT_DIR = path.join(__dirname, '..', 'screenshots');

/**
 * Headless Chromium with the flags a container needs and nothing that calls home. Each launch gets a fresh
 * temporary profile (user-data dir), removed when the browser closes; each `browser.newContext()` is a fresh cookie
 * jar on top — one per person.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** The development password of a person of the story. */
export function devPassword(person: string): string {
  return `${person}-dev-secret`;
}

/**
 * Logs `person` in at `org`'s gateway the way a person does: the gateway's login sends the browser to the identity
 * provider's login page, where the name and password are typed, and back. Asks for a fresh login (`prompt=login`),
 * so that a page can change person. Ends on the page `returnTo` (default `/`) of the gateway.
 * @throws Error if the login page does not let the person in.
 */
export async function loginAs(
  page: Page,
  org: GatewayOrg,
  person: string,
  options: { readonly returnTo?: string } = {},
): Promise<void> {
  const gateway = GATEWAY_URL[org];
  const returnTo = options.returnTo ?? '/';
  await page.goto(`${gateway}/auth/login?prompt=login&returnTo=${encodeURIComponent(returnTo)}`);
  await page.waitForURL(/\/interaction\/[^/]+$/);
  await page.locator('#username').fill(person);
  await page.locator('#password').fill(devPassword(person));
  await page.locator('form button[type="submit"]').click();
  // Either back at the gateway, or the login page says what is wrong (no need to wait out the timeout then).
  const outcome = await Promise.race([
    page
      .waitForURL((url) => url.href.startsWith(gateway) && !url.pathname.startsWith('/auth/'), {
        timeout: 15_000,
      })
      .then(() => 'in' as const),
    page
      .locator('.error-summary')
      .waitFor({ timeout: 15_000 })
      .then(() => 'refused' as const),
  ]).catch(() => 'timeout' as const);
  if (outcome !== 'in') {
    const problem = await page
      .locator('.error-summary')
      .textContent({ timeout: 1_000 })
      .catch(() => null);
    throw new Error(
      `${person} could not log in at ${org} (${outcome}, at ${page.url()})${problem === null ? '' : `: ${problem.trim()}`}`,
    );
  }
}

/** Saves a full-page PNG as `test/browser/screenshots/<name>.png`, prints its path and returns it. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^A-Za-z0-9_-]/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  process.stdout.write(`      screenshot: ${path.relative(process.cwd(), file)}\n`);
  return file;
}

/** What {@link checkAccessibility} found: counts by impact, and the rules that failed. */
export interface AccessibilityReport {
  readonly url: string;
  readonly violations: number;
  readonly byImpact: Readonly<Record<string, number>>;
  readonly rules: readonly string[];
}

const AXE_SOURCE_FILE = require.resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
let axeSource: string | undefined;

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules and best practices) on the page as it is now and fails on any serious
 * or critical violation, naming rule, impact and elements. The engine is evaluated through the DevTools protocol,
 * which the page's content security policy does not govern, so the pages are checked under their real CSP.
 * @throws Error listing the serious and critical violations.
 */
export async function checkAccessibility(page: Page): Promise<AccessibilityReport> {
  axeSource ??= readFileSync(AXE_SOURCE_FILE, 'utf8');
  // Strings, not functions: the tests compile without the DOM's types.
  if (!(await page.evaluate<boolean>("typeof window.axe === 'object'"))) {
    await page.evaluate(axeSource);
  }
  const results = await page.evaluate<AxeResults>(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} } })`,
  );
  const byImpact: Record<string, number> = {};
  for (const violation of results.violations) {
    const impact = violation.impact ?? 'unknown';
    byImpact[impact] = (byImpact[impact] ?? 0) + 1;
  }
  const blocking = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  if (blocking.length > 0) {
    throw new Error(
      `accessibility violations on ${page.url()}:\n${blocking.map(describeViolation).join('\n')}`,
    );
  }
  return {
    url: page.url(),
    violations: results.violations.length,
    byImpact,
    rules: results.violations.map((violation) => `${violation.id} (${violation.impact ?? 'unknown'})`),
  };
}

function describeViolation(violation: Result): string {
  const targets = violation.nodes
    .slice(0, 5)
    .map((node) => node.target.join(' '))
    .join(', ');
  return `  - ${violation.id} [${violation.impact ?? 'unknown'}]: ${violation.help} — ${targets}`;
}
