/**
 * The `Fabric-Min-Block` consistency tokens of a set of systems that hand each other their writes (gateway/README.md,
 * "Reading your own writes"): each write's answer names the block it committed in; every later request sends the
 * highest block seen per domain, so whichever organisation's gateway answers, it answers from at least that state.
 */
export const MIN_BLOCK_HEADER = 'fabric-min-block';

const ENTRY = /^([a-z][a-z0-9.-]*):(0|[1-9][0-9]*)$/;

export class ConsistencyTokens {
  /** Domain → the highest block a write committed in. */
  readonly #blocks = new Map<string, bigint>();

  /** Remembers the blocks a response's `Fabric-Min-Block` names (anything else in it is ignored). */
  remember(value: string | null): void {
    for (const entry of (value ?? '').split(',')) {
      const match = ENTRY.exec(entry.trim());
      if (match?.[1] === undefined || match[2] === undefined) continue;
      const block = BigInt(match[2]);
      if (block > (this.#blocks.get(match[1]) ?? -1n)) this.#blocks.set(match[1], block);
    }
  }

  /** The value for the next request's `Fabric-Min-Block`, or `undefined` before any write. */
  header(): string | undefined {
    if (this.#blocks.size === 0) return undefined;
    return [...this.#blocks].map(([domain, block]) => `${domain}:${block.toString()}`).join(', ');
  }
}
