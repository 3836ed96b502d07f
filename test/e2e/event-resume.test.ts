/**
 * The Server-Sent Events stream across a gateway restart: a client subscribes, events are produced, the
 * municipality's gateway is restarted mid-stream (scripts/gateway.sh restart municipality), more events are
 * committed while no client is connected, the client reconnects with `Last-Event-ID`, and more events follow.
 * Every event the ledger holds in that span must reach the client exactly once and in ledger order: the test compares
 * what the two connections delivered with the chaincode events read straight from the peer.
 *
 * Needs the running gateways (scripts/gateway.sh) and restarts the municipality's; the agreements are new each run.
 */
import { type Network } from '@hyperledger/fabric-gateway';
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { closeAll, gatewayFor, organisation, ROOT } from '../support/network';
import { expectWrite, newPlacementDraft } from './support/agreements';
import { callAs, domainPath, DOMAIN, expectProblem, waitUntilReady } from './support/gateways';
import { SseConnection, type SseMessage } from './support/sse';

const run = promisify(execFile);
const BATCH = 3;
const ENDORSERS = [organisation('municipality').mspId, organisation('placement').mspId];

/** The `data` of one message as the gateway sends it (gateway/src/events/event-listener.ts). */
interface LedgerEventData {
  readonly id: string;
  readonly blockNumber: string;
  readonly transactionId: string;
  readonly type: string;
}

const dataOf = (message: SseMessage): LedgerEventData => JSON.parse(message.data) as LedgerEventData;

/** Drafts `BATCH` agreements through the municipality's gateway; their transaction ids. */
async function draftThroughGateway(): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < BATCH; i++) {
    const written = expectWrite(
      await callAs('sara', 'POST', domainPath('/agreements'), { json: newPlacementDraft() }),
      201,
    );
    ids.push(written.transactionId);
  }
  return ids;
}

/** Drafts `BATCH` agreements straight through the peer, as Sara, while the gateway is away; their transaction ids. */
async function draftDirectly(network: Network): Promise<string[]> {
  const contract = network.getContract('agreements', 'AgreementContract');
  const ids: string[] = [];
  for (let i = 0; i < BATCH; i++) {
    const submitted = await contract.submitAsync('DraftAgreement', {
      arguments: [JSON.stringify(newPlacementDraft())],
      endorsingOrganizations: ENDORSERS,
    });
    const status = await submitted.getStatus();
    expect(status.successful, `validation code ${status.code}`).to.equal(true);
    ids.push(status.transactionId);
  }
  return ids;
}

/** Every chaincode event from `first`'s block up to and including `last`, read straight from the peer. */
async function ledgerEventIds(
  network: Network,
  first: LedgerEventData,
  last: LedgerEventData,
): Promise<string[]> {
  const events = await network.getChaincodeEvents('agreements', { startBlock: BigInt(first.blockNumber) });
  const ids: string[] = [];
  const timer = setTimeout(() => {
    events.close();
  }, 60_000);
  try {
    for await (const event of events) {
      ids.push(`${event.blockNumber.toString()}.${event.transactionId}`);
      if (event.transactionId === last.transactionId) break;
    }
  } finally {
    clearTimeout(timer);
    events.close();
  }
  const from = ids.indexOf(first.id);
  expect(from, 'the first event is on the ledger').to.be.at.least(0);
  expect(ids[ids.length - 1], 'the ledger was read up to the last event').to.equal(last.id);
  return ids.slice(from);
}

