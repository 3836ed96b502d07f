import { compositeKey, range } from './keys';

/**
 * Keys of e-invoicing (issue 15), kept beside `keys.ts` so that its layout can change without touching these. Same
 * rules: composite keys of validated ids; each value the core's canonical JSON.
 *
 * | object type           | attributes                       | value                                   |
 * |-----------------------|----------------------------------|-----------------------------------------|
 * | `trading-identifiers` | mspId                            | TradingIdentifiers (CVR, GLN)           |
 * | `received-document`   | agreementId, documentId          | ReceivedDocumentRecord (hash, never XML)|
 * | `credit-note`         | agreementId, creditedInvoiceId, creditNoteId | CreditNoteValidation        |
 * | `invoice-export`      | agreementId, invoiceId           | InvoiceExportMark                       |
 * | `payment-export`      | providerMspId, month, exportId   | PaymentExportRecord                     |
 * | `payment-export~id`   | exportId                         | `{ providerMspId, month }`              |
 *
 * Every key of an agreement (documents, credit notes, export marks) and every export carries the key-level
 * endorsement policy of the municipality and the provider: both see and must endorse what is exported.
 */
const TYPES = {
  tradingIdentifiers: 'trading-identifiers',
  receivedDocument: 'received-document',
  creditNote: 'credit-note',
  invoiceExport: 'invoice-export',
  paymentExport: 'payment-export',
  paymentExportById: 'payment-export~id',
} as const;

export const einvoiceKeys = {
  tradingIdentifiers: (mspId: string) => compositeKey(TYPES.tradingIdentifiers, [mspId]),
  receivedDocument: (agreementId: string, documentId: string) =>
    compositeKey(TYPES.receivedDocument, [agreementId, documentId]),
  creditNote: (agreementId: string, creditedInvoiceId: string, creditNoteId: string) =>
    compositeKey(TYPES.creditNote, [agreementId, creditedInvoiceId, creditNoteId]),
  invoiceExport: (agreementId: string, invoiceId: string) =>
    compositeKey(TYPES.invoiceExport, [agreementId, invoiceId]),
  paymentExport: (providerMspId: string, month: string, exportId: string) =>
    compositeKey(TYPES.paymentExport, [providerMspId, month, exportId]),
  paymentExportById: (exportId: string) => compositeKey(TYPES.paymentExportById, [exportId]),
} as const;

export const einvoiceRanges = {
  tradingIdentifiers: () => range(TYPES.tradingIdentifiers),
  receivedDocuments: (agreementId: string) => range(TYPES.receivedDocument, agreementId),
  creditNotes: (agreementId: string, creditedInvoiceId?: string) =>
    creditedInvoiceId === undefined
      ? range(TYPES.creditNote, agreementId)
      : range(TYPES.creditNote, agreementId, creditedInvoiceId),
  paymentExports: (providerMspId?: string) =>
    providerMspId === undefined ? range(TYPES.paymentExport) : range(TYPES.paymentExport, providerMspId),
} as const;
