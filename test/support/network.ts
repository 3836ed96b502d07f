/**
 * Connects tests to the running native network as real people of the story: each organisation's
 * peer over TLS, each person's own CA-issued identity from .fabric/organizations.
 */
import * as grpc from '@grpc/grpc-js';
import {
  connect,
  type Gateway,
  hash,
  type Identity,
  type Signer,
  signers,
} from '@hyperledger/fabric-gateway';
import { createPrivateKey } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { readTopology } from '../../scripts/lib/topology-reader.cjs';
import { LOG_FLUSH_MS } from 'agreements-gateway/observability/logger';

export const ROOT = resolve(__dirname, '..', '..');
export const FABRIC_HOME = process.env.FABRIC_AGREEMENTS_HOME ?? join(ROOT, '.fabric');

/** Until what the gateways logged so far is in their log files (they write their lines in batches). */
export function gatewayLogsWritten(): Promise<void> {
  return sleep(3 * LOG_FLUSH_MS);
}

interface PeerOrganisation {
  readonly key: string;
  readonly mspId: string;
  readonly kind: 'municipality' | 'provider';
  readonly domain: string;
  readonly host?: string;
  readonly peer: { readonly name: string; readonly port: number };
}

interface Topology {
  readonly host: string;
  readonly organisations: readonly PeerOrganisation[];
  readonly domains: readonly { readonly channel: string; readonly members: readonly string[] }[];
  readonly chaincode: { readonly name: string };
}

export const topology: Topology = readTopology();
export type OrgKey = 'municipality' | 'placement' | 'consultancy';

export function organisation(key: OrgKey): PeerOrganisation {
  const org = topology.organisations.find((o) => o.key === key);
  if (!org) throw new Error(`no organisation ${key} in network/topology.json`);
  return org;
}

export function orgDir(org: PeerOrganisation): string {
  return join(FABRIC_HOME, 'organizations', 'peerOrganizations', org.domain);
}

export function peerTlsCa(org: PeerOrganisation): Buffer {
  return readFileSync(join(orgDir(org), 'peers', `${org.peer.name}.${org.domain}`, 'tls', 'ca.crt'));
}

/**
 * The TLS client certificate and key the test harness presents to an organisation's peer (which requires mutual
 * TLS): its admin's, issued by the organisation's CA with the TLS profile (cryptogen lays them out the same way).
 */
export function tlsClientOf(key: OrgKey): { readonly cert: Buffer; readonly key: Buffer } {
  const dir = join(orgDir(organisation(key)), 'users', `Admin@${organisation(key).domain}`, 'tls');
  return { cert: readFileSync(join(dir, 'client.crt')), key: readFileSync(join(dir, 'client.key')) };
}

/** Where an organisation's nodes listen and are dialled: its own `host`, else the topology's. */
export function hostOf(org: PeerOrganisation): string {
  return org.host ?? topology.host;
}

function firstFile(dir: string): Buffer {
  const [file] = readdirSync(dir);
  if (!file) throw new Error(`no file in ${dir}`);
  return readFileSync(join(dir, file));
}

/** The MSP folder of a person of the story (`sara`), or of the org's admin (`Admin`). */
export function mspDir(key: OrgKey, user: string): string {
  const org = organisation(key);
  return join(orgDir(org), 'users', `${user}@${org.domain}`, 'msp');
}

export function identityOf(key: OrgKey, user: string): { identity: Identity; signer: Signer } {
  const dir = mspDir(key, user);
  const credentials = firstFile(join(dir, 'signcerts'));
  const privateKey = createPrivateKey(firstFile(join(dir, 'keystore')));
  return {
    identity: { mspId: organisation(key).mspId, credentials },
    signer: signers.newPrivateKeySigner(privateKey),
  };
}

const connections = new Map<OrgKey, grpc.Client>();

/** One gRPC connection per peer, shared by every identity (as the REST gateway does). */
export function peerConnection(key: OrgKey): grpc.Client {
  let client = connections.get(key);
  if (!client) {
    const org = organisation(key);
    const tls = tlsClientOf(key);
    client = new grpc.Client(
      `${hostOf(org)}:${org.peer.port}`,
      grpc.credentials.createSsl(peerTlsCa(org), tls.key, tls.cert),
    );
    connections.set(key, client);
  }
  return client;
}

const gateways: Gateway[] = [];

/** A Gateway for `user` of organisation `key`, through that organisation's own peer. */
export function gatewayFor(key: OrgKey, user: string): Gateway {
  const { identity, signer } = identityOf(key, user);
  const gateway = connect({
    client: peerConnection(key),
    identity,
    signer,
    hash: hash.sha256,
    evaluateOptions: () => ({ deadline: Date.now() + 15_000 }),
    endorseOptions: () => ({ deadline: Date.now() + 30_000 }),
    submitOptions: () => ({ deadline: Date.now() + 15_000 }),
    commitStatusOptions: () => ({ deadline: Date.now() + 60_000 }),
  });
  gateways.push(gateway);
  return gateway;
}

export function closeAll(): void {
  for (const g of gateways.splice(0)) g.close();
  for (const c of connections.values()) c.close();
  connections.clear();
}

/** Unique, id-safe suffix so repeated runs against one network never collide. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`;
}
