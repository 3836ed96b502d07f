import { MAX_RELATED_AGREEMENTS, Refusal, type AgreementStatus } from '@fabric-agreements/api';
export type { AgreementStatus } from '@fabric-agreements/api';
import type {
  Agreement,
  AgreementDraftInput,
  AgreementTerms,
  AgreementVersion,
  Obligation,
} from './agreement-model';
export type { AgreementDraftInput } from './agreement-model';
import type { NoticePeriod } from './agreement-terms';
import { compareDates, requireMoment, type IsoDate, type Moment } from './calendar-date';
import type { DelegationRule } from './delegation-rule';
import { requireId } from './ids';
import { MUNICIPAL_ROLES, requireActorOn, sideOf, type Actor } from './parties';
import { monthlyValueOfTerms, pendingVersion, statusOn } from './queries';
import { validateServiceLines } from './service-line';
import { collectSignature, requireAwaitedNumber } from './signature-policy';
import { MAX_GRACE_DAYS, RELEASE_EVENTS, templateFor, type AgreementTemplate } from './templates';
import { invalid, requireInteger, requireIsoDate, requireOneOf } from './validation';

/**
 * Drafts an agreement from its kind's template: version 1 in state `draft`, obligations from the template.
 * @throws Refusal `FORBIDDEN` / `WRONG_ROLE` unless the actor is municipal staff of the named municipality;
 * `INVALID_ID`, `INVALID_DATE` or `VALIDATION_FAILED` for bad input (unknown kind, lines outside the agreement,
 * duplicate line ids, non-positive prices, the same organisation on both sides, a relation to itself).
 */
export function createAgreementDraft(input: AgreementDraftInput, actor: Actor, at: Moment): Agreement {
  requireMoment(at);
  requireActorOn(input, actor, 'municipality', MUNICIPAL_ROLES);
  const template = templateFor(input.kind);
  validateDraftInput(input);
  return {
    id: input.id,
    kind: input.kind,
    templateVersion: template.version,
    municipalityMspId: input.municipalityMspId,
    providerMspId: input.providerMspId,
    childPseudonym: input.childPseudonym,
    startDate: input.startDate,
    relatedAgreementIds: [...(input.relatedAgreementIds ?? [])],
    obligations: obligationsOf(template, input),
    ...draftTerms(input),
    status: 'draft',
    versions: [draftVersion(1, input, at)],
    terminations: [],
    createdAt: at.instant,
    updatedAt: at.instant,
  };
}

/**
 * Replaces the draft's terms, start date and relations (parties, child and kind are fixed).
 * @throws Refusal `INVALID_STATE` unless the agreement is a draft; `VALIDATION_FAILED` if the input names another
 * agreement, kind, party or child, or as {@link createAgreementDraft}; `FORBIDDEN` / `WRONG_ROLE` unless municipal staff.
 */
export function reviseAgreementDraft(
  agreement: Agreement,
  input: AgreementDraftInput,
  actor: Actor,
  at: Moment,
): Agreement {
  requireMoment(at);
  requireStatus(agreement, ['draft']);
  requireActorOn(agreement, actor, 'municipality', MUNICIPAL_ROLES);
  for (const key of ['id', 'kind', 'municipalityMspId', 'providerMspId', 'childPseudonym'] as const) {
    if (input[key] !== agreement[key]) {
      invalid(key, 'immutable', 'cannot change once drafted');
    }
  }
  validateDraftInput(input);
  const draft = requirePending(agreement);
  return {
    ...agreement,
    startDate: input.startDate,
    relatedAgreementIds: [...(input.relatedAgreementIds ?? [])],
    obligations: obligationsOf(templateFor(agreement.kind), input),
    ...draftTerms(input),
    versions: replaceVersion(agreement.versions, draftVersion(draft.number, input, at)),
    updatedAt: at.instant,
  };
}

/**
 * The template's obligations with the draft's agreed terms applied.
 * @throws Refusal `VALIDATION_FAILED` for an obligation the template does not have, or one named twice.
 */
function obligationsOf(template: AgreementTemplate, input: AgreementDraftInput): readonly Obligation[] {
  const terms = input.obligations ?? [];
  terms.forEach((term, index) => {
    if (!template.obligations.some((obligation) => obligation.id === term.id)) {
      invalid(
        `obligations[${index}].id`,
        'unknown_obligation',
        `a ${template.kind} agreement has no such obligation`,
      );
    }
    if (terms.findIndex((other) => other.id === term.id) !== index) {
      invalid(`obligations[${index}].id`, 'duplicate', 'name each obligation once');
    }
    if (term.graceDays !== undefined) {
      requireInteger(term.graceDays, `obligations[${index}].graceDays`, 0, MAX_GRACE_DAYS);
    }
    if (term.releasedBy !== undefined) {
      requireOneOf(term.releasedBy, `obligations[${index}].releasedBy`, RELEASE_EVENTS);
    }
  });
  return template.obligations.map((obligation) => {
    const term = terms.find((candidate) => candidate.id === obligation.id);
    return {
      ...obligation,
      ...(term?.graceDays === undefined ? {} : { graceDays: term.graceDays }),
      ...(term?.releasedBy === undefined ? {} : { releasedBy: term.releasedBy }),
    };
  });
}

