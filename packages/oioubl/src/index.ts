/**
 * OIOUBL 2.1 for the agreements product, pure (no Fabric, no HTTP): receive an Invoice or CreditNote safely and map it
 * to the product's invoice input; answer it with an ApplicationResponse; export payable amounts for the finance system.
 */
export { answerReceived, answerRefusal } from './application-response';
export type {
  AnswerableDocument,
  InvoiceVerdict,
  ResponseHeader,
  ResponseParty,
} from './application-response';
export { oreToUblAmount, parseDecimal } from './decimal';
export type { ExactDecimal } from './decimal';
export type { LineMappingOptions, MappedLine } from './invoice-mapping';
export { UBL_NAMESPACES } from './namespaces';
export type { ExpectedBuyer, ExpectedSeller } from './party-rules';
export { danishAmount, paymentExport, PAYMENT_EXPORT_COLUMNS } from './payment-export';
export type { PayableItem, PaymentExport } from './payment-export';
export { MAX_INVOICE_LINES } from './product-invoice';
export type { ProductInvoiceInput, ProductInvoiceLine, ServiceLinePricing } from './product-invoice';
export { ACCEPTED_CUSTOMIZATIONS, ACCEPTED_PROFILE_PREFIXES } from './profile-rules';
export { LINE_REJECTION_EXPLANATIONS, lineRejectionExplanation, REFUSAL_EXPLANATIONS } from './reasons';
export type { Explanation, OioublResponseCode } from './reasons';
export { documentSha256, receiveDocument } from './receive-document';
export type {
  ReceivedCreditNote,
  ReceivedDocument,
  ReceivedInvoice,
  ReceiveOptions,
} from './receive-document';
export { OioublRefusal, RECEIPT_REFUSAL_CODES } from './refusal';
export type { ReceiptRefusalCode, RefusalDetails, RefusedDocumentReference } from './refusal';
export { DEFAULT_MAX_DOCUMENT_BYTES } from './safe-xml';
export type { ReceivedDocumentType } from './safe-xml';
export {
  officialChecksums,
  officialSchemaDirectory,
  schemaSetInUse,
  UBL21_SCHEMAS_VARIABLE,
} from './official-schemas';
export type { SchemaSet } from './official-schemas';
export { prepareSchemas, SCHEMA_ENTRY_POINTS, schemaProblems } from './schema-validator';
export type { SchemaName } from './schema-validator';
