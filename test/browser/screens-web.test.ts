/**
 * The web application's screens in a real browser, beyond the story: a refusal shown as the product's sentence with
 * its code, the language switch, and keyboard access (skip link, focus on the main content).
 */
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { checkAccessibility, launchBrowser, screenshot } from './support/browser';
import { personPage, type PersonPage } from './support/web-story';

describe('browser: the web application’s screens', function () {
  this.timeout(5 * 60_000);
  let browser: Browser;
  let sara: PersonPage;

  before(async () => {
    browser = await launchBrowser();
    sara = await personPage(browser, 'municipality', 'sara');
  });

  after(async () => {
    await browser.close();
  });

  it('shows a refusal as a sentence a caseworker understands, with the product’s code', async () => {
    await sara.open('/agreements/findes-ikke-123');
    const alert = sara.page.getByRole('alert');
    await alert.waitFor({ timeout: 60_000 });
    const text = await alert.textContent();
    expect(text).to.contain('Det, du leder efter, findes ikke');
    expect(text).to.contain('Fejlkode: NOT_FOUND');
    await checkAccessibility(sara.page);
    await screenshot(sara.page, 'refusal-not-found');
  });

  it('switches every text to English and back, and sets the page language', async () => {
    await sara.open('/');
    await sara.page.getByRole('heading', { level: 1, name: 'Børn og aftaler' }).waitFor();
    expect(await sara.page.locator('html').getAttribute('lang')).to.equal('da');
    await sara.page.getByRole('button', { name: 'Read this in English' }).click();
    await sara.page.getByRole('heading', { level: 1, name: 'Children and agreements' }).waitFor();
    expect(await sara.page.locator('html').getAttribute('lang')).to.equal('en');
    await checkAccessibility(sara.page);
    await screenshot(sara.page, 'caseworker-home-english');
    await sara.page.reload();
    await sara.page.getByRole('heading', { level: 1, name: 'Children and agreements' }).waitFor();
    await sara.page.getByRole('button', { name: 'Læs på dansk' }).click();
    await sara.page.getByRole('heading', { level: 1, name: 'Børn og aftaler' }).waitFor();
  });

  it('lets a keyboard user skip to the content', async () => {
    await sara.open('/');
    await sara.page.getByRole('heading', { level: 1, name: 'Børn og aftaler' }).waitFor();
    await sara.page.keyboard.press('Tab');
    expect(await sara.page.evaluate<string>('document.activeElement.textContent')).to.equal('Gå til indhold');
    await sara.page.keyboard.press('Enter');
    expect(await sara.page.evaluate<string>('document.activeElement.id')).to.equal('main-content');
  });
});
