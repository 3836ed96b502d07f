/**
 * Error codes of received OIOUBL documents (issue 15), raised by the gateway before anything reaches the ledger.
 * The first seventeen are `@fabric-agreements/oioubl`'s receipt refusals, with the statuses its README suggests; a
 * refused document's problem document also carries the rejecting ApplicationResponse (`details.applicationResponse`).
 */
export const DOCUMENT_ERRORS = {
  DOCUMENT_TOO_LARGE: { status: 413, title: 'The document is larger than the product takes' },
  XML_MALFORMED: { status: 400, title: 'The document is not well-formed UTF-8 XML' },
  XML_FORBIDDEN_CONSTRUCT: {
    status: 400,
    title: 'The document has a DTD or entity declarations, which are not accepted',
  },
  WRONG_DOCUMENT_TYPE: {
    status: 400,
    title: 'The document is not an OIOUBL Invoice (380) or CreditNote (381) in the UBL 2.1 namespace',
  },
  XML_SCHEMA_INVALID: { status: 400, title: 'The document does not validate against the schema' },
  PROFILE_NOT_SUPPORTED: { status: 422, title: 'The document is not OIOUBL 2.1 with a supported profile' },
  CURRENCY_NOT_DKK: { status: 422, title: 'The document is not in Danish kroner' },
  WRONG_BUYER: { status: 422, title: "The document's buyer is not this municipality" },
  WRONG_SELLER: { status: 422, title: "The document's seller is not the agreement's provider" },
  INVALID_REFERENCE: {
    status: 422,
    title: "The document's id, order reference or billing reference is missing or not this agreement's",
  },
  PERIOD_NOT_ONE_MONTH: { status: 422, title: "The document's invoice period is not one calendar month" },
  TOO_MANY_LINES: { status: 422, title: 'The document has more lines than an invoice may have' },
  AMOUNT_NOT_IN_ORE: { status: 422, title: 'An amount is negative or not whole øre' },
  QUANTITY_NOT_SUPPORTED: { status: 422, title: 'A quantity is not positive with at most two decimals' },
  AMOUNTS_DO_NOT_ADD_UP: { status: 422, title: "The document's amounts do not add up" },
  PAYABLE_DIFFERS_FROM_LINES: {
    status: 422,
    title: 'The payable amount is not the sum of the lines (VAT, allowances, charges or prepayment)',
  },
  UNMAPPED_LINE: { status: 422, title: 'A line names no service line of the agreement' },
  TRADING_IDENTIFIERS_MISSING: {
    status: 422,
    title: "The organisation registry holds no CVR/EAN for the municipality or the agreement's provider",
  },
} as const satisfies Readonly<Record<string, { readonly status: number; readonly title: string }>>;

export type DocumentErrorCode = keyof typeof DOCUMENT_ERRORS;
