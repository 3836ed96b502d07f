import type { Page, PageRequest } from '@fabric-agreements/api';
import { canonicalJson } from '../../core/canonical-json';
import type { Parties } from '../../core/parties';
import { invalid } from '../../core/validation';
import { isoInstant } from '../clock';
import { requireEndorsementBy, setEndorsementBy } from '../endorsement';
import { noteAgreementWrite } from '../endorsing-peer';
import type { ChaincodeStub } from '../stub';
import { rangePrefix, type KeyRange } from './keys';

/** One stored entry: its key and the value as written. */
export interface Entry<T> {
  readonly key: string;
  readonly value: T;
}

/** One committed modification of a key, newest first. */
export interface Modification<T> {
  readonly txId: string;
  readonly timestamp: string;
  readonly isDelete: boolean;
  readonly value: T | null;
}

const INDEX_VALUE = Buffer.from([0]);

/**
 * Generic access to world state and private data for one transaction: canonical JSON in and out, key-level
 * endorsement policies on the records that belong to an agreement, ranges and pages. Knows no key; the stores
 * name them through `keys.ts`.
 *
 * It remembers which keys this transaction found present or absent (every read sees the same committed state), so
 * that writing a record costs only what it must: a key read as absent is created with its policy and no metadata
 * read (Fabric deletes a key's metadata with its value, so an absent key has none); a key read as present was
 * created by this chaincode with its policy, and the parties of a record never change, so it is rewritten without
 * touching its metadata. Only a record written without having been read pays a metadata read.
 */
export class LedgerState {
  readonly #stub: ChaincodeStub;
  /** Key → whether it held a value in the committed state this transaction reads. */
  readonly #seen = new Map<string, boolean>();

  constructor(stub: ChaincodeStub) {
    this.#stub = stub;
  }

  /** The value a key holds, or `undefined`. */
  async get<T>(key: string): Promise<T | undefined> {
    const value = await this.#stub.getState(key);
    this.#seen.set(key, value.length > 0);
    return value.length === 0 ? undefined : parseJson<T>(value);
  }

  /** Writes a key no agreement owns (the registry, personal-data bookkeeping). */
  put(key: string, value: unknown): Promise<void> {
    return this.#stub.putState(key, utf8(canonicalJson(value)));
  }

  /**
   * Writes a record that belongs to an agreement, under the parties' key-level endorsement policy. Returns the JSON
   * text written, so that a transaction answering with the record does not serialise it twice.
   */
  async putOwned(key: string, value: unknown, parties: Parties): Promise<string> {
    const mspIds = [parties.municipalityMspId, parties.providerMspId];
    noteAgreementWrite(this.#stub, mspIds);
    const text = canonicalJson(value);
    await this.#stub.putState(key, utf8(text));
    const seen = this.#seen.get(key);
    if (seen === undefined) {
      await requireEndorsementBy(this.#stub, key, mspIds);
    } else if (!seen) {
      await setEndorsementBy(this.#stub, key, mspIds);
    }
    return text;
  }

  /**
   * Writes an index entry of an agreement. It carries no policy of its own and nothing a reader trusts: every read
   * through an index re-checks the agreement the entry points at (see `AgreementStore`).
   */
  putIndex(key: string, parties: Parties): Promise<void> {
    noteAgreementWrite(this.#stub, [parties.municipalityMspId, parties.providerMspId]);
    return this.#stub.putState(key, INDEX_VALUE);
  }

  delete(key: string): Promise<void> {
    return this.#stub.deleteState(key);
  }

  /** Every entry of a range, in key order; allowed in transactions that write (re-checked for phantoms at commit). */
  async scan<T>(range: KeyRange): Promise<readonly Entry<T>[]> {
    const entries: Entry<T>[] = [];
    for await (const entry of this.#stub.getStateByPartialCompositeKey(range.objectType, [
      ...range.attributes,
    ])) {
      this.#seen.set(entry.key, true);
      entries.push({ key: entry.key, value: parseJson<T>(entry.value) });
    }
    return entries;
  }

  /** The keys of a range (index entries), in key order. */
  async scanKeys(range: KeyRange): Promise<readonly string[]> {
    const keys: string[] = [];
    for await (const entry of this.#stub.getStateByPartialCompositeKey(range.objectType, [
      ...range.attributes,
    ])) {
      keys.push(entry.key);
    }
    return keys;
  }

