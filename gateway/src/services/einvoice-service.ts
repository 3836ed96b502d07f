import { randomUUID } from 'node:crypto';
import { TX, type TransactionName } from '@fabric-agreements/api';
import {
  answerReceived,
  answerRefusal,
  OioublRefusal,
  paymentExport,
  receiveDocument,
  type AnswerableDocument,
  type InvoiceVerdict,
  type ReceivedDocument,
  type ResponseHeader,
  type ResponseParty,
  type ServiceLinePricing,
} from '@fabric-agreements/oioubl';
import { ApiError } from '../errors/api-error';
import type { Ledger, WriteResult } from './ledger';
import type { Requester } from './requester';

/** The largest OIOUBL document the gateway reads (the oioubl package's default). */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

/** An organisation's trading identifiers as the chaincode lists them. */
interface TradingIdentifiers {
  readonly mspId: string;
  readonly cvr: string;
  readonly gln?: string;
}

interface Organisation {
  readonly mspId: string;
  readonly name: string;
}

interface Registry {
  readonly municipality: Organisation | null;
  readonly providers: readonly Organisation[];
}

interface AgreementView {
  readonly id: string;
  readonly municipalityMspId: string;
  readonly providerMspId: string;
  readonly versions: readonly {
    readonly terms: { readonly lines: readonly { id: string; pricing: string }[] };
  }[];
}

/** The document record the chaincode keeps (see einvoice-records.ts). */
interface DocumentRecord {
  readonly documentId: string;
  readonly type: 'Invoice' | 'CreditNote';
  readonly issueDate: string;
  readonly uuid?: string;
  readonly profileId?: string;
  readonly lineIds: readonly string[];
  readonly answer: { readonly responseId: string; readonly uuid: string; readonly issueDate: string };
}

interface Verdict extends InvoiceVerdict {
  readonly lines: readonly { serviceLineId: string; status: 'accepted' | 'rejected'; reason?: string }[];
}

/** `{ document, invoice }` or `{ document, creditNote }`, as the chaincode answers. */
interface ReceivedRecord {
  readonly document: DocumentRecord;
  readonly invoice?: { readonly validation: Verdict } | null;
  readonly creditNote?: Verdict | null;
}

/** What receiving a document gives the route: the answer and where the record is. */
export interface Receipt {
  readonly applicationResponse: string;
  readonly documentId: string;
  readonly status: string;
  readonly write: WriteResult<unknown>;
}

/** The payment export record as the chaincode keeps it. */
interface ExportRecord {
  readonly exportId: string;
  readonly providerMspId: string;
  readonly items: readonly {
    agreementId: string;
    invoiceId: string;
    month: string;
    amount: number;
    dueDate: string;
  }[];
}

const PRODUCT_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const TOKEN = /^[A-Za-z0-9:._-]{1,100}$/;
const PROFILE_SCHEME = { schemeID: 'urn:oioubl:id:profileid-1.2', schemeAgencyID: '320' } as const;

/**
 * E-invoicing: OIOUBL documents in (checked by `@fabric-agreements/oioubl`, judged by the chaincode exactly as JSON
 * invoices), ApplicationResponses out, payment exports for the finance system.
 */
export class EInvoiceService {
  readonly #ledger: Ledger;

  constructor(ledger: Ledger) {
    this.#ledger = ledger;
  }

