import type { Agreement } from '../../core/agreement-model';
import type { AgreementStatus } from '../../core/agreement';
import type { IsoTimestamp } from '../../core/calendar-date';
import { keys, lastAttribute, ranges, type KeyRange } from './keys';
import { Refusal, type Page, type PageRequest } from '@fabric-agreements/api';
import type { LedgerState } from './state';

/** One modification of an agreement, newest first. */
export interface AgreementModification {
  readonly txId: string;
  readonly timestamp: IsoTimestamp;
  readonly isDelete: boolean;
  readonly agreement: Agreement | null;
}

/** An agreement index to list by. */
export type AgreementIndex =
  | { readonly by: 'status'; readonly status: AgreementStatus; readonly providerMspId?: string }
  | { readonly by: 'provider'; readonly providerMspId: string }
  | { readonly by: 'child'; readonly childPseudonym: string; readonly providerMspId?: string };

/**
 * Agreements and their indexes (status, child, related; a provider's agreements are listed from the status index).
 *
 * The agreement key carries the parties' key-level policy; index entries carry none and are trusted for nothing:
 * whatever is read through an index is the agreement the entry names, kept only if that agreement, as stored, has
 * this very entry among its indexes. A forged or stale entry therefore never lists, cascades or counts an agreement
 * it does not describe. Why that is safe against a hostile member: docs/chaincode.md, "Key layout".
 */
export class AgreementStore {
  readonly #state: LedgerState;

  constructor(state: LedgerState) {
    this.#state = state;
  }

  get(agreementId: string): Promise<Agreement | undefined> {
    return this.#state.get<Agreement>(keys.agreement(agreementId));
  }

  /**
   * The agreement with this id.
   * @throws Refusal `NOT_FOUND` if there is none.
   */
  async require(agreementId: string): Promise<Agreement> {
    const agreement = await this.get(agreementId);
    if (agreement === undefined) {
      throw new Refusal('NOT_FOUND', 'no agreement with this id', { agreementId });
    }
    return agreement;
  }

  /**
   * Writes an agreement (its key-level policy set when it is created) and keeps the indexes in step: entries of
   * `previous` (as loaded at the start of the transaction) that no longer apply are deleted, new ones written.
   * Returns the agreement's JSON as written: the transaction's answer.
   */
  async save(next: Agreement, previous: Agreement | undefined): Promise<string> {
    const text = await this.#state.putOwned(keys.agreement(next.id), next, next);
    const before = new Set(previous === undefined ? [] : keys.agreementIndexes(previous));
    const after = new Set(keys.agreementIndexes(next));
    for (const key of before) {
      if (!after.has(key)) {
        await this.#state.delete(key);
      }
    }
    for (const key of after) {
      if (!before.has(key)) {
        await this.#state.putIndex(key, next);
      }
    }
    return text;
  }

  /** Every committed modification of an agreement, newest first (as Fabric returns them). */
  async history(agreementId: string): Promise<readonly AgreementModification[]> {
    const modifications = await this.#state.history<Agreement>(keys.agreement(agreementId));
    return modifications.map(({ value, ...modification }) => ({ ...modification, agreement: value }));
  }

  /** A page of agreements from one of the indexes, in key order (a provider's: one status range after another). */
  async list(index: AgreementIndex, request: PageRequest): Promise<Page<Agreement>> {
    const page = await this.#state.pageAcross(indexRanges(index), request);
    const records: Agreement[] = [];
    for (const entry of page.records) {
      const agreement = await this.#indexed(entry.key);
      if (agreement !== undefined) {
        records.push(agreement);
      }
    }
    return { records, fetchedRecordsCount: page.fetchedRecordsCount, bookmark: page.bookmark };
  }

  /** The agreements that name `agreementId` as related (its termination ends them). */
  dependentsOf(agreementId: string): Promise<readonly Agreement[]> {
    return this.#allIndexed([ranges.dependentsOf(agreementId)]);
  }

  /** A provider's agreements in `statuses`, one status after another (unpaged: allowed in writes). */
  ofProvider(providerMspId: string, statuses: readonly AgreementStatus[]): Promise<readonly Agreement[]> {
    return this.#allIndexed(ranges.agreementsOfProvider(providerMspId, statuses));
  }

  /** Every agreement the entries of `indexRanges` name, each kept only as {@link #indexed} keeps it. */
  async #allIndexed(indexRanges: readonly KeyRange[]): Promise<readonly Agreement[]> {
    const agreements: Agreement[] = [];
    for (const range of indexRanges) {
      for (const key of await this.#state.scanKeys(range)) {
        const agreement = await this.#indexed(key);
        if (agreement !== undefined) {
          agreements.push(agreement);
        }
      }
    }
    return agreements;
  }

  /** The agreement an index entry names, if it exists and, as stored, has exactly this entry. */
  async #indexed(indexKey: string): Promise<Agreement | undefined> {
    const agreement = await this.get(lastAttribute(indexKey));
    return agreement !== undefined && keys.agreementIndexes(agreement).includes(indexKey)
      ? agreement
      : undefined;
  }
}

/** The ranges an index's listing reads, in order: a provider's agreements are its part of each status's range. */
function indexRanges(index: AgreementIndex): readonly KeyRange[] {
  switch (index.by) {
    case 'status':
      return [ranges.agreementsByStatus(index.status, index.providerMspId)];
    case 'provider':
      return ranges.agreementsOfProvider(index.providerMspId);
    case 'child':
      return [ranges.agreementsByChild(index.childPseudonym, index.providerMspId)];
  }
}
