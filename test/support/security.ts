/**
 * What the security tests need to know about the running network: every TCP port the topology declares, the host's
 * addresses, the network's generated passwords, a gateway's environment, and raw Fabric CA calls as a given
 * identity (so a test can ask the CA for exactly what a compromised gateway could ask).
 */
import { execFileSync } from 'node:child_process';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { homedir, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { readTopology } from '../../scripts/lib/topology-reader.cjs';
import { signLowS } from 'agreements-gateway/identity/ecdsa';
import { FABRIC_HOME, ROOT } from './network';

interface Endpoint {
  readonly port: number;
  readonly operationsPort?: number;
  readonly adminPort?: number;
  readonly chaincodePort?: number;
}

interface FullTopology {
  readonly host: string;
  readonly ordererOrg: {
    readonly host?: string;
    readonly ca: Endpoint & { readonly operationsPort: number };
    readonly nodes: readonly (Endpoint & { readonly name: string })[];
  };
  readonly organisations: readonly {
    readonly key: string;
    readonly host?: string;
    readonly peer: Endpoint;
    readonly ca: Endpoint & { readonly operationsPort: number };
    readonly gatewayPort: number;
  }[];
  readonly chaincode: { readonly ccaasBasePort: number };
}

const topology: FullTopology = readTopology();

/** A TCP port of the topology, whether this network runs a process on it, and the address it should listen on. */
export interface TopologyPort {
  readonly what: string;
  readonly port: number;
  readonly host: string;
  /** False for ports only some runs use (raft nodes 2 and 3, chaincode-as-a-service servers). */
  readonly alwaysOpen: boolean;
}

/** Every TCP port the topology declares: orderers, peers, CAs, gateways, ccaas servers, the dev identity provider. */
export function topologyPorts(): TopologyPort[] {
  const ports: TopologyPort[] = [];
  const ordererHost = topology.ordererOrg.host ?? topology.host;
  const orderers = Number(readFileOr(join(FABRIC_HOME, 'orderer-count'), '1'));
  topology.ordererOrg.nodes.forEach((node, index) => {
    const running = index < orderers;
    ports.push(
      { what: `${node.name} gRPC`, port: node.port, host: ordererHost, alwaysOpen: running },
      { what: `${node.name} admin`, port: node.adminPort ?? 0, host: ordererHost, alwaysOpen: running },
      {
        what: `${node.name} operations`,
        port: node.operationsPort ?? 0,
        host: ordererHost,
        alwaysOpen: running,
      },
    );
  });
  ports.push(
    { what: 'ca-orderer', port: topology.ordererOrg.ca.port, host: ordererHost, alwaysOpen: true },
    {
      what: 'ca-orderer operations',
      port: topology.ordererOrg.ca.operationsPort,
      host: ordererHost,
      alwaysOpen: true,
    },
  );
  topology.organisations.forEach((org, index) => {
    const host = org.host ?? topology.host;
    ports.push(
      { what: `${org.key} peer`, port: org.peer.port, host, alwaysOpen: true },
      { what: `${org.key} chaincode listener`, port: org.peer.chaincodePort ?? 0, host, alwaysOpen: true },
      { what: `${org.key} peer operations`, port: org.peer.operationsPort ?? 0, host, alwaysOpen: true },
      { what: `${org.key} CA`, port: org.ca.port, host, alwaysOpen: true },
      { what: `${org.key} CA operations`, port: org.ca.operationsPort, host, alwaysOpen: true },
      { what: `${org.key} gateway`, port: org.gatewayPort, host, alwaysOpen: true },
      {
        what: `${org.key} ccaas chaincode server`,
        port: topology.chaincode.ccaasBasePort + index,
        host,
        alwaysOpen: false,
      },
    );
  });
  ports.push({ what: 'development identity provider', port: 4000, host: '127.0.0.1', alwaysOpen: true });
  return ports.filter((entry) => entry.port > 0);
}

/** The machine's IPv4 addresses other than loopback (none on a machine without a network). */
export function nonLoopbackIPv4(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((addresses) => addresses ?? [])
    .filter((address) => address.family === 'IPv4' && !address.internal)
    .map((address) => address.address);
}

function readFileOr(file: string, fallback: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : fallback;
}

/** Where the scripts keep data outside the clone: `${XDG_DATA_HOME:-~/.local/share}/fabric-agreements`. */
export const DATA_ROOT = join(
  process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'),
  'fabric-agreements',
);

/** The network's secrets file (`secret` in scripts/lib/common.sh). */
export function secretsFile(): string {
  return join(
    DATA_ROOT,
    'networks',
    readFileSync(join(FABRIC_HOME, 'network-id'), 'utf8').trim(),
    'secrets.env',
  );
}

/** The network's generated passwords by name. */
export function networkSecrets(): ReadonlyMap<string, string> {
  const entries = readFileSync(secretsFile(), 'utf8')
    .split('\n')
    .filter((line) => line.includes('='))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const);
  return new Map(entries);
}

