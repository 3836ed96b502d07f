#!/usr/bin/env node
// The shell scripts' view of network/topology.json (read and checked by topology-reader.cjs): node lists, ports,
// paths, the rendered Fabric config files (crypto-config, configtx, core.yaml, orderer.yaml, collections) and the
// few JSON documents the scripts hand to Fabric. Plain Node (no dependencies) so it runs before `npm ci`.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import reader from './topology-reader.cjs';

const {
  ROOT,
  readTopology,
  readUsers,
  hostOf: hostIn,
  ordererHost: ordererHostIn,
  channelMembers: membersIn,
  topologyWithJoining,
} = reader;
let topology;
try {
  topology = readTopology();
} catch (error) {
  process.stderr.write(`topology: ${error.message}\n`);
  process.exit(2);
}
const HOME = process.env.FABRIC_AGREEMENTS_HOME ?? join(ROOT, '.fabric');
const ORDERERS = Number(process.env.ORDERER_COUNT ?? '1');
// Every node of an organisation listens on, and is dialled at, its organisation's host: `host` of the organisation,
// else the topology's `host` (127.0.0.1, so nothing listens beyond loopback on one machine). On several machines
// each organisation names its own address.
const hostOf = (org) => hostIn(topology, org);
const ordererHost = () => ordererHostIn(topology);

function fail(message) {
  process.stderr.write(`topology: ${message}\n`);
  process.exit(2);
}

const orgs = topology.organisations;
const ordererNodes = topology.ordererOrg.nodes.slice(0, ORDERERS);
const orgByKey = (key) => orgs.find((o) => o.key === key) ?? fail(`unknown organisation ${key}`);
/** Members of a channel: a declared domain's members, or — as test-network does — every organisation. */
const channelMembers = (channel) => membersIn(topology, channel);

const paths = {
  orgDir: (org) => join(HOME, 'organizations', 'peerOrganizations', org.domain),
  ordererOrgDir: () => join(HOME, 'organizations', 'ordererOrganizations', topology.ordererOrg.domain),
  peerDir: (org) => join(paths.orgDir(org), 'peers', `${org.peer.name}.${org.domain}`),
  ordererDir: (node) => join(paths.ordererOrgDir(), 'orderers', `${node.name}.${topology.ordererOrg.domain}`),
  adminMsp: (org) => join(paths.orgDir(org), 'users', `Admin@${org.domain}`, 'msp'),
  ordererAdminDir: () => join(paths.ordererOrgDir(), 'users', `Admin@${topology.ordererOrg.domain}`),
  nodeDir: (name) => join(HOME, 'nodes', name),
};

/** Each organisation's chaincode server port: the base port plus its place in the topology. */
const ccaasPort = (org) => topology.chaincode.ccaasBasePort + orgs.indexOf(org);
const peerNodeName = (org) => `${org.peer.name}.${org.domain}`;
const ordererNodeName = (node) => `${node.name}.${topology.ordererOrg.domain}`;

function fill(templateName, values) {
  const text = readFileSync(join(ROOT, 'network', 'templates', templateName), 'utf8');
  return text.replace(/\{\{([A-Z_]+)\}\}/g, (_, key) => {
    if (!(key in values)) fail(`template ${templateName} needs ${key}`);
    return String(values[key]);
  });
}

function write(file, text) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function renderCore(orgKey, out) {
  const org = orgByKey(orgKey);
  write(
    out,
    fill('core.yaml', {
      PEER_ID: peerNodeName(org),
      HOST: hostOf(org),
      PEER_PORT: org.peer.port,
      CHAINCODE_PORT: org.peer.chaincodePort,
      OPERATIONS_PORT: org.peer.operationsPort,
      MSP_ID: org.mspId,
      PEER_TLS_DIR: join(paths.peerDir(org), 'tls'),
      PEER_MSP_DIR: join(paths.peerDir(org), 'msp'),
      PEER_DATA_DIR: join(paths.nodeDir(peerNodeName(org)), 'data'),
      BUILDERS_DIR: join(ROOT, 'network', 'builders'),
    }),
  );
}

