import { ApiError } from '../errors/api-error';

/** What a {@link StreamSlots} allows. */
export interface StreamSlotLimits {
  /** Open streams one user may hold. */
  readonly perUser: number;
  /** Open streams of all users together. */
  readonly total: number;
}

/** Seconds after which a refused client may try again. */
const RETRY_AFTER_S = 5;

/**
 * Counts open event streams, per user and in total, so that one user (or everyone together) cannot hold the
 * gateway's connections and the peer's event deliveries open without bound.
 */
export class StreamSlots {
  readonly #limits: StreamSlotLimits;
  readonly #perUser = new Map<string, number>();
  #total = 0;

  constructor(limits: Readonly<StreamSlotLimits>) {
    this.#limits = limits;
  }

  /**
   * Takes a slot for `user`; call the returned function (once) when the stream ends.
   * @throws {@link ApiError} `TOO_MANY_STREAMS` (429) beyond the user's limit, `STREAMS_EXHAUSTED` (503) beyond the
   * total; both with `Retry-After`.
   */
  acquire(user: string): () => void {
    const held = this.#perUser.get(user) ?? 0;
    if (held >= this.#limits.perUser) {
      throw new ApiError({ code: 'TOO_MANY_STREAMS', retryAfterSeconds: RETRY_AFTER_S });
    }
    if (this.#total >= this.#limits.total) {
      throw new ApiError({ code: 'STREAMS_EXHAUSTED', retryAfterSeconds: RETRY_AFTER_S });
    }
    this.#perUser.set(user, held + 1);
    this.#total++;
    let released = false;
    return () => {
      if (released) {
        return;
      }
      released = true;
      this.#total--;
      const remaining = (this.#perUser.get(user) ?? 1) - 1;
      if (remaining === 0) {
        this.#perUser.delete(user);
      } else {
        this.#perUser.set(user, remaining);
      }
    };
  }

  /** Open streams in total (for tests and metrics). */
  get open(): number {
    return this.#total;
  }
}
