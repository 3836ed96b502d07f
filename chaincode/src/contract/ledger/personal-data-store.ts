import type { IsoMonth } from '../../core/calendar-date';
import type { AccessLogEntry, GuardianBinding, PseudonymLookup } from '../../core/personal-data';
import { keys, ranges } from './keys';
import type { Page, PageRequest } from '@fabric-agreements/api';
import { parseJson, type LedgerState } from './state';

/** What the access log keeps in private collections rather than world state. */
type PrivateAction = Exclude<AccessLogEntry['action'], 'read'>;

const PRIVATE_ENTRY_KEYS: Readonly<Record<PrivateAction, (entry: AccessLogEntry) => string>> = {
  write: (entry) => keys.write(entry.childPseudonym, entry.at, entry.accessId),
  erase: (entry) => keys.erasure(entry.childPseudonym, entry.at, entry.accessId),
};

/**
 * A child's personal data: the log of its reads (world state), the data itself and the log of its writes (private
 * collections), and what only the municipality keeps in its own collection (erasures, pseudonym lookups, guardian
 * bindings). Fabric's refusals of a collection propagate to the caller.
 */
export class PersonalDataStore {
  readonly #state: LedgerState;

  constructor(state: LedgerState) {
    this.#state = state;
  }

  /** Personal data as stored, or `undefined`. */
  getChild(collection: string, childPseudonym: string): Promise<unknown> {
    return this.#state.getPrivate<unknown>(collection, keys.privateChild(childPseudonym));
  }

  /** SHA-256 of the stored personal data (readable on every peer of the channel), or `undefined`. */
  getChildHash(collection: string, childPseudonym: string): Promise<string | undefined> {
    return this.#state.getPrivateHash(collection, keys.privateChild(childPseudonym));
  }

  putChild(collection: string, childPseudonym: string, record: unknown): Promise<void> {
    return this.#state.putPrivate(collection, keys.privateChild(childPseudonym), record);
  }

  /** Removes the data from every member peer, including its private history; the hash on chain stays. */
  purgeChild(collection: string, childPseudonym: string): Promise<void> {
    return this.#state.purgePrivate(collection, keys.privateChild(childPseudonym));
  }

  /** Appends an entry to the child's log (time order) and under its access id (for the read that presents it). */
  async appendAccess(entry: AccessLogEntry): Promise<void> {
    await this.#state.put(keys.accessLog(entry.childPseudonym, entry.at, entry.accessId), entry);
    await this.#state.put(keys.accessEntry(entry.childPseudonym, entry.accessId), entry);
  }

  /** The entry a logging transaction wrote, by its access id (the transaction id). */
  getAccess(childPseudonym: string, accessId: string): Promise<AccessLogEntry | undefined> {
    return this.#state.get<AccessLogEntry>(keys.accessEntry(childPseudonym, accessId));
  }

  /** A child's access log, oldest first. */
  async pageAccessLog(childPseudonym: string, request: PageRequest): Promise<Page<AccessLogEntry>> {
    const page = await this.#state.page(ranges.accessLog(childPseudonym), request);
    return {
      ...page,
      records: page.records.map((entry) => parseJson<AccessLogEntry>(entry.value)),
    };
  }

  /**
   * Appends an access-log entry kept in a private collection: a write of the pair's data (in the pair's collection,
   * beside the data) or an erasure (in the municipality's own). Reads are logged in world state instead.
   */
  appendPrivateEntry(collection: string, entry: AccessLogEntry & { action: PrivateAction }): Promise<void> {
    return this.#state.putPrivate(collection, PRIVATE_ENTRY_KEYS[entry.action](entry), entry);
  }

  /** The child's private access-log entries of one kind in `collection`, oldest first. */
  async listPrivateEntries(
    collection: string,
    childPseudonym: string,
    action: PrivateAction,
  ): Promise<readonly AccessLogEntry[]> {
    const range = action === 'write' ? ranges.writes(childPseudonym) : ranges.erasures(childPseudonym);
    const entries = await this.#state.scanPrivate<AccessLogEntry>(collection, range);
    return entries.map((entry) => entry.value);
  }

  appendPseudonymLookup(collection: string, lookup: PseudonymLookup): Promise<void> {
    return this.#state.putPrivate(collection, keys.pseudonymLookup(lookup.at, lookup.lookupId), lookup);
  }

  /** A month's pseudonym lookups, oldest first, from after `bookmark` (a key this method returned). */
  pagePseudonymLookups(
    collection: string,
    month: IsoMonth,
    request: PageRequest,
  ): Promise<Page<PseudonymLookup>> {
    return this.#state.pagePrivate<PseudonymLookup>(collection, ranges.pseudonymLookups(month), request);
  }

  putGuardianBinding(collection: string, binding: GuardianBinding): Promise<void> {
    return this.#state.putPrivate(
      collection,
      keys.guardianChild(binding.guardianId, binding.childPseudonym),
      binding,
    );
  }

  /** The guardian's binding to this child: one of its own, or the single binding an older ledger kept. */
  async getGuardianBinding(
    collection: string,
    guardianId: string,
    childPseudonym: string,
  ): Promise<GuardianBinding | undefined> {
    const binding = await this.#state.getPrivate<GuardianBinding>(
      collection,
      keys.guardianChild(guardianId, childPseudonym),
    );
    return binding ?? this.#olderBinding(collection, guardianId, childPseudonym);
  }

  /** Every child the guardian is bound to, by pseudonym (an older ledger's single binding included). */
  async listGuardianBindings(collection: string, guardianId: string): Promise<readonly GuardianBinding[]> {
    const entries = await this.#state.scanPrivate<GuardianBinding>(
      collection,
      ranges.guardianChildren(guardianId),
    );
    const bindings = entries.map((entry) => entry.value);
    const older = await this.#state.getPrivate<GuardianBinding>(collection, keys.guardian(guardianId));
    return older === undefined || bindings.some((binding) => binding.childPseudonym === older.childPseudonym)
      ? bindings
      : [...bindings, older].sort((a, b) => a.childPseudonym.localeCompare(b.childPseudonym));
  }

  /** Ends the guardian's binding to this child (either kind). */
  async deleteGuardianBinding(collection: string, guardianId: string, childPseudonym: string): Promise<void> {
    await this.#state.deletePrivate(collection, keys.guardianChild(guardianId, childPseudonym));
    if ((await this.#olderBinding(collection, guardianId, childPseudonym)) !== undefined) {
      await this.#state.deletePrivate(collection, keys.guardian(guardianId));
    }
  }

  async #olderBinding(
    collection: string,
    guardianId: string,
    childPseudonym: string,
  ): Promise<GuardianBinding | undefined> {
    const older = await this.#state.getPrivate<GuardianBinding>(collection, keys.guardian(guardianId));
    return older?.childPseudonym === childPseudonym ? older : undefined;
  }
}
