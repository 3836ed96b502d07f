/**
 * A new care provider joins the running network as an operator adds it (`network.sh addOrg -org-file
 * network/orgs/solhoej.json`): it becomes a member of the existing `placements` channel, the municipality drafts an
 * agreement with it through the REST gateway and both sign it, and the other providers cannot read the new pair
 * collection — neither through their gateway nor by asking the chaincode directly. Safe to run again on a network
 * where the provider joined already: addOrg then finds every step done.
 */
import { expect } from 'chai';
import { join } from 'node:path';
import { refusalCode } from 'agreements-client';
import { placementDraft, storyStart } from 'agreements-case-story';
import { fetchDevAccessToken } from 'dev-identity-provider/dev-token';
import { gatewayUrl, organisation, readTopology } from '../../scripts/lib/topology-reader.cjs';
import { type AgreementBody, expectWrite, type WriteBody } from '../e2e/support/agreements';
import { callAs, domainPath, OIDC_ISSUER, waitUntilReady } from '../e2e/support/gateways';
import { closeAll, uniqueId } from '../support/network';
import { canaryChild, childDataContract, MUNICIPALITY } from '../support/privacy-data';
import { putShared, readPersonal } from '../support/privacy-rest';
import { txError } from '../support/story';
import { DEFAULT_NETWORK, eventually, ROOT, timed } from './support';

const ORG_FILE = join(ROOT, 'network', 'orgs', 'solhoej.json');
const KEY = 'solhoej';
/** The new provider's person (network/users.json). */
const STAFF = 'mette';

/** A call to the new provider's gateway as its staff member. */
async function callNewProvider(method: string, path: string, json?: unknown) {
  const { token } = await fetchDevAccessToken(OIDC_ISSUER, STAFF);
  const response = await fetch(`${gatewayUrl(readTopology(), KEY)}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(json === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as unknown };
}

describe('operations: a new care provider joins', function () {
  this.timeout(900_000);
  after(closeAll);

  let providerMspId = '';

  before(async function () {
    const joinedBefore = readTopology().organisations.some((org) => org.key === KEY);
    const seconds = timed(DEFAULT_NETWORK, 'network.sh', 'addOrg', '-org-file', ORG_FILE);
    console.log(
      `      addOrg${joinedBefore ? ' (joined already: every step found done)' : ''} ${seconds.toFixed(1)} s`,
    );
    providerMspId = organisation(readTopology(), KEY).mspId;
    await waitUntilReady('municipality');
    await eventually('the new provider’s gateway is ready', 120_000, async () => {
      const response = await fetch(`${gatewayUrl(readTopology(), KEY)}/readyz`);
      await response.body?.cancel();
      return response.status === 200 ? true : undefined;
    });
  });

  it('is a member of placements, with its own pair collection, in every verb’s topology', function () {
    const topology = readTopology();
    expect(topology.domains.find((d) => d.channel === 'placements')?.members).to.include(KEY);
    expect(topology.domains.find((d) => d.channel === 'prevention')?.members).not.to.include(KEY);
  });

  it('gets an agreement with the municipality: drafted through the REST gateway, signed by both, active', async function () {
    const draft = placementDraft({
      id: uniqueId('addorg-placement'),
      start: storyStart(),
      childPseudonym: uniqueId('addorg-child'),
      parties: { municipalityMspId: MUNICIPALITY, providerMspId },
    });
    const { data } = expectWrite(
      await callAs('sara', 'POST', domainPath('/agreements'), { json: draft }),
      201,
    );
    expectWrite(await callAs('sara', 'POST', domainPath(`/agreements/${data.id}/submission`)), 200);
    const signatures = domainPath(`/agreements/${data.id}/versions/1/signatures`);
    expectWrite(await callAs('mads', 'POST', signatures), 201);
    expectWrite(await callAs('lene', 'POST', signatures), 201);
    const signed = await callNewProvider('POST', signatures);
    expect(signed.status, signed.text.slice(0, 500)).to.equal(201);
    expect((signed.body as WriteBody).data.status).to.equal('active');
    // The provider's staff see it through their own gateway, the municipality through its own.
    const seen = await callNewProvider('GET', domainPath(`/agreements/${data.id}`));
    expect(seen.status, seen.text.slice(0, 300)).to.equal(200);
    expect((seen.body as AgreementBody).status).to.equal('active');
    const own = await callAs('sara', 'GET', domainPath(`/agreements/${data.id}`));
    expect((own.body as AgreementBody).status).to.equal('active');
  });

  it('its staff log in to its web application: the identity provider offers its people on its login page', async function () {
    // The gateway sends the browser to the identity provider as its web client `gateway-solhoej`…
    const login = await fetch(`${gatewayUrl(readTopology(), KEY)}/auth/login?returnTo=%2F`, {
      redirect: 'manual',
    });
    const authorize = login.headers.get('location') ?? '';
    expect(authorize, `login answered ${login.status}`).to.contain(`client_id=gateway-${KEY}`);
    // …which knows that client (an unknown one gets an error page, not an interaction)…
    const started = await fetch(authorize, { redirect: 'manual' });
    const interaction = new URL(started.headers.get('location') ?? '', authorize);
    expect(started.status, 'the identity provider starts a login').to.be.within(302, 303);
    expect(interaction.pathname).to.match(/^\/interaction\//);
    const cookie = started.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    // …and shows the provider's people to choose from.
    const page = await fetch(interaction, { headers: { cookie } });
    const html = await page.text();
    expect(page.status).to.equal(200);
    expect(html).to.contain('Opholdsstedet Solhøj');
    expect(html).to.contain('Mette');
  });

  describe('its pair collection with the municipality', function () {
    const subject = canaryChild();

    before(async function () {
      const stored = await putShared(subject.pseudonym, providerMspId, subject.child);
      expect(stored.status, stored.text).to.equal(200);
    });

    it('its own staff read it through its gateway', async function () {
      const read = await callNewProvider(
        'POST',
        domainPath(`/children/${subject.pseudonym}/personal-data/reads`),
        {
          providerMspId,
          purpose: 'care_delivery',
        },
      );
      expect(read.status, read.text).to.equal(200);
      expect((read.body as { child?: unknown }).child).to.deep.equal(subject.child);
    });

    it('the placement site’s staff cannot read it through their gateway (403, nothing of the data)', async function () {
      const answer = await readPersonal(
        'placement',
        'karin',
        subject.pseudonym,
        providerMspId,
        'care_delivery',
      );
      expect(answer.status, answer.text).to.equal(403);
      for (const secret of Object.values(subject.child).flat()) expect(answer.text).not.to.contain(secret);
    });

    it('the placement site asking the chaincode on its own peer is refused, and learns not even whether it holds data', async function () {
      const karin = childDataContract('placement', 'karin');
      const logged = await txError(() =>
        karin.submit('LogChildDataAccess', {
          arguments: [subject.pseudonym, providerMspId, 'care_delivery'],
        }),
      );
      expect(refusalCode(logged), logged).to.equal('FORBIDDEN');
      const checked = await txError(() =>
        karin.evaluate('CheckChildData', { arguments: [subject.pseudonym, providerMspId] }),
      );
      expect(refusalCode(checked), checked).to.equal('FORBIDDEN');
      for (const secret of Object.values(subject.child).flat()) {
        expect(logged).not.to.contain(secret);
        expect(checked).not.to.contain(secret);
      }
    });
  });
});
