/**
 * `network.sh backup` and `restore` for one organisation, the placement site: part of the story is written, the
 * organisation is backed up, more is written, its peer is lost (ledger and identity folder deleted), and a replacement
 * joined from the backup's snapshot serves the same state: every agreement through the placement site's gateway, the
 * same heights as the other peers, new writes it endorses, and — once reconciliation has pulled it from the
 * municipality's peer — the child's personal data. The network is left as it was found: every process running.
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { channelsOf, hostOf, organisation, readTopology } from '../../scripts/lib/topology-reader.cjs';
import { uniqueId } from '../support/network';
import { placementDraft } from '../support/story';
import { storyStart } from 'agreements-case-story';
import { expectWrite } from '../e2e/support/agreements';
import { callAs, domainPath, waitUntilReady } from '../e2e/support/gateways';
import { DEFAULT_NETWORK, eventually, processNamed, script, timed } from './support';

const topology = readTopology();
const PLACEMENT = organisation(topology, 'placement');
const PEER = `${PLACEMENT.peer.name}.${PLACEMENT.domain}`;
const PEER_IDENTITY = join(
  DEFAULT_NETWORK.home,
  'organizations',
  'peerOrganizations',
  PLACEMENT.domain,
  'peers',
  PEER,
);
const CHANNELS = channelsOf(topology, 'placement');

interface Manifest {
  readonly organisation: string;
  readonly mspId: string;
  readonly channels: readonly {
    channel: string;
    blockNumber: number;
    height: number;
    snapshotHash: string;
  }[];
  readonly files: readonly { path: string; sha256: string }[];
}

/** Each peer's height on `channel`, from its operations endpoint (`ledger_blockchain_height`). */
async function heights(channel: string): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  for (const org of topology.organisations.filter((o) => channelsOf(topology, o.key).includes(channel))) {
    const metrics = await (
      await fetch(`http://${hostOf(topology, org)}:${org.peer.operationsPort}/metrics`)
    ).text();
    const match = new RegExp(`^ledger_blockchain_height\\{channel="${channel}"\\} (\\d+)`, 'm').exec(metrics);
    result.set(org.key, match === null ? -1 : Number(match[1]));
  }
  return result;
}

