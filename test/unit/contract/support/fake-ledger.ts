import { createHash } from 'node:crypto';
import { ChaincodeStub as ShimStub } from 'fabric-shim';
import type { ClientIdentity, Iterators, StateQueryResponse } from 'fabric-shim';
import type { ChaincodeStub } from 'agreements-chaincode/contract/stub';

/**
 * An in-memory peer for contract-layer tests. It keeps Fabric's semantics that matter to the contract:
 * reads see only committed state (never the transaction's own writes), paginated queries and writes may not mix,
 * one event survives per transaction, private data is readable only by collection members, and purged data is gone
 * including its history.
 */

export interface Person {
  readonly mspId: string;
  /** Common name in the certificate subject: the person's login (enrolment id), recorded only on signatures and access-log entries. */
  readonly name: string;
  readonly role?: string;
  /** NodeOU admin (OU=admin). */
  readonly admin?: boolean;
  /** Extra certificate attributes, e.g. `hf.Type`. */
  readonly attrs?: Readonly<Record<string, string>>;
}

export interface TxOptions {
  /** Transaction timestamp; defaults to the ledger's clock. */
  readonly at?: string;
  readonly transient?: Readonly<Record<string, string>>;
  /** The endorsing peer's organisation; defaults to the caller's own (as the gateway picks the local peer). */
  readonly peerMspId?: string;
  /** The endorsing peer's clock; defaults to the transaction timestamp (a client with a correct clock). */
  readonly peerAt?: string;
}

interface HistoryEntry {
  readonly txId: string;
  readonly value: Buffer;
  readonly isDelete: boolean;
  readonly epochMs: number;
}

type PrivateWrite = { readonly kind: 'put'; readonly value: Buffer } | { readonly kind: 'delete' | 'purge' };

/** What one transaction wrote: the read-write set the peer would endorse. */
export interface WriteSet {
  readonly puts: ReadonlyMap<string, Buffer>;
  readonly deletes: ReadonlySet<string>;
  readonly validationParameters: ReadonlyMap<string, Buffer>;
  readonly privateWrites: ReadonlyMap<string, ReadonlyMap<string, PrivateWrite>>;
  readonly events: readonly { readonly name: string; readonly payload: Buffer }[];
}

const shimKeys = Object.create(ShimStub.prototype) as ShimStub;

/**
 * The stub calls that are a message to the peer and back (fabric-shim awaits a response for each), by the message
 * type the shim sends. Everything else (composite keys, the transaction id and timestamp, transient data, the
 * event) is answered inside the chaincode process.
 */
const ROUND_TRIPS: Readonly<Record<string, string>> = {
  getState: 'GET_STATE',
  putState: 'PUT_STATE',
  deleteState: 'DEL_STATE',
  getStateValidationParameter: 'GET_STATE_METADATA',
  setStateValidationParameter: 'PUT_STATE_METADATA',
  getStateByPartialCompositeKey: 'GET_STATE_BY_RANGE',
  getStateByPartialCompositeKeyWithPagination: 'GET_STATE_BY_RANGE',
  getHistoryForKey: 'GET_HISTORY_FOR_KEY',
  getPrivateData: 'GET_PRIVATE_DATA',
  getPrivateDataHash: 'GET_PRIVATE_DATA_HASH',
  getPrivateDataByPartialCompositeKey: 'GET_PRIVATE_DATA_BY_RANGE',
  putPrivateData: 'PUT_PRIVATE_DATA',
  deletePrivateData: 'DEL_PRIVATE_DATA',
  purgePrivateData: 'PURGE_PRIVATE_DATA',
};

export class FakeLedger {
  readonly channelId: string;
  now: string;
  readonly #state = new Map<string, Buffer>();
  readonly #history = new Map<string, HistoryEntry[]>();
  readonly #validationParameters = new Map<string, Buffer>();
  readonly #private = new Map<string, Map<string, Buffer>>();
  /** Collection name → MSP ids whose clients may read it (memberOnlyRead). */
  readonly #collectionMembers = new Map<string, readonly string[]>();
  #txCounter = 0;

