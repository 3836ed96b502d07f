/**
 * A byte-wise search of everything the network keeps on disk (block files, raft WAL and snapshots, LevelDB stores,
 * process logs, the gateways' data directories) for canary strings, in their raw bytes and the encodings a process
 * might log them in (hex, base64). Files are read in chunks with `Buffer.indexOf`; nothing is spawned.
 */
import { createReadStream, existsSync } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { FABRIC_HOME, organisation, type OrgKey, ROOT } from './network';

/** A string that must (or, for a positive control, must not) be absent from the scanned files. */
export interface Canary {
  /** What the canary stands for (`child.name`, `municipal.cpr`…), for the report. */
  readonly label: string;
  /** The exact text written. */
  readonly text: string;
  /**
   * Organisations whose private stores (private data store and state database of their peer) legitimately hold
   * the canary: the members of the collection it was written to. Empty for a public canary.
   */
  readonly holders: readonly OrgKey[];
}

/** One occurrence of a canary in a file. */
export interface Hit {
  readonly label: string;
  /** Which form was found: `raw`, `hex`, `HEX`, `base64/<alignment>`, `base64url/<alignment>`. */
  readonly form: string;
  /** Path relative to the repository root (or absolute outside it). */
  readonly file: string;
  readonly offset: number;
  /** Up to 48 bytes either side, non-printable bytes escaped. */
  readonly context: string;
}

/** A form in which a canary may be stored or logged. */
interface Needle {
  readonly label: string;
  readonly form: string;
  readonly bytes: Buffer;
  readonly holders: readonly OrgKey[];
}

/** What one scan looked at and found. */
export interface ScanReport {
  /** Every file searched (relative to the repository root where inside it). */
  readonly files: readonly string[];
  readonly bytes: number;
  /** Files (relative) whose private-store exclusion applied, with the canaries not searched there. */
  readonly excluded: readonly string[];
  readonly hits: readonly Hit[];
}

const CHUNK_BYTES = 4 * 1024 * 1024;
const CONTEXT_BYTES = 48;

/**
 * The stores of a peer (relative to its node folder) that legitimately hold the values of the collections the peer
 * is a member of, in clear: the private data store (`pvtdataStore`, committed private data and its history), the
 * state database (`stateLeveldb`, current private values beside the public state), and the transient store, where
 * a member peer keeps a private write set from endorsement (or dissemination) until the block commits. Fabric
 * deletes transient entries at commit, but LevelDB keeps the bytes in its journal until a compaction, so they are
 * on disk after commit too. These stores, and only these, are not searched for the canaries of the peer's own
 * collections; they are searched for every other canary (the placement site's stores must not hold the
 * municipality's own data; the consultancy's must hold none). Block files, the raft WAL and snapshots, the history
 * database, logs and everything else are searched for every canary.
 */
export const PRIVATE_STORES = [
  'data/ledgersData/pvtdataStore',
  'data/ledgersData/stateLeveldb',
  'data/transientstore',
] as const;

/** The forms of a text a process could write it in: raw, hex, and base64/base64url at each of the 3 alignments. */
export function needlesOf(canary: Canary): Needle[] {
  const raw = Buffer.from(canary.text, 'utf8');
  const forms = new Map<string, Buffer>([
    ['raw', raw],
    ['hex', Buffer.from(raw.toString('hex'), 'latin1')],
    ['HEX', Buffer.from(raw.toString('hex').toUpperCase(), 'latin1')],
  ]);
  for (let alignment = 0; alignment < 3; alignment += 1) {
    // Text starting `alignment` bytes into a base64 group: only whole groups inside the text are determined by it.
    const aligned = raw.subarray((3 - alignment) % 3);
    const whole = aligned.subarray(0, aligned.length - (aligned.length % 3));
    if (whole.length >= 12) {
      forms.set(`base64/${alignment}`, Buffer.from(whole.toString('base64'), 'latin1'));
      forms.set(`base64url/${alignment}`, Buffer.from(whole.toString('base64url'), 'latin1'));
    }
  }
  const unique = new Map<string, Needle>();
  for (const [form, bytes] of forms) {
    const key = bytes.toString('latin1');
    if (!unique.has(key)) unique.set(key, { label: canary.label, form, bytes, holders: canary.holders });
  }
  return [...unique.values()];
}

/** Where the network and the REST gateways keep data: the network's home and the gateways' default data folder. */
export function defaultScanRoots(): string[] {
  const gatewayData = join(
    process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'),
    'fabric-agreements',
  );
  return [FABRIC_HOME, ...(existsSync(gatewayData) ? [gatewayData] : [])];
}

