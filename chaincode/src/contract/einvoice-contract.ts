import { Returns, Transaction } from 'fabric-contract-api';
import { CONTRACT_NAMES, Refusal } from '@fabric-agreements/api';
import type { Agreement } from '../core/agreement-model';
import { requireAdmin } from '../core/access';
import { canonicalJson } from '../core/canonical-json';
import { validateCreditNote, type CreditNoteValidation } from '../core/credit-note';
import {
  parseCreditNoteDocumentInput,
  parseInvoiceDocumentInput,
  parsePaymentExportInput,
  parseTradingIdentifiersInput,
  type ReceivedDocumentFacts,
} from '../core/invoice-document-inputs';
import { MUNICIPAL_ROLES, PROVIDER_ROLES, requireActorOn } from '../core/parties';
import { payableItems, type ExportCandidate, type PaymentExportRecord } from '../core/payment-export';
import { sumOre } from '../core/money';
import { sameIdentifiers, type TradingIdentifiers } from '../core/trading-identifiers';
import { requireIsoMonth } from '../core/validation';
import { idArgument, jsonArgument } from './arguments';
import { TransactionContext } from './context';
import type { ReceivedDocumentRecord, RecordedAnswer } from './einvoice-records';
import { LedgerContract } from './ledger-contract';
import { recordInvoice } from './settlement-contract';
import { INVOICEABLE_STATUSES } from '../core/invoice';

/**
 * E-invoicing (issue 15): the organisation registry's trading identifiers (CVR, EAN/GLN), OIOUBL invoices and credit
 * notes received through the gateway (their mapped figures and SHA-256, never the XML), and payment exports for the
 * municipality's finance system, marked on the ledger so that nothing is exported — or paid — twice.
 */
export class EInvoiceContract extends LedgerContract {
  constructor() {
    super(CONTRACT_NAMES.einvoice);
  }

  /**
   * Sets an organisation's trading identifiers: `{"mspId", "cvr": 8 digits, "gln"?: 13 digits}` (the municipality
   * needs a GLN: it is the buyer's endpoint in NemHandel). Caller: an administrator of the municipality. The same
   * identifiers again return the record and write nothing.
   * @throws Refusal `FORBIDDEN`, `PRECONDITION_FAILED` (no municipality), `VALIDATION_FAILED` (unregistered MSP,
   * municipality without GLN), `INVALID_ID`.
   */
  @Transaction()
  @Returns('string')
  async SetTradingIdentifiers(ctx: TransactionContext, identifiersJson: string): Promise<string> {
    const municipality = await ctx.municipality();
    await ctx.municipalCaller([], true);
    requireAdmin(ctx.caller);
    const wanted = parseTradingIdentifiersInput(jsonArgument(identifiersJson, 'identifiers'));
    const organisation = await ctx.repository.registry.getOrganisation(wanted.mspId);
    if (organisation === undefined) {
      throw new Refusal('VALIDATION_FAILED', 'mspId: is not a registered organisation', {
        field: 'mspId',
        reason: 'not_registered',
      });
    }
    if (organisation.mspId === municipality.mspId && wanted.gln === undefined) {
      throw new Refusal('VALIDATION_FAILED', 'gln: the municipality needs its EAN (GLN)', {
        field: 'gln',
        reason: 'required',
      });
    }
    const { einvoices } = ctx.repository;
    const existing = await einvoices.getIdentifiers(wanted.mspId);
    if (existing !== undefined && sameIdentifiers(existing, wanted)) {
      return canonicalJson(existing);
    }
    const identifiers: TradingIdentifiers = {
      ...wanted,
      setAt: ctx.moment.instant,
      setBy: ctx.caller.certId,
    };
    await einvoices.putIdentifiers(identifiers);
    return canonicalJson(identifiers);
  }

  /** Every organisation's trading identifiers, by MSP id. Any member of the channel may read them. */
  @Transaction(false)
  @Returns('string')
  async ListTradingIdentifiers(ctx: TransactionContext): Promise<string> {
    return canonicalJson(await ctx.repository.einvoices.listIdentifiers());
  }

