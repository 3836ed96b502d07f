import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The blocks one request is bound to: the lowest block of each domain it must read at (from its `Fabric-Min-Block`
 * header) and the highest block each of its writes committed in (for the same header on its response).
 */
export class RequestBlocks {
  readonly #required: ReadonlyMap<string, bigint>;
  readonly #committed = new Map<string, bigint>();

  constructor(required: ReadonlyMap<string, bigint>) {
    this.#required = required;
  }

  /** The block this request's reads and writes on `channel` must see, if it named one. */
  requiredOn(channel: string): bigint | undefined {
    return this.#required.get(channel);
  }

  /** Notes that a write of this request committed in `block` of `channel`. */
  committed(channel: string, block: bigint): void {
    const earlier = this.#committed.get(channel);
    if (earlier === undefined || block > earlier) {
      this.#committed.set(channel, block);
    }
  }

  /** The highest block each domain's writes of this request committed in. */
  get committedBlocks(): ReadonlyMap<string, bigint> {
    return this.#committed;
  }
}

const requests = new AsyncLocalStorage<RequestBlocks>();

/** Runs `work` with `blocks` as the blocks of every ledger call it makes. */
export function withRequestBlocks<T>(blocks: RequestBlocks, work: () => Promise<T>): Promise<T> {
  return requests.run(blocks, work);
}

/** The blocks of the request being served; `undefined` outside a request (scheduler, listeners). */
export function currentRequestBlocks(): RequestBlocks | undefined {
  return requests.getStore();
}
