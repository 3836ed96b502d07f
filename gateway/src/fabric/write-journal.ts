import { AsyncLocalStorage } from 'node:async_hooks';

/** A write endorsed for a request, noted before it is sent for ordering. */
export interface JournalEntry {
  readonly channel: string;
  readonly transactionId: string;
  /** The chaincode's result, base64: what the request answers with if the transaction commits. */
  readonly result: string;
}

/**
 * The writes of one idempotent request. A request's n-th write is noted (with its transaction id and result) before
 * it is submitted; if the gateway dies before it answers, the retry with the same `Idempotency-Key` finds the note,
 * looks the transaction up on the ledger, and answers with its result when it committed instead of writing again.
 */
export interface WriteJournal {
  /** What an earlier run of the same request noted, by write index. */
  readonly earlier: readonly JournalEntry[];
  /** The index of this run's next write. */
  next(): number;
  /** Notes this run's write `index`, durably, before it is submitted. */
  note(index: number, entry: JournalEntry): Promise<void>;
}

const journals = new AsyncLocalStorage<WriteJournal>();

/** Runs `work` with `journal` as the journal of every write it makes. */
export function withWriteJournal<T>(journal: WriteJournal, work: () => Promise<T>): Promise<T> {
  return journals.run(journal, work);
}

/** The journal of the request being served, if it is idempotent. */
export function currentWriteJournal(): WriteJournal | undefined {
  return journals.getStore();
}