function renderOrderer(name, out) {
  const node = ordererNodes.find((n) => n.name === name) ?? fail(`unknown orderer ${name}`);
  write(
    out,
    fill('orderer.yaml', {
      HOST: ordererHost(),
      ORDERER_PORT: node.port,
      ADMIN_PORT: node.adminPort,
      OPERATIONS_PORT: node.operationsPort,
      MSP_ID: topology.ordererOrg.mspId,
      ORDERER_TLS_DIR: join(paths.ordererDir(node), 'tls'),
      ORDERER_MSP_DIR: join(paths.ordererDir(node), 'msp'),
      ORDERER_DATA_DIR: join(paths.nodeDir(ordererNodeName(node)), 'data'),
    }),
  );
}

function renderCryptoConfig(out) {
  const sansOf = (h) => [...new Set([h, 'localhost', '127.0.0.1'])].map((x) => `      - ${x}`).join('\n');
  const sans = sansOf(ordererHost());
  let text = `# Rendered from network/topology.json for cryptogen (used when the network starts without -ca).
OrdererOrgs:
  - Name: Orderer
    Domain: ${topology.ordererOrg.domain}
    EnableNodeOUs: true
    Specs:
${topology.ordererOrg.nodes.map((n) => `      - Hostname: ${n.name}\n        SANS:\n  ${sans.replace(/\n/g, '\n  ')}`).join('\n')}
PeerOrgs:
`;
  for (const org of orgs) {
    text += `  - Name: ${org.mspId}
    Domain: ${org.domain}
    EnableNodeOUs: true
    Specs:
      - Hostname: ${org.peer.name}
        SANS:
  ${sansOf(hostOf(org)).replace(/\n/g, '\n  ')}
    Users:
      Count: 1
`;
  }
  write(out, text);
}

function orgPolicies(mspId, withEndorsement) {
  const p = (type, rule) => `      ${type}:\n        Type: Signature\n        Rule: "${rule}"\n`;
  // Ordering nodes sign blocks with their 'orderer' OU identity: the orderer org's Writers must admit members.
  const readers = withEndorsement
    ? `OR('${mspId}.admin', '${mspId}.peer', '${mspId}.client')`
    : `OR('${mspId}.member')`;
  const writers = withEndorsement ? `OR('${mspId}.admin', '${mspId}.client')` : `OR('${mspId}.member')`;
  return (
    p('Readers', readers) +
    p('Writers', writers) +
    p('Admins', `OR('${mspId}.admin')`) +
    (withEndorsement ? p('Endorsement', `OR('${mspId}.peer')`) : '')
  );
}