describe('REST gateway: the event stream resumes across a gateway restart', function () {
  this.timeout(600_000);
  after(closeAll);

  it('delivers every event exactly once, in ledger order, with no gap across the restart', async function () {
    await waitUntilReady('municipality');
    const eventsPath = domainPath('/events');
    const sara = gatewayFor('municipality', 'sara').getNetwork(DOMAIN);

    // 1. Subscribe, then produce events through the gateway.
    const first = await SseConnection.open('municipality', eventsPath, { as: 'sara' });
    await first.waitFor(() => first.connected, 'the opening comment');
    const before = await draftThroughGateway();
    const seenTx = (connection: SseConnection): Set<string> =>
      new Set(connection.messages.map((m) => dataOf(m).transactionId));
    await first.waitFor(() => before.every((tx) => seenTx(first).has(tx)), 'the first events');

    // 2. Restart the gateway mid-stream; commit events straight through the peer while no client is connected.
    const restart = run('bash', ['scripts/gateway.sh', 'restart', 'municipality'], {
      cwd: ROOT,
      timeout: 300_000,
    });
    await first.waitForEnd(120_000);
    const lastSeen = first.lastEventId;
    expect(lastSeen, 'the first connection received events').to.be.a('string');
    const whileAway = await draftDirectly(sara);
    await restart;
    await waitUntilReady('municipality');

    // 3. Reconnect with Last-Event-ID and produce more events.
    const second = await SseConnection.open('municipality', eventsPath, {
      as: 'sara',
      lastEventId: lastSeen!,
    });
    await second.waitFor(() => second.connected, 'the opening comment after the restart');
    const after = await draftThroughGateway();
    await second.waitFor(
      () => [...whileAway, ...after].every((tx) => seenTx(second).has(tx)),
      'the events committed during and after the restart',
    );
    second.close();

    // The query form (for clients that cannot set the header) resumes at the same place.
    const viaQuery = await SseConnection.open('municipality', eventsPath, {
      as: 'sara',
      query: `lastEventId=${encodeURIComponent(lastSeen!)}`,
    });
    const lastTx = after[after.length - 1]!;
    await viaQuery.waitFor(() => seenTx(viaQuery).has(lastTx), 'the resumed events (query form)');
    viaQuery.close();
    const upTo = (connection: SseConnection): (string | undefined)[] => {
      const ids = connection.messages.map((m) => m.id);
      return ids.slice(0, connection.messages.findIndex((m) => dataOf(m).transactionId === lastTx) + 1);
    };
    expect(upTo(viaQuery)).to.deep.equal(upTo(second));

    // 4. Exactly once and in order: both connections together are the ledger's events in that span.
    const delivered = [...first.messages, ...second.messages].map(dataOf);
    for (const message of [...first.messages, ...second.messages]) {
      expect(message.id, 'the SSE id is the event id').to.equal(dataOf(message).id);
      expect(message.event, 'the SSE event is the event type').to.equal(dataOf(message).type);
    }
    const ids = delivered.map((event) => event.id);
    expect(new Set(ids).size, 'no event delivered twice').to.equal(ids.length);
    expect(
      second.messages.map((m) => m.id),
      'nothing repeated after resuming',
    ).not.to.include(lastSeen);
    for (const tx of [...before, ...whileAway, ...after]) {
      expect(
        delivered.filter((event) => event.transactionId === tx),
        `event of ${tx}`,
      ).to.have.length(1);
    }
    const start = delivered.find((event) => event.transactionId === before[0]);
    const end = delivered.find((event) => event.transactionId === after[after.length - 1]);
    const span = ids.slice(ids.indexOf(start!.id), ids.indexOf(end!.id) + 1);
    expect(span, 'the stream is the ledger, no gaps').to.deep.equal(await ledgerEventIds(sara, start!, end!));
  });

  it('refuses a Last-Event-ID that is not an event id of this API: 400 REQUEST_INVALID', async function () {
    await waitUntilReady('municipality');
    const response = await callAs('sara', 'GET', domainPath('/events'), {
      headers: { accept: 'text/event-stream', 'last-event-id': 'not-an-event-id' },
    });
    const problem = expectProblem(response, 400, 'REQUEST_INVALID');
    expect(problem.details.issues).to.deep.include({
      in: 'header',
      pointer: '/Last-Event-ID',
      rule: 'pattern',
      message: 'not an event id of this API',
    });
  });
});
