import {
  checkpointers,
  type ChaincodeEvent,
  type Checkpointer,
  type Network,
} from '@hyperledger/fabric-gateway';
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../observability/logger';

/** Receives each event; the checkpoint advances only after it returns. */
export type EventSink = (event: LedgerEvent) => Promise<void>;

/** What a {@link ChaincodeEventListener} is built from. */
export interface ChaincodeEventListenerOptions {
  readonly domain: string;
  readonly chaincodeName: string;
  /** The channel, seen by the gateway's own service identity. */
  readonly network: () => Promise<Network>;
  /** Directory of the durable checkpoint files (one per domain). */
  readonly checkpointDir: string;
  /** Block to start from the very first time (no checkpoint yet). */
  readonly startBlock?: bigint;
  readonly sink: EventSink;
  readonly logger: Logger;
}

/**
 * A supervised listener for one domain's chaincode events with a durable file checkpoint: after each event is
 * handed to the sink the checkpoint records its block and transaction, so a restart resumes right after the last
 * delivered event, mid-block included — no gaps, no duplicates. Connection failures are retried with backoff.
 */
export class ChaincodeEventListener {
  readonly #options: ChaincodeEventListenerOptions;
  #stopped = false;
  #running: Promise<void> | undefined;
  #close: (() => void) | undefined;

  constructor(options: Readonly<ChaincodeEventListenerOptions>) {
    this.#options = options;
  }

  /** Starts listening in the background. */
  start(): void {
    this.#running ??= this.#supervise();
  }

  /** Stops listening and waits for the loop to end. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#close?.();
    await this.#running;
  }

  async #supervise(): Promise<void> {
    const { checkpointDir, domain, logger } = this.#options;
    await mkdir(checkpointDir, { recursive: true, mode: 0o700 });
    const checkpointer = await checkpointers.file(path.join(checkpointDir, `${domain}.json`));
    let backoffMs = 500;
    while (!this.#stopped) {
      try {
        await this.#listen(checkpointer);
        backoffMs = 500;
      } catch (error) {
        if (this.#isStopped()) {
          break;
        }
        logger.warn(
          { domain, error: error instanceof Error ? error.name : 'unknown', retryInMs: backoffMs },
          'chaincode event stream interrupted; resuming from the checkpoint',
        );
        await sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 30_000);
      }
    }
  }

  /** Read through a method: `stop()` flips the flag while the loop awaits, which flow analysis cannot see. */
  #isStopped(): boolean {
    return this.#stopped;
  }

  async #listen(checkpointer: Checkpointer): Promise<void> {
    const { chaincodeName, domain, sink, startBlock } = this.#options;
    const network = await this.#options.network();
    const events = await network.getChaincodeEvents(chaincodeName, {
      checkpoint: checkpointer,
      startBlock: startBlock ?? 0n,
    });
    this.#close = () => {
      events.close();
    };
    try {
      for await (const event of events) {
        await sink(toLedgerEvent(domain, event));
        await checkpointer.checkpointChaincodeEvent(event);
        if (this.#isStopped()) {
          break;
        }
      }
    } finally {
      events.close();
    }
  }
}

/** A chaincode event as the gateway passes it on (SSE, webhooks): ids and statuses only, never personal data. */
export interface LedgerEvent {
  /** `<blockNumber>.<transactionId>`: unique (a transaction emits at most one event) and a resume position. */
  readonly id: string;
  readonly domain: string;
  readonly blockNumber: string;
  readonly transactionId: string;
  /** The chaincode's event type, e.g. `AgreementSigned`. */
  readonly type: string;
  readonly payload: unknown;
}

/** The position an event id names, or `undefined` if it is not one of ours. */
export function positionOf(
  eventId: string,
): { readonly blockNumber: bigint; readonly transactionId: string } | undefined {
  const match = /^(\d{1,19})\.([0-9a-f]{64})$/.exec(eventId);
  return match?.[1] === undefined || match[2] === undefined
    ? undefined
    : { blockNumber: BigInt(match[1]), transactionId: match[2] };
}

/** The gateway's form of a chaincode event; a payload that is not JSON is passed on as `null`. */
export function toLedgerEvent(domain: string, event: ChaincodeEvent): LedgerEvent {
  let payload: unknown = null;
  try {
    payload = JSON.parse(Buffer.from(event.payload).toString('utf8')) as unknown;
  } catch {
    // Every event of this chaincode is JSON; anything else carries nothing we can pass on.
  }
  const blockNumber = event.blockNumber.toString();
  return {
    id: `${blockNumber}.${event.transactionId}`,
    domain,
    blockNumber,
    transactionId: event.transactionId,
    type: event.eventName,
    payload,
  };
}
