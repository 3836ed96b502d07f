/**
 * The two operations the benchmark measures — read one agreement, draft a new one — once through the REST gateway
 * and once straight through @hyperledger/fabric-gateway, as the same person (Sara) against the same peer.
 */
import { connect, hash, signers, type Contract, type Gateway } from '@hyperledger/fabric-gateway';
import { AgreementsClient, type AgreementDraftInput } from 'agreements-client';
import { firstDayOfThisMonth, placementDraft, placementLines } from 'agreements-case-story';
import type * as grpc from '@grpc/grpc-js';
import { execFileSync } from 'node:child_process';
import { createPrivateKey, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fetchDevAccessToken } from 'dev-identity-provider/dev-token';
import { newPeerConnection } from 'agreements-gateway/fabric/fabric-client';
import { FileWallet } from 'agreements-gateway/identity/wallet';
import { transactionSigning } from 'agreements-gateway/fabric/transaction-signer';
import { PooledHttpClient } from './http-client';

export const ROOT = path.resolve(__dirname, '..', '..');
const ORG = 'municipality';
const USER = 'sara';

/** The parties of every benchmark agreement. */
const PARTIES = { municipalityMspId: 'MunicipalityMSP', providerMspId: 'PlacementSiteMSP' };

let issued = 0;
/** Tells this benchmark's ids from those of another one started in the same millisecond. */
const RUN = randomBytes(3).toString('hex');

/**
 * A new id in the order a case system issues them (time, then a counter), not a random UUID: a municipality numbers
 * its agreements in sequence, so a new key lands next to the last one. On Fabric's LevelDB, which keeps no bloom
 * filters, that decides what checking that a key is absent costs (docs/benchmark.md). The reference's keys are made
 * the same way, so both sides write alike.
 */
function nextCaseNumber(): string {
  issued += 1;
  return `${Date.now().toString().padStart(15, '0')}-${RUN}-${issued.toString().padStart(9, '0')}`;
}

/** The story's placement with its stay line only and fresh ids, from this month: the write the benchmark repeats. */
export function newDraft(domainPrefix: string): AgreementDraftInput {
  const start = firstDayOfThisMonth();
  const placement = placementDraft({
    id: `${domainPrefix}-${nextCaseNumber()}`,
    start,
    childPseudonym: `bench-child-${randomUUID()}`,
    parties: PARTIES,
    releaseOnAcceptance: false,
  });
  return { ...placement, lines: placementLines(start).slice(0, 1) };
}

/** A child's shared personal data as the REST API takes it (fresh made-up text; no real person). */
function newChildRecord(): Record<string, unknown> {
  const text = (): string => `bench ${randomUUID()}`;
  return { name: text(), guardians: [text(), text()], school: text(), contact: text() };
}

/** A fresh pseudonym for a benchmark child. */
const newChildPseudonym = (): string => `bench-child-${randomUUID()}`;

/** A failed REST request, counted by status and code. */
export class HttpFailure extends Error {
  readonly reason: string;

  constructor(status: number, code: string | undefined) {
    super(`HTTP ${status.toString()} ${code ?? ''}`);
    this.name = 'HttpFailure';
    this.reason = `${status.toString()}${code === undefined ? '' : ` ${code}`}`;
  }
}

/**
 * How the direct side signs: `fabric`, fabric-gateway's default signer (pure JavaScript), as an application built
 * from fabric-samples does; `node`, Node's own ECDSA as the gateway signs (gateway/src/fabric/transaction-signer.ts).
 */
export type DirectSigner = 'fabric' | 'node';

/** How the REST side sends its requests: a pooled keep-alive client (default), or `fetch` as before. */
export type HttpClientKind = 'pooled' | 'fetch';

/** The municipality gateway's REST API as Sara. */
export class RestTarget {
  readonly #baseUrl: string;
  readonly #domain: string;
  readonly #authorization: string;
  readonly #client: PooledHttpClient | undefined;

  constructor(
    options: Readonly<{ baseUrl: string; domain: string; token: string; client?: HttpClientKind }>,
  ) {
    this.#baseUrl = options.baseUrl;
    this.#domain = options.domain;
    this.#authorization = `Bearer ${options.token}`;
    this.#client = options.client === 'fetch' ? undefined : new PooledHttpClient(options.baseUrl);
  }

  /** Bearer token for Sara from the development identity provider. */
  static async token(issuer: string): Promise<string> {
    return (await fetchDevAccessToken(issuer, USER)).token;
  }

  /** The gateway's rate limit per minute, from its `RateLimit-Policy` header (undefined if it sends none). */
  async rateLimitPerMinute(): Promise<number | undefined> {
    const response = await fetch(`${this.#baseUrl}/api/v1/domains`);
    await response.body?.cancel();
    const policy = response.headers.get('ratelimit-policy');
    // `10000;w=60` (IETF draft 7, what the gateway sends) or `"…"; q=10000; w=60` (draft 8).
    const quota = policy === null ? undefined : /^(\d+)\s*;|;\s*q=(\d+)/.exec(policy)?.slice(1).find(Boolean);
    return quota === undefined ? undefined : Number(quota);
  }