  constructor(options: Readonly<{ channelId?: string; now: string }>) {
    this.channelId = options.channelId ?? 'placements';
    this.now = options.now;
  }

  /** Declares a private data collection and the organisations that are its members. */
  defineCollection(name: string, memberMspIds: readonly string[]): void {
    this.#collectionMembers.set(name, memberMspIds);
  }

  begin(person: Person, options: TxOptions = {}): FakeTransaction {
    this.#txCounter += 1;
    const txId = createHash('sha256').update(`tx-${this.#txCounter}`).digest('hex');
    const at = options.at ?? this.now;
    return new FakeTransaction(this, person, txId, at, options.transient ?? {}, {
      mspId: options.peerMspId ?? person.mspId,
      at: options.peerAt ?? at,
    });
  }

  committed(key: string): Buffer | undefined {
    return this.#state.get(key);
  }

  committedJson(key: string): unknown {
    const value = this.#state.get(key);
    return value === undefined ? undefined : JSON.parse(value.toString('utf8'));
  }

  committedPrivate(collection: string, key: string): Buffer | undefined {
    return this.#private.get(collection)?.get(key);
  }

  validationParameter(key: string): Buffer | undefined {
    return this.#validationParameters.get(key);
  }

  /** Every byte the ledger holds in public: world state, history, endorsement policies. For canary scans. */
  publicBytes(): string {
    const parts: string[] = [];
    for (const [key, value] of this.#state) parts.push(key, value.toString('utf8'));
    for (const entries of this.#history.values())
      for (const e of entries) parts.push(e.value.toString('utf8'));
    return parts.join('\n');
  }

  historyOf(key: string): readonly HistoryEntry[] {
    return this.#history.get(key) ?? [];
  }

  collectionMembers(collection: string): readonly string[] | undefined {
    return this.#collectionMembers.get(collection);
  }

  readState(key: string): Buffer | undefined {
    return this.#state.get(key);
  }

  readPrivate(collection: string, key: string): Buffer | undefined {
    return this.#private.get(collection)?.get(key);
  }

  privateKeys(collection: string): string[] {
    return [...(this.#private.get(collection)?.keys() ?? [])];
  }

  sortedStateKeys(): string[] {
    return [...this.#state.keys()].sort(compareKeys);
  }

  /**
   * Commits public values no transaction of the chaincode wrote: what an older version left, or what a colluding
   * pair forged past the chaincode.
   */
  plant(txId: string, epochMs: number, puts: ReadonlyMap<string, Buffer>): void {
    this.commit(txId, epochMs, {
      puts: new Map(puts),
      deletes: new Set(),
      validationParameters: new Map(),
      privateWrites: new Map(),
      events: [],
    });
  }

  commit(txId: string, epochMs: number, writes: WriteSet): void {
    for (const [key, value] of writes.puts) {
      this.#state.set(key, value);
      this.#appendHistory(key, { txId, value, isDelete: false, epochMs });
    }
    for (const key of writes.deletes) {
      // Like Fabric's state database: a key's metadata (its endorsement policy) goes with its value.
      this.#state.delete(key);
      this.#validationParameters.delete(key);
      this.#appendHistory(key, { txId, value: Buffer.alloc(0), isDelete: true, epochMs });
    }
    for (const [key, policy] of writes.validationParameters) {
      // Fabric ignores a metadata write to a key that holds no value after the transaction.
      if (this.#state.has(key)) this.#validationParameters.set(key, policy);
    }
    for (const [collection, keyWrites] of writes.privateWrites) {
      const store = this.#private.get(collection) ?? new Map<string, Buffer>();
      this.#private.set(collection, store);
      for (const [key, write] of keyWrites) {
        if (write.kind === 'put') store.set(key, write.value);
        else store.delete(key);
      }
    }
  }

  #appendHistory(key: string, entry: HistoryEntry): void {
    const entries = this.#history.get(key) ?? [];
    entries.push(entry);
    this.#history.set(key, entries);
  }
}

/** Fabric orders keys by their UTF-8 bytes. */
function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export class FakeIdentity implements ClientIdentity {
  readonly #person: Person;

  constructor(person: Person) {
    this.#person = person;
  }

  getID(): string {
    const ou = this.#person.admin === true ? 'admin' : 'client';
    return `x509::/C=DK/O=${this.#person.mspId}/OU=${ou}/CN=${this.#person.name}::/C=DK/O=${this.#person.mspId}/CN=ca`;
  }

  getMSPID(): string {
    return this.#person.mspId;
  }

  getIDBytes(): Uint8Array {
    return Buffer.from(this.getID(), 'utf8');
  }

  getAttributeValue(attrName: string): string | null {
    if (attrName === 'role') return this.#person.role ?? null;
    return this.#person.attrs?.[attrName] ?? null;
  }

  assertAttributeValue(attrName: string, attrValue: string): boolean {
    return this.getAttributeValue(attrName) === attrValue;
  }
}

export class FakeTransaction {
  readonly txId: string;
  readonly identity: FakeIdentity;
  readonly stub: ChaincodeStub;
  /** The endorsing peer: its organisation and its clock. */
  readonly peer: { readonly mspId: string; readonly at: string };
  readonly #ledger: FakeLedger;
  readonly #at: string;
  readonly #transient: Map<string, Uint8Array>;
  readonly #puts = new Map<string, Buffer>();
  readonly #deletes = new Set<string>();
  readonly #validationParameters = new Map<string, Buffer>();
  readonly #privateWrites = new Map<string, Map<string, PrivateWrite>>();
  readonly #events: { name: string; payload: Buffer }[] = [];
  readonly #roundTrips = new Map<string, number>();
  #paginated = false;
  #written = false;

  constructor(
    ledger: FakeLedger,
    person: Person,
    txId: string,
    at: string,
    transient: Record<string, string>,
    peer: { readonly mspId: string; readonly at: string },
  ) {
    this.peer = peer;
    this.#ledger = ledger;
    this.txId = txId;
    this.#at = at;
    this.identity = new FakeIdentity(person);
    this.#transient = new Map(Object.entries(transient).map(([k, v]) => [k, Buffer.from(v, 'utf8')]));
    this.stub = this.#makeStub(person);
  }

  get epochMs(): number {
    return Date.parse(this.#at);
  }

  writeSet(): WriteSet {
    return {
      puts: this.#puts,
      deletes: this.#deletes,
      validationParameters: this.#validationParameters,
      privateWrites: this.#privateWrites,
      events: this.#events,
    };
  }

  commit(): void {
    this.#ledger.commit(this.txId, this.epochMs, this.writeSet());
  }

  /** How many messages of each type the transaction sent to the peer (see `ROUND_TRIPS`), by type. */
  roundTrips(): Readonly<Record<string, number>> {
    return Object.fromEntries([...this.#roundTrips].sort(([a], [b]) => a.localeCompare(b)));
  }

  #markWrite(): void {
    if (this.#paginated) {
      throw new Error('transaction has already performed a paginated query. Writes are not allowed');
    }
    this.#written = true;
  }

  #markPaginated(): void {
    if (this.#written) {
      throw new Error(
        'transaction has already performed writes. Performing paginated query is not supported',
      );
    }
    this.#paginated = true;
  }

  #checkReadAccess(collection: string, mspId: string): void {
    const members = this.#ledger.collectionMembers(collection);
    if (members === undefined) throw new Error(`collection ${collection} could not be found`);
    if (!members.includes(mspId)) {
      throw new Error(
        `tx creator does not have read access permission on privatedata in collectionName: ${collection}`,
      );
    }
  }

  #makeStub(person: Person): ChaincodeStub {
    const ledger = this.#ledger;
    const seconds = Math.floor(this.epochMs / 1000);
    const nanos = (this.epochMs % 1000) * 1_000_000;
    const stub: Partial<ChaincodeStub> = {
      getTxID: () => this.txId,
      getChannelID: () => ledger.channelId,
      // The shim reads the peer's CORE_PEER_LOCALMSPID: the endorsing peer's organisation, not the caller's.
      getMspID: () => this.peer.mspId,
      getTransient: () => this.#transient,
      // The shim hands out a Long; anything with toNumber() stands in for it.
      getTxTimestamp: () => ({ seconds: { toNumber: () => seconds } as never, nanos }),
      getDateTimestamp: () => new Date(this.epochMs),
      createCompositeKey: (objectType, attributes) => shimKeys.createCompositeKey(objectType, attributes),
      splitCompositeKey: (key) => shimKeys.splitCompositeKey(key),
      getState: (key) => Promise.resolve(ledger.readState(key) ?? Buffer.alloc(0)),
      putState: (key, value) => {
        if (value.length === 0) return Promise.reject(new Error('empty value would delete the key'));
        this.#markWrite();
        this.#deletes.delete(key);
        this.#puts.set(key, Buffer.from(value));
        return Promise.resolve();
      },
      deleteState: (key) => {
        this.#markWrite();
        this.#puts.delete(key);
        this.#deletes.add(key);
        return Promise.resolve();
      },
      setStateValidationParameter: (key, ep) => {
        this.#markWrite();
        this.#validationParameters.set(key, Buffer.from(ep));
        return Promise.resolve();
      },
      // Like the real shim, which answers undefined for a key without a policy despite its typing.
      getStateValidationParameter: (key) =>
        Promise.resolve(ledger.validationParameter(key) as unknown as Uint8Array),
      getStateByPartialCompositeKey: (objectType, attributes) => {
        const prefix = shimKeys.createCompositeKey(objectType, attributes);
        return queryIterator(ledger, prefix, '', Number.MAX_SAFE_INTEGER).iterable;
      },
      getStateByPartialCompositeKeyWithPagination: (objectType, attributes, pageSize, bookmark) => {
        this.#markPaginated();
        const prefix = shimKeys.createCompositeKey(objectType, attributes);
        return queryIterator(ledger, prefix, bookmark ?? '', pageSize).paginated;
      },
      getHistoryForKey: (key) => {
        // Fabric returns the newest modification first.
        const entries = [...ledger.historyOf(key)].reverse().map((e): Iterators.KeyModification => ({
          txId: e.txId,
          value: e.value,
          isDelete: e.isDelete,
          // History timestamps arrive as plain numbers even though the type says Long.
          timestamp: {
            seconds: Math.floor(e.epochMs / 1000),
            nanos: (e.epochMs % 1000) * 1_000_000,
          } as never,
        }));
        return asyncResult(entries);
      },
      setEvent: (name, payload) => {
        this.#events.push({ name, payload: Buffer.from(payload) });
      },
      getPrivateDataByPartialCompositeKey: (collection, objectType, attributes) => {
        this.#checkReadAccess(collection, person.mspId);
        const prefix = shimKeys.createCompositeKey(objectType, attributes);
        const entries = ledger
          .privateKeys(collection)
          .filter((key) => key.startsWith(prefix))
          .sort(compareKeys)
          .map((key): Iterators.KV => ({
            namespace: 'agreements',
            key,
            value: ledger.readPrivate(collection, key) ?? Buffer.alloc(0),
          }));
        return asyncResult(entries) as never;
      },
      getPrivateData: (collection, key) => {
        try {
          this.#checkReadAccess(collection, person.mspId);
        } catch (err) {
          return Promise.reject(err instanceof Error ? err : new Error('read refused'));
        }
        return Promise.resolve(ledger.readPrivate(collection, key) ?? Buffer.alloc(0));
      },
      getPrivateDataHash: (collection, key) => {
        if (ledger.collectionMembers(collection) === undefined) {
          return Promise.reject(new Error(`collection ${collection} could not be found`));
        }
        const value = ledger.readPrivate(collection, key);
        return Promise.resolve(
          value === undefined ? Buffer.alloc(0) : createHash('sha256').update(value).digest(),
        );
      },
      putPrivateData: (collection, key, value) => {
        if (ledger.collectionMembers(collection) === undefined) {
          return Promise.reject(new Error(`collection ${collection} could not be found`));
        }
        this.#markWrite();
        this.#privateWritesOf(collection).set(key, { kind: 'put', value: Buffer.from(value) });
        return Promise.resolve();
      },
      deletePrivateData: (collection, key) => {
        this.#markWrite();
        this.#privateWritesOf(collection).set(key, { kind: 'delete' });
        return Promise.resolve();
      },
      purgePrivateData: (collection, key) => {
        if (ledger.collectionMembers(collection) === undefined) {
          return Promise.reject(new Error(`collection ${collection} could not be found`));
        }
        this.#markWrite();
        this.#privateWritesOf(collection).set(key, { kind: 'purge' });
        return Promise.resolve();
      },
    };
    const roundTrips = this.#roundTrips;
    return new Proxy(stub, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (value === undefined && typeof property === 'string') {
          throw new Error(`fake stub does not implement ${property}`);
        }
        const message = typeof property === 'string' ? ROUND_TRIPS[property] : undefined;
        if (message === undefined || typeof value !== 'function') {
          return value;
        }
        return (...args: unknown[]): unknown => {
          roundTrips.set(message, (roundTrips.get(message) ?? 0) + 1);
          return (value as (...parameters: unknown[]) => unknown)(...args);
        };
      },
    }) as ChaincodeStub;
  }

  #privateWritesOf(collection: string): Map<string, PrivateWrite> {
    const writes = this.#privateWrites.get(collection) ?? new Map<string, PrivateWrite>();
    this.#privateWrites.set(collection, writes);
    return writes;
  }
}

function asyncResult<T>(items: readonly T[]): Promise<Iterators.CommonIterator<T>> & AsyncIterable<T> {
  const iterator = listIterator(items);
  const promise = Promise.resolve(iterator) as Promise<Iterators.CommonIterator<T>> & AsyncIterable<T>;
  promise[Symbol.asyncIterator] = () => {
    const fresh = listIterator(items);
    return { next: () => fresh.next() };
  };
  return promise;
}

function listIterator<T>(items: readonly T[]): Iterators.CommonIterator<T> {
  let index = 0;
  return {
    next: () => {
      const value = items[index];
      index += 1;
      return Promise.resolve(
        value === undefined ? { value: undefined as never, done: true } : { value, done: false },
      );
    },
    close: () => Promise.resolve(),
  };
}

/** Keys in `[start, prefix + U+10FFFF)` like LevelDB; the bookmark is the next unread key, or '' at the end. */
function queryIterator(
  ledger: FakeLedger,
  prefix: string,
  bookmark: string,
  pageSize: number,
): {
  iterable: Promise<Iterators.StateQueryIterator> & AsyncIterable<Iterators.KV>;
  paginated: Promise<StateQueryResponse<Iterators.StateQueryIterator>> & AsyncIterable<Iterators.KV>;
} {
  const start = bookmark === '' ? prefix : bookmark;
  const matching = ledger
    .sortedStateKeys()
    .filter((key) => key.startsWith(prefix) && compareKeys(key, start) >= 0)
    .map((key): Iterators.KV => ({
      namespace: 'agreements',
      key,
      value: ledger.readState(key) ?? Buffer.alloc(0),
    }));
  const page = matching.slice(0, pageSize);
  const next = matching[pageSize];
  const iterable = asyncResult(page);
  // Like the real shim: a query that matched nothing comes back without `metadata`.
  const paginated = Promise.resolve({
    iterator: listIterator(page),
    metadata:
      page.length === 0
        ? undefined
        : { fetchedRecordsCount: page.length, bookmark: next === undefined ? '' : next.key },
  }) as Promise<StateQueryResponse<Iterators.StateQueryIterator>> & AsyncIterable<Iterators.KV>;
  paginated[Symbol.asyncIterator] = iterable[Symbol.asyncIterator];
  return { iterable, paginated };
}
