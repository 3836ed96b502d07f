import { Returns, Transaction } from 'fabric-contract-api';
import { requireWithinScope } from '../core/access';
import {
  createAgreementDraft,
  reviseAgreementDraft,
  submitForSignatures,
  withdrawPendingVersion,
} from '../core/agreement';
import type { Agreement } from '../core/agreement-model';
import { proposeAmendment } from '../core/amendment';
import { canonicalJson } from '../core/canonical-json';
import type { DelegationRule } from '../core/delegation-rule';
import { AGREEMENT_STATUSES, CONTRACT_NAMES, Refusal } from '@fabric-agreements/api';
import { parseAgreementDraftInput, parseAmendmentInput, parseTerminationProposal } from '../core/inputs';
import { endDependents, invoicesToCredit, requireRelatable } from '../core/related-agreements';
import { signAgreement } from '../core/agreement';
import { proposeTermination, signTermination, withdrawTermination } from '../core/termination';
import { requireOneOf } from '../core/validation';
import { idArgument, integerArgument, jsonArgument, pageArguments } from './arguments';
import { TransactionContext } from './context';
import { agreementEvent, terminationEvent, emitEvent, type ChaincodeEvent } from './events';
import { LedgerContract } from './ledger-contract';

/**
 * The agreement aggregate: drafting from a template, signatures (first version and amendments), termination
 * with its cascade, and the queries over agreements. Every write stores the agreement with a key-level endorsement
 * policy naming its municipality and provider, keeps the indexes in step and emits one event.
 */
export class AgreementContract extends LedgerContract {
  constructor() {
    super(CONTRACT_NAMES.agreement);
  }

  /**
   * Drafts an agreement from its kind's template (version 1, status `draft`). Caller: municipal staff.
   * Input: the domain's draft input, `{"id", "kind": "placement"|"visitation"|"add_on", "municipalityMspId",
   * "providerMspId", "childPseudonym", "startDate", "expectedEndDate"?, "lines": [...], "relatedAgreementIds"?}`.
   * @throws Refusal `VALIDATION_FAILED` / `INVALID_ID` / `INVALID_DATE` (input, an unregistered provider, a
   * related agreement of another child or kind), `FORBIDDEN` / `WRONG_ROLE`, `NOT_FOUND` (a related agreement),
   * `CONFLICT` (the id is taken).
   */
  @Transaction()
  @Returns('string')
  async DraftAgreement(ctx: TransactionContext, agreementJson: string): Promise<string> {
    const input = parseAgreementDraftInput(jsonArgument(agreementJson, 'agreement'));
    const agreement = createAgreementDraft(input, ctx.actor, ctx.moment);
    await ctx.parties(agreement);
    if ((await ctx.repository.agreements.get(agreement.id)) !== undefined) {
      throw new Refusal('CONFLICT', 'an agreement with this id exists', {
        reason: 'agreement_exists',
        agreementId: agreement.id,
      });
    }
    await requireRelatableOnLedger(ctx, agreement);
    const stored = await ctx.repository.agreements.save(agreement, undefined);
    emitEvent(ctx.stub, agreementEvent('AgreementDrafted', agreement));
    return stored;
  }

  /**
   * Replaces a draft's terms, start date and relations. Caller: municipal staff. Input: as {@link DraftAgreement},
   * with the same id, kind, parties and child.
   * @throws Refusal as {@link DraftAgreement}, `NOT_FOUND`, `INVALID_STATE` (not a draft).
   */
  @Transaction()
  @Returns('string')
  async ReviseDraft(ctx: TransactionContext, agreementJson: string): Promise<string> {
    const input = parseAgreementDraftInput(jsonArgument(agreementJson, 'agreement'));
    return updateAgreement(
      ctx,
      input.id,
      async (previous) => {
        const agreement = reviseAgreementDraft(previous, input, ctx.actor, ctx.moment);
        await requireRelatableOnLedger(ctx, agreement);
        return agreement;
      },
      (agreement) => agreementEvent('AgreementDraftRevised', agreement),
    );
  }

