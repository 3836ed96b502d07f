import type { Requester } from './requester';
import type { Ledger, WriteResult } from './ledger';
import { TX } from '@fabric-agreements/api';

/** Money: a month's settlement (computed and recorded) and the provider's invoices with their validation. */
export class SettlementService {
  readonly #ledger: Ledger;

  constructor(ledger: Ledger) {
    this.#ledger = ledger;
  }

  async settlement(caller: Requester, domain: string, agreementId: string, month: string): Promise<unknown> {
    return this.#ledger.query(await caller.identity(), domain, TX.getSettlement, [agreementId, month]);
  }

  async recordSettlement(
    caller: Requester,
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
    caller: Requester,
    domain: string,
    agreementId: string,
    invoice: unknown,
  ): Promise<WriteResult<unknown>> {
    const args = [agreementId, JSON.stringify(invoice)];
    return this.#ledger.writeAgreement(await caller.identity(), domain, agreementId, TX.submitInvoice, args);
  }

  async attestInvoice(
    caller: Requester,
    domain: string,
    agreementId: string,
    invoiceId: string,
  ): Promise<WriteResult<unknown>> {
    const args = [agreementId, invoiceId];
    return this.#ledger.writeAgreement(await caller.identity(), domain, agreementId, TX.attestInvoice, args);
  }

  async recordPayment(
    caller: Requester,
    domain: string,
    agreementId: string,
    invoiceId: string,
    payment: unknown,
  ): Promise<WriteResult<unknown>> {
    const args = [agreementId, invoiceId, JSON.stringify(payment)];
    return this.#ledger.writeAgreement(await caller.identity(), domain, agreementId, TX.recordPayment, args);
  }

  async invoice(caller: Requester, domain: string, agreementId: string, invoiceId: string): Promise<unknown> {
    return this.#ledger.query(await caller.identity(), domain, TX.getInvoice, [agreementId, invoiceId]);
  }

  async invoices(caller: Requester, domain: string, agreementId: string): Promise<unknown> {
    return this.#ledger.query(await caller.identity(), domain, TX.listInvoices, [agreementId]);
  }
}
