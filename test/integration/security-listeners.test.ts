/**
 * Nothing listens where it need not (issue 9, item 4): every TCP port of the topology answers on loopback and is
 * closed on the machine's other IPv4 addresses; no CA accepts an enrolment from such an address; and a peer serves
 * only clients that present a TLS client certificate (mutual TLS).
 *
 * On a machine whose only IPv4 address is loopback there is no other address to probe: those cases are skipped and
 * say so (run the suite inside a network namespace with a veth address, as the project's CI does).
 */
import * as grpc from '@grpc/grpc-js';
import { connect, hash } from '@hyperledger/fabric-gateway';
import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import { connect as tcpConnect } from 'node:net';
import { createCsr } from 'agreements-gateway/identity/csr';
import {
  closeAll,
  hostOf,
  identityOf,
  organisation,
  peerConnection,
  peerTlsCa,
  topology,
  type OrgKey,
} from '../support/network';
import { caCall, caOf, networkSecrets, nonLoopbackIPv4, topologyPorts } from '../support/security';

const ORGS: readonly OrgKey[] = ['municipality', 'placement', 'consultancy'];

/** Whether a TCP connection to host:port is accepted within two seconds. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
}

describe('security: listeners', function () {
  this.timeout(120_000);
  after(closeAll);
  const external = nonLoopbackIPv4();

  it('opens every port of the topology on its loopback address', async function () {
    const closed: string[] = [];
    for (const entry of topologyPorts().filter((candidate) => candidate.alwaysOpen)) {
      if (!(await accepts(entry.host, entry.port))) closed.push(`${entry.what} ${entry.host}:${entry.port}`);
    }
    expect(closed, 'ports that should be served on loopback').to.deep.equal([]);
  });

  it("keeps every port of the topology closed on the host's non-loopback IPv4 addresses", async function () {
    if (external.length === 0) {
      this.skip(); // no address but loopback on this machine: nothing to probe
    }
    const open: string[] = [];
    for (const address of external) {
      for (const entry of topologyPorts()) {
        if (await accepts(address, entry.port)) open.push(`${entry.what} ${address}:${entry.port}`);
      }
    }
    expect(open, 'ports reachable from the network').to.deep.equal([]);
  });

  it('refuses an enrolment at each CA from a non-loopback address, and accepts the same one on loopback', async function () {
    if (external.length === 0) {
      this.skip();
    }
    const secrets = networkSecrets();
    for (const org of ORGS) {
      const password = secrets.get(`CA_ca_${org}_admin`);
      expect(password, `the ${org} CA's bootstrap password`).to.be.a('string');
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
      const body = { certificate_request: createCsr('admin', privateKey), caname: `ca-${org}` };
      for (const address of external) {
        const outcome = await caCall(caOf(org, address), 'POST', '/api/v1/enroll', body, {
          basic: ['admin', password ?? ''],
        }).then(
          (answer) => `answered ${answer.status.toString()}`,
          (error: unknown) => `no connection (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        );
        expect(outcome, `${org} CA at ${address}`).to.match(/^no connection/);
      }
      // The same request on loopback is issued a certificate: the refusal above is the address, not the request.
      const local = await caCall(caOf(org), 'POST', '/api/v1/enroll', body, {
        basic: ['admin', password ?? ''],
      });
      expect(local.success, `${org} CA on loopback: ${local.messages.join('; ')}`).to.be.true;
    }
  });

  it('refuses a gRPC client that presents no TLS client certificate, and serves one that does', async function () {
    for (const key of ORGS) {
      const org = organisation(key);
      const { identity, signer } = identityOf(key, 'Admin');
      const channel =
        topology.domains.find((domain) => domain.members.includes(key))?.channel ?? 'placements';
      const query = async (client: grpc.Client): Promise<unknown> => {
        const gateway = connect({
          client,
          identity,
          signer,
          hash: hash.sha256,
          evaluateOptions: () => ({ deadline: Date.now() + 10_000 }),
        });
        try {
          return await gateway
            .getNetwork(channel)
            .getContract(topology.chaincode.name, 'OrganisationContract')
            .evaluateTransaction('GetRegistry');
        } finally {
          gateway.close();
        }
      };
      const anonymous = new grpc.Client(
        `${hostOf(org)}:${org.peer.port.toString()}`,
        grpc.credentials.createSsl(peerTlsCa(org)),
      );
      try {
        const outcome = await query(anonymous).then(
          () => 'served',
          (error: unknown) => `refused: ${String(error)}`,
        );
        expect(outcome, `${key} peer without a client certificate`).to.match(/^refused/);
      } finally {
        anonymous.close();
      }
      expect(await query(peerConnection(key))).to.be.instanceOf(Uint8Array);
    }
  });
});
