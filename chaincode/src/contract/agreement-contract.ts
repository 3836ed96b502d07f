import { Context, Returns, Transaction } from 'fabric-contract-api';
import {
  createAgreementDraft,
  reviseAgreementDraft,
  submitForSignatures,
  withdrawPendingVersion,
  type Agreement,
  type AgreementStatus,
} from '../core/agreement';
import { proposeAmendment } from '../core/amendment';
import { creditForTermination } from '../core/attestation';
import { agreedTermination } from '../core/terms-in-force';
import type { Moment } from '../core/calendar-date';
import { canonicalJson } from '../core/canonical-json';
import type { DelegationRule } from '../core/delegation-rule';
import { CONTRACT_NAMES, Refusal } from '@fabric-agreements/api';
import { parseAgreementDraftInput, parseAmendmentInput, parseTerminationProposal } from '../core/inputs';
import type { Parties } from '../core/parties';
import { signAgreement } from '../core/signatures';
import { templateFor } from '../core/templates';
import {
  cascadeTermination,
  proposeTermination,
  signTermination,
  withdrawTermination,
  type Termination,
} from '../core/termination';
import { invalid, requireOneOf } from '../core/validation';
import { actorOf, listingScope, requireMunicipality, requirePartyMember, requireProvider } from './access';
import { idArgument, integerArgument, jsonArgument, pageArguments } from './arguments';
import { txMoment } from './clock';
import { agreementEventBase, emitEvent } from './events';
import { callerOf } from './identity';
import { LedgerContract } from './ledger-contract';
import { Repository } from './repository';

