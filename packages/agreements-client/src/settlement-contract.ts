import type { CallOptions, WriteOptions } from './chaincode-connection';
import { ContractClient } from './contract-client';
import type { InvoiceInput, InvoiceRecord, PaymentInput, Settlement, SettlementRecord } from './records';

/** A month's settlement as computed now, and as last recorded (if it was). */
export interface SettlementAnswer {
  readonly settlement: Settlement;
  readonly recorded: SettlementRecord | null;
}

/** `SettlementContract`: monthly settlements, invoices checked against them, attestation and payment. */
export class SettlementContractClient extends ContractClient<'SettlementContract'> {
  getSettlement(agreementId: string, month: string, options?: CallOptions): Promise<SettlementAnswer> {
    return this.evaluate('getSettlement', [agreementId, month], options);
  }

  /** Records the month's settlement (a changed one is the next revision). */
  recordSettlement(agreementId: string, month: string, options?: WriteOptions): Promise<SettlementRecord> {
    return this.submitToAgreement('recordSettlement', agreementId, [agreementId, month], options);
  }

  submitInvoice(agreementId: string, invoice: InvoiceInput, options?: WriteOptions): Promise<InvoiceRecord> {
    return this.submitToAgreement(
      'submitInvoice',
      agreementId,
      [agreementId, JSON.stringify(invoice)],
      options,
    );
  }

  attestInvoice(agreementId: string, invoiceId: string, options?: WriteOptions): Promise<InvoiceRecord> {
    return this.submitToAgreement('attestInvoice', agreementId, [agreementId, invoiceId], options);
  }

  recordPayment(
    agreementId: string,
    invoiceId: string,
    payment: PaymentInput,
    options?: WriteOptions,
  ): Promise<InvoiceRecord> {
    const args = [agreementId, invoiceId, JSON.stringify(payment)];
    return this.submitToAgreement('recordPayment', agreementId, args, options);
  }

  getInvoice(agreementId: string, invoiceId: string, options?: CallOptions): Promise<InvoiceRecord> {
    return this.evaluate('getInvoice', [agreementId, invoiceId], options);
  }

  listInvoices(agreementId: string, options?: CallOptions): Promise<InvoiceRecord[]> {
    return this.evaluate('listInvoices', [agreementId], options);
  }
}
