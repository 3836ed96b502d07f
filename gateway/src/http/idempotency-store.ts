import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { JournalEntry } from '../fabric/write-journal';

/** A response kept for replay. */
export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

interface StoredRecord {
  readonly fingerprint: string;
  readonly storedAt: number;
  /** The response, once the request finished. */
  readonly response?: StoredResponse;
  /** Until then: the writes the request noted before submitting them (see `WriteJournal`). */
  readonly writes?: readonly JournalEntry[];
}

/** What {@link IdempotencyStore.begin} found. */
export type IdempotencyStart =
  | { readonly kind: 'new' }
  | { readonly kind: 'replay'; readonly response: StoredResponse }
  /** An earlier run noted writes but never answered (the gateway stopped, or the outcome was unknown). */
  | { readonly kind: 'resume'; readonly writes: readonly JournalEntry[] }
  | { readonly kind: 'in_progress' }
  | { readonly kind: 'mismatch' };

/** What an {@link IdempotencyStore} is built from. */
export interface IdempotencyStoreOptions {
  /** Directory for the records (one file per key, named by a hash of it). */
  readonly dir: string;
  readonly ttlMs?: number;
  readonly now?: () => number;
}

/**
 * Remembers the response to each `Idempotency-Key` (per user) for a day, on disk so that a retry after a gateway
 * restart still gets the first response; and, while a request runs, the transaction ids and results of the writes it
 * is about to submit, so that a retry after the gateway died mid-request answers with the committed result. A key reused with a different request is refused; a key whose request is
 * still running is reported as such. Records hold a response and a hash of the request, never the request itself;
 * operations that return personal data do not use the store.
 */
export class IdempotencyStore {
  readonly #dir: string;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #running = new Set<string>();
  #ready: Promise<void> | undefined;

  constructor(options: Readonly<IdempotencyStoreOptions>) {
    this.#dir = options.dir;
    this.#ttlMs = options.ttlMs ?? 24 * 3_600_000;
    this.#now = options.now ?? Date.now;
  }

  /** Claims `scope` (user + key) for a request with `fingerprint`, or says why not. */
  async begin(scope: string, fingerprint: string): Promise<IdempotencyStart> {
    const id = recordId(scope);
    if (this.#running.has(id)) {
      return { kind: 'in_progress' };
    }
    this.#running.add(id);
    try {
      const record = await this.#read(id);
      if (record === undefined) {
        return { kind: 'new' };
      }
      if (record.fingerprint !== fingerprint) {
        this.#running.delete(id);
        return { kind: 'mismatch' };
      }
      if (record.response === undefined) {
        // Still claimed: this run takes over the earlier one's writes.
        return { kind: 'resume', writes: record.writes ?? [] };
      }
      this.#running.delete(id);
      return { kind: 'replay', response: record.response };
    } catch (error) {
      this.#running.delete(id);
      throw error;
    }
  }

  /** Stores the response of a claimed scope and releases it. */
  async complete(scope: string, fingerprint: string, response: StoredResponse): Promise<void> {
    const id = recordId(scope);
    try {
      await this.#write(id, { fingerprint, storedAt: this.#now(), response });
    } finally {
      this.#running.delete(id);
    }
  }

  /**
   * Notes, durably, the writes a claimed scope's request is about to submit (transaction ids and results), so that a
   * retry after the gateway stopped can tell whether they committed.
   */
  async noteWrites(scope: string, fingerprint: string, writes: readonly JournalEntry[]): Promise<void> {
    await this.#write(recordId(scope), { fingerprint, storedAt: this.#now(), writes });
  }

  /**
   * Releases a claimed scope after its request failed. With `keepWrites` (the outcome of a noted write is unknown)
   * the noted writes stay for the retry; otherwise they go, and the request may simply be run again.
   */
  async abandon(scope: string, keepWrites = false): Promise<void> {
    const id = recordId(scope);
    try {
      if (!keepWrites) {
        const record = await this.#read(id).catch(() => undefined);
        if (record !== undefined && record.response === undefined) {
          await unlink(path.join(this.#dir, `${id}.json`)).catch(() => undefined);
        }
      }
    } finally {
      this.#running.delete(id);
    }
  }

  async #write(id: string, record: StoredRecord): Promise<void> {
    await this.#ensureDir();
    const file = path.join(this.#dir, `${id}.json`);
    const temporary = `${file}.${process.pid.toString()}.tmp`;
    await writeFile(temporary, JSON.stringify(record), { mode: 0o600 });
    await rename(temporary, file);
  }

  /** Deletes records older than the retention period. */
  async sweep(): Promise<number> {
    await this.#ensureDir();
    let removed = 0;
    for (const name of await readdir(this.#dir)) {
      const file = path.join(this.#dir, name);
      try {
        if (this.#now() - (await stat(file)).mtimeMs > this.#ttlMs) {
          await unlink(file);
          removed++;
        }
      } catch {
        // Removed concurrently; nothing to do.
      }
    }
    return removed;
  }

  async #read(id: string): Promise<StoredRecord | undefined> {
    await this.#ensureDir();
    let text: string;
    try {
      text = await readFile(path.join(this.#dir, `${id}.json`), 'utf8');
    } catch (error) {
      if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') {
        return undefined;
      }
      throw error;
    }
    const record = JSON.parse(text) as StoredRecord;
    return this.#now() - record.storedAt > this.#ttlMs ? undefined : record;
  }

  #ensureDir(): Promise<void> {
    this.#ready ??= mkdir(this.#dir, { recursive: true, mode: 0o700 }).then(() => undefined);
    return this.#ready;
  }
}

/** A request's fingerprint: method, path and body. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method}\n${path}\n${JSON.stringify(body ?? null)}`)
    .digest('hex');
}

function recordId(scope: string): string {
  return createHash('sha256').update(scope).digest('hex');
}