/**
 * Freezes the draft and opens it for signatures.
 * @throws Refusal `INVALID_STATE` unless a draft; `FORBIDDEN` / `WRONG_ROLE` unless municipal staff.
 */
export function submitForSignatures(agreement: Agreement, actor: Actor, at: Moment): Agreement {
  requireMoment(at);
  requireStatus(agreement, ['draft']);
  requireActorOn(agreement, actor, 'municipality', MUNICIPAL_ROLES);
  const draft = requirePending(agreement);
  return {
    ...agreement,
    status: 'awaiting_signatures',
    versions: replaceVersion(agreement.versions, {
      ...draft,
      state: 'awaiting_signatures',
      proposedAt: at.instant,
    }),
    updatedAt: at.instant,
  };
}

/**
 * Withdraws the version awaiting signatures; its signatures lapse with it. An amendment is simply dropped (the
 * agreement stays active on its previous version); a first version returns to `draft` as a new version number,
 * so a signature can never be carried over to terms edited after it.
 * @throws Refusal `INVALID_STATE` if nothing awaits signatures; `FORBIDDEN` / `WRONG_ROLE` unless the actor is
 * staff of either party.
 */
export function withdrawPendingVersion(agreement: Agreement, actor: Actor, at: Moment): Agreement {
  requireMoment(at);
  sideOf(agreement, actor);
  const pending = pendingVersion(agreement);
  if (pending?.state !== 'awaiting_signatures') {
    throw new Refusal('INVALID_STATE', 'no version is awaiting signatures', { status: agreement.status });
  }
  const withdrawn: AgreementVersion = { ...pending, state: 'withdrawn', withdrawnAt: at.instant };
  const versions = replaceVersion(agreement.versions, withdrawn);
  if (agreement.status !== 'awaiting_signatures') {
    return { ...agreement, versions, updatedAt: at.instant };
  }
  const redraft: AgreementVersion = {
    ...pending,
    number: pending.number + 1,
    state: 'draft',
    signatures: [],
    proposedBy: 'municipality',
    proposedAt: at.instant,
  };
  return { ...agreement, status: 'draft', versions: [...versions, redraft], updatedAt: at.instant };
}

/**
 * Signs the version awaiting signatures (see `signature-policy.ts`). When both sides are complete the version becomes
 * `agreed`; the first agreed version makes the agreement `active` (its lines count from the start date, never
 * earlier).
 * @throws Refusal `INVALID_STATE` if no version awaits signatures or the agreement has ended;
 * `VERSION_MISMATCH` if `version` is not the one awaiting signatures; and as `collectSignature`.
 */
export function signAgreement(
  agreement: Agreement,
  version: number,
  actor: Actor,
  rule: DelegationRule,
  at: Moment,
): Agreement {
  requireMoment(at);
  requireStatus(agreement, ['awaiting_signatures', 'active']);
  const status = statusOn(agreement, at.date);
  const pending = pendingVersion(agreement);
  if (status !== agreement.status || pending?.state !== 'awaiting_signatures') {
    throw new Refusal('INVALID_STATE', 'no version of this agreement is awaiting signatures', { status });
  }
  requireAwaitedNumber(
    pending.number,
    version,
    'the signature names another version than the one awaiting signatures',
  );
  const { signatures, bothComplete } = collectSignature(
    pending.signatures,
    actor,
    {
      parties: agreement,
      rule,
      monthlyValue: monthlyValueOfTerms(pending.terms),
      agreementVersion: pending.number,
    },
    at,
  );
  if (!bothComplete) {
    return {
      ...agreement,
      versions: replaceVersion(agreement.versions, { ...pending, signatures }),
      updatedAt: at.instant,
    };
  }
  const agreed: AgreementVersion = { ...pending, signatures, state: 'agreed', agreedAt: at.instant };
  const first = agreement.status === 'awaiting_signatures';
  return {
    ...agreement,
    status: 'active',
    versions: replaceVersion(agreement.versions, agreed),
    updatedAt: at.instant,
    ...(first ? { activatedAt: at.instant, activatedOn: at.date } : {}),
  };
}

