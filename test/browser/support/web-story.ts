/**
 * What the web application's browser tests share: the story's dates anchored on today, a fictitious CPR number,
 * one browser context per person (Danish locale), and waiting for what another organisation's peer will show.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { GATEWAY_URL, loginAs, type GatewayOrg } from './browser';

/** A calendar date `months` from the first day of this month (UTC), as YYYY-MM-DD. */
export function firstDayFromNow(months: number, now: Date = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months, 1)).toISOString().slice(0, 10);
}

/** The last day of the month `months` from this one. */
export function lastDayFromNow(months: number, now: Date = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months + 1, 0))
    .toISOString()
    .slice(0, 10);
}

/** The first Sunday on or after a date. */
export function firstSundayFrom(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + ((7 - day.getUTCDay()) % 7));
  return day.toISOString().slice(0, 10);
}

/** A fictitious CPR number of a ten-year-old (born in the 2000s, digit 7 of 5–8) that passes modulus 11. */
export function fictitiousCpr(now: Date = new Date()): string {
  const weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
  const year = (now.getUTCFullYear() - 10).toString().slice(2);
  for (;;) {
    const day = (1 + Math.floor(Math.random() * 28)).toString().padStart(2, '0');
    const month = (1 + Math.floor(Math.random() * 12)).toString().padStart(2, '0');
    const serial = `${(5 + Math.floor(Math.random() * 4)).toString()}${Math.floor(Math.random() * 1000)
      .toString()
      .padStart(3, '0')}`;
    const digits = `${day}${month}${year}${serial}`;
    const sum = weights.reduce((total, weight, i) => total + weight * Number(digits.charAt(i)), 0);
    if (sum % 11 === 0) return `${digits.slice(0, 6)}-${digits.slice(6)}`;
  }
}

/** A person's own browser context (cookie jar), logged in at their organisation's gateway. */
export interface PersonPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Opens a screen of the application (a hash route) on the person's gateway. */
  readonly open: (route: string) => Promise<void>;
}

/** Logs a person in, in a fresh context with a Danish locale and a desktop-sized window. */
export async function personPage(browser: Browser, org: GatewayOrg, person: string): Promise<PersonPage> {
  const context = await browser.newContext({
    locale: 'da-DK',
    timezoneId: 'Europe/Copenhagen',
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  await loginAs(page, org, person);
  return {
    context,
    page,
    open: async (route: string) => {
      await page.goto(`${GATEWAY_URL[org]}/#${route}`);
      // A hash change alone does not reload; the screen reads what it needs when its route renders.
      await page.reload();
    },
  };
}

/**
 * Waits until `locator` is visible, reloading the page between tries: another organisation's peer commits a block a
 * moment after the writer's (the live stream usually refreshes the screen first).
 */
export async function untilVisible(page: Page, locator: Locator, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await locator.first().waitFor({ state: 'visible', timeout: 5_000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.reload();
    }
  }
}
