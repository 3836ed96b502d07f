import { Context, Returns, Transaction } from 'fabric-contract-api';
import type { Agreement } from '../core/agreement';
import { compareMonths, monthOf, type IsoMonth, type Moment } from '../core/calendar-date';
import { canonicalJson } from '../core/canonical-json';
import { CONTRACT_NAMES, Refusal } from '@fabric-agreements/api';
import { parseInvoiceInput } from '../core/inputs';
import { invoicedLineMonths, validateInvoice } from '../core/invoice';
import { MUNICIPAL_ROLES, requireActorOn, PROVIDER_ROLES } from '../core/parties';
import { settleMonth, type Settlement } from '../core/settlement';
import { requireIsoDate, requireIsoMonth, requireRecord } from '../core/validation';
import { requireId } from '../core/ids';
import {
  attestInvoice,
  defaultAttestationRule,
  lifecycleOnValidation,
  recordPayment,
  type AttestationRule,
} from '../core/attestation';
import { actorOf, requirePartyMember } from './access';
import { idArgument, jsonArgument } from './arguments';
import { txMoment } from './clock';
import { agreementEventBase, emitEvent } from './events';
import { callerOf } from './identity';
import { approvedAmountsByMonth } from './invoiced-amounts';
import { LedgerContract } from './ledger-contract';
import { settledAtOf, type InvoiceRecord, type SettlementRecord } from './records';
import { Repository } from './repository';

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
  async GetSettlement(ctx: Context, agreementId: string, month: string): Promise<string> {
    const repository = new Repository(ctx.stub);
    const agreement = await repository.requireAgreement(idArgument(agreementId, 'agreementId'));
    requirePartyMember(agreement, callerOf(ctx));
    const isoMonth = requireIsoMonth(month, 'month');
    const recorded = await repository.getSettlement(agreement.id, isoMonth);
    const settlement = await settle(repository, agreement, isoMonth, txMoment(ctx.stub), recorded);
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
  async RecordSettlement(ctx: Context, agreementId: string, month: string): Promise<string> {
    const repository = new Repository(ctx.stub);
    const agreement = await repository.requireAgreement(idArgument(agreementId, 'agreementId'));
    const caller = callerOf(ctx);
    requirePartyMember(agreement, caller);
    const isoMonth = requireIsoMonth(month, 'month');
    const at = txMoment(ctx.stub);
    if (compareMonths(isoMonth, monthOf(at.date)) > 0) {
      throw new Refusal('PRECONDITION_FAILED', 'a month is settled once it has begun', {
        reason: 'month_not_begun',
        month: isoMonth,
      });
    }
    const existing = await repository.getSettlement(agreement.id, isoMonth);
    const settlement = await settle(repository, agreement, isoMonth, at, existing);
    if (existing !== undefined && sameFigures(existing.settlement, settlement)) {
      return canonicalJson(existing);
    }
    const record: SettlementRecord = {
      agreementId: agreement.id,
      month: isoMonth,
      revision: (existing?.revision ?? 0) + 1,
      settlement,
      recordedAt: at.instant,
      recordedBy: caller.certId,
    };
    await repository.putSettlement(record, agreement);
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
  async SubmitInvoice(ctx: Context, agreementId: string, invoiceJson: string): Promise<string> {
    const repository = new Repository(ctx.stub);
    const agreement = await repository.requireAgreement(idArgument(agreementId, 'agreementId'));
    const actor = actorOf(callerOf(ctx));
    requireActorOn(agreement, actor, 'provider', PROVIDER_ROLES);
    const input = parseInvoiceInput(jsonArgument(invoiceJson, 'invoice'));
    const existing = await repository.getInvoice(agreement.id, input.invoiceId);
    if (existing !== undefined) {
      if (canonicalJson(existing.input) === canonicalJson(input)) {
        return canonicalJson(existing);
      }
      throw new Refusal('CONFLICT', 'another invoice was submitted under this id', {
        reason: 'invoice_exists',
        invoiceId: input.invoiceId,
      });
    }
    const invoices = await repository.listInvoices(agreement.id);
    const reports = await repository.listStatusReports(agreement.id);
    const alreadyInvoiced = invoices.flatMap((invoice) => invoicedLineMonths(invoice.validation));
    const at = txMoment(ctx.stub);
    const settled = await repository.getSettlement(agreement.id, input.month);
    const validation = validateInvoice(
      agreement,
      input,
      { alreadyInvoiced, reports, ...(settled ? { settledAt: settledAtOf(settled) } : {}) },
      at,
    );
    const rule = await attestationRuleOf(repository, agreement);
    const record: InvoiceRecord = {
      agreementId: agreement.id,
      invoiceId: input.invoiceId,
      input,
      validation,
      submittedBy: actor.certId,
      ...lifecycleOnValidation(validation, rule, at),
    };
    await repository.putInvoice(record, agreement);
    emitInvoiceEvent(ctx, 'InvoiceValidated', agreement, record);
    return canonicalJson(record);
  }

  /**
   * Attests a validated invoice, which makes it `approved` (payable). Caller: municipal staff in a role the
   * municipality's attestation rule names (default: centre head or director).
   * @throws Refusal `NOT_FOUND`, `FORBIDDEN`, `WRONG_ROLE`, `INVALID_STATE` (not `validated`).
   */
  @Transaction()
  @Returns('string')
  async AttestInvoice(ctx: Context, agreementId: string, invoiceId: string): Promise<string> {
    const repository = new Repository(ctx.stub);
    const agreement = await repository.requireAgreement(idArgument(agreementId, 'agreementId'));
    const actor = actorOf(callerOf(ctx));
    const record = await requireInvoice(repository, agreement, invoiceId);
    const rule = await attestationRuleOf(repository, agreement);
    const next: InvoiceRecord = {
      ...record,
      ...attestInvoice(record, agreement, actor, rule, txMoment(ctx.stub)),
    };
    await repository.putInvoice(next, agreement);
    emitInvoiceEvent(ctx, 'InvoiceAttested', agreement, next);
    return canonicalJson(next);
  }

  /**
   * Records the payment of an approved invoice: `{"reference", "paidOn": "YYYY-MM-DD"}`; the amount is the payable
   * total less any credit. Caller: municipal staff other than the attester. Recording the same payment again
   * returns the record.
   * @throws Refusal `NOT_FOUND`, `FORBIDDEN`, `WRONG_ROLE`, `INVALID_STATE` (not `approved`),
   * `VALIDATION_FAILED`, `CONFLICT` (already paid under another reference or date).
   */
  @Transaction()
  @Returns('string')
  async RecordPayment(
    ctx: Context,
    agreementId: string,
    invoiceId: string,
    paymentJson: string,
  ): Promise<string> {
    const repository = new Repository(ctx.stub);
    const agreement = await repository.requireAgreement(idArgument(agreementId, 'agreementId'));
    const actor = actorOf(callerOf(ctx));
    const record = await requireInvoice(repository, agreement, invoiceId);
    const payment = requireRecord(jsonArgument(paymentJson, 'payment'), 'payment', ['reference', 'paidOn']);
    const input = {
      reference: requireId(payment.reference, 'reference'),
      paidOn: requireIsoDate(payment.paidOn, 'paidOn'),
    };
    if (record.payment !== undefined) {
      requireActorOn(agreement, actor, 'municipality', MUNICIPAL_ROLES);
      if (record.payment.reference === input.reference && record.payment.paidOn === input.paidOn) {
        return canonicalJson(record);
      }
      throw new Refusal('CONFLICT', 'the invoice has been paid already', { reason: 'invoice_paid' });
    }
    const next: InvoiceRecord = {
      ...record,
      ...recordPayment(record, record.validation, agreement, input, actor, txMoment(ctx.stub)),
    };
    await repository.putInvoice(next, agreement);
    emitInvoiceEvent(ctx, 'InvoicePaid', agreement, next);
    return canonicalJson(next);
  }

  /**
   * A recorded invoice with its validation. Caller: staff (or an administrator) of either party.
   * @throws Refusal `NOT_FOUND`, `FORBIDDEN`, `WRONG_ROLE`, `INVALID_ID`.
   */
  @Transaction(false)
  @Returns('string')
  async GetInvoice(ctx: Context, agreementId: string, invoiceId: string): Promise<string> {
    const repository = new Repository(ctx.stub);
    const agreement = await repository.requireAgreement(idArgument(agreementId, 'agreementId'));
    requirePartyMember(agreement, callerOf(ctx));
    const record = await repository.getInvoice(agreement.id, idArgument(invoiceId, 'invoiceId'));
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
  async ListInvoices(ctx: Context, agreementId: string): Promise<string> {
    const repository = new Repository(ctx.stub);
    const agreement = await repository.requireAgreement(idArgument(agreementId, 'agreementId'));
    requirePartyMember(agreement, callerOf(ctx));
    return canonicalJson(await repository.listInvoices(agreement.id));
  }
}

/** The municipality's attestation rule, or the default one. */
async function attestationRuleOf(repository: Repository, agreement: Agreement): Promise<AttestationRule> {
  return (
    (await repository.getAttestationRule(agreement.municipalityMspId)) ??
    defaultAttestationRule(agreement.municipalityMspId)
  );
}

async function requireInvoice(
  repository: Repository,
  agreement: Agreement,
  invoiceId: string,
): Promise<InvoiceRecord> {
  const record = await repository.getInvoice(agreement.id, idArgument(invoiceId, 'invoiceId'));
  if (record === undefined) {
    throw new Refusal('NOT_FOUND', 'no invoice with this id', { invoiceId });
  }
  return record;
}

/** The invoice's event; each lifecycle step is visible to the provider's systems. */
function emitInvoiceEvent(
  ctx: Context,
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
  const reports = await repository.listStatusReports(agreement.id);
  const approved = approvedAmountsByMonth(await repository.listInvoices(agreement.id));
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