  /**
   * Records an OIOUBL invoice the gateway received and mapped: `{"invoice": Invoice (as SubmitInvoice), "documentSha256",
   * "issueDate", "uuid"?, "profileId"?, "lineIds"}`. The invoice is validated and recorded exactly as SubmitInvoice
   * does; the document record keeps its SHA-256 and what its ApplicationResponse needs. Returns `{"document",
   * "invoice"}`. The same document again returns the record; another document under the same id is a conflict.
   * Caller: staff of the agreement's provider.
   * @throws Refusal `NOT_FOUND`, `FORBIDDEN`, `WRONG_ROLE`, `INVALID_STATE`, `VALIDATION_FAILED`, `CONFLICT`.
   */
  @Transaction()
  @Returns('string')
  async SubmitInvoiceDocument(
    ctx: TransactionContext,
    agreementId: string,
    documentJson: string,
  ): Promise<string> {
    const agreement = await ctx.repository.agreements.require(idArgument(agreementId, 'agreementId'));
    const actor = ctx.actor;
    requireActorOn(agreement, actor, 'provider', PROVIDER_ROLES);
    const input = parseInvoiceDocumentInput(jsonArgument(documentJson, 'document'));
    const documentId = input.invoice.invoiceId;
    const existing = await existingDocument(ctx, agreement, documentId, input.documentSha256, 'Invoice');
    const invoice = await recordInvoice(ctx, agreement, input.invoice, actor);
    const document = existing ?? (await putDocument(ctx, agreement, documentId, 'Invoice', input));
    return canonicalJson({ document, invoice });
  }

  /**
   * Records an OIOUBL credit note the gateway received and mapped: `{"creditNoteId", "creditedInvoiceId", "month"?,
   * "lines": [{"serviceLineId", "amount"}], "documentSha256", "issueDate", "uuid"?, "profileId"?, "lineIds"}`. Each
   * line is checked against the credited invoice (docs/domain-rules.md, "Credit notes"); accepted lines reduce
   * what is exported for payment. Returns `{"document", "creditNote"}`. Caller: staff of the agreement's provider.
   * @throws Refusal `NOT_FOUND`, `FORBIDDEN`, `WRONG_ROLE`, `VALIDATION_FAILED`, `CONFLICT`.
   */
  @Transaction()
  @Returns('string')
  async SubmitCreditNoteDocument(
    ctx: TransactionContext,
    agreementId: string,
    creditNoteJson: string,
  ): Promise<string> {
    const agreement = await ctx.repository.agreements.require(idArgument(agreementId, 'agreementId'));
    requireActorOn(agreement, ctx.actor, 'provider', PROVIDER_ROLES);
    const input = parseCreditNoteDocumentInput(jsonArgument(creditNoteJson, 'creditNote'));
    const { einvoices, invoices } = ctx.repository;
    const existing = await existingDocument(
      ctx,
      agreement,
      input.creditNoteId,
      input.documentSha256,
      'CreditNote',
    );
    if (existing !== undefined) {
      const notes = await einvoices.listCreditNotes(agreement.id, input.creditedInvoiceId);
      const creditNote = notes.find((note) => note.creditNoteId === input.creditNoteId);
      return canonicalJson({ document: existing, creditNote: creditNote ?? null });
    }
    const credited = await invoices.get(agreement.id, input.creditedInvoiceId);
    const earlier = await einvoices.listCreditNotes(agreement.id, input.creditedInvoiceId);
    const creditNote = validateCreditNote(
      agreement.id,
      input,
      credited === undefined
        ? undefined
        : {
            lifecycle: credited,
            validation: credited.validation,
            exported: (await einvoices.getExportMark(agreement.id, credited.invoiceId)) !== undefined,
          },
      earlier,
      ctx.moment,
    );
    await einvoices.putCreditNote(creditNote, agreement);
    const document = await putDocument(
      ctx,
      agreement,
      input.creditNoteId,
      'CreditNote',
      input,
      input.creditedInvoiceId,
    );
    return canonicalJson({ document, creditNote });
  }

  /**
   * A received document with its verdict: `{"document", "invoice"}` or `{"document", "creditNote"}`. Caller: staff
   * (or an administrator) of either party.
   * @throws Refusal `NOT_FOUND`, `FORBIDDEN`, `INVALID_ID`.
   */
  @Transaction(false)
  @Returns('string')
  async GetReceivedDocument(
    ctx: TransactionContext,
    agreementId: string,
    documentId: string,
  ): Promise<string> {
    const agreement = await ctx.partyAgreement(agreementId);
    const { einvoices, invoices } = ctx.repository;
    const document = await einvoices.getDocument(agreement.id, idArgument(documentId, 'documentId'));
    if (document === undefined) {
      throw new Refusal('NOT_FOUND', 'no received document with this id', { documentId });
    }
    if (document.type === 'Invoice') {
      return canonicalJson({
        document,
        invoice: (await invoices.get(agreement.id, document.documentId)) ?? null,
      });
    }
    const notes = await einvoices.listCreditNotes(agreement.id, document.creditedInvoiceId);
    const creditNote = notes.find((note) => note.creditNoteId === document.documentId);
    return canonicalJson({ document, creditNote: creditNote ?? null });
  }

