import { Returns, Transaction } from 'fabric-contract-api';
import { TransactionContext } from './context';
import type { Agreement } from '../core/agreement-model';
import { compareMonths, monthOf, type IsoMonth, type Moment } from '../core/calendar-date';
import { canonicalJson } from '../core/canonical-json';
import { CONTRACT_NAMES, Refusal } from '@fabric-agreements/api';
import { parseInvoiceInput, parsePaymentInput } from '../core/inputs';
import { paymentLessCreditNotes } from '../core/credit-note';
import { invoicedLineMonths, validateInvoice, type InvoiceInput } from '../core/invoice';
import { MUNICIPAL_ROLES, requireActorOn, PROVIDER_ROLES, type Actor } from '../core/parties';
import { settleMonth, type Settlement } from '../core/settlement';
import { requireIsoMonth } from '../core/validation';
import {
  attestInvoice,
  defaultAttestationRule,
  lifecycleOnValidation,
  recordPayment,
  type AttestationRule,
} from '../core/attestation';
import { idArgument, jsonArgument } from './arguments';
import { agreementEventBase, emitEvent } from './events';
import { approvedAmountsByMonth } from '../core/invoiced-amounts';
import { LedgerContract } from './ledger-contract';
import { settledAtOf, type InvoiceRecord, type SettlementRecord } from './records';
import type { Repository } from './ledger/repository';

/**
 * Money: the monthly settlement of an agreement (what is due, held and payable per line) and the provider's
 * invoices, each checked line by line against the agreement and recorded with its result.
 */
export class SettlementContract extends LedgerContract {
  constructor() {
    super(CONTRACT_NAMES.settlement);
  }

  /**
   * A month's settlement computed as of this transaction, with the recorded one if any:
   * `{"settlement": Settlement, "recorded": SettlementRecord | null}`. Caller: staff (or an administrator) of
   * either party.
   * @throws Refusal `NOT_FOUND`, `FORBIDDEN`, `WRONG_ROLE`, `VALIDATION_FAILED`.
   */
  @Transaction(false)
  @Returns('string')
  async GetSettlement(ctx: TransactionContext, agreementId: string, month: string): Promise<string> {
    const agreement = await ctx.partyAgreement(agreementId);
    const isoMonth = requireIsoMonth(month, 'month');
    const recorded = await ctx.repository.settlements.get(agreement.id, isoMonth);
    const settlement = await settle(ctx.repository, agreement, isoMonth, ctx.moment, recorded);
    return canonicalJson({ settlement, recorded: recorded ?? null });
  }

  /**
   * Records a month's settlement (`month` as `YYYY-MM`, not after the current month). Idempotent: if the figures
   * equal the recorded ones nothing is written; if they changed (a report accepted, an invoice approved) the
   * settlement is recorded again as the next revision. Caller: staff (or an administrator) of either party.
   * @throws Refusal `NOT_FOUND`, `FORBIDDEN`, `WRONG_ROLE`, `VALIDATION_FAILED`, `PRECONDITION_FAILED`.
   */
  @Transaction()
  @Returns('string')
  async RecordSettlement(ctx: TransactionContext, agreementId: string, month: string): Promise<string> {
    const agreement = await ctx.partyAgreement(agreementId);
    const isoMonth = requireIsoMonth(month, 'month');
    const at = ctx.moment;
    if (compareMonths(isoMonth, monthOf(at.date)) > 0) {
      throw new Refusal('PRECONDITION_FAILED', 'a month is settled once it has begun', {
        reason: 'month_not_begun',
        month: isoMonth,
      });
    }
    const existing = await ctx.repository.settlements.get(agreement.id, isoMonth);
    const settlement = await settle(ctx.repository, agreement, isoMonth, at, existing);
    if (existing !== undefined && sameFigures(existing.settlement, settlement)) {
      return canonicalJson(existing);
    }
    const record: SettlementRecord = {
      agreementId: agreement.id,
      month: isoMonth,
      revision: (existing?.revision ?? 0) + 1,
      settlement,
      recordedAt: at.instant,
      recordedBy: ctx.caller.certId,
    };
    await ctx.repository.settlements.put(record, agreement);
    emitEvent(ctx.stub, {
      type: 'SettlementRecorded',
      ...agreementEventBase(agreement),
      month: isoMonth,
      revision: record.revision,
    });
    return canonicalJson(record);
  }