  /**
   * Receives an OIOUBL Invoice or CreditNote for an agreement: parties from the organisation registry, the
   * agreement's line pricing for the mapping; then the chaincode's verdict and the answer.
   * @throws ApiError with a document code (and `details.applicationResponse`, the rejecting answer) for a refused
   * document; the chaincode's codes for a refused write.
   */
  async receive(caller: Requester, domain: string, agreementId: string, bytes: Buffer): Promise<Receipt> {
    const user = await caller.identity();
    const agreement = await this.#ledger.query<AgreementView>(user, domain, TX.getAgreement, [agreementId]);
    const parties = await this.#parties(caller, domain, agreement);
    const received = await receiveForAgreement(bytes, agreement, parties);
    const { transaction, input } = documentSubmission(received);
    const write = await this.#ledger.writeAgreement<ReceivedRecord>(user, domain, agreement.id, transaction, [
      agreement.id,
      JSON.stringify(input),
    ]);
    const record = write.data;
    const verdict = verdictOf(record);
    return {
      applicationResponse: answerReceived(headerOf(record.document, parties), received, verdict),
      documentId: record.document.documentId,
      status: verdict?.status ?? 'accepted',
      write,
    };
  }

  /** The answer to a document received earlier, written again from what the ledger keeps. */
  async answer(caller: Requester, domain: string, agreementId: string, documentId: string): Promise<string> {
    const user = await caller.identity();
    const agreement = await this.#ledger.query<AgreementView>(user, domain, TX.getAgreement, [agreementId]);
    const record = await this.#ledger.query<ReceivedRecord>(user, domain, TX.getReceivedDocument, [
      agreementId,
      documentId,
    ]);
    const parties = await this.#parties(caller, domain, agreement);
    const verdict = verdictOf(record);
    const document = record.document;
    const answerable: AnswerableDocument = {
      kind: document.type === 'Invoice' ? 'invoice' : 'credit_note',
      documentId: document.documentId,
      ...(document.uuid === undefined ? {} : { uuid: document.uuid }),
      issueDate: document.issueDate,
      profileId: {
        value: document.profileId ?? 'urn:www.nesubl.eu:profiles:profile5:ver2.0',
        ...PROFILE_SCHEME,
      },
      lines: document.lineIds.map((lineId, index) => ({
        documentLineId: lineId,
        serviceLineId: verdict?.lines[index]?.serviceLineId ?? '',
      })),
    };
    return answerReceived(headerOf(document, parties), answerable, verdict);
  }

  async document(
    caller: Requester,
    domain: string,
    agreementId: string,
    documentId: string,
  ): Promise<unknown> {
    return this.#ledger.query(await caller.identity(), domain, TX.getReceivedDocument, [
      agreementId,
      documentId,
    ]);
  }

  async documents(caller: Requester, domain: string, agreementId: string): Promise<unknown> {
    return this.#ledger.query(await caller.identity(), domain, TX.listReceivedDocuments, [agreementId]);
  }

  async identifiers(caller: Requester, domain: string): Promise<unknown> {
    return this.#ledger.query(await caller.identity(), domain, TX.listTradingIdentifiers, []);
  }

  async payable(caller: Requester, domain: string, providerMspId: string, month: string): Promise<unknown> {
    return this.#ledger.query(await caller.identity(), domain, TX.listPayable, [providerMspId, month]);
  }

  /** Records an export: the municipality and the provider endorse it (its marks are keys of both). */
  async exportPayments(
    caller: Requester,
    domain: string,
    input: { exportId: string; providerMspId: string; month: string },
  ): Promise<WriteResult<unknown>> {
    const user = await caller.identity();
    const registry = await this.#ledger.query<Registry>(user, domain, TX.getRegistry, []);
    // Without a registered municipality the chaincode refuses the export; discovery plans that refusal.
    return this.#ledger.write(
      user,
      domain,
      TX.exportPayments,
      [JSON.stringify(input)],
      registry.municipality === null
        ? { discovery: 'registry' }
        : { endorsingOrganizations: [registry.municipality.mspId, input.providerMspId] },
    );
  }

  async exportRecord(caller: Requester, domain: string, exportId: string): Promise<unknown> {
    return this.#ledger.query(await caller.identity(), domain, TX.getPaymentExport, [exportId]);
  }

  async exports(caller: Requester, domain: string, providerMspId: string | undefined): Promise<unknown> {
    return this.#ledger.query(await caller.identity(), domain, TX.listPaymentExports, [providerMspId ?? '']);
  }

  /** The export as the CSV file the finance system imports (columns: packages/oioubl's README). */
  async exportCsv(caller: Requester, domain: string, exportId: string): Promise<string> {
    const user = await caller.identity();
    const record = await this.#ledger.query<ExportRecord>(user, domain, TX.getPaymentExport, [exportId]);
    const identifiers = await this.#ledger.query<readonly TradingIdentifiers[]>(
      user,
      domain,
      TX.listTradingIdentifiers,
      [],
    );
    const provider = identifiers.find((entry) => entry.mspId === record.providerMspId);
    if (provider === undefined) {
      throw new ApiError({ code: 'TRADING_IDENTIFIERS_MISSING', details: { side: 'provider' } });
    }
    return paymentExport(
      record.items.map((item) => ({
        ...item,
        providerCvr: provider.cvr,
        ...(provider.gln === undefined ? {} : { providerGln: provider.gln }),
      })),
    ).csv;
  }

  /** Both parties of the agreement as the registry names them. */
  async #parties(caller: Requester, domain: string, agreement: AgreementView): Promise<Parties> {
    const user = await caller.identity();
    const [registry, identifiers] = await Promise.all([
      this.#ledger.query<Registry>(user, domain, TX.getRegistry, []),
      this.#ledger.query<readonly TradingIdentifiers[]>(user, domain, TX.listTradingIdentifiers, []),
    ]);
    const buyer = identifiers.find((entry) => entry.mspId === agreement.municipalityMspId);
    const seller = identifiers.find((entry) => entry.mspId === agreement.providerMspId);
    if (buyer?.gln === undefined || seller === undefined) {
      throw new ApiError({
        code: 'TRADING_IDENTIFIERS_MISSING',
        details: { side: buyer?.gln === undefined ? 'municipality' : 'provider' },
      });
    }
    const nameOf = (mspId: string): string =>
      [registry.municipality, ...registry.providers].find((entry) => entry?.mspId === mspId)?.name ?? mspId;
    return {
      buyerGln: buyer.gln,
      seller,
      sender: { endpointId: buyer.gln, endpointScheme: 'GLN', name: nameOf(buyer.mspId), cvr: buyer.cvr },
      receiver:
        seller.gln === undefined
          ? { endpointId: seller.cvr, endpointScheme: 'DK:CVR', name: nameOf(seller.mspId), cvr: seller.cvr }
          : { endpointId: seller.gln, endpointScheme: 'GLN', name: nameOf(seller.mspId), cvr: seller.cvr },
    };
  }
}

