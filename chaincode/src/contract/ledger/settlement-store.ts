import type { IsoMonth } from '../../core/calendar-date';
import type { Parties } from '../../core/parties';
import type { SettlementRecord } from '../records';
import { keys, ranges } from './keys';
import type { LedgerState } from './state';

/** Recorded monthly settlements, owned by their agreement. */
export class SettlementStore {
  readonly #state: LedgerState;

  constructor(state: LedgerState) {
    this.#state = state;
  }

  get(agreementId: string, month: IsoMonth): Promise<SettlementRecord | undefined> {
    return this.#state.get<SettlementRecord>(keys.settlement(agreementId, month));
  }

  put(record: SettlementRecord, parties: Parties): Promise<string> {
    return this.#state.putOwned(keys.settlement(record.agreementId, record.month), record, parties);
  }

  /** Every recorded settlement of an agreement, by month. */
  async list(agreementId: string): Promise<readonly SettlementRecord[]> {
    const entries = await this.#state.scan<SettlementRecord>(ranges.settlements(agreementId));
    return entries.map((entry) => entry.value);
  }
}
