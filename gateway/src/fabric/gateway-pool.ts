import type { CallOptions, Client } from '@grpc/grpc-js';
import { connect, type Gateway } from '@hyperledger/fabric-gateway';
import type { StageDeadlines } from '../config';
import type { SigningUser } from './signing-user';
import { transactionSigning } from './transaction-signer';

/** What a {@link GatewayPool} is built from. */
export interface GatewayPoolOptions {
  /** The one gRPC connection to the organisation's peer, shared by every identity. */
  readonly client: Client;
  readonly deadlines: StageDeadlines;
  /** Most identities kept connected; the least recently used is closed beyond this. */
  readonly maxSize?: number;
  /** An identity unused this long is closed. */
  readonly idleMs?: number;
  /** Clock, for tests. */
  readonly now?: () => number;
}

interface Entry {
  readonly gateway: Gateway;
  lastUsed: number;
}

/**
 * One fabric-gateway {@link Gateway} per user identity, all over the same gRPC connection. Gateways are created on
 * first use, reused while the identity is active, and closed when idle, evicted or at shutdown.
 */
export class GatewayPool {
  readonly #client: Client;
  readonly #deadlines: StageDeadlines;
  readonly #maxSize: number;
  readonly #idleMs: number;
  readonly #now: () => number;
  // Map iteration order is insertion order; re-inserting on use keeps the least recently used first.
  readonly #entries = new Map<string, Entry>();

  constructor(options: Readonly<GatewayPoolOptions>) {
    this.#client = options.client;
    this.#deadlines = options.deadlines;
    this.#maxSize = options.maxSize ?? 1000;
    this.#idleMs = options.idleMs ?? 15 * 60_000;
    this.#now = options.now ?? Date.now;
  }

  /** Identities currently connected. */
  get size(): number {
    return this.#entries.size;
  }

  /** The Gateway signing as `user`, created if needed. */
  gatewayFor(user: SigningUser): Gateway {
    const now = this.#now();
    const existing = this.#entries.get(user.key);
    if (existing) {
      existing.lastUsed = now;
      this.#entries.delete(user.key);
      this.#entries.set(user.key, existing);
      return existing.gateway;
    }
    const gateway = connect({
      client: this.#client,
      identity: { mspId: user.mspId, credentials: Buffer.from(user.certificatePem) },
      ...transactionSigning(user.privateKey),
      evaluateOptions: deadline(this.#deadlines.evaluateMs),
      endorseOptions: deadline(this.#deadlines.endorseMs),
      submitOptions: deadline(this.#deadlines.submitMs),
      commitStatusOptions: deadline(this.#deadlines.commitStatusMs),
    });
    this.#entries.set(user.key, { gateway, lastUsed: now });
    this.#evict(now);
    return gateway;
  }

  /** Closes the Gateways of identities idle for longer than the idle limit. */
  closeIdle(): void {
    this.#evict(this.#now());
  }

  /** Closes every Gateway; the shared gRPC connection is closed by its owner. */
  closeAll(): void {
    for (const entry of this.#entries.values()) {
      entry.gateway.close();
    }
    this.#entries.clear();
  }

  #evict(now: number): void {
    for (const [key, entry] of this.#entries) {
      if (this.#entries.size > this.#maxSize || now - entry.lastUsed > this.#idleMs) {
        entry.gateway.close();
        this.#entries.delete(key);
      } else {
        break;
      }
    }
  }
}

function deadline(ms: number): () => CallOptions {
  return () => ({ deadline: Date.now() + ms });
}
