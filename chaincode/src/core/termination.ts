import { Refusal } from '@fabric-agreements/api';
export type { TerminationCause } from '@fabric-agreements/api';
import { replaceVersion, requireActiveOn } from './agreement';
import type { Agreement, Termination, TerminationInput } from './agreement-model';
export type { TerminationInput } from './agreement-model';
import { noticePeriodEnd } from './agreement-terms';
import { compareDates, requireMoment, type IsoDate, type Moment } from './calendar-date';
import type { DelegationRule } from './delegation-rule';
import { MUNICIPAL_ROLES, requireActorOn, sideOf, type Actor } from './parties';
import {
  agreementTerms,
  latestAgreedVersion,
  monthlyValueOfTerms,
  pendingTermination,
  pendingVersion,
} from './queries';
import { collectSignature, requireAwaitedNumber } from './signature-policy';
import { invalid, requireIsoDate } from './validation';

/**
 * Termination: either side proposes an effective date, both sign (the municipality under its delegation rule).
 * The effective date is the agreement's last day in force (inclusive): lines are paid up to and including it,
 * prorated in its month, and nothing after it may be invoiced. Agreements that name the terminated one as related
 * end on the same date.
 */

/**
 * Proposes to end the agreement on `effectiveDate` (its last day in force). The date may lie in the past (the child
 * went home before the paperwork) but not before the start nor after the expected end. A `notice` is proposed by
 * municipal staff only; its date defaults to the end of the notice period counted from today (capped at the
 * expected end), and the date finally applied is settled when the municipality's side completes
 * ({@link signTermination}).
 * @throws Refusal `INVALID_STATE` unless active on `at.date`; `PENDING_PROPOSAL_EXISTS` if a termination awaits
 * signatures; `FORBIDDEN` / `WRONG_ROLE` unless staff of a party (of the municipality for a notice);
 * `VALIDATION_FAILED` / `INVALID_DATE` for the date.
 */
export function proposeTermination(
  agreement: Agreement,
  input: IsoDate | TerminationInput,
  actor: Actor,
  at: Moment,
): Agreement {
  requireMoment(at);
  const { effectiveDate: requested, mode = 'mutual' } =
    typeof input === 'string' ? { effectiveDate: input } : input;
  requireActiveOn(agreement, at.date);
  const proposedBy = sideOf(agreement, actor);
  if (mode === 'notice') {
    requireActorOn(agreement, actor, 'municipality', MUNICIPAL_ROLES);
  }
  if (pendingTermination(agreement)) {
    throw new Refusal('PENDING_PROPOSAL_EXISTS', 'a termination is already awaiting signatures');
  }
  const expectedEnd = latestAgreedVersion(agreement)?.terms.expectedEndDate;
  const effectiveDate =
    requested ?? capAt(noticePeriodEnd(agreementTerms(agreement).noticePeriod, at.date), expectedEnd);
  requireIsoDate(effectiveDate, 'effectiveDate');
  if (compareDates(effectiveDate, agreement.startDate) < 0) {
    invalid('effectiveDate', 'before_agreement_start', 'must not be before the agreement starts');
  }
  if (expectedEnd !== undefined && compareDates(effectiveDate, expectedEnd) > 0) {
    invalid('effectiveDate', 'after_agreement_end', 'must not be after the agreement’s expected end', {
      expectedEnd,
    });
  }
  const termination: Termination = {
    number: agreement.terminations.length + 1,
    state: 'proposed',
    mode,
    effectiveDate,
    ...(mode === 'notice' ? { requestedDate: effectiveDate } : {}),
    cause: mode === 'notice' ? 'notice' : 'agreed',
    proposedBy,
    proposedAt: at.instant,
    signatures: [],
  };
  return { ...agreement, terminations: [...agreement.terminations, termination], updatedAt: at.instant };
}

/**
 * Signs the pending termination. When both sides are complete the agreement is `terminated` (effective on the
 * termination's date) and a pending amendment lapses.
 * @throws Refusal `INVALID_STATE` if nothing awaits signatures or the agreement is not active;
 * `VERSION_MISMATCH` if `terminationNumber` is not the pending one; and as `collectSignature` (`ALREADY_SIGNED`,
 * `WRONG_ROLE`, `FORBIDDEN`, `SIDE_ALREADY_COMPLETE`, `PRECONDITION_FAILED`).
 */
export function signTermination(
  agreement: Agreement,
  terminationNumber: number,
  actor: Actor,
  rule: DelegationRule,
  at: Moment,
): Agreement {
  requireMoment(at);
  requireActiveOn(agreement, at.date);
  const pending = pendingTermination(agreement);
  const current = latestAgreedVersion(agreement);
  if (!pending || !current) {
    throw new Refusal('INVALID_STATE', 'no termination is awaiting signatures', {
      status: agreement.status,
    });
  }
  requireAwaitedNumber(
    pending.number,
    terminationNumber,
    'the signature names another termination than the pending one',
  );
  const { signatures, municipalityComplete, bothComplete } = collectSignature(
    pending.signatures,
    actor,
    {
      parties: agreement,
      rule,
      monthlyValue: monthlyValueOfTerms(current.terms),
      agreementVersion: current.number,
    },
    at,
  );
  if (pending.mode === 'notice' && municipalityComplete) {
    return endAgreement(agreement, givenNotice(agreement, { ...pending, signatures }, at), at);
  }
  if (pending.mode === 'notice' || !bothComplete) {
    return {
      ...agreement,
      terminations: replaceTermination(agreement, { ...pending, signatures }),
      updatedAt: at.instant,
    };
  }
  return endAgreement(agreement, { ...pending, signatures, state: 'agreed', agreedAt: at.instant }, at);
}