/**
 * The document read and checked against the agreement's parties and line pricing; an order reference, if any, must
 * name this agreement.
 * @throws ApiError with the document code and the rejecting answer (see {@link refused}).
 */
async function receiveForAgreement(
  bytes: Buffer,
  agreement: AgreementView,
  parties: Parties,
): Promise<ReceivedDocument> {
  try {
    const received = await receiveDocument(bytes, {
      buyer: { gln: parties.buyerGln },
      seller: {
        cvr: parties.seller.cvr,
        ...(parties.seller.gln === undefined ? {} : { gln: parties.seller.gln }),
      },
      pricing: pricingOf(agreement),
    });
    if (received.agreementId !== undefined && received.agreementId !== agreement.id) {
      throw Object.assign(
        new OioublRefusal('INVALID_REFERENCE', 'the order reference is another agreement', {
          field: 'OrderReference',
          reason: 'other_agreement',
        }),
        { documentSha256: received.documentSha256, reference: referenceOf(received) },
      );
    }
    return received;
  } catch (error) {
    if (error instanceof OioublRefusal) {
      throw refused(error, freshHeader(parties));
    }
    throw error;
  }
}

/** The transaction that records a received document, and its input. */
function documentSubmission(received: ReceivedDocument): {
  readonly transaction: TransactionName;
  readonly input: unknown;
} {
  const facts = documentFacts(received);
  if (received.kind === 'invoice') {
    return { transaction: TX.submitInvoiceDocument, input: { ...facts, invoice: received.invoice } };
  }
  return {
    transaction: TX.submitCreditNoteDocument,
    input: {
      ...facts,
      creditNoteId: received.documentId,
      creditedInvoiceId: received.creditedInvoiceId,
      ...(received.month === undefined ? {} : { month: received.month }),
      lines: received.lines.map((line) => ({
        serviceLineId: line.serviceLineId,
        amount: line.productLine.amount ?? oreOf(line.amount),
      })),
    },
  };
}

