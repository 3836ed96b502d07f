import { Type } from '@sinclair/typebox';
import { DocumentHash, Id, IsoDate, IsoMonth, MspId, Nullable, Ore, StringEnum, WholeNumber } from '../kit';
import { InvoiceRecordSchema } from './invoice';
import { Timestamp, Word, WriteOf } from './parts';

/** E-invoicing: received OIOUBL documents as the ledger keeps them, credit notes' verdicts, payment exports. */

/** A received document (its SHA-256, never the XML). */
export const ReceivedDocumentSchema = Type.Object(
  {
    agreementId: Id(),
    documentId: Id(),
    type: StringEnum(['Invoice', 'CreditNote']),
    documentSha256: DocumentHash(),
    issueDate: Type.Optional(IsoDate()),
    uuid: Type.Optional(Word()),
    profileId: Type.Optional(Word()),
    lineIds: Type.Array(Id()),
    creditedInvoiceId: Type.Optional(Id()),
    answer: Type.Object({ responseId: Word(), uuid: Word(), issueDate: IsoDate() }),
    receivedAt: Type.Optional(Timestamp()),
    receivedBy: Type.Optional(Word()),
  },
  { description: 'A received OIOUBL document as the ledger keeps it: its SHA-256, never the XML.' },
);

/** A credit note checked against its invoice. */
export const CreditNoteValidationSchema = Type.Object({
  creditNoteId: Id(),
  creditedInvoiceId: Id(),
  agreementId: Type.Optional(Id()),
  month: Type.Optional(IsoMonth()),
  validatedAt: Type.Optional(Timestamp()),
  status: StringEnum(['accepted', 'partially_accepted', 'rejected']),
  lines: Type.Array(
    Type.Object({
      serviceLineId: Id(),
      status: StringEnum(['accepted', 'rejected']),
      reason: Type.Optional(Word()),
      claimed: Ore(0),
      credited: Ore(0),
    }),
  ),
  totals: Type.Object({ claimed: Ore(0), credited: Ore(0) }),
});

/** A received document with its invoice record or credit note verdict. */
export const ReceivedDocumentViewSchema = Type.Object({
  document: ReceivedDocumentSchema,
  invoice: Type.Optional(Nullable(InvoiceRecordSchema)),
  creditNote: Type.Optional(Nullable(CreditNoteValidationSchema)),
});

/** An invoice to pay. */
export const PayableItemSchema = Type.Object(
  { agreementId: Id(), invoiceId: Id(), month: IsoMonth(), amount: Ore(0), dueDate: IsoDate() },
  { description: 'An invoice to pay: approved, not paid, not exported; amount in øre after credits.' },
);

/** One provider's payable invoices for one month, exported once. */
export const PaymentExportSchema = Type.Object({
  exportId: Id(),
  municipalityMspId: Type.Optional(MspId()),
  providerMspId: MspId(),
  month: IsoMonth(),
  items: Type.Array(PayableItemSchema),
  total: Ore(0),
  itemCount: Type.Optional(WholeNumber(0)),
  exportedAt: Type.Optional(Timestamp()),
  exportedBy: Type.Optional(Word()),
});

/** A write that answers the export. */
export const PaymentExportWriteSchema = WriteOf(PaymentExportSchema);

/** An OIOUBL 2.1 Invoice or CreditNote as a request body (the gateway checks it, not JSON Schema). */
export const OioublDocumentSchema = Type.String({
  description:
    'An OIOUBL 2.1 `Invoice` (type code 380) or `CreditNote` (381), UTF-8, at most 2 MiB, without DTD or entities.',
});

/** The ApplicationResponse a received document is answered with (`application/xml`). */
export const ApplicationResponseSchema = Type.String({
  description:
    'An OIOUBL 2.1 ApplicationResponse: BusinessAccept, or BusinessReject with one LineResponse per rejected line ' +
    '(ReferenceID = the reason code, Description = the Danish explanation).',
});

/** A payment export as CSV (`text/csv`). */
export const PaymentExportCsvSchema = Type.String({
  description:
    'UTF-8 with BOM, `;`-separated, CRLF, one header row: Kreditor CVR; Kreditor EAN; Fakturanummer; Aftale; ' +
    'Periode; Beløb (decimal comma); Valuta; Forfaldsdato; Tekst til kreditor; Posterings-ID.',
});
