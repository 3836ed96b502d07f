/**
 * The check both stop-and-start tests make (one and three orderers): part of the case story is written, the network
 * is stopped and started, and every agreement, wallet file, idempotency record and event checkpoint is still there.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { activePlacement, expectWrite, newPlacementDraft } from '../e2e/support/agreements';
import { callAs, domainPath, waitUntilReady, type GatewayOrg } from '../e2e/support/gateways';
import { fileDigests, gatewayDirs, processes, timed, type NetworkHandle } from './support';

/** Seconds each step took, for the operator's guide. */
export interface StopStartTimes {
  readonly stopS: number;
  readonly startS: number;
}

export async function stopStartKeepsEverything(
  network: NetworkHandle,
  orgs: readonly GatewayOrg[],
): Promise<StopStartTimes> {
  await Promise.all(orgs.map((org) => waitUntilReady(org)));
  // Part of the story: an active placement (draft, submission, three signatures) and an idempotent draft.
  const active = await activePlacement();
  const key = `ops-${randomUUID()}`;
  const draft = newPlacementDraft();
  const first = expectWrite(
    await callAs('sara', 'POST', domainPath('/agreements'), {
      json: draft,
      headers: { 'idempotency-key': key },
    }),
    201,
  );
  const before = new Map(orgs.map((org) => [org, gatewayDirs(network, org)]));
  const walletFiles = new Map(orgs.map((org) => [org, fileDigests(before.get(org)!.wallet)]));
  const stateFiles = new Map(orgs.map((org) => [org, [...fileDigests(before.get(org)!.state).keys()]]));
  const running = processes(network)
    .filter((row) => row.state === 'running')
    .map((row) => row.name);

  const stopS = timed(network, 'network.sh', 'stop');
  const stopped = processes(network);
  expect(
    stopped.filter((row) => row.state === 'running').map((row) => row.name),
    'nothing runs after stop',
  ).to.deep.equal([]);

  const startS = timed(network, 'network.sh', 'start');
  await Promise.all(orgs.map((org) => waitUntilReady(org)));
  const after = processes(network);
  expect(
    after.filter((row) => row.state === 'running').map((row) => row.name),
    'exactly the processes that ran before',
  ).to.have.members(running);

  for (const org of orgs) {
    expect(gatewayDirs(network, org), `${org}: same data directories`).to.deep.equal(before.get(org));
    const wallet = fileDigests(before.get(org)!.wallet);
    for (const [file, digest] of walletFiles.get(org)!) {
      expect(wallet.get(file), `${org}: wallet file ${file} unchanged`).to.equal(digest);
    }
    const state = fileDigests(before.get(org)!.state);
    for (const file of stateFiles.get(org)!) {
      expect(state.has(file), `${org}: idempotency record or checkpoint ${file} kept`).to.be.true;
    }
  }

  const agreement = await callAs('sara', 'GET', domainPath(`/agreements/${active}`));
  expect(agreement.status, agreement.text.slice(0, 300)).to.equal(200);
  expect((agreement.body as { status: string }).status).to.equal('active');
  const replay = await callAs('sara', 'POST', domainPath('/agreements'), {
    json: draft,
    headers: { 'idempotency-key': key },
  });
  expect(replay.status).to.equal(201);
  expect(replay.headers.get('idempotent-replayed'), 'the idempotency record survived').to.equal('true');
  expect(replay.headers.get('x-transaction-id')).to.equal(first.transactionId);
  // And the network writes again.
  expectWrite(await callAs('sara', 'POST', domainPath('/agreements'), { json: newPlacementDraft() }), 201);
  return { stopS, startS };
}
