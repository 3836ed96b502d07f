import * as grpc from '@grpc/grpc-js';
import type { Network } from '@hyperledger/fabric-gateway';
import { readFileSync } from 'node:fs';
import type { GatewayConfig } from '../config';
import { ApiError } from '../errors/api-error';
import {
  BUSY_RETRY_AFTER_S,
  classifyCommit,
  classifyFabricFailure,
  type FailureContext,
  commitConflict,
  type FabricStage,
  type RetryReason,
} from './error-mapping';
import { GatewayPool } from './gateway-pool';
import { blockNumberOf, heightOf, validationCodeOf } from './ledger-lookup';
import { withMvccRetry, type AttemptOutcome } from './mvcc-retry';
import type { SigningUser } from './signing-user';
import { SubmitSlots } from './submit-slots';
import { currentWriteJournal, type JournalEntry, type WriteJournal } from './write-journal';

/** One chaincode transaction to evaluate or submit. */
export interface TransactionRequest {
  readonly channel: string;
  /** Fully qualified transaction name, e.g. `AgreementContract:DraftAgreement`. */
  readonly transaction: string;
  readonly arguments?: readonly string[];
  /** Private input (personal data): reaches the endorsing peers only, never the ledger. */
  readonly transientData?: Readonly<Record<string, string | Uint8Array>>;
  /**
   * Organisations whose peers endorse, and no others. Required with transient data, so that personal data is sent
   * only to peers of organisations entitled to hold it.
   */
  readonly endorsingOrganizations?: readonly string[];
}

/** A committed write. */
export interface SubmitResult {
  readonly result: Uint8Array;
  readonly transactionId: string;
  readonly blockNumber: bigint;
  /** 1 unless MVCC read conflicts forced a re-run with a new transaction id. */
  readonly attempts: number;
}

/** Stage timings and retries, for metrics. */
export interface FabricObserver {
  stage(stage: FabricStage, outcome: 'ok' | 'error' | 'retry', seconds: number): void;
  inFlightSubmits(count: number): void;
}

/** The gateway's only way to the ledger. */
export interface FabricClient {
  /**
   * Runs a query on the organisation's peer.
   * @throws {@link ApiError} with the chaincode's code for business errors, or a transport code.
   */
  evaluate(user: SigningUser, request: TransactionRequest): Promise<Uint8Array>;
  /**
   * Endorses, submits and waits for the commit of a write, re-running it (bounded) with a new transaction id after
   * a conflict with a concurrent transaction: an MVCC read conflict, or a key-level policy re-set in the same block.
   * @throws {@link ApiError}: the chaincode's code for business errors; `TOO_MANY_IN_FLIGHT`, `PEER_BUSY` (429);
   * `PEER_UNAVAILABLE`, `ENDORSER_UNAVAILABLE`, `ORDERING_UNAVAILABLE`, `WRITE_OUTCOME_UNKNOWN` (503);
   * `COMMIT_CONFLICT` (409) when every retry lost; `FABRIC_TIMEOUT`; `COMMIT_FAILED`. Inside an idempotent request
   * (a {@link WriteJournal}), each write is noted before it is sent, and a write an earlier run noted is answered
   * from the ledger if it committed.
   */
  submit(user: SigningUser, request: TransactionRequest): Promise<SubmitResult>;
  /**
   * How many blocks of `channel` the organisation's peer has committed (`qscc GetChainInfo`, as `user`).
   * @throws {@link ApiError} a transport code, as for {@link evaluate}.
   */
  blockHeight(user: SigningUser, channel: string): Promise<bigint>;
  /** The channel as seen by `user`, for event streams. */
  network(user: SigningUser, channel: string): Network;
  /** Whether the gRPC connection to the peer is, or within `timeoutMs` becomes, ready. */
  isPeerReachable(timeoutMs: number): Promise<boolean>;
  /** Closes every identity's Gateway and the peer connection. */
  close(): void;
}

/** What a {@link FabricClientImpl} is built from. */
export interface FabricClientOptions {
  readonly peer: GatewayConfig['peer'];
  readonly chaincodeName: string;
  readonly deadlines: GatewayConfig['deadlines'];
  readonly limits: GatewayConfig['limits'];
  readonly observer?: FabricObserver;
  /** Injected connection, for tests; otherwise one TLS connection to `peer.endpoint`. */
  readonly grpcClient?: grpc.Client;
}

/** How long a submit keeps resending while the ordering service has no leader: longer than a raft election. */
const ORDERING_RIDE_THROUGH_MS = 12_000;
/** Pause between those resends. */
const ORDERING_RESEND_PAUSE_MS = 1_000;
/** Times a noted transaction is looked up before it counts as never ordered (it may be in a block being cut). */
const LOOKUP_ATTEMPTS = 3;
const LOOKUP_PAUSE_MS = 2_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const NO_OBSERVER: FabricObserver = { stage: () => undefined, inFlightSubmits: () => undefined };