function renderConfigtx(out) {
  const oo = topology.ordererOrg;
  const ordererEndpoints = ordererNodes.map((n) => `        - ${ordererHost()}:${n.port}`).join('\n');
  const consenters = ordererNodes
    .map((n) => {
      const tls = join(paths.ordererDir(n), 'tls', 'server.crt');
      return `          - Host: ${ordererHost()}\n            Port: ${n.port}\n            ClientTLSCert: ${tls}\n            ServerTLSCert: ${tls}`;
    })
    .join('\n');
  let text = `# Rendered from network/topology.json: one profile per domain channel. Do not edit; edit the topology.
Organizations:
  - &OrdererOrg
    Name: ${oo.mspId}
    ID: ${oo.mspId}
    MSPDir: ${join(paths.ordererOrgDir(), 'msp')}
    Policies:
${orgPolicies(oo.mspId, false).replace(/^ {6}/gm, '      ')}    OrdererEndpoints:
${ordererEndpoints}
`;
  for (const org of orgs) {
    text += `  - &${org.key}
    Name: ${org.mspId}
    ID: ${org.mspId}
    MSPDir: ${join(paths.orgDir(org), 'msp')}
    Policies:
${orgPolicies(org.mspId, true)}    # Anchor peers are in the genesis block so cross-org gossip (private data) works from the first block.
    AnchorPeers:
      - Host: ${hostOf(org)}
        Port: ${org.peer.port}
`;
  }
  text += `
Capabilities:
  Channel: &ChannelCapabilities
    V2_0: true
  Orderer: &OrdererCapabilities
    V2_0: true
  Application: &ApplicationCapabilities
    # V2_5 enables purgePrivateData, which erasure of personal data relies on.
    V2_5: true

Application: &ApplicationDefaults
  Organizations:
  Policies:
    Readers: { Type: ImplicitMeta, Rule: "ANY Readers" }
    Writers: { Type: ImplicitMeta, Rule: "ANY Writers" }
    Admins: { Type: ImplicitMeta, Rule: "MAJORITY Admins" }
    LifecycleEndorsement: { Type: ImplicitMeta, Rule: "MAJORITY Endorsement" }
    Endorsement: { Type: ImplicitMeta, Rule: "MAJORITY Endorsement" }
  Capabilities:
    <<: *ApplicationCapabilities

Orderer: &OrdererDefaults
  OrdererType: etcdraft
  # Cut a block after ${topology.batchTimeout} or ${topology.batchMaxMessageCount ?? 10} transactions, whichever comes first
  # (network/README.md, "Ordering", says why).
  BatchTimeout: ${topology.batchTimeout}
  BatchSize:
    MaxMessageCount: ${topology.batchMaxMessageCount ?? 10}
    AbsoluteMaxBytes: 99 MB
    PreferredMaxBytes: ${topology.batchPreferredMaxBytes ?? '512 KB'}
  EtcdRaft:
    Consenters:
${consenters}
  Organizations:
  Policies:
    Readers: { Type: ImplicitMeta, Rule: "ANY Readers" }
    Writers: { Type: ImplicitMeta, Rule: "ANY Writers" }
    Admins: { Type: ImplicitMeta, Rule: "MAJORITY Admins" }
    BlockValidation: { Type: ImplicitMeta, Rule: "ANY Writers" }

Channel: &ChannelDefaults
  Policies:
    Readers: { Type: ImplicitMeta, Rule: "ANY Readers" }
    Writers: { Type: ImplicitMeta, Rule: "ANY Writers" }
    Admins: { Type: ImplicitMeta, Rule: "MAJORITY Admins" }
  Capabilities:
    <<: *ChannelCapabilities

Profiles:
`;
  const channels = [
    ...topology.domains.map((d) => d.channel),
    ...(process.env.EXTRA_CHANNEL ? [process.env.EXTRA_CHANNEL] : []),
  ];
  for (const channel of [...new Set(channels)]) {
    text += `  ${channel}:
    <<: *ChannelDefaults
    Orderer:
      <<: *OrdererDefaults
      Organizations:
        - *OrdererOrg
      Capabilities: *OrdererCapabilities
    Application:
      <<: *ApplicationDefaults
      Organizations:
${channelMembers(channel)
  .map((o) => `        - *${o.key}`)
  .join('\n')}
      Capabilities: *ApplicationCapabilities
`;
  }
  write(out, text);
}

/** The chaincode-level policy: the municipality and any one provider of the channel must endorse. */
function endorsementPolicy(channel) {
  const members = channelMembers(channel);
  const municipality = members.filter((o) => o.kind === 'municipality').map((o) => `'${o.mspId}.peer'`);
  const providers = members.filter((o) => o.kind === 'provider').map((o) => `'${o.mspId}.peer'`);
  if (municipality.length !== 1 || providers.length === 0)
    fail(`channel ${channel} needs one municipality and a provider`);
  return `AND(${municipality[0]},OR(${providers.join(',')}))`;
}

/**
 * Private data collections of a channel: one per (municipality, provider) pair for what both need to
 * deliver care, and the municipality's own. Names follow the chaincode's convention
 * pair_<municipality MSP>_<provider MSP> and own_<municipality MSP>.
 */
function collections(channel) {
  const members = channelMembers(channel);
  const municipality = members.find((o) => o.kind === 'municipality');
  const member = (o) => `'${o.mspId}.member'`;
  const peer = (o) => `'${o.mspId}.peer'`;
  const base = {
    // The municipality's peer endorses alone and pushes the data to one other member without waiting for it: a
    // provider's peer that is down holds up no write or erasure, and pulls what it missed at commit.
    requiredPeerCount: 0,
    maxPeerCount: 1,
    // Kept until erased by the data controller (purgePrivateData), not by block age.
    blockToLive: 0,
    memberOnlyRead: true,
    memberOnlyWrite: true,
  };
  const list = members
    .filter((o) => o.kind === 'provider')
    .map((p) => ({
      name: `pair_${municipality.mspId}_${p.mspId}`,
      policy: `OR(${member(municipality)},${member(p)})`,
      ...base,
      // The municipality is the data controller: it writes the shared data (and the log of that write) and erases
      // it on its own, even while the provider's peer is down. Logged reads touch world state: both parties endorse.
      endorsementPolicy: { signaturePolicy: `OR(${peer(municipality)})` },
    }));
  list.push({
    name: `own_${municipality.mspId}`,
    policy: `OR(${member(municipality)})`,
    ...base,
    endorsementPolicy: { signaturePolicy: `OR(${peer(municipality)})` },
  });
  return list;
}