/** The environment `scripts/gateway.sh` starts an organisation's gateway with (`gateway.sh env ORG`). */
export function gatewayEnvironment(org: string): Readonly<Record<string, string>> {
  const output = execFileSync('bash', [join(ROOT, 'scripts', 'gateway.sh'), 'env', org], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const env: Record<string, string> = {};
  for (const match of output.matchAll(/^export ([A-Z_]+)='(.*)'$/gm)) {
    const [, name, value] = match;
    if (name !== undefined && value !== undefined) env[name] = value;
  }
  return env;
}

/** A CA identity that signs requests: certificate and key from an MSP folder. */
export interface CaCaller {
  readonly certificatePem: string;
  readonly privateKey: KeyObject;
}

export function callerFromMsp(mspDir: string): CaCaller {
  const first = (dir: string): string => {
    const [file] = readdirSync(dir).filter((name) => !name.startsWith('.'));
    if (file === undefined) throw new Error(`no file in ${dir}`);
    return join(dir, file);
  };
  return {
    certificatePem: readFileSync(first(join(mspDir, 'signcerts')), 'utf8'),
    privateKey: createPrivateKey(readFileSync(first(join(mspDir, 'keystore')))),
  };
}

/** The answer of a Fabric CA call. */
export interface CaAnswer {
  readonly status: number;
  readonly success: boolean;
  readonly result: unknown;
  readonly messages: readonly string[];
}

/** Where an organisation's CA is and how to trust it. */
export interface CaTarget {
  readonly host: string;
  readonly port: number;
  readonly caName: string;
  readonly caCertPem: string;
}

export function caOf(org: string, host?: string): CaTarget {
  const entry = topology.organisations.find((candidate) => candidate.key === org);
  if (entry === undefined) throw new Error(`no organisation ${org}`);
  const caName = `ca-${org}`;
  return {
    host: host ?? entry.host ?? topology.host,
    port: entry.ca.port,
    caName,
    caCertPem: readFileSync(join(FABRIC_HOME, 'ca', caName, 'ca-cert.pem'), 'utf8'),
  };
}

/**
 * One Fabric CA REST call: signed as `caller` (token authentication), or with `basic` credentials (enrolment).
 * Resolves with the CA's answer whatever its status; rejects only if no connection could be made.
 */
export function caCall(
  target: CaTarget,
  method: string,
  path: string,
  body: unknown,
  auth: { readonly caller: CaCaller } | { readonly basic: readonly [string, string] },
): Promise<CaAnswer> {
  const text = body === undefined ? '' : JSON.stringify(body);
  let authorization: string;
  if ('caller' in auth) {
    const cert = Buffer.from(auth.caller.certificatePem).toString('base64');
    const payload = `${method}.${Buffer.from(path).toString('base64')}.${Buffer.from(text).toString('base64')}.${cert}`;
    authorization = `${cert}.${signLowS(Buffer.from(payload), auth.caller.privateKey).toString('base64')}`;
  } else {
    authorization = `Basic ${Buffer.from(`${auth.basic[0]}:${auth.basic[1]}`).toString('base64')}`;
  }
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.host,
        port: target.port,
        method,
        path,
        ca: target.caCertPem,
        timeout: 10_000,
        headers: {
          authorization,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          let parsed: { success?: boolean; result?: unknown; errors?: { message?: string }[] } = {};
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof parsed;
          } catch {
            // An unparsable answer counts as a failure.
          }
          resolve({
            status: res.statusCode ?? 0,
            success: parsed.success === true,
            result: parsed.result,
            messages: (parsed.errors ?? []).map((error) => error.message ?? ''),
          });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('the CA did not answer')));
    req.on('error', reject);
    req.end(text);
  });
}