/** Every agreement status, for the status query. */
const AGREEMENT_STATUSES = [
  'draft',
  'awaiting_signatures',
  'active',
  'terminated',
  'expired',
] as const satisfies readonly AgreementStatus[];

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
  async DraftAgreement(ctx: Context, agreementJson: string): Promise<string> {
    const caller = callerOf(ctx);
    const repository = new Repository(ctx.stub);
    const input = parseAgreementDraftInput(jsonArgument(agreementJson, 'agreement'));
    const agreement = createAgreementDraft(input, actorOf(caller), txMoment(ctx.stub));
    await requireRegisteredParties(repository, agreement);
    if ((await repository.getAgreement(agreement.id)) !== undefined) {
      throw new Refusal('CONFLICT', 'an agreement with this id exists', {
        reason: 'agreement_exists',
        agreementId: agreement.id,
      });
    }
    await requireRelatable(repository, agreement);
    return this.#store(ctx, repository, agreement, undefined, 'AgreementDrafted');
  }

  /**
   * Replaces a draft's terms, start date and relations. Caller: municipal staff. Input: as {@link DraftAgreement},
   * with the same id, kind, parties and child.
   * @throws Refusal as {@link DraftAgreement}, `NOT_FOUND`, `INVALID_STATE` (not a draft).
   */
  @Transaction()
  @Returns('string')
  async ReviseDraft(ctx: Context, agreementJson: string): Promise<string> {
    const caller = callerOf(ctx);
    const repository = new Repository(ctx.stub);
    const input = parseAgreementDraftInput(jsonArgument(agreementJson, 'agreement'));
    const previous = await repository.requireAgreement(input.id);
    requirePartyMember(previous, callerOf(ctx));
    const agreement = reviseAgreementDraft(previous, input, actorOf(caller), txMoment(ctx.stub));
    await requireRelatable(repository, agreement);
    return this.#store(ctx, repository, agreement, previous, 'AgreementDraftRevised');
  }

  /**
   * Freezes the draft and opens it for signatures. Caller: municipal staff.
   * @throws Refusal `NOT_FOUND`, `INVALID_STATE`, `FORBIDDEN` / `WRONG_ROLE`.
   */
  @Transaction()
  @Returns('string')
  async SubmitForSignatures(ctx: Context, agreementId: string): Promise<string> {
    const repository = new Repository(ctx.stub);
    const previous = await repository.requireAgreement(idArgument(agreementId, 'agreementId'));
    requirePartyMember(previous, callerOf(ctx));
    const agreement = submitForSignatures(previous, actorOf(callerOf(ctx)), txMoment(ctx.stub));
    return this.#store(ctx, repository, agreement, previous, 'AgreementSubmitted');
  }

  /**
   * Withdraws the version awaiting signatures (a first version returns to draft; an amendment is dropped).
   * Caller: staff of either party.
   * @throws Refusal `NOT_FOUND`, `INVALID_STATE`, `FORBIDDEN` / `WRONG_ROLE`.
   */
  @Transaction()
  @Returns('string')
  async WithdrawPendingVersion(ctx: Context, agreementId: string): Promise<string> {
    const repository = new Repository(ctx.stub);
    const previous = await repository.requireAgreement(idArgument(agreementId, 'agreementId'));
    requirePartyMember(previous, callerOf(ctx));
    const agreement = withdrawPendingVersion(previous, actorOf(callerOf(ctx)), txMoment(ctx.stub));
    return this.#store(ctx, repository, agreement, previous, 'AgreementVersionWithdrawn');
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
  async SignAgreement(ctx: Context, agreementId: string, version: string): Promise<string> {
    const repository = new Repository(ctx.stub);
    const previous = await repository.requireAgreement(idArgument(agreementId, 'agreementId'));
    requirePartyMember(previous, callerOf(ctx));
    const number = integerArgument(version, 'version', 1, Number.MAX_SAFE_INTEGER);
    const rule = await requireDelegationRule(repository, previous);
    const agreement = signAgreement(previous, number, actorOf(callerOf(ctx)), rule, txMoment(ctx.stub));
    return this.#store(ctx, repository, agreement, previous, 'AgreementSigned');
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
  async ProposeAmendment(ctx: Context, agreementId: string, amendmentJson: string): Promise<string> {
    const repository = new Repository(ctx.stub);
    const previous = await repository.requireAgreement(idArgument(agreementId, 'agreementId'));
    requirePartyMember(previous, callerOf(ctx));
    const input = parseAmendmentInput(jsonArgument(amendmentJson, 'amendment'));
    const agreement = proposeAmendment(previous, input, actorOf(callerOf(ctx)), txMoment(ctx.stub));
    return this.#store(ctx, repository, agreement, previous, 'AmendmentProposed');
  }

  /**
   * Proposes to end the agreement on `effectiveDate` (its last day in force). Caller: staff of either party.
   * Input: `{"effectiveDate": date}`.
   * @throws Refusal `NOT_FOUND`, `INVALID_STATE`, `PENDING_PROPOSAL_EXISTS`, `FORBIDDEN`, `WRONG_ROLE`,
   * `VALIDATION_FAILED`.
   */
  @Transaction()
  @Returns('string')
  async ProposeTermination(ctx: Context, agreementId: string, terminationJson: string): Promise<string> {
    const repository = new Repository(ctx.stub);
    const previous = await repository.requireAgreement(idArgument(agreementId, 'agreementId'));
    requirePartyMember(previous, callerOf(ctx));
    const input = parseTerminationProposal(jsonArgument(terminationJson, 'termination'));
    const agreement = proposeTermination(previous, input, actorOf(callerOf(ctx)), txMoment(ctx.stub));
    return this.#storeTermination(ctx, repository, agreement, previous, 'TerminationProposed', []);
  }

  /**
   * Signs the pending termination (`terminationNumber` in decimal). When both sides are complete the agreement is
   * terminated and every agreement that names it as related (and those naming them) ends on the same date, in the
   * same transaction: their providers' peers must endorse it too, as their key-level policies require.
   * @throws Refusal as {@link SignAgreement}.
   */
  @Transaction()
  @Returns('string')
  async SignTermination(ctx: Context, agreementId: string, terminationNumber: string): Promise<string> {
    const repository = new Repository(ctx.stub);
    const previous = await repository.requireAgreement(idArgument(agreementId, 'agreementId'));
    requirePartyMember(previous, callerOf(ctx));
    const number = integerArgument(terminationNumber, 'terminationNumber', 1, Number.MAX_SAFE_INTEGER);
    const rule = await requireDelegationRule(repository, previous);
    const at = txMoment(ctx.stub);
    const agreement = signTermination(previous, number, actorOf(callerOf(ctx)), rule, at);
    const cascaded = agreement.status === 'terminated' ? await endDependents(repository, agreement, at) : [];
    for (const ended of agreement.status === 'terminated' ? [agreement, ...cascaded] : []) {
      await flagInvoicesToCredit(repository, ended, at);
    }
    return this.#storeTermination(
      ctx,
      repository,
      agreement,
      previous,
      'TerminationSigned',
      cascaded.map((ended) => ended.id),
    );
  }

  /**
   * Withdraws the pending termination; its signatures lapse. Caller: staff of either party.
   * @throws Refusal `NOT_FOUND`, `INVALID_STATE`, `FORBIDDEN`, `WRONG_ROLE`.
   */
  @Transaction()
  @Returns('string')
  async WithdrawTermination(ctx: Context, agreementId: string): Promise<string> {
    const repository = new Repository(ctx.stub);
    const previous = await repository.requireAgreement(idArgument(agreementId, 'agreementId'));
    requirePartyMember(previous, callerOf(ctx));
    const agreement = withdrawTermination(previous, actorOf(callerOf(ctx)), txMoment(ctx.stub));
    return this.#storeTermination(ctx, repository, agreement, previous, 'TerminationWithdrawn', []);
  }

  /**
   * An agreement. Caller: staff (or an administrator) of either party.
   * @throws Refusal `NOT_FOUND`, `FORBIDDEN`, `WRONG_ROLE`.
   */
  @Transaction(false)
  @Returns('string')
  async GetAgreement(ctx: Context, agreementId: string): Promise<string> {
    const agreement = await new Repository(ctx.stub).requireAgreement(idArgument(agreementId, 'agreementId'));
    requirePartyMember(agreement, callerOf(ctx));
    return canonicalJson(agreement);
  }

  /**
   * Every committed modification of an agreement, newest first: `[{"txId", "timestamp", "isDelete",
   * "agreement"}]`. Caller: staff (or an administrator) of either party.
   * @throws Refusal `NOT_FOUND`, `FORBIDDEN`, `WRONG_ROLE`.
   */
  @Transaction(false)
  @Returns('string')
  async GetAgreementHistory(ctx: Context, agreementId: string): Promise<string> {
    const repository = new Repository(ctx.stub);
    const agreement = await repository.requireAgreement(idArgument(agreementId, 'agreementId'));
    requirePartyMember(agreement, callerOf(ctx));
    return canonicalJson(await repository.agreementHistory(agreement.id));
  }

  /**
   * A child's agreements (a provider sees only its own): `{"records": Agreement[], "fetchedRecordsCount",
   * "bookmark"}`. `pageSize` is '' (20) or 1–100; `bookmark` is '' or the previous page's.
   * @throws Refusal `INVALID_ID`, `VALIDATION_FAILED`, `FORBIDDEN`, `WRONG_ROLE`.
   */
  @Transaction(false)
  @Returns('string')
  async ListAgreementsByChild(
    ctx: Context,
    childPseudonym: string,
    pageSize: string,
    bookmark: string,
  ): Promise<string> {
    const repository = new Repository(ctx.stub);
    const pseudonym = idArgument(childPseudonym, 'childPseudonym');
    const page = pageArguments(pageSize, bookmark);
    const scope = await listingScope(repository, callerOf(ctx));
    return canonicalJson(
      await repository.listAgreements({ by: 'child', childPseudonym: pseudonym, ...scope }, page),
    );
  }

  /**
   * A provider's agreements (a provider may ask only for its own); paged as {@link ListAgreementsByChild}.
   * @throws Refusal `INVALID_ID`, `VALIDATION_FAILED`, `FORBIDDEN`, `WRONG_ROLE`.
   */
  @Transaction(false)
  @Returns('string')
  async ListAgreementsByProvider(
    ctx: Context,
    providerMspId: string,
    pageSize: string,
    bookmark: string,
  ): Promise<string> {
    const repository = new Repository(ctx.stub);
    const provider = idArgument(providerMspId, 'providerMspId');
    const page = pageArguments(pageSize, bookmark);
    const scope = await listingScope(repository, callerOf(ctx));
    if (scope.providerMspId !== undefined && scope.providerMspId !== provider) {
      throw new Refusal('FORBIDDEN', 'a provider lists only its own agreements', {
        reason: 'not_a_party',
      });
    }
    return canonicalJson(await repository.listAgreements({ by: 'provider', providerMspId: provider }, page));
  }

  /**
   * Agreements in a status (a provider sees only its own); paged as {@link ListAgreementsByChild}.
   * @throws Refusal `VALIDATION_FAILED`, `FORBIDDEN`, `WRONG_ROLE`.
   */
  @Transaction(false)
  @Returns('string')
  async ListAgreementsByStatus(
    ctx: Context,
    status: string,
    pageSize: string,
    bookmark: string,
  ): Promise<string> {
    const repository = new Repository(ctx.stub);
    const wanted = requireOneOf(status, 'status', AGREEMENT_STATUSES);
    const page = pageArguments(pageSize, bookmark);
    const scope = await listingScope(repository, callerOf(ctx));
    return canonicalJson(await repository.listAgreements({ by: 'status', status: wanted, ...scope }, page));
  }

  async #store(
    ctx: Context,
    repository: Repository,
    agreement: Agreement,
    previous: Agreement | undefined,
    type:
      | 'AgreementDrafted'
      | 'AgreementDraftRevised'
      | 'AgreementSubmitted'
      | 'AgreementVersionWithdrawn'
      | 'AgreementSigned'
      | 'AmendmentProposed',
  ): Promise<string> {
    await repository.saveAgreement(agreement, previous);
    emitEvent(ctx.stub, { type, ...agreementEventBase(agreement) });
    return canonicalJson(agreement);
  }

  async #storeTermination(
    ctx: Context,
    repository: Repository,
    agreement: Agreement,
    previous: Agreement,
    type: 'TerminationProposed' | 'TerminationSigned' | 'TerminationWithdrawn',
    cascadedAgreementIds: readonly string[],
  ): Promise<string> {
    await repository.saveAgreement(agreement, previous);
    const latest = agreement.terminations.reduce<Termination | undefined>(
      (last, termination) => (last === undefined || termination.number > last.number ? termination : last),
      undefined,
    );
    // A notice the municipality gave alone is announced under its own name, so the provider's systems see it.
    const noticeGiven =
      type === 'TerminationSigned' && latest?.state === 'agreed' && latest.cause === 'notice';
    emitEvent(ctx.stub, {
      type: noticeGiven ? 'TerminationNoticeGiven' : type,
      ...agreementEventBase(agreement),
      terminationNumber: latest?.number ?? 0,
      terminationState: latest?.state ?? null,
      terminationCause: latest?.cause ?? null,
      effectiveDate: latest?.effectiveDate ?? null,
      cascadedAgreementIds,
    });
    return canonicalJson(agreement);
  }
}