  /**
   * One page of a range's keys and raw values. Read-only transactions only: Fabric refuses writes after a
   * paginated query.
   * @throws Refusal `VALIDATION_FAILED` for a bookmark of another query.
   */
  async page(range: KeyRange, request: PageRequest): Promise<Page<Entry<Uint8Array>>> {
    const start = decodeBookmark(request.bookmark, rangePrefix(range));
    const { iterator, metadata } = await this.#stub.getStateByPartialCompositeKeyWithPagination(
      range.objectType,
      [...range.attributes],
      request.pageSize,
      start,
    );
    const records: Entry<Uint8Array>[] = [];
    try {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        records.push({ key: next.value.key, value: next.value.value });
      }
    } finally {
      await iterator.close();
    }
    // The shim leaves `metadata` undefined when nothing matched, despite its typing.
    const pageMetadata = metadata as typeof metadata | undefined;
    return {
      records,
      fetchedRecordsCount: pageMetadata?.fetchedRecordsCount ?? records.length,
      bookmark: encodeBookmark(pageMetadata?.bookmark ?? ''),
    };
  }

  /**
   * One page over several ranges read one after another, as if they were one range in that order. The bookmark is
   * still the key to resume at, so it says which range that is. Read-only transactions only, as {@link page}.
   * @throws Refusal `VALIDATION_FAILED` for a bookmark of another query.
   */
  async pageAcross(ranges: readonly KeyRange[], request: PageRequest): Promise<Page<Entry<Uint8Array>>> {
    const resumeIn =
      request.bookmark === ''
        ? 0
        : ranges.findIndex((range) => bookmarkWithin(request.bookmark, rangePrefix(range)));
    if (resumeIn === -1) {
      return invalid('bookmark', 'foreign_bookmark', 'is not a bookmark of this query');
    }
    const records: Entry<Uint8Array>[] = [];
    let fetchedRecordsCount = 0;
    for (const [index, range] of ranges.entries()) {
      if (index < resumeIn) {
        continue;
      }
      if (records.length === request.pageSize) {
        // The page is full and ended with the range before: the next page starts at this range's first key.
        const [first] = (await this.page(range, { pageSize: 1, bookmark: '' })).records;
        if (first !== undefined) {
          return { records, fetchedRecordsCount, bookmark: encodeBookmark(first.key) };
        }
        continue;
      }
      const bookmark = index === resumeIn ? request.bookmark : '';
      const page = await this.page(range, { pageSize: request.pageSize - records.length, bookmark });
      records.push(...page.records);
      fetchedRecordsCount += page.fetchedRecordsCount;
      if (page.bookmark !== '') {
        return { records, fetchedRecordsCount, bookmark: page.bookmark };
      }
    }
    return { records, fetchedRecordsCount, bookmark: '' };
  }

  /** Every committed modification of a key, newest first (as Fabric returns them). */
  async history<T>(key: string): Promise<readonly Modification<T>[]> {
    const modifications: Modification<T>[] = [];
    for await (const modification of this.#stub.getHistoryForKey(key)) {
      modifications.push({
        txId: modification.txId,
        timestamp: isoInstant(modification.timestamp.seconds, modification.timestamp.nanos),
        isDelete: modification.isDelete,
        value: modification.isDelete ? null : parseJson<T>(modification.value),
      });
    }
    return modifications;
  }

  // Private data collections. Fabric's own refusals propagate to the caller.

  /** The bytes a private key holds, or `undefined`. */
  async getPrivateBytes(collection: string, key: string): Promise<Uint8Array | undefined> {
    const value = await this.#stub.getPrivateData(collection, key);
    return value.length === 0 ? undefined : value;
  }

  async getPrivate<T>(collection: string, key: string): Promise<T | undefined> {
    const value = await this.getPrivateBytes(collection, key);
    return value === undefined ? undefined : parseJson<T>(value);
  }

  /** SHA-256 (hex) of a private value, readable on every peer of the channel, or `undefined`. */
  async getPrivateHash(collection: string, key: string): Promise<string | undefined> {
    const hash = await this.#stub.getPrivateDataHash(collection, key);
    return hash.length === 0 ? undefined : Buffer.from(hash).toString('hex');
  }

  putPrivate(collection: string, key: string, value: unknown): Promise<void> {
    return this.#stub.putPrivateData(collection, key, utf8(canonicalJson(value)));
  }

  /** Deletes a private value (its private history stays on the member peers). */
  deletePrivate(collection: string, key: string): Promise<void> {
    return this.#stub.deletePrivateData(collection, key);
  }

  /** Removes a private value from every member peer, including its private history; the hash on chain stays. */
  purgePrivate(collection: string, key: string): Promise<void> {
    return this.#stub.purgePrivateData(collection, key);
  }

  async scanPrivate<T>(collection: string, range: KeyRange): Promise<readonly Entry<T>[]> {
    const entries: Entry<T>[] = [];
    for await (const entry of this.#stub.getPrivateDataByPartialCompositeKey(collection, range.objectType, [
      ...range.attributes,
    ])) {
      entries.push({ key: entry.key, value: parseJson<T>(entry.value) });
    }
    return entries;
  }

  /**
   * A page of a private range, from after `bookmark` (Fabric has no paginated private query; the range is read
   * whole and cut here).
   * @throws Refusal `VALIDATION_FAILED` for a bookmark of another query.
   */
  async pagePrivate<T>(collection: string, range: KeyRange, request: PageRequest): Promise<Page<T>> {
    const after = decodeBookmark(request.bookmark, rangePrefix(range));
    const all = (await this.scanPrivate<T>(collection, range)).filter(
      (entry) => after === '' || entry.key > after,
    );
    const page = all.slice(0, request.pageSize);
    const last = page.at(-1);
    return {
      records: page.map((entry) => entry.value),
      fetchedRecordsCount: page.length,
      bookmark: all.length > page.length && last !== undefined ? encodeBookmark(last.key) : '',
    };
  }
}

/** Reads a value this chaincode wrote as canonical JSON of a `T`. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the ledger is typed by its key layout
export function parseJson<T>(value: Uint8Array): T {
  return JSON.parse(Buffer.from(value).toString('utf8')) as T;
}

function utf8(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}

/** Bookmarks are ledger keys (with U+0000 separators); clients get them as URL-safe base64. */
function encodeBookmark(key: string): string {
  return key === '' ? '' : Buffer.from(key, 'utf8').toString('base64url');
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function bookmarkWithin(bookmark: string, prefix: string): boolean {
  return BASE64URL.test(bookmark) && Buffer.from(bookmark, 'base64url').toString('utf8').startsWith(prefix);
}

function decodeBookmark(bookmark: string, prefix: string): string {
  if (bookmark === '') {
    return '';
  }
  const key = BASE64URL.test(bookmark) ? Buffer.from(bookmark, 'base64url').toString('utf8') : '';
  if (!key.startsWith(prefix)) {
    return invalid('bookmark', 'foreign_bookmark', 'is not a bookmark of this query');
  }
  return key;
}
