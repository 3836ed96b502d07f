/**
 * Both of Fabric's deployment paths, natively: the node package made as `deployCC -ccl typescript` makes it
 * (deployed by `npm start`), and chaincode as a service started here with `deployCCAAS`.
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { closeAll, gatewayFor, ROOT, topology } from '../support/network';

const utf8 = new TextDecoder();

interface ContractMetadata {
  contracts: Record<string, { transactions: { name: string }[] }>;
}

async function metadata(channel: string, chaincode: string): Promise<ContractMetadata> {
  const network = gatewayFor('municipality', 'Admin').getNetwork(channel);
  const bytes = await network
    .getContract(chaincode, 'org.hyperledger.fabric')
    .evaluateTransaction('GetMetadata');
  return JSON.parse(utf8.decode(bytes)) as ContractMetadata;
}

describe('chaincode deployment paths', function () {
  this.timeout(300_000);
  after(closeAll);

  it('runs the deployCC -ccl typescript package through the node external builder on every channel', async function () {
    for (const domain of topology.domains) {
      const meta = await metadata(domain.channel, topology.chaincode.name);
      expect(Object.keys(meta.contracts)).to.include('OrganisationContract');
    }
  });

  it('runs the same chaincode as a service (deployCCAAS) with each organisation serving its own peer', async function () {
    execFileSync(
      'bash',
      [
        'scripts/network.sh',
        'deployCCAAS',
        '-c',
        'prevention',
        '-ccn',
        'agreements-svc',
        '-ccp',
        'chaincode',
        '-noreg',
      ],
      { cwd: ROOT, stdio: 'pipe' },
    );
    const meta = await metadata('prevention', 'agreements-svc');
    expect(Object.keys(meta.contracts)).to.include('OrganisationContract');
    // The consultancy's peer dials the consultancy's own chaincode server.
    const viaConsultancy = await gatewayFor('consultancy', 'Admin')
      .getNetwork('prevention')
      .getContract('agreements-svc', 'org.hyperledger.fabric')
      .evaluateTransaction('GetMetadata');
    expect(utf8.decode(viaConsultancy)).to.contain('OrganisationContract');
  });
});