  async read(agreementId: string): Promise<void> {
    await this.#send('GET', `/agreements/${encodeURIComponent(agreementId)}`, undefined, 200);
  }

  /** Drafts a new agreement; returns its id. */
  async draft(): Promise<string> {
    const draft = newDraft('bench-rest');
    await this.#send('POST', '/agreements', draft, 201);
    return draft.id;
  }

  /** Stores a new child's shared personal data (municipality and placement site); returns the pseudonym. */
  async personalWrite(): Promise<string> {
    const pseudonym = newChildPseudonym();
    await this.#send(
      'PUT',
      `/children/${pseudonym}/personal-data/shared/${PARTIES.providerMspId}`,
      newChildRecord(),
      200,
    );
    return pseudonym;
  }

  close(): void {
    this.#client?.close();
  }

  async #send(method: string, path: string, body: unknown, expected: number): Promise<void> {
    const target = `/api/v1/${this.#domain}${path}`;
    const headers: Record<string, string> = {
      authorization: this.#authorization,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    };
    const json = body === undefined ? undefined : JSON.stringify(body);
    let status: number;
    let text: string;
    if (this.#client === undefined) {
      const response = await fetch(`${this.#baseUrl}${target}`, { method, headers, body: json });
      status = response.status;
      text = await response.text();
    } else {
      ({ status, text } = await this.#client.send(method, target, headers, json));
    }
    if (status !== expected) {
      let code: string | undefined;
      try {
        code = (JSON.parse(text) as { code?: string }).code;
      } catch {
        code = undefined;
      }
      throw new HttpFailure(status, code);
    }
  }
}

/**
 * The same operations straight through fabric-gateway (the typed chaincode client, agreements-client), with Sara's
 * identity and the municipality's peer.
 */
export class DirectTarget {
  readonly #connection: grpc.Client;
  readonly #gateway: Gateway;
  readonly #chaincode: AgreementsClient;
  readonly #reference: Contract;
  readonly #privateData: Contract;
  /** Where the identity came from, for the report. */
  readonly identitySource: string;

  private constructor(
    connection: grpc.Client,
    gateway: Gateway,
    chaincode: AgreementsClient,
    reference: Contract,
    privateData: Contract,
    identitySource: string,
  ) {
    this.#connection = connection;
    this.#gateway = gateway;
    this.#chaincode = chaincode;
    this.#reference = reference;
    this.#privateData = privateData;
    this.identitySource = identitySource;
  }

  /**
   * Connects as Sara: the identity the gateway enrolled for her (its wallet), so both paths sign with the same
   * certificate; without a wallet entry, her identity under .fabric/organizations.
   */
  static async connect(
    domain: string,
    chaincode: string,
    reference = 'reference',
    privateData = 'privatedata',
    signer: DirectSigner = 'fabric',
  ): Promise<DirectTarget> {
    const env = orgEnvironment(ORG);
    const peer = {
      endpoint: required(env, 'GATEWAY_PEER_ENDPOINT'),
      hostAlias: undefined,
      tlsCaCertPath: required(env, 'GATEWAY_PEER_TLS_CA_CERT'),
      tlsClient: {
        certPath: required(env, 'GATEWAY_PEER_TLS_CLIENT_CERT'),
        keyPath: required(env, 'GATEWAY_PEER_TLS_CLIENT_KEY'),
      },
    };
    const { mspId, certificatePem, privateKey, source } = await saraIdentity(
      required(env, 'GATEWAY_MSP_ID'),
      // The organisation's folder: GATEWAY_CA_REGISTRAR_MSP_DIR is <org>/users/registrar@<domain>/msp.
      path.resolve(required(env, 'GATEWAY_CA_REGISTRAR_MSP_DIR'), '..', '..', '..'),
      process.env.BENCH_WALLET_DIR ?? required(env, 'GATEWAY_WALLET_DIR'),
    );
    const client = newPeerConnection(peer);
    const gateway = connect({
      client,
      identity: { mspId, credentials: Buffer.from(certificatePem) },
      ...(signer === 'node'
        ? transactionSigning(privateKey)
        : { signer: signers.newPrivateKeySigner(privateKey), hash: hash.sha256 }),
      evaluateOptions: () => ({ deadline: Date.now() + 5_000 }),
      endorseOptions: () => ({ deadline: Date.now() + 15_000 }),
      submitOptions: () => ({ deadline: Date.now() + 5_000 }),
      commitStatusOptions: () => ({ deadline: Date.now() + 60_000 }),
    });
    const network = gateway.getNetwork(domain);
    const agreements = new AgreementsClient(network, { chaincode });
    const referenceContract = network.getContract(reference, 'PutOneKey');
    const privateDataContract = network.getContract(privateData);
    return new DirectTarget(client, gateway, agreements, referenceContract, privateDataContract, source);
  }

