import type { Caller } from './caller';
import type { Ledger, WriteResult } from './ledger';
import { TX } from './transactions';

/** Money: a month's settlement (computed and recorded) and the provider's invoices with their validation. */
export class SettlementService {
  readonly #ledger: Ledger;

  constructor(ledger: Ledger) {
    this.#ledger = ledger;
  }

  async settlement(caller: Caller, domain: string, agreementId: string, month: string): Promise<unknown> {
    return this.#ledger.query(await caller.identity(), domain, TX.getSettlement, [agreementId, month]);
  }

  async recordSettlement(
    caller: Caller,
    domain: string,
    agreementId: string,
    month: string,
  ): Promise<WriteResult<unknown>> {
    return this.#ledger.writeAgreement(await caller.identity(), domain, agreementId, TX.recordSettlement, [
      agreementId,
      month,
    ]);
  }

  async submitInvoice(
    caller: Caller,
    domain: string,
    agreementId: string,
    invoice: unknown,
  ): Promise<WriteResult<unknown>> {
    const args = [agreementId, JSON.stringify(invoice)];
    return this.#ledger.writeAgreement(await caller.identity(), domain, agreementId, TX.submitInvoice, args);
  }

  async attestInvoice(
    caller: Caller,
    domain: string,
    agreementId: string,
    invoiceId: string,
  ): Promise<WriteResult<unknown>> {
    const args = [agreementId, invoiceId];
    return this.#ledger.writeAgreement(await caller.identity(), domain, agreementId, TX.attestInvoice, args);
  }

  async recordPayment(
    caller: Caller,
    domain: string,
    agreementId: string,
    invoiceId: string,
    payment: unknown,
  ): Promise<WriteResult<unknown>> {
    const args = [agreementId, invoiceId, JSON.stringify(payment)];
    return this.#ledger.writeAgreement(await caller.identity(), domain, agreementId, TX.recordPayment, args);
  }

  async invoice(caller: Caller, domain: string, agreementId: string, invoiceId: string): Promise<unknown> {
    return this.#ledger.query(await caller.identity(), domain, TX.getInvoice, [agreementId, invoiceId]);
  }

  async invoices(caller: Caller, domain: string, agreementId: string): Promise<unknown> {
    return this.#ledger.query(await caller.identity(), domain, TX.listInvoices, [agreementId]);
  }
}
