import type { CreditNoteValidation } from '../../core/credit-note';
import type { Parties } from '../../core/parties';
import type { InvoiceExportMark, PaymentExportRecord } from '../../core/payment-export';
import type { TradingIdentifiers } from '../../core/trading-identifiers';
import type { ReceivedDocumentRecord } from '../einvoice-records';
import { einvoiceKeys, einvoiceRanges } from './einvoice-keys';
import type { LedgerState } from './state';

/** E-invoicing: trading identifiers, received documents (their hashes), credit notes, payment exports. */
export class EInvoiceStore {
  readonly #state: LedgerState;

  constructor(state: LedgerState) {
    this.#state = state;
  }

  getIdentifiers(mspId: string): Promise<TradingIdentifiers | undefined> {
    return this.#state.get<TradingIdentifiers>(einvoiceKeys.tradingIdentifiers(mspId));
  }

  putIdentifiers(identifiers: TradingIdentifiers): Promise<void> {
    return this.#state.put(einvoiceKeys.tradingIdentifiers(identifiers.mspId), identifiers);
  }

  /** Every organisation's identifiers, by MSP id. */
  async listIdentifiers(): Promise<readonly TradingIdentifiers[]> {
    const entries = await this.#state.scan<TradingIdentifiers>(einvoiceRanges.tradingIdentifiers());
    return entries.map((entry) => entry.value);
  }

  getDocument(agreementId: string, documentId: string): Promise<ReceivedDocumentRecord | undefined> {
    return this.#state.get<ReceivedDocumentRecord>(einvoiceKeys.receivedDocument(agreementId, documentId));
  }

  putDocument(record: ReceivedDocumentRecord, parties: Parties): Promise<string> {
    return this.#state.putOwned(
      einvoiceKeys.receivedDocument(record.agreementId, record.documentId),
      record,
      parties,
    );
  }

  /** Every received document of an agreement, by document id. */
  async listDocuments(agreementId: string): Promise<readonly ReceivedDocumentRecord[]> {
    const entries = await this.#state.scan<ReceivedDocumentRecord>(
      einvoiceRanges.receivedDocuments(agreementId),
    );
    return entries.map((entry) => entry.value);
  }

  putCreditNote(validation: CreditNoteValidation, parties: Parties): Promise<string> {
    return this.#state.putOwned(
      einvoiceKeys.creditNote(validation.agreementId, validation.creditedInvoiceId, validation.creditNoteId),
      validation,
      parties,
    );
  }

  /** The credit notes recorded against an invoice (or against every invoice of the agreement). */
  async listCreditNotes(
    agreementId: string,
    creditedInvoiceId?: string,
  ): Promise<readonly CreditNoteValidation[]> {
    const entries = await this.#state.scan<CreditNoteValidation>(
      einvoiceRanges.creditNotes(agreementId, creditedInvoiceId),
    );
    return entries.map((entry) => entry.value);
  }

  getExportMark(agreementId: string, invoiceId: string): Promise<InvoiceExportMark | undefined> {
    return this.#state.get<InvoiceExportMark>(einvoiceKeys.invoiceExport(agreementId, invoiceId));
  }

  putExportMark(mark: InvoiceExportMark, parties: Parties): Promise<string> {
    return this.#state.putOwned(einvoiceKeys.invoiceExport(mark.agreementId, mark.invoiceId), mark, parties);
  }

  async getExport(exportId: string): Promise<PaymentExportRecord | undefined> {
    const pointer = await this.#state.get<{ providerMspId: string; month: string }>(
      einvoiceKeys.paymentExportById(exportId),
    );
    return pointer === undefined
      ? undefined
      : this.#state.get<PaymentExportRecord>(
          einvoiceKeys.paymentExport(pointer.providerMspId, pointer.month, exportId),
        );
  }

  async putExport(record: PaymentExportRecord): Promise<void> {
    const parties: Parties = {
      municipalityMspId: record.municipalityMspId,
      providerMspId: record.providerMspId,
    };
    await this.#state.putOwned(
      einvoiceKeys.paymentExport(record.providerMspId, record.month, record.exportId),
      record,
      parties,
    );
    await this.#state.putOwned(
      einvoiceKeys.paymentExportById(record.exportId),
      { providerMspId: record.providerMspId, month: record.month },
      parties,
    );
  }

  /** Every export (of one provider), by provider, month and export id. */
  async listExports(providerMspId?: string): Promise<readonly PaymentExportRecord[]> {
    const entries = await this.#state.scan<PaymentExportRecord>(einvoiceRanges.paymentExports(providerMspId));
    return entries.map((entry) => entry.value);
  }
}
