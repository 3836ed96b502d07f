import { ApiError } from '../errors/api-error';

/** Reads this organisation's peer's height (blocks committed) on a channel, e.g. with `qscc GetChainInfo`. */
export type HeightLookup = (channel: string) => Promise<bigint>;

/** What a {@link ChannelHeights} is built from. */
export interface ChannelHeightsOptions {
  /** How long a request may wait for the peer to reach its block before `503 PEER_BEHIND`. */
  readonly waitMs: number;
  /** First pause between two looks at the height; doubled after each look up to {@link MAX_PAUSE_MS}. */
  readonly firstPauseMs?: number;
}

/** Seconds a client should wait before retrying a read whose block the peer has not committed yet. */
export const PEER_BEHIND_RETRY_AFTER_S = 1;
const FIRST_PAUSE_MS = 25;
const MAX_PAUSE_MS = 250;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits, bounded, until this organisation's peer has committed a given block of a channel. The heights it learns
 * are remembered (they only grow), so a request whose block is already committed waits for nothing; requests
 * waiting on the same channel share one look at a time.
 */
export class ChannelHeights {
  readonly #waitMs: number;
  readonly #firstPauseMs: number;
  /** Channel → the highest height seen: the peer has committed every block below it. */
  readonly #known = new Map<string, bigint>();
  /** Channel → the look at its height under way. */
  readonly #looking = new Map<string, Promise<bigint>>();

  constructor(options: Readonly<ChannelHeightsOptions>) {
    this.#waitMs = options.waitMs;
    this.#firstPauseMs = options.firstPauseMs ?? FIRST_PAUSE_MS;
  }

  /** Notes that the peer has committed block `block` of `channel` (e.g. a write's commit status said so). */
  committed(channel: string, block: bigint): void {
    this.#learn(channel, block + 1n);
  }

  /**
   * Resolves once the peer has committed block `block` of `channel`.
   * @throws {@link ApiError} `PEER_BEHIND` (503, `Retry-After`) when it has not within the wait; the lookup's own
   * error (e.g. `PEER_UNAVAILABLE`) when the height cannot be read.
   */
  async reach(channel: string, block: bigint, lookup: HeightLookup): Promise<void> {
    if (this.#reached(channel, block)) {
      return;
    }
    const giveUpAt = Date.now() + this.#waitMs;
    let pause = this.#firstPauseMs;
    for (;;) {
      const left = giveUpAt - Date.now();
      if (left <= 0) {
        throw peerBehind();
      }
      await within(this.#look(channel, lookup), left);
      if (this.#reached(channel, block)) {
        return;
      }
      const after = giveUpAt - Date.now();
      if (after <= 0) {
        throw peerBehind();
      }
      await sleep(Math.min(pause, after));
      pause = Math.min(pause * 2, MAX_PAUSE_MS);
    }
  }

  #reached(channel: string, block: bigint): boolean {
    return (this.#known.get(channel) ?? 0n) > block;
  }

  #look(channel: string, lookup: HeightLookup): Promise<bigint> {
    let looking = this.#looking.get(channel);
    if (looking === undefined) {
      looking = lookup(channel)
        .then((height) => {
          this.#learn(channel, height);
          return height;
        })
        .finally(() => {
          this.#looking.delete(channel);
        });
      this.#looking.set(channel, looking);
    }
    return looking;
  }

  #learn(channel: string, height: bigint): void {
    if (height > (this.#known.get(channel) ?? 0n)) {
      this.#known.set(channel, height);
    }
  }
}

/** Waits for `promise`, but no longer than `ms` (then resolves with nothing; its failure still counts). */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      promise,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function peerBehind(): ApiError {
  return new ApiError({ code: 'PEER_BEHIND', retryAfterSeconds: PEER_BEHIND_RETRY_AFTER_S });
}
