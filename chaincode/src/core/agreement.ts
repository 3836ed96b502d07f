import { MAX_RELATED_AGREEMENTS, type AgreementStatus } from '@fabric-agreements/api';
export { MAX_RELATED_AGREEMENTS, type AgreementStatus } from '@fabric-agreements/api';
import type { AgreementTermsDefaults, NoticePeriod } from './agreement-terms';
import type { AmendmentChange } from './amendment';
import {
  addDays,
  compareDates,
  requireMoment,
  type IsoDate,
  type IsoTimestamp,
  type Moment,
} from './calendar-date';
import { Refusal } from '@fabric-agreements/api';
import { requireId } from './ids';
import { MUNICIPAL_ROLES, requireActorOn, sideOf, type Actor, type Parties, type Side } from './parties';
import { validateServiceLines, type ServiceLine } from './service-line';
import type { Signature } from './signatures';
import {
  MAX_GRACE_DAYS,
  RELEASE_EVENTS,
  templateFor,
  type AgreementKind,
  type AgreementTemplate,
  type ObligationTemplate,
  type ReleaseEvent,
} from './templates';
import type { Termination } from './termination';
import { agreedTermination, lastDayInForce, latestAgreedVersion, pendingVersion } from './terms-in-force';
import { invalid, requireInteger, requireIsoDate, requireOneOf } from './validation';

/**
 * A version's lifecycle. Only `agreed` versions ever apply; a `withdrawn` one is kept as history.
 */
export type VersionState = 'draft' | 'awaiting_signatures' | 'agreed' | 'withdrawn';

/** An obligation of the agreement, copied from its template at drafting. */
export type Obligation = ObligationTemplate;

/** What the parties sign: everything an amendment may change. */
export interface AgreementTerms {
  /** Last day of the agreement as currently agreed (inclusive); absent for open-ended placements. */
  readonly expectedEndDate?: IsoDate;
  readonly lines: readonly ServiceLine[];
}

/** One version of the terms, with the signatures that bind exactly this version. */
export interface AgreementVersion {
  readonly number: number;
  readonly state: VersionState;
  /** The version applies to days from this date (version 1: the start date) until a later agreed version's. */
  readonly effectiveFrom: IsoDate;
  readonly terms: AgreementTerms;
  /** What this version changed compared with the version before it (empty for the first). */
  readonly changes: readonly AmendmentChange[];
  readonly proposedBy: Side;
  readonly proposedAt: IsoTimestamp;
  readonly signatures: readonly Signature[];
  readonly agreedAt?: IsoTimestamp;
  readonly withdrawnAt?: IsoTimestamp;
}

/** An agreement between a municipality and a provider about one child (by pseudonym only). */
export interface Agreement extends Parties {
  readonly id: string;
  readonly kind: AgreementKind;
  readonly templateVersion: number;
  /** Opaque keyed pseudonym of the child; never personal data. */
  readonly childPseudonym: string;
  readonly startDate: IsoDate;
  /** Agreements this one depends on; when one of them is terminated this one ends on the same date. */
  readonly relatedAgreementIds: readonly string[];
  readonly obligations: readonly Obligation[];
  readonly status: AgreementStatus;
  /** Every version ever drafted, in number order; terms are never edited once submitted. */
  readonly versions: readonly AgreementVersion[];
  /** Every termination ever proposed, in number order. */
  readonly terminations: readonly Termination[];
  readonly createdAt: IsoTimestamp;
  readonly updatedAt: IsoTimestamp;
  readonly activatedAt?: IsoTimestamp;
  /** The calendar date (Europe/Copenhagen) the agreement became active. */
  readonly activatedOn?: IsoDate;
  /** The municipality's notice period for ending the agreement alone (absent on old records: the template's). */
  readonly noticePeriod?: NoticePeriod;
  /** Days a renewal stays possible after the last re-evaluation date (absent on old records: the template's). */
  readonly renewalWindowDays?: number;
}

/** What a caseworker fills in to draft an agreement. */
export interface AgreementDraftInput extends Parties {
  readonly id: string;
  readonly kind: AgreementKind;
  readonly childPseudonym: string;
  readonly startDate: IsoDate;
  readonly expectedEndDate?: IsoDate;
  readonly lines: readonly ServiceLine[];
  readonly relatedAgreementIds?: readonly string[];
  /** Default: the template's. */
  readonly noticePeriod?: NoticePeriod;
  /** Default: the template's. */
  readonly renewalWindowDays?: number;
  /** Terms of the template's obligations that differ from its defaults (grace period, what releases a hold). */
  readonly obligations?: readonly ObligationTermsInput[];
}

/** The agreed terms of one of the template's obligations; absent terms keep the template's default. */
export interface ObligationTermsInput {
  readonly id: string;
  readonly graceDays?: number;
  readonly releasedBy?: ReleaseEvent;
}

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
 * The status as of a date: an `active` agreement past its {@link lastDayBeforeExpiry} counts as `expired` even
 * before {@link expireIfEnded} has been recorded.
 * @throws Refusal `INVALID_DATE` if the date is not a real ISO date.
 */
export function statusOn(agreement: Agreement, date: IsoDate): AgreementStatus {
  if (agreement.status !== 'active') {
    return agreement.status;
  }
  const lastDay = lastDayBeforeExpiry(agreement);
  return lastDay !== undefined && compareDates(date, lastDay) > 0 ? 'expired' : 'active';
}

/** The notice period and renewal window the agreement carries (the template's for records older than the terms). */
export function agreementTerms(
  agreement: Pick<Agreement, 'kind' | 'noticePeriod' | 'renewalWindowDays'>,
): AgreementTermsDefaults {
  const defaults = templateFor(agreement.kind).defaultTerms;
  return {
    noticePeriod: agreement.noticePeriod ?? defaults.noticePeriod,
    renewalWindowDays: agreement.renewalWindowDays ?? defaults.renewalWindowDays,
  };
}

/**
 * The last day an active agreement counts as `active`, or `undefined` while some line is open-ended. It is the last
 * day any line is active ({@link lastDayInForce}) — unless that day is an un-renewed re-evaluation date (not an end
 * date, the expected end or a termination): then a renewal is still possible, as it is for the placement's own
 * lines, and the agreement stays open for the renewal window, counted from the later of that date and the day it
 * became active (late paperwork: an add-on signed after its re-evaluation date can still be renewed). No line is
 * active in the window; a renewal resumes the line from the amendment's `effectiveFrom`.
 * @throws Refusal `INVALID_DATE` if a stored date is not a real ISO date.
 */
export function lastDayBeforeExpiry(agreement: Agreement): IsoDate | undefined {
  const lastDay = lastDayInForce(agreement);
  const latest = latestAgreedVersion(agreement);
  if (lastDay === undefined || latest === undefined || agreedTermination(agreement) !== undefined) {
    return lastDay;
  }
  const { expectedEndDate } = latest.terms;
  const awaitsRenewal =
    (expectedEndDate === undefined || compareDates(lastDay, expectedEndDate) < 0) &&
    latest.terms.lines.some(
      (line) =>
        line.reEvaluationDate === lastDay &&
        (line.endDate === undefined || compareDates(line.endDate, lastDay) > 0),
    );
  if (!awaitsRenewal) {
    return lastDay;
  }
  const activatedOn = agreement.activatedOn ?? agreement.activatedAt?.slice(0, 10);
  const from = activatedOn !== undefined && compareDates(activatedOn, lastDay) > 0 ? activatedOn : lastDay;
  return addDays(from, agreementTerms(agreement).renewalWindowDays);
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
