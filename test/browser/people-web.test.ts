/**
 * People, not fingerprints, in a real browser on the real network: Birthe, guardian of two children placed
 * separately, sees both and opens each one's log, where the caseworker is named; Jonas (director) sees the
 * delegation rule in force, has a rule the chaincode refuses explained as a sentence with its code, and adopts a new
 * version (the rule is put back afterwards, so the case story still plays under the rule it expects). axe on every
 * screen (no serious or critical violation) and screenshots in test/browser/screenshots/.
 */
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { uniqueId } from '../support/network';
import { callAs, domainPath } from '../e2e/support/gateways';
import { checkAccessibility, launchBrowser, screenshot } from './support/browser';
import { personPage, untilVisible } from './support/web-story';

interface RegistryBody {
  readonly delegationRule: { readonly tiers: unknown[] } | null;
}

describe('browser: people, not fingerprints', function () {
  this.timeout(10 * 60_000);
  let browser: Browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser.close();
  });

  it('Birthe sees her two children and opens each one’s log, which names the caseworker', async () => {
    // Birthe's earlier bindings are ended, then she is bound to two siblings; the first has data Sara stored.
    const mine = await callAs('birthe', 'GET', domainPath('/me/children'));
    for (const { childPseudonym } of (mine.body as { children: { childPseudonym: string }[] }).children) {
      await callAs('sara', 'DELETE', domainPath(`/children/${childPseudonym}/guardians/birthe`));
    }
    const [first, second] = [uniqueId('web-sibling-a'), uniqueId('web-sibling-b')].sort();
    if (first === undefined || second === undefined) throw new Error('two children expected');
    const stored = await callAs(
      'sara',
      'PUT',
      domainPath(`/children/${first}/personal-data/shared/PlacementSiteMSP`),
      {
        json: { name: 'Søskende Testbarn' },
      },
    );
    expect(stored.status, stored.text).to.equal(200);
    for (const child of [first, second]) {
      expect(
        (await callAs('sara', 'PUT', domainPath(`/children/${child}/guardians/birthe`))).status,
      ).to.equal(200);
    }

    const { page, open } = await personPage(browser, 'municipality', 'birthe');
    await open('/');
    await page.getByRole('heading', { level: 2, name: 'Dine børn' }).waitFor({ timeout: 60_000 });
    await untilVisible(page, page.getByRole('rowheader', { name: 'Barn 2' }));
    expect(await page.locator('tbody tr').count()).to.equal(2);
    expect(await page.getByRole('cell', { name: first }).count()).to.equal(1);
    await checkAccessibility(page);
    await screenshot(page, 'guardian-children');

    await page.getByRole('link', { name: 'Se loggen for barn 1' }).click();
    await page.getByRole('heading', { level: 2, name: `Log for barnet med reference ${first}` }).waitFor();
    await untilVisible(page, page.getByRole('cell', { name: 'Sara (Sagsbehandler)' }));
    await checkAccessibility(page);
    await screenshot(page, 'guardian-child-log');

    await page.getByRole('link', { name: 'Tilbage til dine børn' }).click();
    await page.getByRole('link', { name: 'Se loggen for barn 2' }).click();
    await page.getByText('Ingen har set eller gemt oplysninger om barnet.').waitFor({ timeout: 60_000 });
    await page.context().close();
  });

  it('Jonas sees the rule in force, is told why a rule is refused, and adopts a new version', async () => {
    const before = (await callAs('jonas', 'GET', domainPath('/registry'))).body as RegistryBody;
    const { page, open } = await personPage(browser, 'municipality', 'jonas');
    try {
      await open('/');
      await page.getByRole('link', { name: 'Delegationsregel' }).click();
      await page.getByRole('heading', { level: 1, name: 'Kommunens delegationsregel' }).waitFor();
      await page.getByRole('heading', { level: 2, name: /Gældende regel/ }).waitFor({ timeout: 60_000 });
      await checkAccessibility(page);
      await screenshot(page, 'director-delegation-rule');

      // The first tier must start at 0 kr.: the chaincode refuses, and the screen says so with the code.
      await page.getByLabel('Gælder fra månedlig værdi (kr.)').first().fill('100');
      await page.getByRole('button', { name: 'Vedtag ny version' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor({ timeout: 60_000 });
      const text = (await alert.textContent()) ?? '';
      expect(text).to.contain('Fejlkode: VALIDATION_FAILED');
      expect(text).to.contain('Oplysningerne overholder ikke');
      await page.getByText('Første trin skal gælde fra 0 kr.').waitFor();
      await checkAccessibility(page);
      await screenshot(page, 'director-delegation-refused');

      // From 0 kr. as before, and a new tier from 200.000 kr. a month that needs the director and a centre head.
      await page.getByLabel('Gælder fra månedlig værdi (kr.)').first().fill('0');
      await page.getByRole('button', { name: 'Tilføj trin' }).click();
      await page.getByLabel('Gælder fra månedlig værdi (kr.)').last().fill('200.000');
      await page.getByLabel('Rolle').last().selectOption('director');
      await page.getByRole('button', { name: 'Tilføj krav' }).last().click();
      await page.getByLabel('Rolle').last().selectOption('centre_head');
      await page.getByRole('button', { name: 'Vedtag ny version' }).click();
      await page.getByText(/af delegationsreglen er vedtaget/).waitFor({ timeout: 60_000 });
      await untilVisible(page, page.getByRole('cell', { name: /200\.000,00/ }));
      await checkAccessibility(page);
      await screenshot(page, 'director-delegation-adopted');
    } finally {
      // The rule the case story expects is adopted again (as a new version).
      if (before.delegationRule !== null) {
        const restored = await callAs('jonas', 'PUT', domainPath('/registry/delegation-rule'), {
          json: { tiers: before.delegationRule.tiers },
        });
        expect(restored.status, restored.text).to.equal(200);
      }
      await page.context().close();
    }
  });
});