/**
 * The parties must be the registered municipality and a registered provider.
 * @throws Refusal `FORBIDDEN` if the municipality named is not the registered one; `VALIDATION_FAILED` if the
 * provider is not a registered provider; `PRECONDITION_FAILED` if no municipality is registered.
 */
async function requireRegisteredParties(repository: Repository, parties: Parties): Promise<void> {
  const municipality = await requireMunicipality(repository);
  if (parties.municipalityMspId !== municipality.mspId) {
    throw new Refusal('FORBIDDEN', 'the municipality named is not the channel’s municipality', {
      reason: 'not_the_municipality',
    });
  }
  await requireProvider(repository, parties.providerMspId);
}

/**
 * Related agreements must exist, be of a kind the template may relate to, concern the same child and municipality,
 * and not have ended. (The domain checks the ids; these checks need the related agreements loaded.)
 * @throws Refusal `NOT_FOUND` or `VALIDATION_FAILED`.
 */
async function requireRelatable(repository: Repository, agreement: Agreement): Promise<void> {
  const template = templateFor(agreement.kind);
  for (const relatedId of agreement.relatedAgreementIds) {
    const related = await repository.getAgreement(relatedId);
    if (related === undefined) {
      throw new Refusal('NOT_FOUND', 'a related agreement does not exist', { agreementId: relatedId });
    }
    if (!template.mayRelateTo.includes(related.kind)) {
      invalid(
        'relatedAgreementIds',
        'kind_not_allowed',
        `a ${agreement.kind} agreement cannot relate to this kind`,
        {
          agreementId: relatedId,
          allowed: [...template.mayRelateTo],
        },
      );
    }
    if (
      related.childPseudonym !== agreement.childPseudonym ||
      related.municipalityMspId !== agreement.municipalityMspId
    ) {
      invalid(
        'relatedAgreementIds',
        'other_child',
        'a related agreement concerns the same child and municipality',
        {
          agreementId: relatedId,
        },
      );
    }
    if (related.status === 'terminated' || related.status === 'expired') {
      invalid('relatedAgreementIds', 'related_ended', 'a related agreement has ended', {
        agreementId: relatedId,
      });
    }
  }
}

