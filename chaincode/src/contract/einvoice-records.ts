import type { IsoDate, IsoTimestamp } from '../core/calendar-date';

/** The answer (ApplicationResponse) header the chaincode fixed for a received document, so it can be written again. */
export interface RecordedAnswer {
  readonly responseId: string;
  readonly uuid: string;
  readonly issueDate: IsoDate;
}

/**
 * A received OIOUBL document as the ledger keeps it: its SHA-256 and what its answer needs (ids, dates, line ids) —
 * never the document. Its figures and verdict are the invoice record (same id) or the credit note's validation.
 */
export interface ReceivedDocumentRecord {
  readonly agreementId: string;
  readonly documentId: string;
  readonly type: 'Invoice' | 'CreditNote';
  readonly documentSha256: string;
  readonly issueDate: IsoDate;
  readonly uuid?: string;
  readonly profileId?: string;
  readonly lineIds: readonly string[];
  /** A credit note's invoice. */
  readonly creditedInvoiceId?: string;
  readonly answer: RecordedAnswer;
  readonly receivedAt: IsoTimestamp;
  readonly receivedBy: string;
}
