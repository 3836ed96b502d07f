/**
 * A superseded certificate stops working (issue 9, item 3): when the gateway re-enrols a person for a new role, its
 * registrar revokes the person's previous certificate at the CA, and once `network.sh updateCRL` has put the CA's
 * revocation list into the organisation's MSP on the channel, the peers refuse proposals signed with it — while the
 * new certificate works.
 */
import { connect, hash, signers } from '@hyperledger/fabric-gateway';
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnrolmentService } from 'agreements-gateway/identity/enrolment-service';
import { FabricCaClient } from 'agreements-gateway/identity/fabric-ca-client';
import { FileWallet, type StoredIdentity } from 'agreements-gateway/identity/wallet';
import { closeAll, organisation, peerConnection, ROOT, topology, uniqueId } from '../support/network';
import { gatewayEnvironment } from '../support/security';

const ORG = 'municipality';
const CHANNEL = 'placements';

/** The gateway's enrolment service, built from the gateway's own environment, with a wallet of its own. */
function enrolmentService(walletDir: string): EnrolmentService {
  const env = gatewayEnvironment(ORG);
  const msp = env.GATEWAY_CA_REGISTRAR_MSP_DIR ?? '';
  const file = (dir: string): string => {
    const [name] = readdirSync(join(msp, dir));
    if (name === undefined) throw new Error(`nothing in ${msp}/${dir}`);
    return join(msp, dir, name);
  };
  const ca = new FabricCaClient({
    url: new URL(env.GATEWAY_CA_URL ?? ''),
    caName: env.GATEWAY_CA_NAME ?? '',
    tlsCaPem: readFileSync(env.GATEWAY_CA_TLS_CERT ?? '', 'utf8'),
    registrar: {
      certificatePem: readFileSync(file('signcerts'), 'utf8'),
      privateKey: createPrivateKey(readFileSync(file('keystore'))),
    },
  });
  const caCertificatesPem = readdirSync(join(msp, 'cacerts')).map((name) =>
    readFileSync(join(msp, 'cacerts', name), 'utf8'),
  );
  return new EnrolmentService({
    ca,
    wallet: new FileWallet(walletDir),
    mspId: organisation(ORG).mspId,
    reservedIds: [],
    caCertificatesPem,
  });
}

/** Evaluates GetRegistry on the municipality's peer signed by `identity`; resolves 'served' or the refusal. */
async function readRegistryAs(identity: StoredIdentity): Promise<string> {
  const gateway = connect({
    client: peerConnection(ORG),
    identity: { mspId: identity.mspId, credentials: Buffer.from(identity.certificatePem) },
    signer: signers.newPrivateKeySigner(identity.privateKey),
    hash: hash.sha256,
    evaluateOptions: () => ({ deadline: Date.now() + 15_000 }),
  });
  try {
    await gateway
      .getNetwork(CHANNEL)
      .getContract(topology.chaincode.name, 'OrganisationContract')
      .evaluateTransaction('GetRegistry');
    return 'served';
  } catch (error) {
    return `refused: ${String(error)}`;
  } finally {
    gateway.close();
  }
}

describe('security: revocation reaches the peers', function () {
  this.timeout(180_000);
  const walletDir = mkdtempSync(join(tmpdir(), 'revocation-wallet-'));
  after(() => {
    closeAll();
    rmSync(walletDir, { recursive: true, force: true });
  });

  it('refuses the certificate a role change superseded once the CRL is on the channel; the new one works', async function () {
    const enrolment = enrolmentService(walletDir);
    const username = uniqueId('moved');
    const before = await enrolment.identityFor({ username, org: ORG, role: 'caseworker' });
    expect(await readRegistryAs(before)).to.equal('served');

    const after = await enrolment.identityFor({ username, org: ORG, role: 'centre_head' });
    expect(after.certificatePem).not.to.equal(before.certificatePem);

    execFileSync('bash', [join(ROOT, 'scripts', 'network.sh'), 'updateCRL', '-org', ORG], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });

    expect(await readRegistryAs(before), 'the superseded certificate').to.match(/^refused/);
    expect(await readRegistryAs(after), 'the new certificate').to.equal('served');
  });
});