/**
 * The municipality's current delegation rule.
 * @throws Refusal `PRECONDITION_FAILED` if it has none (the municipality was never registered).
 */
async function requireDelegationRule(repository: Repository, agreement: Agreement): Promise<DelegationRule> {
  const rule = await repository.getDelegationRule(agreement.municipalityMspId);
  if (rule === undefined) {
    throw new Refusal('PRECONDITION_FAILED', 'the municipality has no delegation rule', {
      reason: 'no_delegation_rule',
    });
  }
  return rule;
}

/**
 * Ends, on the terminated agreement's date, every agreement that depends on it, then those that depend on them.
 * Returns the ids ended, in the order they were.
 */
async function endDependents(
  repository: Repository,
  terminated: Agreement,
  at: Moment,
): Promise<readonly Agreement[]> {
  const ended: Agreement[] = [];
  const seen = new Set([terminated.id]);
  const queue = [terminated];
  for (let cause = queue.shift(); cause !== undefined; cause = queue.shift()) {
    const candidates = (await repository.dependentsOf(cause.id)).filter(
      (candidate) => !seen.has(candidate.id),
    );
    for (const next of cascadeTermination(cause, candidates, at)) {
      await repository.saveAgreement(
        next,
        candidates.find((candidate) => candidate.id === next.id),
      );
      seen.add(next.id);
      ended.push(next);
      queue.push(next);
    }
  }
  return ended;
}

/**
 * Flags the invoices a termination dated back reaches: each recorded invoice (validated, approved or paid) with an
 * accepted line the terminated agreement no longer carries in full gets the credit `creditForTermination` computes.
 * A credit already flagged for this termination is left as it is.
 */
async function flagInvoicesToCredit(repository: Repository, ended: Agreement, at: Moment): Promise<void> {
  const termination = agreedTermination(ended);
  if (termination === undefined) {
    return;
  }
  for (const record of await repository.listInvoices(ended.id)) {
    if (record.credit?.terminationNumber === termination.number) {
      continue;
    }
    const credit = creditForTermination(ended, termination, record, record.validation, at);
    if (credit !== undefined) {
      await repository.putInvoice({ ...record, credit }, ended);
    }
  }
}
