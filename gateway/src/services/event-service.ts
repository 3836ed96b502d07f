import type { Checkpoint } from '@hyperledger/fabric-gateway';
import type { EventAudience } from '../events/event-audience';
import { positionOf, toLedgerEvent, type LedgerEvent } from '../events/event-listener';
import { ApiError } from '../errors/api-error';
import type { FabricClient } from '../fabric/fabric-client';
import type { Requester } from './requester';

/** A live stream of one domain's events, to be closed by its consumer. */
export interface EventStream extends AsyncIterable<LedgerEvent> {
  close(): void;
}

/** What an {@link EventService} is built from. */
export interface EventServiceOptions {
  readonly fabric: FabricClient;
  readonly chaincodeName: string;
  /** Which events this organisation may learn of. */
  readonly audience: EventAudience;
}

/**
 * Streams a domain's chaincode events to one client, read from the ledger with the client's own identity and
 * filtered to what the client's organisation may learn of ({@link EventAudience}). A client that passes the id of
 * the last event it received resumes right after it (Fabric skips to that block and transaction), however long it
 * was away and whether or not the gateway restarted in between.
 */
export class EventService {
  readonly #fabric: FabricClient;
  readonly #chaincodeName: string;
  readonly #audience: EventAudience;

  constructor(options: Readonly<EventServiceOptions>) {
    this.#fabric = options.fabric;
    this.#chaincodeName = options.chaincodeName;
    this.#audience = options.audience;
  }

  /**
   * @param lastEventId - resume after this event; without it the stream starts with the next block.
   * @throws {@link ApiError} `REQUEST_INVALID` for a malformed event id.
   */
  async stream(caller: Requester, domain: string, lastEventId: string | undefined): Promise<EventStream> {
    const position = lastEventId === undefined ? undefined : positionOf(lastEventId);
    if (lastEventId !== undefined && position === undefined) {
      throw new ApiError({
        code: 'REQUEST_INVALID',
        details: {
          issues: [
            {
              in: 'header',
              pointer: '/Last-Event-ID',
              rule: 'pattern',
              message: 'not an event id of this API',
            },
          ],
        },
      });
    }
    const checkpoint: Checkpoint | undefined =
      position === undefined
        ? undefined
        : { getBlockNumber: () => position.blockNumber, getTransactionId: () => position.transactionId };
    const audience = this.#audience;
    // Known before the first event: a registry that cannot be read fails the request, not the stream.
    await audience.viewerOf(domain);
    const network = this.#fabric.network(await caller.identity(), domain);
    const events = await network.getChaincodeEvents(
      this.#chaincodeName,
      checkpoint === undefined ? {} : { checkpoint },
    );
    return {
      close: () => {
        events.close();
      },
      async *[Symbol.asyncIterator]() {
        for await (const event of events) {
          const ledgerEvent = toLedgerEvent(domain, event);
          if (await audience.admits(ledgerEvent)) {
            yield ledgerEvent;
          }
        }
      },
    };
  }
}
