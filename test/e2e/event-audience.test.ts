/**
 * Issue 9, item 7 on the real network: each organisation's event stream carries only what concerns it. The
 * consultancy's stream does not see the placement site's agreement events nor any personal-data event; the placement
 * site sees its own agreement but not the personal-data events; the municipality sees everything.
 */
import { expect } from 'chai';
import { uniqueId } from '../support/network';
import { storyStart } from 'agreements-case-story';
import { expectWrite, newPlacementDraft } from './support/agreements';
import { call, callAs, domainPath, waitUntilReady } from './support/gateways';
import { SseConnection, type SseMessage } from './support/sse';

interface EventData {
  readonly transactionId: string;
  readonly type: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

const dataOf = (message: SseMessage): EventData => JSON.parse(message.data) as EventData;
const transactions = (connection: SseConnection): Set<string> =>
  new Set(connection.messages.map((message) => dataOf(message).transactionId));

/** A visitation agreement with the consultancy: an event the consultancy may see. */
function visitationDraft(): Readonly<Record<string, unknown>> {
  const start = storyStart();
  return {
    id: uniqueId('e2e-visitation'),
    kind: 'visitation',
    municipalityMspId: 'MunicipalityMSP',
    providerMspId: 'ConsultancyMSP',
    childPseudonym: uniqueId('e2e-child'),
    startDate: start,
    lines: [
      {
        id: 'visits',
        kind: 'supported_visitation',
        pricing: 'per_unit',
        unit: 'visit',
        unitPrice: 150_000,
        agreedQuantity: 0.5,
        quantityPeriod: 'week',
        startDate: start,
      },
    ],
  };
}

describe('REST gateway: each organisation learns only what concerns it (event streams)', function () {
  this.timeout(300_000);
  const open: SseConnection[] = [];

  after(function () {
    for (const connection of open) connection.close();
  });

  it("keeps the placement site's agreement events and all personal-data events from the consultancy", async function () {
    for (const org of ['municipality', 'placement', 'consultancy'] as const) await waitUntilReady(org);
    const eventsPath = domainPath('/events');
    const municipality = await SseConnection.open('municipality', eventsPath, { as: 'sara' });
    const site = await SseConnection.open('placement', eventsPath, { as: 'karin' });
    const consultancy = await SseConnection.open('consultancy', eventsPath, { as: 'ole' });
    open.push(municipality, site, consultancy);
    for (const connection of open)
      await connection.waitFor(() => connection.connected, 'the opening comment');

    // The placement site's agreement, and personal data the municipality shares with the placement site.
    const placement = newPlacementDraft();
    const drafted = expectWrite(
      await callAs('sara', 'POST', domainPath('/agreements'), { json: placement }),
      201,
    );
    const child = placement.childPseudonym;
    const shared = await callAs(
      'sara',
      'PUT',
      domainPath(`/children/${child}/personal-data/shared/PlacementSiteMSP`),
      {
        json: { name: 'Event Audience Testbarn' },
      },
    );
    expect(shared.status, shared.text).to.equal(200);
    const sharedTx = (shared.body as { transactionId: string }).transactionId;
    // Then one agreement of the consultancy's: once its event arrives there, every earlier block has passed by.
    const visitation = expectWrite(
      await callAs('sara', 'POST', domainPath('/agreements'), { json: visitationDraft() }),
      201,
    );

    await municipality.waitFor(
      () =>
        [drafted.transactionId, sharedTx, visitation.transactionId].every((tx) =>
          transactions(municipality).has(tx),
        ),
      'all three events on the municipality stream',
    );
    await site.waitFor(
      () => transactions(site).has(drafted.transactionId),
      "the placement site's own agreement event",
    );
    await consultancy.waitFor(
      () => transactions(consultancy).has(visitation.transactionId),
      "the consultancy's own agreement event",
    );
    // The site's stream has passed the visitation's block too once a later event of its own arrives: draft another.
    const later = expectWrite(
      await callAs('sara', 'POST', domainPath('/agreements'), { json: newPlacementDraft() }),
      201,
    );
    await site.waitFor(
      () => transactions(site).has(later.transactionId),
      'a later event of the placement site',
    );

    const consultancySees = consultancy.messages.map(dataOf);
    expect(consultancySees.map((event) => event.transactionId)).not.to.include(drafted.transactionId);
    expect(consultancySees.map((event) => event.transactionId)).not.to.include(sharedTx);
    expect(consultancySees.filter((event) => event.type.startsWith('PersonalData'))).to.deep.equal([]);
    expect(
      consultancySees.filter(
        (event) => event.payload.providerMspId !== 'ConsultancyMSP' && 'agreementId' in event.payload,
      ),
      'no agreement event of another provider',
    ).to.deep.equal([]);
    expect(consultancy.messages.map((message) => message.data).join('\n')).not.to.include(child);

    const siteSees = site.messages.map(dataOf);
    expect(siteSees.map((event) => event.transactionId)).not.to.include(sharedTx);
    expect(siteSees.map((event) => event.transactionId)).not.to.include(visitation.transactionId);
    expect(siteSees.filter((event) => event.type.startsWith('PersonalData'))).to.deep.equal([]);

    const municipalitySees = municipality.messages.map(dataOf);
    expect(municipalitySees.find((event) => event.transactionId === sharedTx)?.type).to.equal(
      'PersonalDataWritten',
    );
  });

  it('answers HEAD on the stream with its content type and no body', async function () {
    const response = await call('consultancy', 'HEAD', domainPath('/events'), { as: 'ole' });
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^text\/event-stream/);
    expect(response.text).to.equal('');
  });
});
