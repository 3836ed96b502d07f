// @ts-check
'use strict';
// The one reader of network/topology.json (and network/users.json): every script, tool and test that needs the
// network's shape goes through it. Plain CommonJS without dependencies, so that the shell scripts' CLI
// (topology.mjs) runs before `npm ci`, ES modules import it by name, and TypeScript gets its types from
// topology-reader.d.cts.
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

/** The repository root. */
const ROOT = resolve(__dirname, '..', '..');

/** @param {string} message @returns {never} */
function invalid(message) {
  throw new Error(`network/topology.json: ${message}`);
}

/** @param {unknown} value @param {string} where */
function object(value, where) {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    invalid(`${where} must be an object`);
  return /** @type {Record<string, unknown>} */ (value);
}
/** @param {Record<string, unknown>} o @param {string} key @param {string} where */
function text(o, key, where) {
  const value = o[key];
  if (typeof value !== 'string' || value === '') invalid(`${where}.${key} must be a non-empty string`);
  return value;
}
/** @param {Record<string, unknown>} o @param {string} key @param {string} where */
function port(o, key, where) {
  const value = o[key];
  if (!Number.isInteger(value) || /** @type {number} */ (value) < 1 || /** @type {number} */ (value) > 65535)
    invalid(`${where}.${key} must be a TCP port`);
  return /** @type {number} */ (value);
}
/** @param {unknown} value @param {string} where */
function list(value, where) {
  if (!Array.isArray(value) || value.length === 0) invalid(`${where} must be a non-empty list`);
  return /** @type {unknown[]} */ (value);
}

/**
 * Parses and checks a topology: every field the scripts rely on is present and of the right type, organisation
 * keys are unique and every domain's members exist. Optional `host` fields stay optional.
 * @param {unknown} raw
 * @returns {import('./topology-reader.cjs').Topology}
 */
function checkTopology(raw) {
  const t = object(raw, 'topology');
  text(t, 'host', 'topology');
  text(t, 'batchTimeout', 'topology');
  if (
    t.batchMaxMessageCount !== undefined &&
    !(Number.isInteger(t.batchMaxMessageCount) && t.batchMaxMessageCount > 0)
  ) {
    invalid('topology.batchMaxMessageCount must be a positive integer');
  }
  if (t.batchPreferredMaxBytes !== undefined) text(t, 'batchPreferredMaxBytes', 'topology');
  const oo = object(t.ordererOrg, 'ordererOrg');
  for (const k of ['key', 'mspId', 'domain']) text(oo, k, 'ordererOrg');
  const ooCa = object(oo.ca, 'ordererOrg.ca');
  port(ooCa, 'port', 'ordererOrg.ca');
  port(ooCa, 'operationsPort', 'ordererOrg.ca');
  list(oo.nodes, 'ordererOrg.nodes').forEach((n, i) => {
    const node = object(n, `ordererOrg.nodes[${i}]`);
    text(node, 'name', `ordererOrg.nodes[${i}]`);
    for (const k of ['port', 'adminPort', 'operationsPort']) port(node, k, `ordererOrg.nodes[${i}]`);
  });
  const keys = new Set();
  list(t.organisations, 'organisations').forEach((o, i) => {
    const where = `organisations[${i}]`;
    const org = object(o, where);
    for (const k of ['key', 'mspId', 'kind', 'displayName', 'domain']) text(org, k, where);
    if (org.kind !== 'municipality' && org.kind !== 'provider')
      invalid(`${where}.kind must be municipality or provider`);
    if (org.kind === 'provider') text(org, 'providerKind', where);
    if (org.tradingIdentifiers !== undefined) {
      const ids = object(org.tradingIdentifiers, `${where}.tradingIdentifiers`);
      if (typeof ids.cvr !== 'string' || !/^\d{8}$/.test(ids.cvr))
        invalid(`${where}.tradingIdentifiers.cvr must be 8 digits`);
      if (ids.gln !== undefined && (typeof ids.gln !== 'string' || !/^\d{13}$/.test(ids.gln)))
        invalid(`${where}.tradingIdentifiers.gln must be 13 digits`);
    }
    const peer = object(org.peer, `${where}.peer`);
    text(peer, 'name', `${where}.peer`);
    for (const k of ['port', 'chaincodePort', 'operationsPort']) port(peer, k, `${where}.peer`);
    const ca = object(org.ca, `${where}.ca`);
    port(ca, 'port', `${where}.ca`);
    port(ca, 'operationsPort', `${where}.ca`);
    port(org, 'gatewayPort', where);
    if (keys.has(org.key)) invalid(`organisation key ${String(org.key)} appears twice`);
    keys.add(org.key);
  });
  list(t.domains, 'domains').forEach((d, i) => {
    const domain = object(d, `domains[${i}]`);
    text(domain, 'channel', `domains[${i}]`);
    for (const member of list(domain.members, `domains[${i}].members`)) {
      if (!keys.has(member)) invalid(`domains[${i}] names an unknown organisation ${String(member)}`);
    }
  });
  const cc = object(t.chaincode, 'chaincode');
  for (const k of ['name', 'path', 'language', 'version']) text(cc, k, 'chaincode');
  port(cc, 'ccaasBasePort', 'chaincode');
  return /** @type {import('./topology-reader.cjs').Topology} */ (/** @type {unknown} */ (t));
}