/** Opens the one gRPC connection to the organisation's peer, shared by every identity. */
export function newPeerConnection(peer: GatewayConfig['peer']): grpc.Client {
  // The peer requires a TLS client certificate (mutual TLS): the gateway's own, issued by its organisation's CA.
  const credentials =
    peer.tlsClient === undefined
      ? grpc.credentials.createSsl(readFileSync(peer.tlsCaCertPath))
      : grpc.credentials.createSsl(
          readFileSync(peer.tlsCaCertPath),
          readFileSync(peer.tlsClient.keyPath),
          readFileSync(peer.tlsClient.certPath),
        );
  return new grpc.Client(peer.endpoint, credentials, {
    ...(peer.hostAlias === undefined ? {} : { 'grpc.ssl_target_name_override': peer.hostAlias }),
    // Below the peer's keepalive enforcement minimum (60 s) would get the connection closed.
    'grpc.keepalive_time_ms': 120_000,
    'grpc.keepalive_timeout_ms': 20_000,
  });
}

/** {@link FabricClient} over one gRPC connection and a pool of per-identity Gateways. */
export class FabricClientImpl implements FabricClient {
  readonly #grpcClient: grpc.Client;
  readonly #pool: GatewayPool;
  readonly #chaincodeName: string;
  readonly #limits: GatewayConfig['limits'];
  readonly #slots: SubmitSlots;
  readonly #observer: FabricObserver;
  readonly #idleTimer: NodeJS.Timeout;