  /**
   * Freezes the draft and opens it for signatures. Caller: municipal staff.
   * @throws Refusal `NOT_FOUND`, `INVALID_STATE`, `FORBIDDEN` / `WRONG_ROLE`.
   */
  @Transaction()
  @Returns('string')
  async SubmitForSignatures(ctx: TransactionContext, agreementId: string): Promise<string> {
    return updateAgreement(
      ctx,
      agreementId,
      (previous) => submitForSignatures(previous, ctx.actor, ctx.moment),
      (agreement) => agreementEvent('AgreementSubmitted', agreement),
    );
  }

  /**
   * Withdraws the version awaiting signatures (a first version returns to draft; an amendment is dropped).
   * Caller: staff of either party.
   * @throws Refusal `NOT_FOUND`, `INVALID_STATE`, `FORBIDDEN` / `WRONG_ROLE`.
   */
  @Transaction()
  @Returns('string')
  async WithdrawPendingVersion(ctx: TransactionContext, agreementId: string): Promise<string> {
    return updateAgreement(
      ctx,
      agreementId,
      (previous) => withdrawPendingVersion(previous, ctx.actor, ctx.moment),
      (agreement) => agreementEvent('AgreementVersionWithdrawn', agreement),
    );
  }

  /**
   * Signs the version awaiting signatures, first version or amendment, with the caller's own certificate.
   * `version` is that version's number in decimal. The municipal side is complete under the municipality's
   * delegation rule; the agreement (or amendment) is agreed when both sides are.
   * @throws Refusal `NOT_FOUND`, `INVALID_STATE`, `VERSION_MISMATCH`, `FORBIDDEN`, `WRONG_ROLE`,
   * `ALREADY_SIGNED`, `SIDE_ALREADY_COMPLETE`, `PRECONDITION_FAILED`, `VALIDATION_FAILED`.
   */
  @Transaction()
  @Returns('string')
  async SignAgreement(ctx: TransactionContext, agreementId: string, version: string): Promise<string> {
    return updateAgreement(
      ctx,
      agreementId,
      async (previous) => {
        const number = integerArgument(version, 'version', 1, Number.MAX_SAFE_INTEGER);
        const rule = await requireDelegationRule(ctx, previous);
        return signAgreement(previous, number, ctx.actor, rule, ctx.moment);
      },
      (agreement) => agreementEvent('AgreementSigned', agreement),
    );
  }

  /**
   * Proposes an amendment as a new version awaiting both sides' signatures (see {@link SignAgreement}).
   * Caller: staff of either party. Input: `{"effectiveFrom": date, "changes": [{"type": "add_line", "line"} |
   * {"type": "change_quantity", "serviceLineId", "agreedQuantity", "quantityPeriod"?} | {"type": "change_price",
   * "serviceLineId", "price"} | {"type": "change_period", "serviceLineId", "endDate"?, "reEvaluationDate"?} |
   * {"type": "change_expected_end", "expectedEndDate"}]}`.
   * @throws Refusal `NOT_FOUND`, `INVALID_STATE`, `PENDING_PROPOSAL_EXISTS`, `FORBIDDEN`, `WRONG_ROLE`,
   * `VALIDATION_FAILED` / `INVALID_ID` / `INVALID_DATE`.
   */
  @Transaction()
  @Returns('string')
  async ProposeAmendment(
    ctx: TransactionContext,
    agreementId: string,
    amendmentJson: string,
  ): Promise<string> {
    return updateAgreement(
      ctx,
      agreementId,
      (previous) => {
        const input = parseAmendmentInput(jsonArgument(amendmentJson, 'amendment'));
        return proposeAmendment(previous, input, ctx.actor, ctx.moment);
      },
      (agreement) => agreementEvent('AmendmentProposed', agreement),
    );
  }

  /**
   * Proposes to end the agreement on `effectiveDate` (its last day in force). Caller: staff of either party.
   * Input: `{"effectiveDate": date}`.
   * @throws Refusal `NOT_FOUND`, `INVALID_STATE`, `PENDING_PROPOSAL_EXISTS`, `FORBIDDEN`, `WRONG_ROLE`,
   * `VALIDATION_FAILED`.
   */
  @Transaction()
  @Returns('string')
  async ProposeTermination(
    ctx: TransactionContext,
    agreementId: string,
    terminationJson: string,
  ): Promise<string> {
    return updateAgreement(
      ctx,
      agreementId,
      (previous) => {
        const input = parseTerminationProposal(jsonArgument(terminationJson, 'termination'));
        return proposeTermination(previous, input, ctx.actor, ctx.moment);
      },
      (agreement) => terminationEvent('TerminationProposed', agreement, []),
    );
  }