/**
 * The topology file: FABRIC_AGREEMENTS_TOPOLOGY (absolute, or relative to the repository) when set — another shape
 * of the same network, such as network/topology.hosts.json with every organisation on its own host — else
 * network/topology.json.
 * @param {string} [root]
 */
function topologyFile(root = ROOT) {
  const chosen = process.env.FABRIC_AGREEMENTS_TOPOLOGY;
  return chosen !== undefined && chosen !== ''
    ? resolve(root, chosen)
    : join(root, 'network', 'topology.json');
}

/** The TCP ports an organisation listens on. @param {import('./topology-reader.cjs').Organisation} o */
const orgPorts = (o) => [
  o.peer.port,
  o.peer.chaincodePort,
  o.peer.operationsPort,
  o.ca.port,
  o.ca.operationsPort,
  o.gatewayPort,
];

/** Every TCP port the topology's nodes listen on. @param {import('./topology-reader.cjs').Topology} t */
const portsOf = (t) => [
  t.ordererOrg.ca.port,
  t.ordererOrg.ca.operationsPort,
  ...t.ordererOrg.nodes.flatMap((n) => [n.port, n.adminPort, n.operationsPort]),
  ...t.organisations.flatMap(orgPorts),
];

/**
 * Adds a provider that joined after the network was created (`network.sh addOrg`, scripts/lib/add-org.sh) to a
 * checked topology: its organisation, and its key among the members of each channel it joined. The file is the one
 * the operator gave addOrg (network/orgs/<key>.json): `{ "organisation": {…}, "channels": ["placements"] }`.
 * @param {import('./topology-reader.cjs').Topology} t @param {unknown} raw @param {string} where
 * @returns {import('./topology-reader.cjs').Topology}
 */
function joinOrganisation(t, raw, where) {
  const file = object(raw, where);
  const org = object(file.organisation, `${where} organisation`);
  if (org.kind !== 'provider') invalid(`${where}: only a provider can join a running network`);
  const channels = list(file.channels, `${where} channels`);
  if (t.organisations.some((o) => o.key === org.key || o.mspId === org.mspId))
    invalid(`${where}: ${String(org.key)} (${String(org.mspId)}) is already an organisation of the network`);
  for (const channel of channels) {
    if (!t.domains.some((d) => d.channel === channel))
      invalid(`${where}: ${String(channel)} is not a domain channel of the network`);
  }
  const joined = checkTopology({
    ...t,
    organisations: [...t.organisations, org],
    domains: t.domains.map((d) =>
      channels.includes(d.channel) ? { ...d, members: [...d.members, org.key] } : d,
    ),
  });
  const taken = new Set(portsOf(t));
  const clashes = orgPorts(organisation(joined, String(org.key))).filter((p) => taken.has(p));
  if (clashes.length > 0) invalid(`${where}: port(s) ${clashes.join(', ')} already used by the network`);
  return joined;
}

