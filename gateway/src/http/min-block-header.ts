import { ApiError } from '../errors/api-error';
import { DOMAIN_PATTERN } from './routes/domain-pattern';

/**
 * `Fabric-Min-Block: <domain>:<block number>[, <domain>:<block number>…]` — the consistency token. A write's
 * response carries the block its transaction committed in; a request that sends it back waits until this
 * organisation's peer has committed that block on that domain (see gateway/README.md, "Reading your own writes").
 * The same name both ways, so a client copies the value from a write's response to its next requests.
 */
export const MIN_BLOCK_HEADER = 'Fabric-Min-Block';

/** Bounds of one header value: a client keeps one entry per domain, and there are few domains. */
const MAX_LENGTH = 2048;
const MAX_ENTRIES = 32;
const MAX_BLOCK = 2n ** 64n - 1n;
const ENTRY = new RegExp(`^(${DOMAIN_PATTERN.slice(1, -1)}):(0|[1-9][0-9]{0,19})$`);

/**
 * The lowest block each domain named in a `Fabric-Min-Block` value must have; a domain named twice keeps the higher.
 * Empty list elements are ignored (RFC 9110 §5.6.1); an absent header is an empty map.
 * @throws {@link ApiError} `REQUEST_INVALID` (400) naming the header, never its value.
 */
export function parseMinBlocks(value: string | undefined): ReadonlyMap<string, bigint> {
  const floors = new Map<string, bigint>();
  if (value === undefined) {
    return floors;
  }
  if (value.length > MAX_LENGTH) {
    throw invalid('maxLength', `at most ${MAX_LENGTH.toString()} characters`);
  }
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length > MAX_ENTRIES) {
    throw invalid('maxItems', `at most ${MAX_ENTRIES.toString()} entries`);
  }
  for (const entry of entries) {
    const match = ENTRY.exec(entry);
    const domain = match?.[1];
    const digits = match?.[2];
    if (domain === undefined || digits === undefined || BigInt(digits) > MAX_BLOCK) {
      throw invalid('format', 'each entry is <domain>:<block number>');
    }
    const block = BigInt(digits);
    const earlier = floors.get(domain);
    if (earlier === undefined || block > earlier) {
      floors.set(domain, block);
    }
  }
  return floors;
}

/** The header value naming the highest block each domain's writes committed in (`undefined` when none did). */
export function formatMinBlocks(blocks: ReadonlyMap<string, bigint>): string | undefined {
  if (blocks.size === 0) {
    return undefined;
  }
  return [...blocks].map(([domain, block]) => `${domain}:${block.toString()}`).join(', ');
}

function invalid(rule: string, message: string): ApiError {
  return new ApiError({
    code: 'REQUEST_INVALID',
    details: { issues: [{ in: 'header', pointer: `/${MIN_BLOCK_HEADER}`, rule, message }] },
  });
}
