// probe-endorser.mjs PEER_ADDRESS PEER_TLS_CA ADMIN_MSP_DIR ADMIN_TLS_DIR MSP_ID CHANNEL CHAINCODE TARGET_MSP
// Asks the peer's gateway service to evaluate a harmless query on TARGET_MSP's peer: exits 0 once that peer is back
// in the gateway's set of endorsers (after a restart it is missing until gossip sees it alive again), 1 otherwise.
import { readdirSync, readFileSync } from 'node:fs';
import { createPrivateKey } from 'node:crypto';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers } from '@hyperledger/fabric-gateway';

const [address, tlsCa, adminMsp, adminTls, mspId, channel, chaincode, target] = process.argv.slice(2);
const first = (dir) => readFileSync(join(dir, readdirSync(dir)[0]));
const client = new grpc.Client(
  address,
  grpc.credentials.createSsl(
    readFileSync(tlsCa),
    readFileSync(join(adminTls, 'client.key')),
    readFileSync(join(adminTls, 'client.crt')),
  ),
);
const gateway = connect({
  client,
  identity: { mspId, credentials: first(join(adminMsp, 'signcerts')) },
  signer: signers.newPrivateKeySigner(createPrivateKey(first(join(adminMsp, 'keystore')))),
  hash: hash.sha256,
  evaluateOptions: () => ({ deadline: Date.now() + 5_000 }),
});
try {
  await gateway
    .getNetwork(channel)
    .getContract(chaincode)
    .evaluate('OrganisationContract:WhoAmI', { endorsingOrganizations: [target] });
  process.exitCode = 0;
} catch {
  process.exitCode = 1;
} finally {
  gateway.close();
  client.close();
}