/** What the ledger keeps of any document: identifiers only where they fit their pattern, else line numbers. */
function documentFacts(received: ReceivedDocument): Readonly<Record<string, unknown>> {
  return {
    documentSha256: received.documentSha256,
    issueDate: received.issueDate,
    ...(received.uuid !== undefined && UUID.test(received.uuid) ? { uuid: received.uuid } : {}),
    ...(TOKEN.test(received.profileId.value) ? { profileId: received.profileId.value } : {}),
    lineIds: received.lines.map((line, index) =>
      PRODUCT_ID.test(line.documentLineId) ? line.documentLineId : String(index + 1),
    ),
  };
}

interface Parties {
  readonly buyerGln: string;
  readonly seller: TradingIdentifiers;
  readonly sender: ResponseParty;
  readonly receiver: ResponseParty;
}

/** Each service line's pricing across the agreement's versions, for the mapping of document lines. */
function pricingOf(agreement: AgreementView): Record<string, ServiceLinePricing> {
  const pricing: Record<string, ServiceLinePricing> = {};
  for (const version of agreement.versions) {
    for (const line of version.terms.lines) {
      if (line.pricing === 'monthly' || line.pricing === 'per_unit') {
        pricing[line.id] = line.pricing;
      }
    }
  }
  return pricing;
}

/** A mapped line's exact decimal amount (`'10656.00'`, whole øre: checked on receipt) in øre. */
function oreOf(amount: string): number {
  const [kroner = '0', ore = ''] = amount.split('.');
  return Number(kroner) * 100 + Number(ore.padEnd(2, '0').slice(0, 2));
}

function verdictOf(record: ReceivedRecord): Verdict | undefined {
  return record.invoice?.validation ?? record.creditNote ?? undefined;
}

function headerOf(document: DocumentRecord, parties: Parties): ResponseHeader {
  return {
    responseId: document.answer.responseId,
    uuid: document.answer.uuid,
    issueDate: document.answer.issueDate,
    sender: parties.sender,
    receiver: parties.receiver,
  };
}

/** A header for the answer to a refused document: nothing of it reaches the ledger. */
function freshHeader(parties: Parties): ResponseHeader {
  const uuid = randomUUID();
  return {
    responseId: `AR-${uuid.replaceAll('-', '').slice(0, 20)}`,
    uuid,
    issueDate: new Date().toISOString().slice(0, 10),
    sender: parties.sender,
    receiver: parties.receiver,
  };
}

function referenceOf(received: ReceivedDocument): OioublRefusal['reference'] {
  return {
    type: received.kind === 'invoice' ? 'Invoice' : 'CreditNote',
    ...(PRODUCT_ID.test(received.documentId) ? { id: received.documentId } : {}),
    ...(received.uuid !== undefined && UUID.test(received.uuid) ? { uuid: received.uuid } : {}),
    ...(/^\d{4}-\d{2}-\d{2}$/.test(received.issueDate) ? { issueDate: received.issueDate } : {}),
  };
}

/** The refusal as the client sees it: its code, safe details, and the rejecting answer. */
function refused(refusal: OioublRefusal, header: ResponseHeader): ApiError {
  return new ApiError({
    code: refusal.code,
    details: {
      ...refusal.details,
      ...(refusal.documentSha256 === undefined ? {} : { documentSha256: refusal.documentSha256 }),
      applicationResponse: answerRefusal(header, refusal),
    },
  });
}
