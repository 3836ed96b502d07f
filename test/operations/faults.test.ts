/**
 * What clients are told during faults on the real network: another party's peer stopped (503 ENDORSER_UNAVAILABLE
 * with Retry-After, naming the organisation), and the gateway killed after it noted a write but before it answered
 * (the retry with the same Idempotency-Key answers with the committed result, never 409).
 */
import { expect } from 'chai';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectWrite, newPlacementDraft } from '../e2e/support/agreements';
import { callAs, domainPath, expectProblem, waitUntilReady } from '../e2e/support/gateways';
import { DEFAULT_NETWORK, eventually, gatewayDirs, pidOf, script } from './support';

/** Waits, polling every few milliseconds, until the gateway has noted the write in `record`; returns the record. */
async function noteOf(record: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (existsSync(record)) {
      const text = readFileSync(record, 'utf8');
      if (text.includes('"writes"')) return text;
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error('the gateway never noted the write');
}

describe('operations: what clients are told during faults', function () {
  this.timeout(300_000);

  it("another party's stopped peer: 503 ENDORSER_UNAVAILABLE with Retry-After, naming it", async function () {
    script(DEFAULT_NETWORK, 'network.sh', 'stopPeer', '-org', 'placement');
    try {
      const refused = await callAs('sara', 'POST', domainPath('/agreements'), { json: newPlacementDraft() });
      const problem = expectProblem(refused, 503, 'ENDORSER_UNAVAILABLE');
      expect(Number(refused.headers.get('retry-after'))).to.be.greaterThan(0);
      expect(problem.details.organisations).to.deep.equal(['PlacementSiteMSP']);
    } finally {
      script(DEFAULT_NETWORK, 'network.sh', 'startPeer', '-org', 'placement');
    }
    expectWrite(await callAs('sara', 'POST', domainPath('/agreements'), { json: newPlacementDraft() }), 201);
  });

  it('the gateway killed between noting a write and answering: the retry answers with the committed result', async function () {
    const key = `ops-${randomUUID()}`;
    const draft = newPlacementDraft();
    const send = () =>
      callAs('sara', 'POST', domainPath('/agreements'), { json: draft, headers: { 'idempotency-key': key } });
    // The record the municipality's gateway keeps for this key (gateway/src/http/idempotency-store.ts).
    const scope = `municipality\nsara\n${key}`;
    const record = join(
      gatewayDirs(DEFAULT_NETWORK, 'municipality').state,
      'idempotency',
      `${createHash('sha256').update(scope).digest('hex')}.json`,
    );
    const pid = pidOf(DEFAULT_NETWORK, 'gateway-municipality');
    const answer = send().then(
      (response) => response.status,
      () => 'no answer' as const,
    );
    // As soon as the write is noted (its transaction id, before it is sent for ordering), freeze the gateway; let the
    // transaction commit; then kill it. The supervisor starts it again.
    const noted = await noteOf(record);
    // Noted just before it is sent: a moment later it is with the orderer, and a block takes at least the
    // BatchTimeout (100 ms, network/topology.json) to be cut, so the freeze comes before any answer.
    await new Promise((resolve) => setTimeout(resolve, 40));
    process.kill(pid, 'SIGSTOP');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    process.kill(pid, 'SIGKILL');
    expect(await answer, 'the killed gateway never answered').to.equal('no answer');
    const { writes } = JSON.parse(noted) as { writes: { transactionId: string }[] };
    const transactionId = writes[0]!.transactionId;

    await eventually('the gateway back', 120_000, async () => {
      await waitUntilReady('municipality', 5_000);
      return true;
    });
    const retry = await send();
    expect(retry.status, retry.text.slice(0, 300)).to.equal(201);
    const body = expectWrite(retry, 201);
    expect(body.data.id).to.equal(draft.id);
    // Sent before the freeze: the noted transaction committed, and the retry answered with it rather than writing
    // again (which the chaincode would refuse with 409). Frozen before it was sent: written anew, once.
    const history = await callAs('sara', 'GET', domainPath(`/agreements/${draft.id}/history`));
    const txIds = (history.body as { txId: string }[]).map((entry) => entry.txId);
    expect(txIds, 'one change on the ledger').to.have.length(1);
    expect(txIds[0]).to.equal(body.transactionId);
    console.log(
      `      ${body.transactionId === transactionId ? 'the noted transaction had committed: its result was returned' : 'the noted transaction had not been sent: written anew'}`,
    );
    const replay = await send();
    expect(replay.headers.get('idempotent-replayed')).to.equal('true');
  });
});