  /**
   * Signs the pending termination (`terminationNumber` in decimal). When both sides are complete the agreement is
   * terminated and every agreement that names it as related (and those naming them) ends on the same date, in the
   * same transaction: their providers' peers must endorse it too, as their key-level policies require.
   * @throws Refusal as {@link SignAgreement}.
   */
  @Transaction()
  @Returns('string')
  async SignTermination(
    ctx: TransactionContext,
    agreementId: string,
    terminationNumber: string,
  ): Promise<string> {
    let cascaded: readonly string[] = [];
    return updateAgreement(
      ctx,
      agreementId,
      async (previous) => {
        const number = integerArgument(terminationNumber, 'terminationNumber', 1, Number.MAX_SAFE_INTEGER);
        const rule = await requireDelegationRule(ctx, previous);
        const agreement = signTermination(previous, number, ctx.actor, rule, ctx.moment);
        if (agreement.status === 'terminated') {
          cascaded = await endWithDependents(ctx, agreement);
        }
        return agreement;
      },
      (agreement) => terminationEvent('TerminationSigned', agreement, cascaded),
    );
  }

  /**
   * Withdraws the pending termination; its signatures lapse. Caller: staff of either party.
   * @throws Refusal `NOT_FOUND`, `INVALID_STATE`, `FORBIDDEN`, `WRONG_ROLE`.
   */
  @Transaction()
  @Returns('string')
  async WithdrawTermination(ctx: TransactionContext, agreementId: string): Promise<string> {
    return updateAgreement(
      ctx,
      agreementId,
      (previous) => withdrawTermination(previous, ctx.actor, ctx.moment),
      (agreement) => terminationEvent('TerminationWithdrawn', agreement, []),
    );
  }

  /**
   * An agreement. Caller: staff (or an administrator) of either party.
   * @throws Refusal `NOT_FOUND`, `FORBIDDEN`, `WRONG_ROLE`.
   */
  @Transaction(false)
  @Returns('string')
  async GetAgreement(ctx: TransactionContext, agreementId: string): Promise<string> {
    return canonicalJson(await ctx.partyAgreement(agreementId));
  }

  /**
   * Every committed modification of an agreement, newest first: `[{"txId", "timestamp", "isDelete",
   * "agreement"}]`. Caller: staff (or an administrator) of either party.
   * @throws Refusal `NOT_FOUND`, `FORBIDDEN`, `WRONG_ROLE`.
   */
  @Transaction(false)
  @Returns('string')
  async GetAgreementHistory(ctx: TransactionContext, agreementId: string): Promise<string> {
    const agreement = await ctx.partyAgreement(agreementId);
    return canonicalJson(await ctx.repository.agreements.history(agreement.id));
  }

  /**
   * A child's agreements (a provider sees only its own): `{"records": Agreement[], "fetchedRecordsCount",
   * "bookmark"}`. `pageSize` is '' (20) or 1–100; `bookmark` is '' or the previous page's.
   * @throws Refusal `INVALID_ID`, `VALIDATION_FAILED`, `FORBIDDEN`, `WRONG_ROLE`.
   */
  @Transaction(false)
  @Returns('string')
  async ListAgreementsByChild(
    ctx: TransactionContext,
    childPseudonym: string,
    pageSize: string,
    bookmark: string,
  ): Promise<string> {
    const pseudonym = idArgument(childPseudonym, 'childPseudonym');
    const page = pageArguments(pageSize, bookmark);
    const scope = await ctx.listingScope();
    return canonicalJson(
      await ctx.repository.agreements.list({ by: 'child', childPseudonym: pseudonym, ...scope }, page),
    );
  }

