import type { Parties } from '../../core/parties';
import type { InvoiceRecord } from '../records';
import { keys, ranges } from './keys';
import type { LedgerState } from './state';

/** Invoices as submitted with their validation and lifecycle, owned by their agreement. */
export class InvoiceStore {
  readonly #state: LedgerState;

  constructor(state: LedgerState) {
    this.#state = state;
  }

  get(agreementId: string, invoiceId: string): Promise<InvoiceRecord | undefined> {
    return this.#state.get<InvoiceRecord>(keys.invoice(agreementId, invoiceId));
  }

  put(record: InvoiceRecord, parties: Parties): Promise<string> {
    return this.#state.putOwned(keys.invoice(record.agreementId, record.invoiceId), record, parties);
  }

  /** Every invoice of an agreement, by invoice id. */
  async list(agreementId: string): Promise<readonly InvoiceRecord[]> {
    const entries = await this.#state.scan<InvoiceRecord>(ranges.invoices(agreementId));
    return entries.map((entry) => entry.value);
  }
}
