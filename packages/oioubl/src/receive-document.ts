import { createHash } from 'node:crypto';
import { checkAmounts } from './amount-rules';
import { oreToUblAmount } from './decimal';
import {
  mapLines,
  monthOf,
  requireReference,
  type LineMappingOptions,
  type MappedLine,
} from './invoice-mapping';
import { checkParties, type ExpectedBuyer, type ExpectedSeller } from './party-rules';
import type { ProductInvoiceInput } from './product-invoice';
import { isProductId } from './product-invoice';
import { checkProfile } from './profile-rules';
import { OioublRefusal, type RefusedDocumentReference } from './refusal';
import { parseReceivedDocument } from './safe-xml';
import { requireSchemaValid } from './schema-validator';
import type { UblDocument, UblIdentifier } from './ubl-document';
import { readUblDocument } from './ubl-reader';

/** What the caller knows from the organisation registry and the agreement. */
export interface ReceiveOptions extends LineMappingOptions {
  readonly buyer: ExpectedBuyer;
  readonly seller: ExpectedSeller;
  /** Default {@link DEFAULT_MAX_DOCUMENT_BYTES}. */
  readonly maxBytes?: number;
}

/** What every received document carries. */
interface ReceivedCommon {
  /** SHA-256 (hex) of the document's bytes exactly as received: what the ledger keeps. */
  readonly documentSha256: string;
  /** The document's ID. */
  readonly documentId: string;
  readonly uuid?: string;
  readonly issueDate: string;
  /** The document's ProfileID, which its answer repeats. */
  readonly profileId: UblIdentifier;
  readonly lines: readonly MappedLine[];
}

/** A received invoice, mapped to the product's invoice input. */
export interface ReceivedInvoice extends ReceivedCommon {
  readonly kind: 'invoice';
  /** From OrderReference/ID. */
  readonly agreementId: string;
  /** `YYYY-MM`, from InvoicePeriod (or the lines' periods). */
  readonly month: string;
  /** What the chaincode's invoice transaction takes (`invoiceId` is the document's ID). */
  readonly invoice: ProductInvoiceInput;
  /** PayableAmount: kroner as a decimal string, and øre. */
  readonly payable: string;
  readonly payableOre: number;
}

/** A received credit note: which invoice it credits, and by how much per line. */
export interface ReceivedCreditNote extends ReceivedCommon {
  readonly kind: 'credit_note';
  /** BillingReference/InvoiceDocumentReference/ID. */
  readonly creditedInvoiceId: string;
  /** From OrderReference/ID, when given. */
  readonly agreementId?: string;
  /** From InvoicePeriod, when given. */
  readonly month?: string;
  readonly total: string;
  readonly totalOre: number;
}

export type ReceivedDocument = ReceivedInvoice | ReceivedCreditNote;

/** SHA-256 (hex) of a document's bytes. */
export function documentSha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Receives an OIOUBL 2.1 Invoice or CreditNote: parses it safely, validates it against the UBL 2.1 schema (the
 * official one where the machine has it), then against the OIOUBL profile rules on top of it, checks its parties
 * against the registry's and that its amounts add up, and maps it to the product's terms. Nothing here knows the agreement's rules: the chaincode checks the mapped invoice exactly as a JSON
 * one.
 * @throws OioublRefusal with a stable code (see RECEIPT_REFUSAL_CODES), the document's SHA-256 and, once the document
 * could be read, its safe reference for the answer.
 */
export async function receiveDocument(bytes: Uint8Array, options: ReceiveOptions): Promise<ReceivedDocument> {
  const sha256 = documentSha256(bytes);
  let document: UblDocument | undefined;
  try {
    const parsed = await parseReceivedDocument(bytes, options.maxBytes);
    try {
      await requireSchemaValid(parsed.document, parsed.type);
      document = readUblDocument(parsed.document, parsed.type);
    } finally {
      parsed.document.dispose();
    }
    return mapDocument(document, sha256, options);
  } catch (error) {
    if (error instanceof OioublRefusal) {
      error.documentSha256 = sha256;
      if (document !== undefined) {
        error.reference = safeReference(document);
      }
    }
    throw error;
  }
}

function mapDocument(document: UblDocument, sha256: string, options: ReceiveOptions): ReceivedDocument {
  checkProfile(document);
  checkParties(document, options.buyer, options.seller);
  const documentId = requireReference(document.id, 'ID');
  const common = {
    documentSha256: sha256,
    documentId,
    ...(document.uuid === undefined ? {} : { uuid: document.uuid }),
    issueDate: document.issueDate ?? '',
    profileId: document.profileId ?? { value: '' },
  };
  if (document.type === 'Invoice') {
    const agreementId = requireReference(document.orderReferenceId, 'OrderReference/ID');
    const month = monthOf(document);
    const figures = checkAmounts(document);
    const lines = mapLines(document, figures, options);
    return {
      ...common,
      kind: 'invoice',
      agreementId,
      month,
      lines,
      invoice: { invoiceId: documentId, month, lines: lines.map((line) => line.productLine) },
      payable: oreToUblAmount(figures.payable),
      payableOre: Number(figures.payable),
    };
  }
  if (document.billedInvoiceIds.length !== 1) {
    requireReference(undefined, 'BillingReference/InvoiceDocumentReference/ID');
  }
  const creditedInvoiceId = requireReference(
    document.billedInvoiceIds[0],
    'BillingReference/InvoiceDocumentReference/ID',
  );
  const agreementId =
    document.orderReferenceId === undefined
      ? undefined
      : requireReference(document.orderReferenceId, 'OrderReference/ID');
  const month = document.period === undefined ? undefined : monthOf(document);
  const figures = checkAmounts(document);
  return {
    ...common,
    kind: 'credit_note',
    creditedInvoiceId,
    ...(agreementId === undefined ? {} : { agreementId }),
    ...(month === undefined ? {} : { month }),
    lines: mapLines(document, figures, options),
    total: oreToUblAmount(figures.payable),
    totalOre: Number(figures.payable),
  };
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function safeReference(document: UblDocument): RefusedDocumentReference {
  return {
    type: document.type,
    ...(isProductId(document.id) ? { id: document.id } : {}),
    ...(document.uuid !== undefined && UUID.test(document.uuid) ? { uuid: document.uuid } : {}),
    ...(document.issueDate !== undefined && ISO_DATE.test(document.issueDate)
      ? { issueDate: document.issueDate }
      : {}),
  };
}
