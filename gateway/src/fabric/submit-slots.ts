/** Releases a slot taken from {@link SubmitSlots}; calling it twice has no effect. */
export type ReleaseSlot = () => void;

interface Waiter {
  readonly grant: (release: ReleaseSlot) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * Caps how many submits are in flight at once, so that this gateway never pushes its peer past the peer's own
 * gateway concurrency limit. A caller waits a bounded time for a slot, first come first served.
 */
export class SubmitSlots {
  readonly #capacity: number;
  #inUse = 0;
  readonly #waiters: Waiter[] = [];

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError('capacity must be a positive integer');
    }
    this.#capacity = capacity;
  }

  /** Slots currently taken. */
  get inUse(): number {
    return this.#inUse;
  }

  /** Callers waiting for a slot. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /**
   * Takes a slot, waiting at most `waitMs` for one to be released.
   * @returns the slot's release function, or `undefined` if no slot became free in time.
   */
  acquire(waitMs: number): Promise<ReleaseSlot | undefined> {
    if (this.#inUse < this.#capacity && this.#waiters.length === 0) {
      this.#inUse++;
      return Promise.resolve(this.#newRelease());
    }
    if (waitMs <= 0) {
      return Promise.resolve(undefined);
    }
    return new Promise((resolve) => {
      const waiter: Waiter = {
        grant: resolve,
        timer: setTimeout(() => {
          const index = this.#waiters.indexOf(waiter);
          if (index >= 0) {
            this.#waiters.splice(index, 1);
          }
          resolve(undefined);
        }, waitMs),
      };
      this.#waiters.push(waiter);
    });
  }

  #newRelease(): ReleaseSlot {
    let released = false;
    return () => {
      if (released) {
        return;
      }
      released = true;
      const next = this.#waiters.shift();
      if (next) {
        // The slot passes straight to the next waiter; the count stays the same.
        clearTimeout(next.timer);
        next.grant(this.#newRelease());
      } else {
        this.#inUse--;
      }
    };
  }
}