  /** Every received document of an agreement, by document id. Caller: staff (or an administrator) of either party. */
  @Transaction(false)
  @Returns('string')
  async ListReceivedDocuments(ctx: TransactionContext, agreementId: string): Promise<string> {
    const agreement = await ctx.partyAgreement(agreementId);
    return canonicalJson(await ctx.repository.einvoices.listDocuments(agreement.id));
  }

  /**
   * What is payable to a provider for a month and not yet exported: `[{"agreementId", "invoiceId", "month",
   * "amount", "dueDate"}]`. Caller: municipal staff, or the provider's own staff.
   * @throws Refusal `FORBIDDEN`, `PRECONDITION_FAILED`, `INVALID_ID`, `INVALID_DATE`.
   */
  @Transaction(false)
  @Returns('string')
  async ListPayable(ctx: TransactionContext, providerMspId: string, month: string): Promise<string> {
    const provider = idArgument(providerMspId, 'providerMspId');
    const isoMonth = requireIsoMonth(month, 'month');
    const municipality = await ctx.municipality();
    requireMunicipalityOrProvider(ctx, municipality.mspId, provider);
    const candidates = await exportCandidates(ctx, municipality.mspId, provider);
    return canonicalJson(payableItems(candidates, isoMonth, ctx.moment.date));
  }

  /**
   * Exports what is payable to one provider for one month: `{"exportId", "providerMspId", "month"}`. Records the
   * export and marks each invoice in it as exported (keys both parties endorse), so no later export — and no
   * credit note — takes it again. The same export again returns the record. Caller: municipal staff.
   * @throws Refusal `FORBIDDEN`, `WRONG_ROLE`, `VALIDATION_FAILED` (unknown provider), `PRECONDITION_FAILED`
   * (`reason: nothing_to_export`), `CONFLICT` (the export id is taken by another provider or month).
   */
  @Transaction()
  @Returns('string')
  async ExportPayments(ctx: TransactionContext, exportJson: string): Promise<string> {
    const municipality = await ctx.municipalCaller(MUNICIPAL_ROLES);
    const input = parsePaymentExportInput(jsonArgument(exportJson, 'export'));
    await ctx.provider(input.providerMspId);
    const { einvoices } = ctx.repository;
    const existing = await einvoices.getExport(input.exportId);
    if (existing !== undefined) {
      if (existing.providerMspId === input.providerMspId && existing.month === input.month) {
        return canonicalJson(existing);
      }
      throw new Refusal('CONFLICT', 'another export has this id', { reason: 'export_exists' });
    }
    const candidates = await exportCandidates(ctx, municipality.mspId, input.providerMspId);
    const at = ctx.moment;
    const items = payableItems(candidates, input.month, at.date);
    if (items.length === 0) {
      throw new Refusal('PRECONDITION_FAILED', 'nothing is payable to this provider for this month', {
        reason: 'nothing_to_export',
      });
    }
    const record: PaymentExportRecord = {
      exportId: input.exportId,
      municipalityMspId: municipality.mspId,
      providerMspId: input.providerMspId,
      month: input.month,
      items,
      total: sumOre(items.map((item) => item.amount)),
      exportedAt: at.instant,
      exportedBy: ctx.caller.certId,
    };
    const parties = { municipalityMspId: municipality.mspId, providerMspId: input.providerMspId };
    for (const item of items) {
      await einvoices.putExportMark(
        {
          agreementId: item.agreementId,
          invoiceId: item.invoiceId,
          exportId: input.exportId,
          exportedAt: at.instant,
        },
        parties,
      );
    }
    await einvoices.putExport(record);
    return canonicalJson(record);
  }

  /** One export. Caller: municipal staff, or the provider's own staff. @throws Refusal `NOT_FOUND`, `FORBIDDEN`. */
  @Transaction(false)
  @Returns('string')
  async GetPaymentExport(ctx: TransactionContext, exportId: string): Promise<string> {
    const record = await ctx.repository.einvoices.getExport(idArgument(exportId, 'exportId'));
    const municipality = await ctx.municipality();
    if (record === undefined) {
      throw new Refusal('NOT_FOUND', 'no export with this id', { exportId });
    }
    requireMunicipalityOrProvider(ctx, municipality.mspId, record.providerMspId);
    return canonicalJson(record);
  }

