import { withStatus } from './status-titles';

/**
 * Error codes of received OIOUBL documents (issue 15), raised by the gateway before anything reaches the ledger.
 * The first seventeen are `@fabric-agreements/oioubl`'s receipt refusals, with the statuses its README suggests; a
 * refused document's problem document also carries the rejecting ApplicationResponse (`details.applicationResponse`).
 */
export const DOCUMENT_ERRORS = {
  ...withStatus(413, { DOCUMENT_TOO_LARGE: 'The document is larger than the product takes' }),
  ...withStatus(400, {
    XML_MALFORMED: 'The document is not well-formed UTF-8 XML',
    XML_FORBIDDEN_CONSTRUCT: 'The document has a DTD or entity declarations, which are not accepted',
    WRONG_DOCUMENT_TYPE:
      'The document is not an OIOUBL Invoice (380) or CreditNote (381) in the UBL 2.1 namespace',
    XML_SCHEMA_INVALID: 'The document does not validate against the schema',
  }),
  ...withStatus(422, {
    PROFILE_NOT_SUPPORTED: 'The document is not OIOUBL 2.1 with a supported profile',
    CURRENCY_NOT_DKK: 'The document is not in Danish kroner',
    WRONG_BUYER: "The document's buyer is not this municipality",
    WRONG_SELLER: "The document's seller is not the agreement's provider",
    INVALID_REFERENCE:
      "The document's id, order reference or billing reference is missing or not this agreement's",
    PERIOD_NOT_ONE_MONTH: "The document's invoice period is not one calendar month",
    TOO_MANY_LINES: 'The document has more lines than an invoice may have',
    AMOUNT_NOT_IN_ORE: 'An amount is negative or not whole øre',
    QUANTITY_NOT_SUPPORTED: 'A quantity is not positive with at most two decimals',
    AMOUNTS_DO_NOT_ADD_UP: "The document's amounts do not add up",
    PAYABLE_DIFFERS_FROM_LINES:
      'The payable amount is not the sum of the lines (VAT, allowances, charges or prepayment)',
    UNMAPPED_LINE: 'A line names no service line of the agreement',
    TRADING_IDENTIFIERS_MISSING:
      "The organisation registry holds no CVR/EAN for the municipality or the agreement's provider",
  }),
};

export type DocumentErrorCode = keyof typeof DOCUMENT_ERRORS;
