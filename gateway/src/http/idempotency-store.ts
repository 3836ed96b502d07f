import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

/** A response kept for replay. */
export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

interface StoredRecord {
  readonly fingerprint: string;
  readonly storedAt: number;
  readonly response: StoredResponse;
}

/** What {@link IdempotencyStore.begin} found. */
export type IdempotencyStart =
  | { readonly kind: 'new' }
  | { readonly kind: 'replay'; readonly response: StoredResponse }
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
 * restart still gets the first response. A key reused with a different request is refused; a key whose request is
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
      this.#running.delete(id);
      return record.fingerprint === fingerprint
        ? { kind: 'replay', response: record.response }
        : { kind: 'mismatch' };
    } catch (error) {
      this.#running.delete(id);
      throw error;
    }
  }

  /** Stores the response of a claimed scope and releases it. */
  async complete(scope: string, fingerprint: string, response: StoredResponse): Promise<void> {
    const id = recordId(scope);
    try {
      await this.#ensureDir();
      const record: StoredRecord = { fingerprint, storedAt: this.#now(), response };
      const file = path.join(this.#dir, `${id}.json`);
      const temporary = `${file}.${process.pid.toString()}.tmp`;
      await writeFile(temporary, JSON.stringify(record), { mode: 0o600 });
      await rename(temporary, file);
    } finally {
      this.#running.delete(id);
    }
  }

  /** Releases a claimed scope without storing anything (the request may be retried). */
  abandon(scope: string): void {
    this.#running.delete(recordId(scope));
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
