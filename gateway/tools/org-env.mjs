#!/usr/bin/env node
// Prints the environment of one organisation's gateway on the local network, as shell `export` lines:
//   eval "$(node gateway/tools/org-env.mjs municipality)" && node gateway/dist/main.js
// Everything comes from network/topology.json and the crypto material under $FABRIC_AGREEMENTS_HOME (.fabric);
// the identity provider defaults to the development one (packages/dev-identity-provider, port 4000), where each
// gateway is the web login's client `gateway-<org>` (secret `gateway-<org>-dev-secret`) at http://localhost:<port>.
import * as path from 'node:path';
import reader from '../../scripts/lib/topology-reader.cjs';

const { ROOT: root, readTopology, hostOf, channelsOf, gatewayUrl } = reader;
const key = process.argv[2];
const topology = readTopology();
const org = topology.organisations.find((candidate) => candidate.key === key);
if (org === undefined) {
  const keys = topology.organisations.map((candidate) => candidate.key).join(', ');
  process.stderr.write(`usage: org-env.mjs <${keys}>\n`);
  process.exit(2);
}
const home = process.env.FABRIC_AGREEMENTS_HOME ?? path.join(root, '.fabric');
const orgDir = path.join(home, 'organizations', 'peerOrganizations', org.domain);
const peerHost = `${org.peer.name}.${org.domain}`;
// The organisation's address: where its peer and CA listen, and where its gateway listens too.
const host = hostOf(topology, org);
const issuer = process.env.DEV_OIDC_ISSUER ?? 'http://localhost:4000';
const env = {
  GATEWAY_ORG: org.key,
  GATEWAY_MSP_ID: org.mspId,
  // The kind decides which roles the gateway accepts (gateway/src/config.ts DEFAULT_ROLES).
  GATEWAY_ORG_KIND: org.kind === 'municipality' ? 'municipality' : org.providerKind,
  GATEWAY_PEER_ENDPOINT: `${host}:${org.peer.port}`,
  GATEWAY_PEER_TLS_CA_CERT: path.join(orgDir, 'peers', peerHost, 'tls', 'ca.crt'),
  // The TLS client certificate the peer requires (mutual TLS), issued by the organisation's CA.
  GATEWAY_PEER_TLS_CLIENT_CERT: path.join(orgDir, 'users', `gateway@${org.domain}`, 'tls', 'client.crt'),
  GATEWAY_PEER_TLS_CLIENT_KEY: path.join(orgDir, 'users', `gateway@${org.domain}`, 'tls', 'client.key'),
  GATEWAY_CA_URL: `https://${host}:${org.ca.port}`,
  GATEWAY_CA_NAME: `ca-${org.key}`,
  GATEWAY_CA_TLS_CERT: path.join(home, 'ca', `ca-${org.key}`, 'tls-cert.pem'),
  // The gateway's registrar: it may register and revoke `client` identities with a `role` attribute, nothing else.
  GATEWAY_CA_REGISTRAR_MSP_DIR: path.join(orgDir, 'users', `registrar@${org.domain}`, 'msp'),
  GATEWAY_CHANNELS: channelsOf(topology, org.key).join(','),
  GATEWAY_CHAINCODE: topology.chaincode.name,
  GATEWAY_PORT: String(org.gatewayPort),
  GATEWAY_LISTEN_HOST: host,
  GATEWAY_OIDC_ISSUER: issuer,
  GATEWAY_OIDC_AUDIENCE: process.env.DEV_OIDC_AUDIENCE ?? 'urn:fabric-agreements:gateway',
  GATEWAY_OIDC_JWKS_URL: `${issuer}/jwks`,
  GATEWAY_ORG_NAME: org.displayName ?? org.key,
  // The web login: where the browser reaches this gateway, and its client at the development identity provider.
  GATEWAY_PUBLIC_URL: gatewayUrl(topology, key),
  GATEWAY_WEB_CLIENT_ID: `gateway-${org.key}`,
  GATEWAY_WEB_CLIENT_SECRET: `gateway-${org.key}-dev-secret`,
};
const quote = (value) => `'${value.replace(/'/g, "'\\''")}'`;
for (const [name, value] of Object.entries(env)) {
  process.stdout.write(`export ${name}=${quote(value)}\n`);
}
