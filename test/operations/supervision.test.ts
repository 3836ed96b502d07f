/**
 * The supervisor (scripts/lib/supervisor.sh): a peer and a gateway killed with SIGKILL come back by themselves, and
 * `network.sh status` counts the restart; the network then writes again.
 */
import { expect } from 'chai';
import { waitUntilReady } from '../e2e/support/gateways';
import { draftPlacement } from '../e2e/support/agreements';
import { DEFAULT_NETWORK, eventually, pidOf, processNamed } from './support';

const PEER = 'peer0.placement.agreements.local';
const GATEWAY = 'gateway-placement';

describe('operations: supervision', function () {
  this.timeout(300_000);

  it('a peer and a gateway killed with SIGKILL are restarted, and status shows the restarts', async function () {
    const before = [PEER, GATEWAY].map((name) => processNamed(DEFAULT_NETWORK, name));
    expect(before.map((row) => row.state)).to.deep.equal(['running', 'running']);
    for (const name of [PEER, GATEWAY]) process.kill(pidOf(DEFAULT_NETWORK, name), 'SIGKILL');
    const started = Date.now();
    for (const [index, name] of [PEER, GATEWAY].entries()) {
      await eventually(`${name} restarted`, 60_000, () => {
        const row = processNamed(DEFAULT_NETWORK, name);
        return Promise.resolve(
          row.state === 'running' &&
            row.restarts === before[index]!.restarts + 1 &&
            row.pid !== before[index]!.pid
            ? row
            : undefined,
        );
      });
    }
    await waitUntilReady('placement');
    console.log(`      both back in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // The restarted peer endorses again once gossip has met it (up to the 25 s alive expiry).
    const written = await eventually('a write endorsed by the restarted peer', 120_000, async () => {
      try {
        return await draftPlacement();
      } catch {
        return undefined;
      }
    });
    expect(written.transactionId).to.match(/^[0-9a-f]{64}$/);
  });
});