  /**
   * The exports, by provider, month and id: the municipality's staff see all (or one provider's, given its MSP id);
   * a provider's staff only its own (`providerMspId` empty or its own).
   * @throws Refusal `FORBIDDEN`, `INVALID_ID`.
   */
  @Transaction(false)
  @Returns('string')
  async ListPaymentExports(ctx: TransactionContext, providerMspId: string): Promise<string> {
    const municipality = await ctx.municipality();
    const caller = ctx.caller;
    const provider =
      providerMspId === ''
        ? caller.mspId === municipality.mspId
          ? undefined
          : caller.mspId
        : idArgument(providerMspId, 'providerMspId');
    if (provider !== undefined) {
      requireMunicipalityOrProvider(ctx, municipality.mspId, provider);
    } else {
      requireMunicipalityOrProvider(ctx, municipality.mspId, municipality.mspId);
    }
    return canonicalJson(await ctx.repository.einvoices.listExports(provider));
  }
}

/**
 * The document recorded under this id: the same one (same hash and type) is returned; another is a conflict.
 * @throws Refusal `CONFLICT` (`reason: document_exists`).
 */
async function existingDocument(
  ctx: TransactionContext,
  agreement: Agreement,
  documentId: string,
  documentSha256: string,
  type: ReceivedDocumentRecord['type'],
): Promise<ReceivedDocumentRecord | undefined> {
  const existing = await ctx.repository.einvoices.getDocument(agreement.id, documentId);
  if (existing !== undefined && (existing.documentSha256 !== documentSha256 || existing.type !== type)) {
    throw new Refusal('CONFLICT', 'another document was received under this id', {
      reason: 'document_exists',
    });
  }
  return existing;
}

async function putDocument(
  ctx: TransactionContext,
  agreement: Agreement,
  documentId: string,
  type: ReceivedDocumentRecord['type'],
  facts: ReceivedDocumentFacts,
  creditedInvoiceId?: string,
): Promise<ReceivedDocumentRecord> {
  const document: ReceivedDocumentRecord = {
    agreementId: agreement.id,
    documentId,
    type,
    documentSha256: facts.documentSha256,
    issueDate: facts.issueDate,
    ...(facts.uuid === undefined ? {} : { uuid: facts.uuid }),
    ...(facts.profileId === undefined ? {} : { profileId: facts.profileId }),
    lineIds: facts.lineIds,
    ...(creditedInvoiceId === undefined ? {} : { creditedInvoiceId }),
    answer: answerOf(ctx),
    receivedAt: ctx.moment.instant,
    receivedBy: ctx.caller.certId,
  };
  await ctx.repository.einvoices.putDocument(document, agreement);
  return document;
}

/** The answer's id, UUID and date, from the transaction: the same on every endorser, unique per document. */
function answerOf(ctx: TransactionContext): RecordedAnswer {
  const tx = ctx.stub.getTxID().padEnd(32, '0');
  return {
    responseId: `AR-${tx.slice(0, 20)}`,
    uuid: `${tx.slice(0, 8)}-${tx.slice(8, 12)}-4${tx.slice(13, 16)}-a${tx.slice(17, 20)}-${tx.slice(20, 32)}`,
    issueDate: ctx.moment.date,
  };
}

function requireMunicipalityOrProvider(
  ctx: TransactionContext,
  municipalityMspId: string,
  providerMspId: string,
): void {
  const caller = ctx.caller;
  if (caller.mspId !== municipalityMspId && caller.mspId !== providerMspId) {
    throw new Refusal('FORBIDDEN', 'only the municipality and the provider itself may see this', {
      reason: 'not_a_party',
    });
  }
  if (caller.role === null && !caller.isAdmin) {
    throw new Refusal('WRONG_ROLE', 'the caller has no role', { reason: 'no_role' });
  }
}

/** The provider's invoices on the municipality's agreements, with their credit notes and export marks. */
async function exportCandidates(
  ctx: TransactionContext,
  municipalityMspId: string,
  providerMspId: string,
): Promise<readonly ExportCandidate[]> {
  const { agreements, einvoices, invoices } = ctx.repository;
  const candidates: ExportCandidate[] = [];
  // Drafts and agreements awaiting signatures have no invoices: not read at all.
  for (const agreement of await agreements.ofProvider(providerMspId, INVOICEABLE_STATUSES)) {
    if (agreement.municipalityMspId !== municipalityMspId) {
      continue;
    }
    const notes = await einvoices.listCreditNotes(agreement.id);
    for (const invoice of await invoices.list(agreement.id)) {
      candidates.push({
        agreementId: agreement.id,
        invoiceId: invoice.invoiceId,
        lifecycle: invoice,
        validation: invoice.validation,
        creditNotes: notes.filter(
          (note: CreditNoteValidation) => note.creditedInvoiceId === invoice.invoiceId,
        ),
        exported: (await einvoices.getExportMark(agreement.id, invoice.invoiceId)) !== undefined,
      });
    }
  }
  return candidates;
}