  /**
   * A provider's agreements (a provider may ask only for its own); paged as {@link ListAgreementsByChild}.
   * @throws Refusal `INVALID_ID`, `VALIDATION_FAILED`, `FORBIDDEN`, `WRONG_ROLE`.
   */
  @Transaction(false)
  @Returns('string')
  async ListAgreementsByProvider(
    ctx: TransactionContext,
    providerMspId: string,
    pageSize: string,
    bookmark: string,
  ): Promise<string> {
    const provider = idArgument(providerMspId, 'providerMspId');
    const page = pageArguments(pageSize, bookmark);
    requireWithinScope(await ctx.listingScope(), provider);
    return canonicalJson(
      await ctx.repository.agreements.list({ by: 'provider', providerMspId: provider }, page),
    );
  }

  /**
   * Agreements in a status (a provider sees only its own); paged as {@link ListAgreementsByChild}.
   * @throws Refusal `VALIDATION_FAILED`, `FORBIDDEN`, `WRONG_ROLE`.
   */
  @Transaction(false)
  @Returns('string')
  async ListAgreementsByStatus(
    ctx: TransactionContext,
    status: string,
    pageSize: string,
    bookmark: string,
  ): Promise<string> {
    const wanted = requireOneOf(status, 'status', AGREEMENT_STATUSES);
    const page = pageArguments(pageSize, bookmark);
    const scope = await ctx.listingScope();
    return canonicalJson(
      await ctx.repository.agreements.list({ by: 'status', status: wanted, ...scope }, page),
    );
  }
}

/**
 * The one way an existing agreement changes: load it (the caller must be a party), apply `change`, store it with
 * its indexes, emit the event `announce` makes of the result. Returns the stored agreement.
 * @throws Refusal `INVALID_ID`, `NOT_FOUND`, `FORBIDDEN`, `WRONG_ROLE`, and whatever `change` refuses.
 */
async function updateAgreement(
  ctx: TransactionContext,
  agreementId: string,
  change: (previous: Agreement) => Agreement | Promise<Agreement>,
  announce: (agreement: Agreement) => ChaincodeEvent,
): Promise<string> {
  const previous = await ctx.partyAgreement(agreementId);
  const agreement = await change(previous);
  const stored = await ctx.repository.agreements.save(agreement, previous);
  emitEvent(ctx.stub, announce(agreement));
  return stored;
}

/**
 * Related agreements must exist and fit (see `requireRelatable`).
 * @throws Refusal `NOT_FOUND` or `VALIDATION_FAILED`.
 */
async function requireRelatableOnLedger(ctx: TransactionContext, agreement: Agreement): Promise<void> {
  const related: (Agreement | undefined)[] = [];
  for (const relatedId of agreement.relatedAgreementIds) {
    related.push(await ctx.repository.agreements.get(relatedId));
  }
  requireRelatable(agreement, related);
}

/**
 * The municipality's current delegation rule.
 * @throws Refusal `PRECONDITION_FAILED` if it has none (the municipality was never registered).
 */
async function requireDelegationRule(ctx: TransactionContext, agreement: Agreement): Promise<DelegationRule> {
  const rule = await ctx.repository.registry.getDelegationRule(agreement.municipalityMspId);
  if (rule === undefined) {
    throw new Refusal('PRECONDITION_FAILED', 'the municipality has no delegation rule', {
      reason: 'no_delegation_rule',
    });
  }
  return rule;
}

/**
 * Ends every agreement that depends on a terminated one (and those depending on them) and flags the invoices the
 * terminations reach for credit. Returns the ids of the agreements the cascade ended.
 */
async function endWithDependents(ctx: TransactionContext, terminated: Agreement): Promise<readonly string[]> {
  const { agreements, invoices } = ctx.repository;
  const cascaded = await endDependents(terminated, ctx.moment, (id) => agreements.dependentsOf(id));
  for (const { next, previous } of cascaded) {
    await agreements.save(next, previous);
  }
  for (const ended of [terminated, ...cascaded.map(({ next }) => next)]) {
    for (const credited of invoicesToCredit(ended, await invoices.list(ended.id), ctx.moment)) {
      await invoices.put(credited, ended);
    }
  }
  return cascaded.map(({ next }) => next.id);
}