/** The organisation whose peer's private store (see {@link PRIVATE_STORES}) holds `path`, if any. */
function privateStoreOwner(path: string): OrgKey | undefined {
  const nodes = join(FABRIC_HOME, 'nodes') + sep;
  if (!path.startsWith(nodes)) return undefined;
  const [node, ...rest] = path.slice(nodes.length).split(sep);
  const inNode = rest.join('/');
  if (!PRIVATE_STORES.some((store) => inNode.startsWith(`${store}/`))) return undefined;
  for (const key of ['municipality', 'placement', 'consultancy'] as const) {
    const org = organisation(key);
    if (node === `${org.peer.name}.${org.domain}`) return key;
  }
  return undefined;
}

async function* regularFiles(dir: string): AsyncGenerator<string> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isGone(error)) return;
    throw error;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* regularFiles(path);
    // Sockets, FIFOs and symbolic links are not followed: links point inside the tree or at binaries.
    else if (entry.isFile()) yield path;
  }
}

function isGone(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');
}

function printable(bytes: Buffer): string {
  let text = '';
  for (const byte of bytes) {
    text +=
      byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return text;
}

function displayPath(path: string): string {
  return path.startsWith(ROOT + sep) ? relative(ROOT, path) : path;
}

/** Records every occurrence of every needle in `window` that does not end within its first `skip` bytes. */
function searchWindow(
  window: Buffer,
  windowStart: number,
  skip: number,
  path: string,
  needles: readonly Needle[],
  hits: Hit[],
): void {
  for (const needle of needles) {
    for (let at = window.indexOf(needle.bytes); at !== -1; at = window.indexOf(needle.bytes, at + 1)) {
      if (at + needle.bytes.length <= skip) continue;
      hits.push({
        label: needle.label,
        form: needle.form,
        file: displayPath(path),
        offset: windowStart + at,
        context: printable(
          window.subarray(Math.max(0, at - CONTEXT_BYTES), at + needle.bytes.length + CONTEXT_BYTES),
        ),
      });
    }
  }
}

/**
 * Searches one file for `needles`: whole if small, else chunk by chunk with an overlap so that no occurrence
 * straddles two chunks.
 */
async function scanFile(
  path: string,
  size: number,
  needles: readonly Needle[],
  hits: Hit[],
): Promise<number> {
  if (size <= CHUNK_BYTES) {
    try {
      const content = await readFile(path);
      searchWindow(content, 0, 0, path, needles, hits);
      return content.length;
    } catch (error) {
      if (isGone(error)) return 0;
      throw error;
    }
  }
  const longest = Math.max(...needles.map((needle) => needle.bytes.length));
  let carry = Buffer.alloc(0);
  let consumed = 0;
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const window = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
      const windowStart = consumed - carry.length;
      // Occurrences ending inside the carried tail were found in the previous window already.
      searchWindow(window, windowStart, carry.length, path, needles, hits);
      consumed += chunk.length;
      carry = Buffer.from(window.subarray(Math.max(0, window.length - (longest - 1))));
    }
  } catch (error) {
    // LevelDB compacts and removes files while we read; a file that is gone holds nothing any more.
    if (!isGone(error)) throw error;
  } finally {
    stream.destroy();
  }
  return consumed;
}

/**
 * Searches every regular file under `roots` for every form of every canary. In a member peer's private stores
 * (see {@link PRIVATE_STORES}) the canaries of that member's collections are not searched; all else is.
 */
export async function scanForCanaries(
  canaries: readonly Canary[],
  roots: readonly string[] = defaultScanRoots(),
): Promise<ScanReport> {
  const needles = canaries.flatMap(needlesOf);
  const hits: Hit[] = [];
  const excluded: string[] = [];
  const files: string[] = [];
  let bytes = 0;
  for (const root of roots) {
    for await (const path of regularFiles(root)) {
      const owner = privateStoreOwner(path);
      const applicable =
        owner === undefined ? needles : needles.filter((needle) => !needle.holders.includes(owner));
      if (applicable.length < needles.length) excluded.push(displayPath(path));
      if (applicable.length === 0) continue;
      let size;
      try {
        const stats = await lstat(path);
        if (!stats.isFile()) continue;
        size = stats.size;
      } catch (error) {
        if (isGone(error)) continue;
        throw error;
      }
      files.push(displayPath(path));
      bytes += await scanFile(path, size, applicable, hits);
    }
  }
  return { files, bytes, excluded, hits };
}

/** A readable list of hits for an assertion message. */
export function describeHits(hits: readonly Hit[], limit = 20): string {
  const lines = hits
    .slice(0, limit)
    .map((hit) => `${hit.label} (${hit.form}) in ${hit.file} at ${hit.offset}: …${hit.context}…`);
  if (hits.length > limit) lines.push(`… and ${hits.length - limit} more`);
  return lines.join('\n');
}
