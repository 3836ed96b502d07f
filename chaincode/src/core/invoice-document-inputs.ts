import {
  CreditNoteDocumentSchema,
  InvoiceDocumentSchema,
  PaymentExportRequestSchema,
  ReceivedDocumentFactsSchema,
  TradingIdentifiersInputSchema,
  type CreditNoteDocumentInput,
  type InvoiceDocumentInput,
  type PaymentExportInput,
  type TradingIdentifiersInput,
} from '@fabric-agreements/api';
import { parseInvoiceInput } from './inputs';
import { parseInput } from './schema-walk';
import { invalid, requireRecord } from './validation';

/**
 * Inputs of the e-invoicing transactions (OIOUBL documents received through the gateway, trading identifiers,
 * payment exports). Their schemas are in `@fabric-agreements/api`; here the chaincode walks them and adds what a
 * schema cannot say: a document has one line id per line.
 */

export type {
  CreditNoteDocumentInput,
  InvoiceDocumentInput,
  PaymentExportInput,
  ReceivedDocumentFacts,
} from '@fabric-agreements/api';

/** `{"mspId", "cvr": 8 digits, "gln"?: 13 digits}`. @throws Refusal `VALIDATION_FAILED` / `INVALID_ID`. */
export function parseTradingIdentifiersInput(value: unknown): TradingIdentifiersInput {
  return parseInput(TradingIdentifiersInputSchema, value, 'identifiers');
}

/**
 * `{"invoice": Invoice, "documentSha256", "issueDate", "uuid"?, "profileId"?, "lineIds": [one per line]}`. The
 * invoice's fields are named as in `SubmitInvoice` (`lines[0].amount`).
 * @throws Refusal `VALIDATION_FAILED` / `INVALID_ID`.
 */
export function parseInvoiceDocumentInput(value: unknown): InvoiceDocumentInput {
  const { invoice, ...facts } = requireRecord(
    value,
    'document',
    Object.keys(InvoiceDocumentSchema.properties),
  );
  const parsedInvoice = parseInvoiceInput(invoice);
  const parsedFacts = parseInput(ReceivedDocumentFactsSchema, facts, 'document');
  requireOneIdPerLine(parsedFacts.lineIds, parsedInvoice.lines.length);
  return { ...parsedFacts, invoice: parsedInvoice };
}

/**
 * `{"lines": [{"serviceLineId", "amount"}], "lineIds", "uuid"?, "profileId"?, "documentSha256", "issueDate",
 * "creditNoteId", "creditedInvoiceId", "month"?}`.
 * @throws Refusal `VALIDATION_FAILED` / `INVALID_ID`.
 */
export function parseCreditNoteDocumentInput(value: unknown): CreditNoteDocumentInput {
  const creditNote = parseInput(CreditNoteDocumentSchema, value, 'creditNote');
  requireOneIdPerLine(creditNote.lineIds, creditNote.lines.length);
  return creditNote;
}

/** `{"exportId", "providerMspId", "month": "YYYY-MM"}`. @throws Refusal `VALIDATION_FAILED` / `INVALID_ID`. */
export function parsePaymentExportInput(value: unknown): PaymentExportInput {
  return parseInput(PaymentExportRequestSchema, value, 'export');
}

function requireOneIdPerLine(lineIds: readonly string[], lineCount: number): void {
  if (lineIds.length !== lineCount) {
    invalid('lineIds', 'wrong_length', `must have ${lineCount} to ${lineCount} items`, {
      minItems: lineCount,
      maxItems: lineCount,
    });
  }
}