  /**
   * The reference write: one key put by the put-one-key contract, endorsed by the same two organisations as a
   * draft, submitted, its commit status awaited.
   */
  async referenceWrite(): Promise<string> {
    const key = `bench-ref-${nextCaseNumber()}`;
    await this.#reference.submit('Put', {
      arguments: [key, JSON.stringify({ key, ...PARTIES })],
      endorsingOrganizations: [PARTIES.municipalityMspId, PARTIES.providerMspId],
    });
    return key;
  }

  /**
   * The personal-data reference: fabric-samples' asset-transfer-private-data `CreateAsset`, its properties in the
   * transient map, submitted as the sample's application does (the gateway picks the endorsers from the
   * collections' policies) and its commit awaited.
   */
  async referencePersonalWrite(): Promise<string> {
    const assetID = `bench-asset-${randomUUID()}`;
    const properties = { objectType: 'benchmark', assetID, color: 'blue', size: 5, appraisedValue: 300 };
    await this.#privateData.submit('CreateAsset', {
      transientData: { asset_properties: JSON.stringify(properties) },
    });
    return assetID;
  }

  /**
   * A child's shared personal data (`PutChildData`) as the gateway writes it: the record, salted, in the transient
   * map, endorsed by the municipality (the data controller, alone), its commit awaited.
   */
  async personalWrite(): Promise<string> {
    const pseudonym = newChildPseudonym();
    const record = { ...newChildRecord(), salt: randomBytes(32).toString('hex') };
    await this.#chaincode.childData.putChildData(pseudonym, PARTIES.providerMspId, {
      transientData: { child: JSON.stringify(record) },
      endorsingOrganizations: [PARTIES.municipalityMspId],
    });
    return pseudonym;
  }

  /** The reference read: one key evaluated by the put-one-key contract. */
  async referenceRead(key: string): Promise<void> {
    await this.#reference.evaluate('Get', { arguments: [key] });
  }

  /** The cheapest evaluation there is (the caller's identity): what every transaction pays before its own work. */
  async whoAmI(): Promise<void> {
    await this.#chaincode.organisations.whoAmI();
  }

  async read(agreementId: string): Promise<void> {
    await this.#chaincode.agreements.getAgreement(agreementId);
  }

  /** Endorse (by the draft's two parties), submit and wait for the commit, as the gateway does for a draft. */
  async draft(): Promise<string> {
    const draft = newDraft('bench-direct');
    await this.#chaincode.agreements.draftAgreement(draft);
    return draft.id;
  }

  close(): void {
    this.#gateway.close();
    this.#connection.close();
  }
}

/**
 * The organisation's gateway environment as `scripts/gateway.sh env` prints it (the one place it is derived, this
 * network's wallet included).
 */
function orgEnvironment(org: string): ReadonlyMap<string, string> {
  const output = execFileSync('bash', [path.join(ROOT, 'scripts', 'gateway.sh'), 'env', org], {
    encoding: 'utf8',
  });
  const env = new Map<string, string>();
  for (const match of output.matchAll(/^export (\w+)='([^']*)'$/gm)) {
    if (match[1] !== undefined && match[2] !== undefined) env.set(match[1], match[2]);
  }
  return env;
}

function required(env: ReadonlyMap<string, string>, name: string): string {
  const value = env.get(name);
  if (value === undefined) throw new Error(`org-env.mjs printed no ${name}`);
  return value;
}

interface BenchIdentity {
  readonly mspId: string;
  readonly certificatePem: string;
  readonly privateKey: KeyObject;
  /** Where it was read from. */
  readonly source: string;
}

/**
 * Sara's identity from this network's gateway wallet (`walletDir`: another network's certificate would be refused by
 * every peer), or before the gateway has enrolled her, from `orgDir`, the organisation's folder under
 * .fabric/organizations/peerOrganizations.
 */
async function saraIdentity(mspId: string, orgDir: string, walletDir: string): Promise<BenchIdentity> {
  const stored = existsSync(path.join(walletDir, `${USER}.json`))
    ? await new FileWallet(walletDir).get(USER)
    : undefined;
  if (stored !== undefined) {
    return {
      mspId: stored.mspId,
      certificatePem: stored.certificatePem,
      privateKey: stored.privateKey,
      source: walletDir,
    };
  }
  const msp = path.join(orgDir, 'users', `${USER}@${path.basename(orgDir)}`, 'msp');
  return {
    mspId,
    certificatePem: readFileSync(firstFile(path.join(msp, 'signcerts')), 'utf8'),
    privateKey: createPrivateKey(readFileSync(firstFile(path.join(msp, 'keystore')))),
    source: msp,
  };
}

function firstFile(dir: string): string {
  const [name] = readdirSync(dir);
  if (name === undefined) throw new Error(`no file in ${dir}`);
  return path.join(dir, name);
}