/**
 * The providers that joined this network (`network.sh addOrg`): the organisation files addOrg recorded under
 * `<home>/joined/`, in the order they joined (file names start with a sequence number). `down` deletes them with
 * the rest of the network.
 * @param {string} home the network's home (FABRIC_AGREEMENTS_HOME)
 * @returns {{ file: string, raw: unknown }[]}
 */
function joinedFiles(home) {
  const dir = join(home, 'joined');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({
      file: join(dir, name),
      raw: /** @type {unknown} */ (JSON.parse(readFileSync(join(dir, name), 'utf8'))),
    }));
}

/** The network's home: where its generated files, and the record of the providers that joined it, live. */
const homeOf = (/** @type {string} */ root) => process.env.FABRIC_AGREEMENTS_HOME ?? join(root, '.fabric');

/**
 * The topology file ({@link topologyFile}) with the providers that joined the network at `home` (default
 * FABRIC_AGREEMENTS_HOME, else `<root>/.fabric`) merged in.
 * @param {string} [root] @param {string} [home]
 */
function readTopology(root = ROOT, home = homeOf(root)) {
  let t = checkTopology(JSON.parse(readFileSync(topologyFile(root), 'utf8')));
  for (const { file, raw } of joinedFiles(home)) t = joinOrganisation(t, raw, file);
  return t;
}

/**
 * Checks that the organisation file `file` could join the network at `home`: a provider whose key, MSP id and ports
 * are new, joining declared channels. Returns the topology it would make.
 * @param {string} file @param {string} [root] @param {string} [home]
 */
function topologyWithJoining(file, root = ROOT, home = homeOf(root)) {
  return joinOrganisation(readTopology(root, home), JSON.parse(readFileSync(file, 'utf8')), file);
}

/** @param {string} [root] @returns {readonly import('./topology-reader.cjs').StoryUser[]} */
function readUsers(root = ROOT) {
  const raw = object(JSON.parse(readFileSync(join(root, 'network', 'users.json'), 'utf8')), 'users.json');
  return list(raw.users, 'users.json users').map((u, i) => {
    const user = object(u, `users[${i}]`);
    for (const k of ['name', 'org', 'role']) text(user, k, `users.json users[${i}]`);
    return /** @type {import('./topology-reader.cjs').StoryUser} */ (/** @type {unknown} */ (user));
  });
}

/** @param {import('./topology-reader.cjs').Topology} t @param {import('./topology-reader.cjs').Organisation} org */
const hostOf = (t, org) => org.host ?? t.host;
/** @param {import('./topology-reader.cjs').Topology} t */
const ordererHost = (t) => t.ordererOrg.host ?? t.host;

/** @param {import('./topology-reader.cjs').Topology} t @param {string} key */
function organisation(t, key) {
  const org = t.organisations.find((o) => o.key === key);
  if (org === undefined) throw new Error(`no organisation ${key} in network/topology.json`);
  return org;
}

/**
 * Members of a channel: a declared domain's members, or — as test-network does — every organisation.
 * @param {import('./topology-reader.cjs').Topology} t @param {string} channel
 */
function channelMembers(t, channel) {
  const domain = t.domains.find((d) => d.channel === channel);
  return (domain?.members ?? t.organisations.map((o) => o.key)).map((key) => organisation(t, key));
}

/** @param {import('./topology-reader.cjs').Topology} t @param {string} key */
const channelsOf = (t, key) => t.domains.filter((d) => d.members.includes(key)).map((d) => d.channel);

/** @param {import('./topology-reader.cjs').Topology} t @param {string} key */
function gatewayUrl(t, key) {
  const org = organisation(t, key);
  const host = hostOf(t, org);
  // The address people's browsers use: the web login's redirect URI and cookies name it, so a loopback host is
  // `localhost`, as the development identity provider registers it.
  const name = host === '127.0.0.1' ? 'localhost' : host;
  return `http://${name}:${String(org.gatewayPort)}`;
}

exports.ROOT = ROOT;
exports.checkTopology = checkTopology;
exports.readTopology = readTopology;
exports.topologyWithJoining = topologyWithJoining;
exports.readUsers = readUsers;
exports.hostOf = hostOf;
exports.ordererHost = ordererHost;
exports.organisation = organisation;
exports.channelMembers = channelMembers;
exports.channelsOf = channelsOf;
exports.gatewayUrl = gatewayUrl;
