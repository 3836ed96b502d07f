/**
 * Issue 9, item 7: each organisation learns only what concerns it. The event stream (and the webhooks, through the
 * same filter) hand a provider only its own agreements' events, personal-data events only to the municipality, and
 * channel events to all; open streams are limited per user (429) and in total (503); HEAD answers the headers.
 */
import { expect } from 'chai';
import { admitsEvent, EventAudience, type EventViewer } from 'agreements-gateway/events/event-audience';
import type { LedgerEvent } from 'agreements-gateway/events/event-listener';
import { StreamSlots } from 'agreements-gateway/http/stream-slots';
import { ApiError } from 'agreements-gateway/errors/api-error';
import { startTestApp, type TestApp } from './support/test-app';

const MUNICIPALITY: EventViewer = { mspId: 'MunicipalityMSP', isMunicipality: true };
const SITE: EventViewer = { mspId: 'PlacementSiteMSP', isMunicipality: false };
const CONSULTANCY: EventViewer = { mspId: 'ConsultancyMSP', isMunicipality: false };

const SITE_AGREEMENT = {
  agreementId: 'p-1',
  municipalityMspId: 'MunicipalityMSP',
  providerMspId: 'PlacementSiteMSP',
};

function event(type: string, payload: unknown): LedgerEvent {
  return {
    id: `1.${'0'.repeat(64)}`,
    domain: 'placements',
    blockNumber: '1',
    transactionId: '0'.repeat(64),
    type,
    payload,
  };
}

describe('who learns of which event (issue 9, item 7)', () => {
  it("gives an agreement's events to its two parties only", () => {
    for (const type of [
      'AgreementSigned',
      'InvoiceValidated',
      'StatusReportSubmitted',
      'TerminationSigned',
    ]) {
      const signed = event(type, { ...SITE_AGREEMENT, status: 'active' });
      expect(admitsEvent(signed, MUNICIPALITY), type).to.equal(true);
      expect(admitsEvent(signed, SITE), type).to.equal(true);
      expect(admitsEvent(signed, CONSULTANCY), type).to.equal(false);
    }
  });

  it('gives an agreement event without its parties to the municipality only', () => {
    const bare = event('AgreementSigned', { agreementId: 'p-1', status: 'active' });
    expect(admitsEvent(bare, MUNICIPALITY)).to.equal(true);
    expect(admitsEvent(bare, SITE)).to.equal(false);
    expect(admitsEvent(event('AgreementSigned', null), SITE)).to.equal(false);
    expect(
      admitsEvent(event('SomethingNew', SITE_AGREEMENT), SITE),
      'known parties admit even a new type',
    ).to.equal(true);
    expect(admitsEvent(event('SomethingNew', {}), SITE)).to.equal(false);
  });

  it('gives personal-data events to the municipality only, even naming a provider', () => {
    for (const type of ['PersonalDataWritten', 'PersonalDataAccessed', 'PersonalDataErased']) {
      const touched = event(type, { childPseudonym: 'c', ...SITE_AGREEMENT });
      expect(admitsEvent(touched, MUNICIPALITY), type).to.equal(true);
      expect(admitsEvent(touched, SITE), type).to.equal(false);
    }
  });

  it('gives organisation and delegation-rule events to every member', () => {
    for (const type of ['OrganisationRegistered', 'DelegationRuleAdopted']) {
      expect(admitsEvent(event(type, { mspId: 'X' }), CONSULTANCY), type).to.equal(true);
    }
  });

  it("does not let a provider pass as the municipality by being named in the payload's municipality field", () => {
    const forged = event('AgreementSigned', {
      agreementId: 'x',
      municipalityMspId: 'ConsultancyMSP',
      providerMspId: 'PlacementSiteMSP',
    });
    expect(admitsEvent(forged, CONSULTANCY)).to.equal(false);
  });

  it("reads the organisation's place in each domain once from the registry", async () => {
    let reads = 0;
    const audience = new EventAudience('PlacementSiteMSP', () => {
      reads++;
      return Promise.resolve('MunicipalityMSP');
    });
    expect(await audience.admits(event('PersonalDataAccessed', {}))).to.equal(false);
    expect(await audience.admits(event('AgreementDrafted', SITE_AGREEMENT))).to.equal(true);
    expect(reads).to.equal(1);
  });
});

describe('open event streams are limited', () => {
  it('per user (429 TOO_MANY_STREAMS) and in total (503 STREAMS_EXHAUSTED), with Retry-After', () => {
    const slots = new StreamSlots({ perUser: 2, total: 3 });
    const a1 = slots.acquire('a');
    slots.acquire('a');
    const tooMany = (() => {
      try {
        slots.acquire('a');
      } catch (error) {
        return error as ApiError;
      }
      return undefined;
    })();
    expect(tooMany?.code).to.equal('TOO_MANY_STREAMS');
    expect(tooMany?.status).to.equal(429);
    expect(tooMany?.retryAfterSeconds).to.be.greaterThan(0);
    slots.acquire('b');
    expect(() => slots.acquire('c'))
      .to.throw(ApiError)
      .with.property('code', 'STREAMS_EXHAUSTED');
    a1();
    a1();
    expect(slots.open, 'a release counts once').to.equal(2);
    expect(() => slots.acquire('c')).not.to.throw();
  });
});