/** Drafts, submits and has all three parties sign a fresh placement; returns its id and child. */
async function activeAgreement(): Promise<{ id: string; child: string }> {
  const child = uniqueId('e2e-child');
  const draft = placementDraft(uniqueId('e2e-placement'), storyStart(), child);
  const { data } = expectWrite(await callAs('sara', 'POST', domainPath('/agreements'), { json: draft }), 201);
  expectWrite(await callAs('sara', 'POST', domainPath(`/agreements/${data.id}/submission`)), 200);
  const signatures = domainPath(`/agreements/${data.id}/versions/1/signatures`);
  expectWrite(await callAs('mads', 'POST', signatures), 201);
  expectWrite(await callAs('lene', 'POST', signatures), 201);
  // Karin signs through the placement site's gateway (endorsed by its peer), with an idempotency record there.
  const last = expectWrite(
    await callAs('karin', 'POST', signatures, { headers: { 'idempotency-key': uniqueId('ops') } }),
    201,
  );
  expect(last.data.status).to.equal('active');
  return { id: data.id, child };
}

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('operations: backup and restore of an organisation', function () {
  this.timeout(900_000);
  let backupDir = '';

  before(function () {
    backupDir = join(mkdtempSync(join(tmpdir(), 'fabric-agreements-backup-')), 'placement');
  });

  after(function () {
    if (backupDir !== '') rmSync(join(backupDir, '..'), { recursive: true, force: true });
  });

  it("the placement site's peer, lost, is replaced from its snapshot and serves the same state", async function () {
    await Promise.all(
      (['municipality', 'placement', 'consultancy'] as const).map((org) => waitUntilReady(org)),
    );
    // Before the backup: an active placement, and the child's data shared with the placement site.
    const early = await activeAgreement();
    const shared = await callAs(
      'sara',
      'PUT',
      domainPath(`/children/${early.child}/personal-data/shared/${PLACEMENT.mspId}`),
      { json: { name: 'Backup Testbarn' } },
    );
    expect(shared.status, shared.text).to.equal(200);
    const reading = { providerMspId: PLACEMENT.mspId, purpose: 'care_delivery' };
    const readPath = domainPath(`/children/${early.child}/personal-data/reads`);
    const readBefore = await callAs('karin', 'POST', readPath, { json: reading });
    expect(readBefore.status, readBefore.text).to.equal(200);

    const backupS = timed(DEFAULT_NETWORK, 'network.sh', 'backup', '-org', 'placement', '-o', backupDir);
    const manifest = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.organisation).to.equal('placement');
    expect(manifest.mspId).to.equal(PLACEMENT.mspId);
    expect(manifest.channels.map((c) => c.channel)).to.have.members(CHANNELS);
    for (const entry of manifest.files) {
      const file = join(backupDir, entry.path);
      expect(sha256(file), entry.path).to.equal(entry.sha256);
      expect(statSync(file).mode & 0o777, `${entry.path} is the owner's only`).to.equal(0o600);
    }
    const paths = manifest.files.map((f) => f.path);
    for (const expected of [
      /^ledger\/placements\/_snapshot_signable_metadata\.json$/,
      /^ca\/fabric-ca-server\.db$/,
      /^ca\/msp\/keystore\//,
      /^organization\/peers\/[^/]+\/msp\/keystore\//,
      /^organization\/peers\/[^/]+\/tls\/server\.key$/,
      /^chaincode\/.+\.tar\.gz$/,
      /^gateway\/wallet\//,
      /^gateway\/state\//,
    ]) {
      expect(
        paths.some((p) => expected.test(p)),
        `the backup holds ${expected.source}`,
      ).to.equal(true);
    }

    // After the backup: more of the story.
    const late = await activeAgreement();

    // The peer is lost: stopped, its ledger and its identity folder gone.
    const certificate = sha256(join(PEER_IDENTITY, 'tls', 'server.crt'));
    script(DEFAULT_NETWORK, 'network.sh', 'stopPeer', '-org', 'placement');
    rmSync(join(DEFAULT_NETWORK.home, 'nodes', PEER, 'data'), { recursive: true, force: true });
    rmSync(PEER_IDENTITY, { recursive: true, force: true });

    const restoreS = timed(DEFAULT_NETWORK, 'network.sh', 'restore', '-org', 'placement', `-from`, backupDir);
    expect(processNamed(DEFAULT_NETWORK, PEER).state).to.equal('running');
    expect(sha256(join(PEER_IDENTITY, 'tls', 'server.crt')), 'the same identity').to.equal(certificate);

    // Heights equal to the others' on every channel (it caught up beyond the snapshot from the orderer).
    for (const channel of CHANNELS) {
      const snapshot = manifest.channels.find((c) => c.channel === channel)!;
      await eventually(`${channel}: every peer at the same height`, 60_000, async () => {
        const all = [...(await heights(channel)).values()];
        return all.every((h) => h === all[0]) && all[0]! > snapshot.height ? all : undefined;
      });
    }
    // Every agreement through the placement site's gateway (evaluated on its own peer).
    for (const { id } of [early, late]) {
      const agreement = await callAs('karin', 'GET', domainPath(`/agreements/${id}`));
      expect(agreement.status, agreement.text.slice(0, 300)).to.equal(200);
      expect((agreement.body as { status: string }).status).to.equal('active');
    }
    // Key history before the snapshot is not on a peer joined from it; after it, it is complete.
    const history = async (user: 'sara' | 'karin', id: string): Promise<number> => {
      const answer = await callAs(user, 'GET', domainPath(`/agreements/${id}/history`));
      expect(answer.status, answer.text.slice(0, 300)).to.equal(200);
      return (answer.body as readonly unknown[]).length;
    };
    const earlyHistory = [await history('sara', early.id), await history('karin', early.id)];
    const lateHistory = [await history('sara', late.id), await history('karin', late.id)];
    expect(lateHistory[1], 'history after the snapshot is complete').to.equal(lateHistory[0]);
    expect(earlyHistory[1], 'history before the snapshot is not on the restored peer').to.be.lessThan(
      earlyHistory[0]!,
    );

    // A new write endorsed by the restored peer (the placement site signs through its own gateway).
    const writeStarted = Date.now();
    await eventually('a write endorsed by the restored peer', 120_000, async () => {
      try {
        return await activeAgreement();
      } catch {
        return undefined;
      }
    });
    const writeS = (Date.now() - writeStarted) / 1000;

    // Private data written before the snapshot: pulled by reconciliation from the municipality's peer.
    // Until then the peer holds the value's hash without the value, Fabric refuses the read ("private data matching
    // public hash version is not available"), and the chaincode answers 503 PERSONAL_DATA_NOT_YET_AVAILABLE.
    const reconcileStarted = Date.now();
    const meanwhile = new Set<number>();
    const readAfter = await eventually('the personal data readable again', 300_000, async () => {
      const answer = await callAs('karin', 'POST', readPath, { json: reading });
      if (answer.status !== 200) {
        meanwhile.add(answer.status);
        expect(answer.headers.get('retry-after'), 'a not-yet answer says when to retry').to.equal('30');
      }
      return answer.status === 200 ? answer : undefined;
    });
    expect(readAfter.text).to.include('Backup Testbarn');
    expect([...meanwhile], 'answers before reconciliation').to.satisfy((seen: number[]) =>
      seen.every((status) => status === 503),
    );
    const reconcileS = (Date.now() - reconcileStarted) / 1000;
    console.log(
      `      backup ${backupS.toFixed(1)} s, restore ${restoreS.toFixed(1)} s, first write after ${writeS.toFixed(1)} s, ` +
        `private data after a further ${reconcileS.toFixed(1)} s (meanwhile ${[...meanwhile].join(', ') || 'nothing'}); history of an agreement from before the snapshot: ` +
        `${earlyHistory[1]!.toString()} of ${earlyHistory[0]!.toString()} entries on the restored peer`,
    );
  });
});
