/**
 * The consistency token (`Fabric-Min-Block`, see the gateway's README): each write's answer names the block it
 * committed in; every later request of this tab sends the highest block seen per domain, so the gateway waits until
 * its peer has that block and a person never sees their own write vanish. Kept in memory only: a new tab starts
 * without it, as it starts without stale screens.
 */
export const MIN_BLOCK_HEADER = 'Fabric-Min-Block';

const ENTRY = /^([a-z][a-z0-9.-]*):(0|[1-9][0-9]*)$/;

/** Domain → the highest block this tab's writes committed in. */
const seen = new Map<string, bigint>();

/** Remembers the blocks a write's answer names (a header this code does not understand is left alone). */
export function rememberMinBlocks(value: string | null): void {
  for (const entry of (value ?? '').split(',')) {
    const match = ENTRY.exec(entry.trim());
    const domain = match?.[1];
    const digits = match?.[2];
    if (domain === undefined || digits === undefined) continue;
    const block = BigInt(digits);
    const earlier = seen.get(domain);
    if (earlier === undefined || block > earlier) seen.set(domain, block);
  }
}

/** The header value for the next request, or `undefined` before the first write. */
export function minBlocksHeader(): string | undefined {
  if (seen.size === 0) return undefined;
  return [...seen].map(([domain, block]) => `${domain}:${block.toString()}`).join(', ');
}

/** Forgets every block (at logout, and between tests). */
export function forgetMinBlocks(): void {
  seen.clear();
}