const [command, ...args] = process.argv.slice(2);
const shellQuote = (s) => `'${String(s).replace(/'/g, "'\\''")}'`;
/** Prints `KEY='value'` lines for the shell scripts to `eval`. */
const printAssignments = (values) =>
  console.log(
    Object.entries(values)
      .map(([k, x]) => `${k}=${shellQuote(x)}`)
      .join('\n'),
  );
switch (command) {
  case 'orgs':
    console.log(orgs.map((o) => o.key).join(' '));
    break;
  case 'orderers':
    console.log(ordererNodes.map((n) => n.name).join(' '));
    break;
  case 'channels':
    console.log(topology.domains.map((d) => d.channel).join(' '));
    break;
  case 'channels-of':
    // The domains (channels) an organisation is a member of.
    console.log(
      topology.domains
        .filter((d) => d.members.includes(orgByKey(args[0]).key))
        .map((d) => d.channel)
        .join(' '),
    );
    break;
  case 'orderer-org-key':
    console.log(topology.ordererOrg.key);
    break;
  case 'members':
    console.log(
      channelMembers(args[0])
        .map((o) => o.key)
        .join(' '),
    );
    break;
  case 'org': {
    // Shell assignments describing one organisation, for `eval`.
    const org = orgByKey(args[0]);
    const v = {
      ORG_KEY: org.key,
      ORG_MSP: org.mspId,
      ORG_KIND: org.kind,
      ORG_PROVIDER_KIND: org.providerKind ?? '',
      ORG_NAME: org.displayName,
      ORG_DOMAIN: org.domain,
      ORG_DIR: paths.orgDir(org),
      PEER_NAME: peerNodeName(org),
      PEER_DIR: paths.peerDir(org),
      PEER_PORT: org.peer.port,
      ORG_HOST: hostOf(org),
      PEER_ADDRESS: `${hostOf(org)}:${org.peer.port}`,
      PEER_CC_PORT: org.peer.chaincodePort,
      PEER_OPS_PORT: org.peer.operationsPort,
      PEER_TLS_CA: join(paths.peerDir(org), 'tls', 'ca.crt'),
      ADMIN_MSP: paths.adminMsp(org),
      CA_PORT: org.ca.port,
      CA_OPS_PORT: org.ca.operationsPort,
      CA_NAME: `ca-${org.key}`,
      CA_HOME: join(HOME, 'ca', `ca-${org.key}`),
      REGISTRAR_MSP: join(paths.orgDir(org), 'users', `registrar@${org.domain}`, 'msp'),
      GATEWAY_TLS_DIR: join(paths.orgDir(org), 'users', `gateway@${org.domain}`, 'tls'),
      ADMIN_TLS_DIR: join(dirname(paths.adminMsp(org)), 'tls'),
      GATEWAY_PORT: org.gatewayPort,
    };
    printAssignments(v);
    break;
  }
  case 'orderer': {
    const node = ordererNodes.find((n) => n.name === args[0]) ?? fail(`unknown orderer ${args[0]}`);
    const v = {
      ORDERER_NAME: ordererNodeName(node),
      ORDERER_DIR: paths.ordererDir(node),
      ORDERER_PORT: node.port,
      ORDERER_HOST: ordererHost(),
      ORDERER_ADDRESS: `${ordererHost()}:${node.port}`,
      ORDERER_ADMIN_PORT: node.adminPort,
      ORDERER_OPS_PORT: node.operationsPort,
      ORDERER_TLS_CA: join(paths.ordererDir(node), 'tls', 'ca.crt'),
      ORDERER_ORG_DIR: paths.ordererOrgDir(),
      ORDERER_ADMIN_DIR: paths.ordererAdminDir(),
      ORDERER_MSP: topology.ordererOrg.mspId,
      ORDERER_DOMAIN: topology.ordererOrg.domain,
      ORDERER_CA_PORT: topology.ordererOrg.ca.port,
      ORDERER_CA_OPS_PORT: topology.ordererOrg.ca.operationsPort,
    };
    printAssignments(v);
    break;
  }
  case 'chaincode': {
    const c = topology.chaincode;
    const v = {
      CC_NAME: c.name,
      CC_PATH: join(ROOT, c.path),
      CC_LANGUAGE: c.language,
      CC_VERSION: c.version,
      CC_SEQUENCE: c.sequence,
      CCAAS_BASE_PORT: c.ccaasBasePort,
    };
    printAssignments(v);
    break;
  }
  case 'render-core':
    renderCore(args[0], args[1]);
    break;
  case 'render-orderer':
    renderOrderer(args[0], args[1]);
    break;
  case 'render-crypto-config':
    renderCryptoConfig(args[0]);
    break;
  case 'render-configtx':
    renderConfigtx(args[0]);
    break;
  case 'endorsement-policy':
    console.log(endorsementPolicy(args[0]));
    break;
  case 'render-collections':
    write(args[1], `${JSON.stringify(collections(args[0]), null, 2)}\n`);
    break;
  case 'check-join': {
    // check-join FILE: whether the organisation file can join this network (network.sh addOrg); prints its key.
    try {
      const joined = topologyWithJoining(args[0]);
      console.log(joined.organisations[joined.organisations.length - 1].key);
    } catch (error) {
      fail(error.message);
    }
    break;
  }
  case 'json':
    console.log(JSON.stringify(topology));
    break;
  case 'users':
    // The story's people of one organisation, `name role` per line (network/users.json).
    for (const user of readUsers().filter((u) => u.org === orgByKey(args[0]).key))
      console.log(`${user.name} ${user.role}`);
    break;
  case 'registry-invocation': {
    // The peer CLI's -c argument that writes one organisation into the channel's organisation registry.
    const org = orgByKey(args[0]);
    const invocation =
      org.kind === 'municipality'
        ? {
            function: 'OrganisationContract:RegisterMunicipality',
            Args: [JSON.stringify({ name: org.displayName })],
          }
        : {
            function: 'OrganisationContract:RegisterProvider',
            Args: [JSON.stringify({ mspId: org.mspId, kind: org.providerKind, name: org.displayName })],
          };
    console.log(JSON.stringify(invocation));
    break;
  }
  case 'identifiers-invocation': {
    // The peer CLI's -c argument that writes one organisation's CVR/EAN into the registry (empty if it has none).
    const org = orgByKey(args[0]);
    if (org.tradingIdentifiers !== undefined)
      console.log(
        JSON.stringify({
          function: 'EInvoiceContract:SetTradingIdentifiers',
          Args: [JSON.stringify({ mspId: org.mspId, ...org.tradingIdentifiers })],
        }),
      );
    break;
  }
  case 'ccaas-builder-config': {
    // Where the ccaas builder of this organisation's peer dials its chaincode server.
    const org = orgByKey(args[0]);
    console.log(
      JSON.stringify({
        address: `${hostOf(org)}:${ccaasPort(org)}`,
        root_cert_file: join(paths.peerDir(org), 'tls', 'ca.crt'),
      }),
    );
    break;
  }
  case 'ccaas-port':
    console.log(ccaasPort(orgByKey(args[0])));
    break;
  case 'render-ccaas-package':
    // render-ccaas-package DIR LABEL: metadata.json and src/connection.json of a chaincode-as-a-service package.
    write(join(args[0], 'metadata.json'), `${JSON.stringify({ type: 'ccaas', label: args[1] })}\n`);
    write(
      join(args[0], 'src', 'connection.json'),
      `${JSON.stringify({ address: '{{.address}}', dial_timeout: '10s', tls_required: true, client_auth_required: false })}\n`,
    );
    break;
  default:
    fail(`unknown command ${command ?? ''}`);
}
