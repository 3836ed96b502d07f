import { MAX_INVOICE_LINES } from '@fabric-agreements/api';
import type { IsoDate, IsoMonth } from './calendar-date';
import { requireId } from './ids';
import { parseInvoiceInput } from './inputs';
import type { InvoiceInput } from './invoice';
import type { Ore } from './money';
import type { TradingIdentifiersInput } from './trading-identifiers';
import {
  invalid,
  requireArray,
  requireDocumentHash,
  requireIsoDate,
  requireIsoMonth,
  requireOre,
  requireRecord,
} from './validation';

/**
 * Inputs of the e-invoicing transactions (OIOUBL documents received through the gateway, trading identifiers,
 * payment exports). The gateway has already parsed and checked the XML; the chaincode takes only the mapped,
 * product-shaped figures and the document's SHA-256 — never the document.
 */

/** What the chaincode keeps of a received document besides its figures: enough to answer it again. */
export interface ReceivedDocumentFacts {
  /** SHA-256 (hex) of the XML as received. */
  readonly documentSha256: string;
  readonly issueDate: IsoDate;
  /** The document's UUID, when it is one. */
  readonly uuid?: string;
  /** The document's ProfileID, when it is a plain token. */
  readonly profileId?: string;
  /** The document's line IDs, in the order of its lines (product ids). */
  readonly lineIds: readonly string[];
}

/** An OIOUBL invoice, mapped. */
export interface InvoiceDocumentInput extends ReceivedDocumentFacts {
  readonly invoice: InvoiceInput;
}

/** One credit note line: the service line it credits and the amount. */
export interface CreditNoteLineInput {
  readonly serviceLineId: string;
  readonly amount: Ore;
}

/** An OIOUBL credit note, mapped. */
export interface CreditNoteDocumentInput extends ReceivedDocumentFacts {
  readonly creditNoteId: string;
  readonly creditedInvoiceId: string;
  readonly month?: IsoMonth;
  readonly lines: readonly CreditNoteLineInput[];
}

/** A payment export: one provider's payable invoices for one month. */
export interface PaymentExportInput {
  readonly exportId: string;
  readonly providerMspId: string;
  readonly month: IsoMonth;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const TOKEN = /^[A-Za-z0-9:._-]{1,100}$/;
const CVR = /^\d{8}$/;
const GLN = /^\d{13}$/;
const FACT_KEYS = ['documentSha256', 'issueDate', 'uuid', 'profileId', 'lineIds'] as const;

/** `{"mspId", "cvr": 8 digits, "gln"?: 13 digits}`. @throws Refusal `VALIDATION_FAILED` / `INVALID_ID`. */
export function parseTradingIdentifiersInput(value: unknown): TradingIdentifiersInput {
  const record = requireRecord(value, 'identifiers', ['mspId', 'cvr', 'gln']);
  const mspId = requireId(record.mspId, 'mspId');
  if (typeof record.cvr !== 'string' || !CVR.test(record.cvr)) {
    return invalid('cvr', 'not_a_cvr', 'must be 8 digits');
  }
  if (record.gln !== undefined && (typeof record.gln !== 'string' || !GLN.test(record.gln))) {
    return invalid('gln', 'not_a_gln', 'must be 13 digits');
  }
  return { mspId, cvr: record.cvr, ...(record.gln === undefined ? {} : { gln: record.gln }) };
}

/**
 * `{"invoice": Invoice, "documentSha256", "issueDate", "uuid"?, "profileId"?, "lineIds": [one per line]}`.
 * @throws Refusal `VALIDATION_FAILED` / `INVALID_ID` / `INVALID_DATE`.
 */
export function parseInvoiceDocumentInput(value: unknown): InvoiceDocumentInput {
  const record = requireRecord(value, 'document', ['invoice', ...FACT_KEYS]);
  const invoice = parseInvoiceInput(record.invoice);
  const facts = parseFacts(record, invoice.lines.length);
  return { ...facts, invoice };
}

/**
 * `{"creditNoteId", "creditedInvoiceId", "month"?, "lines": [{"serviceLineId", "amount"}], "documentSha256",
 * "issueDate", "uuid"?, "profileId"?, "lineIds"}`.
 * @throws Refusal `VALIDATION_FAILED` / `INVALID_ID` / `INVALID_DATE`.
 */
export function parseCreditNoteDocumentInput(value: unknown): CreditNoteDocumentInput {
  const record = requireRecord(value, 'creditNote', [
    'creditNoteId',
    'creditedInvoiceId',
    'month',
    'lines',
    ...FACT_KEYS,
  ]);
  const lines = requireArray(record.lines, 'lines', 1, MAX_INVOICE_LINES).map((line, index) => {
    const field = `lines[${index}]`;
    const item = requireRecord(line, field, ['serviceLineId', 'amount']);
    return {
      serviceLineId: requireId(item.serviceLineId, `${field}.serviceLineId`),
      amount: requireOre(item.amount, `${field}.amount`, 1),
    };
  });
  return {
    ...parseFacts(record, lines.length),
    creditNoteId: requireId(record.creditNoteId, 'creditNoteId'),
    creditedInvoiceId: requireId(record.creditedInvoiceId, 'creditedInvoiceId'),
    ...(record.month === undefined ? {} : { month: requireIsoMonth(record.month, 'month') }),
    lines,
  };
}

/** `{"exportId", "providerMspId", "month": "YYYY-MM"}`. @throws Refusal `VALIDATION_FAILED` / `INVALID_ID`. */
export function parsePaymentExportInput(value: unknown): PaymentExportInput {
  const record = requireRecord(value, 'export', ['exportId', 'providerMspId', 'month']);
  return {
    exportId: requireId(record.exportId, 'exportId'),
    providerMspId: requireId(record.providerMspId, 'providerMspId'),
    month: requireIsoMonth(record.month, 'month'),
  };
}

function parseFacts(record: Readonly<Record<string, unknown>>, lineCount: number): ReceivedDocumentFacts {
  const lineIds = requireArray(record.lineIds, 'lineIds', lineCount, lineCount).map((id, index) =>
    requireId(id, `lineIds[${index}]`),
  );
  if (record.uuid !== undefined && (typeof record.uuid !== 'string' || !UUID.test(record.uuid))) {
    invalid('uuid', 'not_a_uuid', 'must be a UUID');
  }
  if (
    record.profileId !== undefined &&
    (typeof record.profileId !== 'string' || !TOKEN.test(record.profileId))
  ) {
    invalid('profileId', 'not_a_token', 'must be a plain identifier');
  }
  return {
    documentSha256: requireDocumentHash(record.documentSha256, 'documentSha256'),
    issueDate: requireIsoDate(record.issueDate, 'issueDate'),
    ...(typeof record.uuid === 'string' ? { uuid: record.uuid } : {}),
    ...(typeof record.profileId === 'string' ? { profileId: record.profileId } : {}),
    lineIds,
  };
}