describe('the event stream over HTTP (fake ledger)', () => {
  let app: TestApp;
  let site: TestApp;
  const open: AbortController[] = [];

  before(async () => {
    app = await startTestApp();
    site = await startTestApp({ eventViewerMspId: 'PlacementSiteMSP' });
  });

  after(async () => {
    for (const abort of open) abort.abort();
    await app.close();
    await site.close();
  });

  async function connect(
    target: TestApp,
    user: string,
  ): Promise<{ response: Response; events: string[]; abort: AbortController }> {
    const abort = new AbortController();
    open.push(abort);
    const response = await fetch(`${target.baseUrl}/api/v1/placements/events`, {
      headers: { authorization: `Bearer ${await target.token(user, 'caseworker')}` },
      signal: abort.signal,
    });
    const events: string[] = [];
    if (response.status === 200 && response.body !== null) {
      const body: ReadableStream<Uint8Array> = response.body;
      void (async () => {
        let text = '';
        try {
          for await (const chunk of body) {
            text += Buffer.from(chunk).toString('utf8');
            const blocks = text.split('\n\n');
            text = blocks.pop() ?? '';
            for (const block of blocks) {
              const name = /^event: (.+)$/m.exec(block)?.[1];
              if (name !== undefined) events.push(name);
            }
          }
        } catch {
          // aborted
        }
      })();
    }
    return { response, events, abort };
  }

  async function until(check: () => boolean): Promise<void> {
    for (let i = 0; i < 100 && !check(); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it("streams a provider only its own agreements' events and the channel's", async () => {
    const stream = await connect(site, 'karin');
    expect(stream.response.status).to.equal(200);
    await until(() => site.fabric.subscriptions === 1);
    site.fabric.emit('AgreementSigned', {
      agreementId: 'v-1',
      municipalityMspId: 'MunicipalityMSP',
      providerMspId: 'ConsultancyMSP',
    });
    site.fabric.emit('PersonalDataAccessed', { childPseudonym: 'c', accessId: 'a' });
    site.fabric.emit('InvoiceValidated', { agreementId: 'p-1', invoiceId: 'i' });
    site.fabric.emit('AgreementSigned', SITE_AGREEMENT);
    site.fabric.emit('OrganisationRegistered', { mspId: 'TaxiMSP' });
    await until(() => stream.events.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stream.events).to.deep.equal(['AgreementSigned', 'OrganisationRegistered']);
    stream.abort.abort();
  });

  it('answers HEAD with the event-stream content type, no body and no subscription', async () => {
    const response = await fetch(`${app.baseUrl}/api/v1/placements/events`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${await app.token('sara', 'caseworker')}` },
    });
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^text\/event-stream/);
    expect(await response.text()).to.equal('');
    expect(app.fabric.subscriptions).to.equal(0);
    const anonymous = await fetch(`${app.baseUrl}/api/v1/placements/events`, { method: 'HEAD' });
    expect(anonymous.status).to.equal(401);
    const elsewhere = await fetch(`${app.baseUrl}/api/v1/nowhere/events`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${await app.token('sara', 'caseworker')}` },
    });
    expect(elsewhere.status).to.equal(404);
  });

  it('refuses a third stream of one user with 429 and a fourth in total with 503, in the error envelope', async () => {
    const first = await connect(app, 'sara');
    const second = await connect(app, 'sara');
    expect([first.response.status, second.response.status]).to.deep.equal([200, 200]);
    const third = await connect(app, 'sara');
    expect(third.response.status).to.equal(429);
    expect(third.response.headers.get('retry-after')).to.equal('5');
    expect(third.response.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(((await third.response.json()) as { code: string }).code).to.equal('TOO_MANY_STREAMS');
    const other = await connect(app, 'mads');
    expect(other.response.status).to.equal(200);
    const beyond = await connect(app, 'jonas');
    expect(beyond.response.status).to.equal(503);
    expect(beyond.response.headers.get('retry-after')).to.equal('5');
    expect(((await beyond.response.json()) as { code: string }).code).to.equal('STREAMS_EXHAUSTED');
    first.abort.abort();
    await until(() => app.fabric.subscriptions === 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const again = await connect(app, 'jonas');
    expect(again.response.status, 'a closed stream frees its slot').to.equal(200);
    for (const stream of [second, other, again]) stream.abort.abort();
  });
});
