/**
 * A network of three raft ordering nodes, in its own home (`.fabric-3orderers`), so that it never touches the main
 * test network: stop and start bring back three orderers with quorum and all the data; two of three ordering nodes
 * stopped answer 503 ORDERING_UNAVAILABLE with Retry-After, and writes work again once quorum returns.
 *
 * Starts its own network, so it runs only when OPS_THREE_ORDERERS=1 and no other network holds the topology's
 * ports (`scripts/test.sh` runs it after the main network is down). To keep it cheap it uses the chaincode as a
 * service (no npm install per peer) and starts the gateways of the two parties the story's writes need.
 */
import { expect } from 'chai';
import { join } from 'node:path';
import { expectWrite, newPlacementDraft } from '../e2e/support/agreements';
import { callAs, domainPath, expectProblem, waitUntilReady } from '../e2e/support/gateways';
import { ordererHost, readTopology } from '../../scripts/lib/topology-reader.cjs';
import { stopStartKeepsEverything } from './keeps-everything';
import { eventually, processes, ROOT, script, timed, type NetworkHandle } from './support';

const topology = readTopology();
const orderer0 = topology.ordererOrg.nodes[0]!;
const NETWORK: NetworkHandle = { home: join(ROOT, '.fabric-3orderers') };
const ORGS = ['municipality', 'placement'] as const;

describe('operations: three orderers', function () {
  this.timeout(1_200_000);

  before(function () {
    if (process.env.OPS_THREE_ORDERERS !== '1') this.skip();
    script(NETWORK, 'network.sh', 'down');
    const upS = timed(NETWORK, 'network.sh', 'up', '-ca', '-orderers', '3', 'createChannel', 'deployCCAAS');
    const gatewaysS = timed(NETWORK, 'gateway.sh', 'start', ...ORGS);
    console.log(
      `      up with three orderers and chaincode as a service ${upS.toFixed(0)} s, gateways ${gatewaysS.toFixed(0)} s`,
    );
  });

  after(function () {
    if (process.env.OPS_THREE_ORDERERS !== '1') return;
    if (process.env.KEEP_NETWORK !== '1') script(NETWORK, 'network.sh', 'down');
  });

  it('stop all, start: three orderers with quorum, and everything written before', async function () {
    const times = await stopStartKeepsEverything(NETWORK, ORGS);
    console.log(`      stop ${times.stopS.toFixed(1)} s, start ${times.startS.toFixed(1)} s`);
    const orderers = processes(NETWORK).filter((row) => row.name.startsWith('orderer'));
    expect(orderers.map((row) => row.state)).to.deep.equal(['running', 'running', 'running']);
  });

  it('two of three ordering nodes down: 503 ORDERING_UNAVAILABLE with Retry-After; quorum back, writes again', async function () {
    script(NETWORK, 'network.sh', 'stopOrderer', '-node', 'orderer1 orderer2');
    try {
      // Until the remaining node sees it has no quorum and stops leading (raft's CheckQuorum, one election timeout),
      // it still accepts writes that can never commit: those answer WRITE_OUTCOME_UNKNOWN after the commit deadline.
      await eventually('orderer0 no longer leads', 60_000, async () => {
        const metrics = await (
          await fetch(`http://${ordererHost(topology)}:${orderer0.operationsPort}/metrics`)
        ).text();
        return /^consensus_etcdraft_is_leader\{channel="placements"\} 0/m.test(metrics) ? true : undefined;
      });
      const started = Date.now();
      const refused = await callAs('sara', 'POST', domainPath('/agreements'), { json: newPlacementDraft() });
      console.log(`      answered after ${((Date.now() - started) / 1000).toFixed(1)} s`);
      const problem = expectProblem(refused, 503, 'ORDERING_UNAVAILABLE');
      expect(problem.details.outcome).to.equal('not_written');
      expect(Number(refused.headers.get('retry-after'))).to.be.greaterThan(0);
    } finally {
      script(NETWORK, 'network.sh', 'startOrderer', '-node', 'orderer1 orderer2');
    }
    await Promise.all(ORGS.map((org) => waitUntilReady(org)));
    const written = await eventually('a write with quorum back', 120_000, async () => {
      const response = await callAs('sara', 'POST', domainPath('/agreements'), { json: newPlacementDraft() });
      return response.status === 201 ? response : undefined;
    });
    expectWrite(written, 201);
  });
});