  /**
   * Checks a provider's invoice for one month line by line and records the result (accepted or rejected per line
   * with a reason code, approved, held and payable totals). Caller: staff of the agreement's provider.
   * Input: `{"invoiceId", "month": "YYYY-MM", "lines": [{"serviceLineId", "amount"?, "quantity"?, "unitPrice"?}]}`.
   * Resubmitting the same invoice returns the recorded result; another invoice under the same id is a conflict.
   * @throws Refusal `NOT_FOUND`, `FORBIDDEN`, `WRONG_ROLE`, `INVALID_STATE` (never in force),
   * `VALIDATION_FAILED` / `INVALID_ID`, `CONFLICT`.
   */
  @Transaction()
  @Returns('string')
  async SubmitInvoice(ctx: TransactionContext, agreementId: string, invoiceJson: string): Promise<string> {
    const agreement = await ctx.repository.agreements.require(idArgument(agreementId, 'agreementId'));
    const actor = ctx.actor;
    requireActorOn(agreement, actor, 'provider', PROVIDER_ROLES);
    const input = parseInvoiceInput(jsonArgument(invoiceJson, 'invoice'));
    return canonicalJson(await recordInvoice(ctx, agreement, input, actor));
  }

  /**
   * Attests a validated invoice, which makes it `approved` (payable). Caller: municipal staff in a role the
   * municipality's attestation rule names (default: centre head or director).
   * @throws Refusal `NOT_FOUND`, `FORBIDDEN`, `WRONG_ROLE`, `INVALID_STATE` (not `validated`).
   */
  @Transaction()
  @Returns('string')
  async AttestInvoice(ctx: TransactionContext, agreementId: string, invoiceId: string): Promise<string> {
    const agreement = await ctx.repository.agreements.require(idArgument(agreementId, 'agreementId'));
    const actor = ctx.actor;
    const record = await requireInvoice(ctx.repository, agreement, invoiceId);
    const rule = await attestationRuleOf(ctx.repository, agreement);
    const next: InvoiceRecord = {
      ...record,
      ...attestInvoice(record, agreement, actor, rule, ctx.moment),
    };
    await ctx.repository.invoices.put(next, agreement);
    emitInvoiceEvent(ctx, 'InvoiceAttested', agreement, next);
    return canonicalJson(next);
  }

  /**
   * Records the payment of an approved invoice: `{"reference", "paidOn": "YYYY-MM-DD"}`; the amount is the payable
   * total less any credit (a termination's, and the credit notes accepted against it). Caller: municipal staff other than the attester. Recording the same payment again
   * returns the record.
   * @throws Refusal `NOT_FOUND`, `FORBIDDEN`, `WRONG_ROLE`, `INVALID_STATE` (not `approved`),
   * `VALIDATION_FAILED`, `CONFLICT` (already paid under another reference or date).
   */
  @Transaction()
  @Returns('string')
  async RecordPayment(
    ctx: TransactionContext,
    agreementId: string,
    invoiceId: string,
    paymentJson: string,
  ): Promise<string> {
    const agreement = await ctx.repository.agreements.require(idArgument(agreementId, 'agreementId'));
    const actor = ctx.actor;
    const record = await requireInvoice(ctx.repository, agreement, invoiceId);
    const input = parsePaymentInput(jsonArgument(paymentJson, 'payment'));
    if (record.payment !== undefined) {
      requireActorOn(agreement, actor, 'municipality', MUNICIPAL_ROLES);
      if (record.payment.reference === input.reference && record.payment.paidOn === input.paidOn) {
        return canonicalJson(record);
      }
      throw new Refusal('CONFLICT', 'the invoice has been paid already', { reason: 'invoice_paid' });
    }
    const paid = recordPayment(record, record.validation, agreement, input, actor, ctx.moment);
    const notes = await ctx.repository.einvoices.listCreditNotes(agreement.id, record.invoiceId);
    const next: InvoiceRecord = { ...record, ...paymentLessCreditNotes(paid, notes) };
    await ctx.repository.invoices.put(next, agreement);
    emitInvoiceEvent(ctx, 'InvoicePaid', agreement, next);
    return canonicalJson(next);
  }

  /**
   * A recorded invoice with its validation. Caller: staff (or an administrator) of either party.
   * @throws Refusal `NOT_FOUND`, `FORBIDDEN`, `WRONG_ROLE`, `INVALID_ID`.
   */
  @Transaction(false)
  @Returns('string')
  async GetInvoice(ctx: TransactionContext, agreementId: string, invoiceId: string): Promise<string> {
    const agreement = await ctx.partyAgreement(agreementId);
    const record = await ctx.repository.invoices.get(agreement.id, idArgument(invoiceId, 'invoiceId'));
    if (record === undefined) {
      throw new Refusal('NOT_FOUND', 'no invoice with this id', { invoiceId });
    }
    return canonicalJson(record);
  }

