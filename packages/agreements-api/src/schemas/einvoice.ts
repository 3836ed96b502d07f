import { Type, type Static } from '@sinclair/typebox';
import { MAX_INVOICE_LINES } from '../vocabulary';
import { DocumentHash, Id, IsoDate, IsoMonth, MspId, Ore, Pattern, type Frozen } from './kit';
import { InvoiceSchema } from './invoice';

/**
 * Inputs of the e-invoicing transactions. The gateway has already parsed and checked the OIOUBL XML; the chaincode
 * takes only the mapped, product-shaped figures and the document's SHA-256 — never the document.
 */

/** Setting an organisation's trading identifiers (`SetTradingIdentifiers`). */
export const TradingIdentifiersInputSchema = Type.Object(
  {
    mspId: MspId(),
    cvr: Pattern('^[0-9]{8}$', 'not_a_cvr', 'must be 8 digits', 'CVR number, 8 digits.'),
    gln: Type.Optional(
      Pattern('^[0-9]{13}$', 'not_a_gln', 'must be 13 digits', 'EAN location number (GLN), 13 digits.'),
    ),
  },
  { additionalProperties: false, description: "An organisation's CVR number and EAN (GLN)." },
);

/**
 * What the chaincode keeps of a received document besides its figures: enough to answer it again. The properties
 * are in the order the chaincode checks them. `lineIds` has one id per line of the document, which the chaincode
 * checks after the walk (a schema cannot say "as many as `lines`").
 */
const RECEIVED_DOCUMENT_FACTS = {
  lineIds: Type.Array(Id(), {
    minItems: 1,
    maxItems: MAX_INVOICE_LINES,
    description: "The document's line IDs, in the order of its lines (product ids), one per line.",
  }),
  uuid: Type.Optional(
    Pattern(
      '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
      'not_a_uuid',
      'must be a UUID',
      "The document's UUID, when it is one.",
    ),
  ),
  profileId: Type.Optional(
    Pattern(
      '^[A-Za-z0-9:._-]{1,100}$',
      'not_a_token',
      'must be a plain identifier',
      "The document's ProfileID.",
    ),
  ),
  documentSha256: DocumentHash(),
  issueDate: IsoDate(),
};

/** The received document's facts alone (the chaincode parses an invoice document's `invoice` by itself). */
export const ReceivedDocumentFactsSchema = Type.Object(RECEIVED_DOCUMENT_FACTS, {
  additionalProperties: false,
});

/** An OIOUBL invoice, mapped (`SubmitInvoiceDocument`). */
export const InvoiceDocumentSchema = Type.Object(
  { invoice: InvoiceSchema, ...RECEIVED_DOCUMENT_FACTS },
  { additionalProperties: false, description: 'An OIOUBL invoice, mapped by the gateway.' },
);

/** One credit note line: the service line it credits and the amount. */
export const CreditNoteLineSchema = Type.Object(
  { serviceLineId: Id(), amount: Ore(1) },
  { additionalProperties: false },
);

/** An OIOUBL credit note, mapped (`SubmitCreditNoteDocument`); properties in the order the chaincode checks them. */
export const CreditNoteDocumentSchema = Type.Object(
  {
    lines: Type.Array(CreditNoteLineSchema, { minItems: 1, maxItems: MAX_INVOICE_LINES }),
    ...RECEIVED_DOCUMENT_FACTS,
    creditNoteId: Id(),
    creditedInvoiceId: Id(),
    month: Type.Optional(IsoMonth()),
  },
  { additionalProperties: false, description: 'An OIOUBL credit note, mapped by the gateway.' },
);

/** A payment export: one provider's payable invoices for one month (`ExportPayments`). */
export const PaymentExportRequestSchema = Type.Object(
  {
    exportId: Id("The export's id (e.g. the finance system's batch number); repeating it is safe."),
    providerMspId: MspId(),
    month: IsoMonth(),
  },
  { additionalProperties: false },
);

export type TradingIdentifiersInput = Frozen<Static<typeof TradingIdentifiersInputSchema>>;
export type ReceivedDocumentFacts = Frozen<Static<typeof ReceivedDocumentFactsSchema>>;
export type InvoiceDocumentInput = Frozen<Static<typeof InvoiceDocumentSchema>>;
export type CreditNoteLineInput = Frozen<Static<typeof CreditNoteLineSchema>>;
export type CreditNoteDocumentInput = Frozen<Static<typeof CreditNoteDocumentSchema>>;
export type PaymentExportInput = Frozen<Static<typeof PaymentExportRequestSchema>>;
