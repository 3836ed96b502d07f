// Renders networks/network.yaml and networks/municipality-profile.json for Caliper from the running network: the
// municipality's peer (endpoint, TLS) as gateway/tools/org-env.mjs prints it, and Sara's identity from
// .fabric/organizations. Run from this folder, inside the network's namespace if it has one.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const org = process.env.CALIPER_ORG ?? 'municipality';
const user = process.env.CALIPER_USER ?? 'sara';
const channel = process.env.CALIPER_CHANNEL ?? 'placements';

const env = Object.fromEntries(
  [
    ...execFileSync(process.execPath, [path.join(root, 'gateway', 'tools', 'org-env.mjs'), org], {
      encoding: 'utf8',
    }).matchAll(/^export (\w+)='([^']*)'$/gm),
  ].map((match) => [match[1], match[2]]),
);
const orgDir = path.resolve(env.GATEWAY_CA_REGISTRAR_MSP_DIR, '..', '..', '..');
const msp = path.join(orgDir, 'users', `${user}@${path.basename(orgDir)}`, 'msp');
const first = (dir) => path.join(dir, readdirSync(dir)[0]);
const [host, port] = env.GATEWAY_PEER_ENDPOINT.split(':');

const profile = {
  name: `${org}-profile`,
  version: '1.0.0',
  client: { organization: env.GATEWAY_MSP_ID },
  organizations: { [env.GATEWAY_MSP_ID]: { mspid: env.GATEWAY_MSP_ID, peers: ['peer0'] } },
  peers: {
    peer0: {
      url: `grpcs://${host}:${port}`,
      tlsCACerts: { pem: readFileSync(env.GATEWAY_PEER_TLS_CA_CERT, 'utf8') },
      grpcOptions: { 'ssl-target-name-override': host, hostnameOverride: host },
    },
  },
};
const network = `name: agreements
version: "2.0.0"
caliper:
  blockchain: fabric
  sutOptions:
    mutualTls: true
channels:
  - channelName: ${channel}
    contracts:
      - id: agreements
      - id: reference
      - id: privatedata
organizations:
  - mspid: ${env.GATEWAY_MSP_ID}
    identities:
      certificates:
        - name: ${user}
          clientPrivateKey:
            path: ${first(path.join(msp, 'keystore'))}
          clientSignedCert:
            path: ${first(path.join(msp, 'signcerts'))}
    connectionProfile:
      path: networks/${org}-profile.json
      discover: true
`;
mkdirSync(path.join(here, 'networks'), { recursive: true });
writeFileSync(path.join(here, 'networks', `${org}-profile.json`), `${JSON.stringify(profile, null, 2)}\n`);
writeFileSync(path.join(here, 'networks', 'network.yaml'), network);
console.log(`wrote networks/network.yaml and networks/${org}-profile.json for ${user} on ${channel}`);
