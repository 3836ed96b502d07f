import type { JsonSchema } from '../operation';
import { arrayOf, integer, nullable, openObject, ref, stringEnum } from './schema-builders';
import { DATE, DOCUMENT_HASH, ID, MONTH, MSP_ID, ORE, TIMESTAMP } from './schemas';

/** Schemas of e-invoicing (OIOUBL documents in, ApplicationResponses and payment exports out). */

/** An OIOUBL 2.1 Invoice or CreditNote, as the request body (checked by the gateway, not by JSON Schema). */
export const OIOUBL_DOCUMENT: JsonSchema = {
  type: 'string',
  description:
    'An OIOUBL 2.1 `Invoice` (type code 380) or `CreditNote` (381), UTF-8, at most 2 MiB, without DTD or entities.',
};

/** The ApplicationResponse the route answers with (`application/xml`). */
export const APPLICATION_RESPONSE: JsonSchema = {
  type: 'string',
  description:
    'An OIOUBL 2.1 ApplicationResponse: BusinessAccept, or BusinessReject with one LineResponse per rejected line ' +
    '(ReferenceID = the reason code, Description = the Danish explanation).',
};

/** The payment export as CSV (`text/csv`). */
export const PAYMENT_EXPORT_CSV: JsonSchema = {
  type: 'string',
  description:
    'UTF-8 with BOM, `;`-separated, CRLF, one header row: Kreditor CVR; Kreditor EAN; Fakturanummer; Aftale; ' +
    'Periode; Beløb (decimal comma); Valuta; Forfaldsdato; Tekst til kreditor; Posterings-ID.',
};

const VERDICT_STATUS = stringEnum(['accepted', 'partially_accepted', 'rejected']);

export const EINVOICE_COMPONENT_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  TradingIdentifiers: openObject(
    {
      mspId: MSP_ID,
      cvr: { type: 'string', pattern: '^[0-9]{8}$' },
      gln: { type: 'string', pattern: '^[0-9]{13}$' },
      setAt: TIMESTAMP,
      setBy: { type: 'string' },
    },
    ['mspId', 'cvr'],
    "An organisation's CVR number and EAN (GLN), from the organisation registry.",
  ),
  ReceivedDocument: openObject(
    {
      agreementId: ID,
      documentId: ID,
      type: stringEnum(['Invoice', 'CreditNote']),
      documentSha256: DOCUMENT_HASH,
      issueDate: DATE,
      uuid: { type: 'string' },
      profileId: { type: 'string' },
      lineIds: arrayOf(ID),
      creditedInvoiceId: ID,
      answer: openObject({ responseId: { type: 'string' }, uuid: { type: 'string' }, issueDate: DATE }, [
        'responseId',
        'uuid',
        'issueDate',
      ]),
      receivedAt: TIMESTAMP,
      receivedBy: { type: 'string' },
    },
    ['agreementId', 'documentId', 'type', 'documentSha256', 'lineIds', 'answer'],
    'A received OIOUBL document as the ledger keeps it: its SHA-256, never the XML.',
  ),
  CreditNoteValidation: openObject(
    {
      creditNoteId: ID,
      creditedInvoiceId: ID,
      agreementId: ID,
      month: MONTH,
      validatedAt: TIMESTAMP,
      status: VERDICT_STATUS,
      lines: arrayOf(
        openObject(
          {
            serviceLineId: ID,
            status: stringEnum(['accepted', 'rejected']),
            reason: { type: 'string' },
            claimed: ORE,
            credited: ORE,
          },
          ['serviceLineId', 'status', 'claimed', 'credited'],
        ),
      ),
      totals: openObject({ claimed: ORE, credited: ORE }, ['claimed', 'credited']),
    },
    ['creditNoteId', 'creditedInvoiceId', 'status', 'lines', 'totals'],
  ),
  ReceivedDocumentView: openObject(
    {
      document: ref('ReceivedDocument'),
      invoice: nullable(ref('InvoiceRecord')),
      creditNote: nullable(ref('CreditNoteValidation')),
    },
    ['document'],
  ),
  PayableItem: openObject(
    { agreementId: ID, invoiceId: ID, month: MONTH, amount: ORE, dueDate: DATE },
    ['agreementId', 'invoiceId', 'month', 'amount', 'dueDate'],
    'An invoice to pay: approved, not paid, not exported; amount in øre after credits.',
  ),
  PaymentExport: openObject(
    {
      exportId: ID,
      municipalityMspId: MSP_ID,
      providerMspId: MSP_ID,
      month: MONTH,
      items: arrayOf(ref('PayableItem')),
      total: ORE,
      itemCount: integer(0),
      exportedAt: TIMESTAMP,
      exportedBy: { type: 'string' },
    },
    ['exportId', 'providerMspId', 'month', 'items', 'total'],
  ),
  PaymentExportWrite: openObject(
    {
      transactionId: { type: 'string' },
      blockNumber: { type: 'string', pattern: '^[0-9]+$' },
      data: ref('PaymentExport'),
    },
    ['transactionId', 'blockNumber', 'data'],
  ),
};