/**
 * Marks an active agreement `expired` once `at.date` is past the last day any of its lines is active (time-boxed
 * lines ended, a re-evaluation not renewed, the expected end reached). A pending amendment lapses with it.
 * Idempotent: any other agreement is returned unchanged.
 * @throws Refusal `INVALID_DATE` if `at` is not a valid moment.
 */
export function expireIfEnded(agreement: Agreement, at: Moment): Agreement {
  requireMoment(at);
  if (statusOn(agreement, at.date) !== 'expired' || agreement.status === 'expired') {
    return agreement;
  }
  const pending = pendingVersion(agreement);
  const versions = pending
    ? replaceVersion(agreement.versions, { ...pending, state: 'withdrawn', withdrawnAt: at.instant })
    : agreement.versions;
  return { ...agreement, status: 'expired', versions, updatedAt: at.instant };
}

/**
 * Checks that the agreement is in one of the given statuses.
 * @throws Refusal `INVALID_STATE` otherwise.
 */
export function requireStatus(agreement: Agreement, allowed: readonly AgreementStatus[]): void {
  if (!allowed.includes(agreement.status)) {
    throw new Refusal('INVALID_STATE', `not allowed while the agreement is ${agreement.status}`, {
      status: agreement.status,
      allowedStatuses: [...allowed],
    });
  }
}

/**
 * Checks that the agreement is active on `date` (recorded active and not expired by its own terms).
 * @throws Refusal `INVALID_STATE` otherwise.
 */
export function requireActiveOn(agreement: Agreement, date: IsoDate): void {
  const status = statusOn(agreement, date);
  if (status !== 'active') {
    throw new Refusal('INVALID_STATE', `not allowed while the agreement is ${status}`, {
      status,
      allowedStatuses: ['active'],
    });
  }
}

/** The versions with one replaced by number. */
export function replaceVersion(
  versions: readonly AgreementVersion[],
  version: AgreementVersion,
): readonly AgreementVersion[] {
  return versions.map((existing) => (existing.number === version.number ? version : existing));
}

function requirePending(agreement: Agreement): AgreementVersion {
  const pending = pendingVersion(agreement);
  if (!pending) {
    throw new Refusal('INVALID_STATE', 'the agreement has no version in preparation', {
      status: agreement.status,
    });
  }
  return pending;
}

function draftTerms(input: AgreementDraftInput): {
  readonly noticePeriod: NoticePeriod;
  readonly renewalWindowDays: number;
} {
  const defaults = templateFor(input.kind).defaultTerms;
  return {
    noticePeriod: input.noticePeriod ?? defaults.noticePeriod,
    renewalWindowDays: input.renewalWindowDays ?? defaults.renewalWindowDays,
  };
}

function draftVersion(number: number, input: AgreementDraftInput, at: Moment): AgreementVersion {
  const terms: AgreementTerms =
    input.expectedEndDate === undefined
      ? { lines: [...input.lines] }
      : { expectedEndDate: input.expectedEndDate, lines: [...input.lines] };
  return {
    number,
    state: 'draft',
    effectiveFrom: input.startDate,
    terms,
    changes: [],
    proposedBy: 'municipality',
    proposedAt: at.instant,
    signatures: [],
  };
}

function validateDraftInput(input: AgreementDraftInput): void {
  const template = templateFor(input.kind);
  requireId(input.id, 'id');
  requireId(input.municipalityMspId, 'municipalityMspId');
  requireId(input.providerMspId, 'providerMspId');
  requireId(input.childPseudonym, 'childPseudonym');
  if (input.municipalityMspId === input.providerMspId) {
    invalid('providerMspId', 'same_party', 'the provider must be another organisation than the municipality');
  }
  requireIsoDate(input.startDate, 'startDate');
  if (input.expectedEndDate !== undefined) {
    requireIsoDate(input.expectedEndDate, 'expectedEndDate');
    if (compareDates(input.expectedEndDate, input.startDate) < 0) {
      invalid('expectedEndDate', 'before_start', 'must not be before the start date');
    }
  }
  const related = input.relatedAgreementIds ?? [];
  if (related.length > MAX_RELATED_AGREEMENTS) {
    invalid('relatedAgreementIds', 'wrong_length', `at most ${MAX_RELATED_AGREEMENTS} related agreements`);
  }
  related.forEach((id, index) => requireId(id, `relatedAgreementIds[${index}]`));
  if (new Set(related).size !== related.length) {
    invalid('relatedAgreementIds', 'duplicate', 'must not repeat an id');
  }
  if (related.includes(input.id)) {
    invalid('relatedAgreementIds', 'self_reference', 'an agreement cannot relate to itself');
  }
  if (related.length > 0 && template.mayRelateTo.length === 0) {
    invalid('relatedAgreementIds', 'not_allowed', `a ${input.kind} agreement does not relate to others`);
  }
  validateServiceLines(input.lines, template, input);
}
