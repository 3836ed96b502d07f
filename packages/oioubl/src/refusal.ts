/**
 * Why a received OIOUBL document is refused before it reaches the agreement, in the order the checks run. Each code is
 * stable (the gateway maps it to an HTTP status, the answer carries it); nothing of the document is ever put in a
 * refusal's message or details.
 */
export const RECEIPT_REFUSAL_CODES = [
  'DOCUMENT_TOO_LARGE',
  'XML_MALFORMED',
  'XML_FORBIDDEN_CONSTRUCT',
  'WRONG_DOCUMENT_TYPE',
  'XML_SCHEMA_INVALID',
  'PROFILE_NOT_SUPPORTED',
  'CURRENCY_NOT_DKK',
  'WRONG_BUYER',
  'WRONG_SELLER',
  'INVALID_REFERENCE',
  'PERIOD_NOT_ONE_MONTH',
  'TOO_MANY_LINES',
  'AMOUNT_NOT_IN_ORE',
  'QUANTITY_NOT_SUPPORTED',
  'AMOUNTS_DO_NOT_ADD_UP',
  'PAYABLE_DIFFERS_FROM_LINES',
  'UNMAPPED_LINE',
] as const;
export type ReceiptRefusalCode = (typeof RECEIPT_REFUSAL_CODES)[number];

/** Safe facts about a refusal: names of our own choosing (fields, line positions), never document content. */
export type RefusalDetails = Readonly<Record<string, string | number>>;

/** What identifies a refused document for its answer, where it could be read and is safe to repeat. */
export interface RefusedDocumentReference {
  readonly type?: 'Invoice' | 'CreditNote';
  /** The document's ID, only if it is a product id. */
  readonly id?: string;
  /** Only if it is a UUID. */
  readonly uuid?: string;
  /** Only if it is an ISO date. */
  readonly issueDate?: string;
}

/** A received document the product will not take, with a stable code. */
export class OioublRefusal extends Error {
  override readonly name = 'OioublRefusal';
  readonly code: ReceiptRefusalCode;
  readonly details: RefusalDetails;
  /** SHA-256 (hex) of the refused bytes, set by receiveDocument. */
  documentSha256?: string;
  /** Set by receiveDocument when the document could be parsed. */
  reference?: RefusedDocumentReference;

  constructor(code: ReceiptRefusalCode, message: string, details: RefusalDetails = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

/** Throws an {@link OioublRefusal}. */
export function refuse(code: ReceiptRefusalCode, message: string, details: RefusalDetails = {}): never {
  throw new OioublRefusal(code, message, details);
}
