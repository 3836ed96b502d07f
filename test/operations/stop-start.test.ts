/**
 * `network.sh stop` and `start` on the running network (as `npm test` starts it: one orderer, Fabric CAs, both
 * channels, the chaincode, the gateways): nothing runs after stop, and start brings back the same processes with every
 * agreement, wallet file, idempotency record and event checkpoint.
 */
import { DEFAULT_NETWORK } from './support';
import { stopStartKeepsEverything } from './keeps-everything';

describe('operations: stop and start keep everything', function () {
  this.timeout(600_000);

  it('stop all, start: the story, wallets, idempotency records and checkpoints are all there', async function () {
    const times = await stopStartKeepsEverything(DEFAULT_NETWORK, [
      'municipality',
      'placement',
      'consultancy',
    ]);
    console.log(`      stop ${times.stopS.toFixed(1)} s, start ${times.startS.toFixed(1)} s`);
  });
});