/**
 * The notice as given on `at.date`: effective on the requested date if the provider has co-signed, otherwise at
 * the earliest when the notice period (counted from today) ends — never after the expected end.
 */
function givenNotice(agreement: Agreement, pending: Termination, at: Moment): Termination {
  const requested = pending.requestedDate ?? pending.effectiveDate;
  const periodEnd = noticePeriodEnd(agreementTerms(agreement).noticePeriod, at.date);
  const providerCoSigned = pending.signatures.some((signature) => signature.side === 'provider');
  const expectedEnd = latestAgreedVersion(agreement)?.terms.expectedEndDate;
  const effectiveDate =
    providerCoSigned || compareDates(requested, periodEnd) >= 0 ? requested : capAt(periodEnd, expectedEnd);
  return {
    ...pending,
    state: 'agreed',
    effectiveDate,
    requestedDate: requested,
    noticeGivenOn: at.date,
    noticePeriodEnd: periodEnd,
    agreedAt: at.instant,
  };
}

function capAt(date: IsoDate, cap: IsoDate | undefined): IsoDate {
  return cap !== undefined && compareDates(date, cap) > 0 ? cap : date;
}

/**
 * Withdraws the pending termination; its signatures lapse.
 * @throws Refusal `INVALID_STATE` if no termination awaits signatures; `FORBIDDEN` / `WRONG_ROLE` unless staff
 * of a party.
 */
export function withdrawTermination(agreement: Agreement, actor: Actor, at: Moment): Agreement {
  requireMoment(at);
  sideOf(agreement, actor);
  const pending = pendingTermination(agreement);
  if (!pending) {
    throw new Refusal('INVALID_STATE', 'no termination is awaiting signatures', {
      status: agreement.status,
    });
  }
  const withdrawn: Termination = { ...pending, state: 'withdrawn', withdrawnAt: at.instant };
  return { ...agreement, terminations: replaceTermination(agreement, withdrawn), updatedAt: at.instant };
}

/**
 * Ends the agreements that depend on a terminated one (those naming it in `relatedAgreementIds`) on the same
 * date: each gets an agreed termination with cause `related_agreement_terminated` and status `terminated`.
 * Drafts and agreements awaiting signatures end too; agreements already terminated or expired, and agreements
 * that do not name it, are left out. Returns only the agreements it changed. One level deep: the caller repeats it
 * for agreements that depend on those.
 * @throws Refusal `INVALID_STATE` if `terminated` has no agreed termination.
 */
export function cascadeTermination(
  terminated: Agreement,
  candidates: readonly Agreement[],
  at: Moment,
): readonly Agreement[] {
  requireMoment(at);
  const cause = terminated.terminations.find((termination) => termination.state === 'agreed');
  if (!cause) {
    throw new Refusal('INVALID_STATE', 'the agreement has not been terminated', {
      status: terminated.status,
    });
  }
  return candidates
    .filter((candidate) => candidate.relatedAgreementIds.includes(terminated.id))
    .filter((candidate) => candidate.status !== 'terminated' && candidate.status !== 'expired')
    .map((candidate) => {
      const withdrawnProposals = candidate.terminations.map((termination) =>
        termination.state === 'proposed'
          ? { ...termination, state: 'withdrawn' as const, withdrawnAt: at.instant }
          : termination,
      );
      const termination: Termination = {
        number: candidate.terminations.length + 1,
        state: 'agreed',
        effectiveDate: cause.effectiveDate,
        cause: 'related_agreement_terminated',
        causeAgreementId: terminated.id,
        proposedAt: at.instant,
        signatures: [],
        agreedAt: at.instant,
      };
      return endAgreement({ ...candidate, terminations: withdrawnProposals }, termination, at);
    });
}

function endAgreement(agreement: Agreement, termination: Termination, at: Moment): Agreement {
  const pending = pendingVersion(agreement);
  const versions = pending
    ? replaceVersion(agreement.versions, { ...pending, state: 'withdrawn', withdrawnAt: at.instant })
    : agreement.versions;
  const terminations = agreement.terminations.some((existing) => existing.number === termination.number)
    ? replaceTermination(agreement, termination)
    : [...agreement.terminations, termination];
  return { ...agreement, status: 'terminated', versions, terminations, updatedAt: at.instant };
}

function replaceTermination(agreement: Agreement, termination: Termination): readonly Termination[] {
  return agreement.terminations.map((existing) =>
    existing.number === termination.number ? termination : existing,
  );
}