  /**
   * Every recorded invoice of an agreement, by invoice id. Caller: staff (or an administrator) of either party.
   * @throws Refusal `NOT_FOUND`, `FORBIDDEN`, `WRONG_ROLE`.
   */
  @Transaction(false)
  @Returns('string')
  async ListInvoices(ctx: TransactionContext, agreementId: string): Promise<string> {
    const agreement = await ctx.partyAgreement(agreementId);
    return canonicalJson(await ctx.repository.invoices.list(agreement.id));
  }
}

/** The municipality's attestation rule, or the default one. */
async function attestationRuleOf(repository: Repository, agreement: Agreement): Promise<AttestationRule> {
  return (
    (await repository.registry.getAttestationRule(agreement.municipalityMspId)) ??
    defaultAttestationRule(agreement.municipalityMspId)
  );
}

async function requireInvoice(
  repository: Repository,
  agreement: Agreement,
  invoiceId: string,
): Promise<InvoiceRecord> {
  const record = await repository.invoices.get(agreement.id, idArgument(invoiceId, 'invoiceId'));
  if (record === undefined) {
    throw new Refusal('NOT_FOUND', 'no invoice with this id', { invoiceId });
  }
  return record;
}

/**
 * Validates a provider's invoice against the agreement and records it (SubmitInvoice, and an OIOUBL invoice received
 * through the e-invoicing contract): the same checks whichever format it came in. An identical repeat returns the
 * recorded invoice.
 * @throws Refusal `CONFLICT` (another invoice under this id), `INVALID_STATE`, `VALIDATION_FAILED`.
 */
export async function recordInvoice(
  ctx: TransactionContext,
  agreement: Agreement,
  input: InvoiceInput,
  actor: Actor,
): Promise<InvoiceRecord> {
  const existing = await ctx.repository.invoices.get(agreement.id, input.invoiceId);
  if (existing !== undefined) {
    if (canonicalJson(existing.input) === canonicalJson(input)) {
      return existing;
    }
    throw new Refusal('CONFLICT', 'another invoice was submitted under this id', {
      reason: 'invoice_exists',
      invoiceId: input.invoiceId,
    });
  }
  const invoices = await ctx.repository.invoices.list(agreement.id);
  const reports = await ctx.repository.reports.list(agreement.id);
  const alreadyInvoiced = invoices.flatMap((invoice) => invoicedLineMonths(invoice.validation));
  const at = ctx.moment;
  const settled = await ctx.repository.settlements.get(agreement.id, input.month);
  const validation = validateInvoice(
    agreement,
    input,
    { alreadyInvoiced, reports, ...(settled ? { settledAt: settledAtOf(settled) } : {}) },
    at,
  );
  const rule = await attestationRuleOf(ctx.repository, agreement);
  const record: InvoiceRecord = {
    agreementId: agreement.id,
    invoiceId: input.invoiceId,
    input,
    validation,
    submittedBy: actor.certId,
    ...lifecycleOnValidation(validation, rule, at),
  };
  await ctx.repository.invoices.put(record, agreement);
  emitInvoiceEvent(ctx, 'InvoiceValidated', agreement, record);
  return record;
}

/** The invoice's event; each lifecycle step is visible to the provider's systems. */
function emitInvoiceEvent(
  ctx: TransactionContext,
  type: 'InvoiceValidated' | 'InvoiceAttested' | 'InvoicePaid',
  agreement: Agreement,
  record: InvoiceRecord,
): void {
  emitEvent(ctx.stub, {
    type,
    ...agreementEventBase(agreement),
    invoiceId: record.invoiceId,
    month: record.validation.month,
    invoiceStatus: record.validation.status,
    invoiceState: record.state,
  });
}

async function settle(
  repository: Repository,
  agreement: Agreement,
  month: IsoMonth,
  at: Moment,
  recorded: SettlementRecord | undefined,
): Promise<Settlement> {
  const reports = await repository.reports.list(agreement.id);
  const approved = approvedAmountsByMonth(await repository.invoices.list(agreement.id));
  return settleMonth(
    agreement,
    month,
    reports,
    at,
    approved[month] ?? {},
    recorded ? settledAtOf(recorded) : at,
  );
}

/** Whether two settlements have the same figures, whenever they were computed. */
function sameFigures(a: Settlement, b: Settlement): boolean {
  return canonicalJson({ ...a, asOf: '' }) === canonicalJson({ ...b, asOf: '' });
}