  constructor(options: Readonly<FabricClientOptions>) {
    this.#grpcClient = options.grpcClient ?? newPeerConnection(options.peer);
    this.#pool = new GatewayPool({ client: this.#grpcClient, deadlines: options.deadlines });
    this.#chaincodeName = options.chaincodeName;
    this.#limits = options.limits;
    this.#slots = new SubmitSlots(options.limits.maxInFlightSubmits);
    this.#observer = options.observer ?? NO_OBSERVER;
    this.#idleTimer = setInterval(() => {
      this.#pool.closeIdle();
    }, 60_000);
    this.#idleTimer.unref();
  }

  async evaluate(user: SigningUser, request: TransactionRequest): Promise<Uint8Array> {
    const contract = this.#pool.gatewayFor(user).getNetwork(request.channel).getContract(this.#chaincodeName);
    const proposal = contract.newProposal(request.transaction, proposalOptions(request));
    return this.#stage('evaluate', () => proposal.evaluate());
  }

  async submit(user: SigningUser, request: TransactionRequest): Promise<SubmitResult> {
    const release = await this.#slots.acquire(this.#limits.submitQueueWaitMs);
    if (!release) {
      throw new ApiError({
        code: 'TOO_MANY_IN_FLIGHT',
        details: { limit: this.#limits.maxInFlightSubmits },
        retryAfterSeconds: BUSY_RETRY_AFTER_S,
      });
    }
    this.#observer.inFlightSubmits(this.#slots.inUse);
    try {
      const journal = currentWriteJournal();
      const index = journal?.next();
      const earlier = index === undefined ? undefined : journal?.earlier[index];
      if (earlier?.channel === request.channel) {
        const committed = await this.#committedEarlier(user, earlier);
        if (committed !== undefined) return committed;
      }
      return await this.#submitWithRetry(
        user,
        request,
        journal === undefined || index === undefined ? undefined : { journal, index },
      );
    } finally {
      release();
      this.#observer.inFlightSubmits(this.#slots.inUse);
    }
  }

  async blockHeight(user: SigningUser, channel: string): Promise<bigint> {
    const qscc = this.#pool.gatewayFor(user).getNetwork(channel).getContract('qscc');
    return heightOf(await this.#stage('evaluate', () => qscc.evaluateTransaction('GetChainInfo', channel)));
  }

  network(user: SigningUser, channel: string): Network {
    return this.#pool.gatewayFor(user).getNetwork(channel);
  }

  isPeerReachable(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      this.#grpcClient.waitForReady(Date.now() + timeoutMs, (error) => {
        resolve(error === undefined);
      });
    });
  }

  close(): void {
    clearInterval(this.#idleTimer);
    this.#pool.closeAll();
    this.#grpcClient.close();
  }

  /**
   * The result of a write an earlier run of the same idempotent request noted, if its transaction committed as valid;
   * `undefined` if it did not commit (invalid, or not on the ledger after a few looks), so that it is written anew.
   */
  async #committedEarlier(user: SigningUser, entry: JournalEntry): Promise<SubmitResult | undefined> {
    const qscc = this.#pool.gatewayFor(user).getNetwork(entry.channel).getContract('qscc');
    for (let attempt = 1; attempt <= LOOKUP_ATTEMPTS; attempt++) {
      let processed: Uint8Array;
      try {
        processed = await qscc.evaluateTransaction('GetTransactionByID', entry.channel, entry.transactionId);
      } catch {
        // Not (yet) on the ledger, or the peer did not answer: look again, then write anew.
        if (attempt < LOOKUP_ATTEMPTS) await sleep(LOOKUP_PAUSE_MS);
        continue;
      }
      if (validationCodeOf(processed) !== 0) return undefined;
      const block = await qscc.evaluateTransaction('GetBlockByTxID', entry.channel, entry.transactionId);
      return {
        result: Buffer.from(entry.result, 'base64'),
        transactionId: entry.transactionId,
        blockNumber: blockNumberOf(block),
        attempts: 1,
      };
    }
    return undefined;
  }

  async #submitWithRetry(
    user: SigningUser,
    request: TransactionRequest,
    journal?: { readonly journal: WriteJournal; readonly index: number },
  ): Promise<SubmitResult> {
    const { value, attempts } = await withMvccRetry(
      () => this.#submitOnce(user, request, journal),
      this.#limits.mvccRetries + 1,
    );
    return { ...value, attempts };
  }

  async #submitOnce(
    user: SigningUser,
    request: TransactionRequest,
    journal?: { readonly journal: WriteJournal; readonly index: number },
  ): Promise<AttemptOutcome<Omit<SubmitResult, 'attempts'>>> {
    const contract = this.#pool.gatewayFor(user).getNetwork(request.channel).getContract(this.#chaincodeName);
    // A new proposal each attempt: a new transaction id, so a re-run is never rejected as a duplicate.
    const proposal = contract.newProposal(request.transaction, proposalOptions(request));
    let transaction: Awaited<ReturnType<typeof proposal.endorse>>;
    try {
      transaction = await this.#stage('endorse', () => proposal.endorse(), {
        ownMspId: user.mspId,
        ...(request.endorsingOrganizations === undefined
          ? {}
          : { endorsingOrganisations: request.endorsingOrganizations }),
      });
    } catch (error) {
      if (error instanceof RetryableFailure) {
        return {
          kind: 'conflict',
          transactionId: error.transactionId,
          reason: error.reason,
          ...(error.lastAnswer === undefined ? {} : { lastAnswer: error.lastAnswer }),
        };
      }
      throw error;
    }
    // Noted before it is sent: if this process dies before answering, a retry finds out whether it committed.
    await journal?.journal.note(journal.index, {
      channel: request.channel,
      transactionId: transaction.getTransactionId(),
      result: Buffer.from(transaction.getResult()).toString('base64'),
    });
    const submitted = await this.#submitRidingElections(() => transaction.submit());
    const status = await this.#stage('commit_status', () => submitted.getStatus());
    if (!status.successful) {
      const failure = classifyCommit(status.code, status.transactionId);
      if (failure.kind === 'retry') {
        this.#observer.stage('commit', 'retry', 0);
        return { kind: 'conflict', transactionId: status.transactionId, reason: failure.reason };
      }
      this.#observer.stage('commit', 'error', 0);
      throw failure.error;
    }
    return {
      kind: 'committed',
      value: {
        result: transaction.getResult(),
        transactionId: status.transactionId,
        blockNumber: status.blockNumber,
      },
    };
  }

  /**
   * Sends an endorsed transaction for ordering, and sends the same one again (same transaction id, so it can commit
   * only once) while the ordering service has no leader, for up to {@link ORDERING_RIDE_THROUGH_MS}: a write during
   * a raft leader change waits for the new leader instead of failing.
   */
  async #submitRidingElections<T>(send: () => Promise<T>): Promise<T> {
    const giveUpAt = Date.now() + ORDERING_RIDE_THROUGH_MS;
    for (;;) {
      try {
        return await this.#stage('submit', send);
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 'ORDERING_UNAVAILABLE')) throw error;
        if (Date.now() + ORDERING_RESEND_PAUSE_MS >= giveUpAt) throw error;
        await sleep(ORDERING_RESEND_PAUSE_MS);
      }
    }
  }

  async #stage<T>(stage: FabricStage, run: () => Promise<T>, asked?: FailureContext): Promise<T> {
    const started = process.hrtime.bigint();
    const seconds = (): number => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const result = await run();
      this.#observer.stage(stage, 'ok', seconds());
      return result;
    } catch (error) {
      this.#observer.stage(stage, 'error', seconds());
      const failure = classifyFabricFailure(error, stage, asked);
      if (failure.kind === 'retry') {
        if (stage === 'endorse') {
          throw new RetryableFailure(failure.transactionId, failure.reason, failure.lastAnswer);
        }
        // Only endorsement and the commit status (read in #submitOnce) yield retries; kept for completeness.
        throw commitConflict(failure.transactionId, 1, failure.reason);
      }
      throw failure.error;
    }
  }
}

/** A stage failed in a way a new attempt (new proposal, new transaction id) may not; see `withMvccRetry`. */
class RetryableFailure extends Error {
  constructor(
    readonly transactionId: string,
    readonly reason: RetryReason,
    readonly lastAnswer?: ApiError,
  ) {
    super(`retryable: ${reason}`);
  }
}

function proposalOptions(request: TransactionRequest): {
  arguments: string[];
  transientData?: Record<string, string | Uint8Array>;
  endorsingOrganizations?: string[];
} {
  return {
    arguments: [...(request.arguments ?? [])],
    ...(request.transientData === undefined ? {} : { transientData: { ...request.transientData } }),
    ...(request.endorsingOrganizations === undefined
      ? {}
      : { endorsingOrganizations: [...request.endorsingOrganizations] }),
  };
}
