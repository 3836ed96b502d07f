/**
 * The story's agreements as drafts: the placement (stay, school, a taxi for the first three months), the related
 * visitation with the consultancy, and the add-on's extra school support. Ids, child and parties are the caller's:
 * each test run and each harness has its own.
 */
import type { AgreementDraftInput, PerUnitServiceLine, ServiceLine } from 'agreements-client';
import { PRICES } from './amounts';
import { firstSundayFrom, lastDayOfMonths } from './calendar';

/** Who an agreement is between. */
export interface AgreementParties {
  readonly municipalityMspId: string;
  readonly providerMspId: string;
}

/** What every draft of the story is given. */
export interface DraftOf {
  readonly id: string;
  readonly start: string;
  readonly childPseudonym: string;
  readonly parties: AgreementParties;
}

/** The placement's monthly lines from `start`: the taxi runs for the first three months. */
export function placementLines(start: string): ServiceLine[] {
  return [
    { id: 'stay', kind: 'stay', pricing: 'monthly', monthlyPrice: PRICES.stay, startDate: start },
    { id: 'school', kind: 'school', pricing: 'monthly', monthlyPrice: PRICES.school, startDate: start },
    {
      id: 'taxi',
      kind: 'transport',
      pricing: 'monthly',
      monthlyPrice: PRICES.taxi,
      startDate: start,
      endDate: lastDayOfMonths(start, 3),
    },
  ];
}

/**
 * The placement agreement from the placement template. The story's term: a missing status report's hold is released
 * when the caseworker accepts the report (`releaseOnAcceptance`, default); without it, the template's (on
 * submission).
 */
export function placementDraft(
  draft: DraftOf & { readonly releaseOnAcceptance?: boolean },
): AgreementDraftInput {
  return {
    id: draft.id,
    kind: 'placement',
    ...draft.parties,
    childPseudonym: draft.childPseudonym,
    startDate: draft.start,
    ...(draft.releaseOnAcceptance === false
      ? {}
      : { obligations: [{ id: 'status-report', releasedBy: 'acceptance' as const }] }),
    lines: placementLines(draft.start),
  };
}

/** Supported visitation, 4 hours every second Sunday: one visit on each second Sunday from the first. */
export function visitationLine(start: string, unitPrice: number = PRICES.visit): PerUnitServiceLine {
  return {
    id: 'visits',
    kind: 'supported_visitation',
    pricing: 'per_unit',
    unit: 'visit',
    unitPrice,
    agreedQuantity: 1,
    quantityPeriod: 'occurrence',
    schedule: { anchorDate: firstSundayFrom(start), every: 'week', interval: 2 },
    startDate: start,
  };
}

/** The visitation agreement with the consultancy, related to the placement. */
export function visitationDraft(draft: DraftOf & { readonly placementId: string }): AgreementDraftInput {
  return {
    id: draft.id,
    kind: 'visitation',
    ...draft.parties,
    childPseudonym: draft.childPseudonym,
    startDate: draft.start,
    lines: [visitationLine(draft.start)],
    relatedAgreementIds: [draft.placementId],
  };
}

/** The add-on: extra school support 6 hours a week at 444 kr an hour from `start`, re-evaluated on `reEvaluationDate`. */
export function schoolSupportLine(
  start: string,
  reEvaluationDate: string,
  id = 'school-support',
): PerUnitServiceLine {
  return {
    id,
    kind: 'school_support',
    pricing: 'per_unit',
    unit: 'hour',
    unitPrice: PRICES.supportHourly,
    agreedQuantity: 6,
    quantityPeriod: 'week',
    startDate: start,
    reEvaluationDate,
  };
}

/** The add-on as its own agreement related to the placement (the story's other reading of "add-on"). */
export function addOnDraft(
  draft: DraftOf & {
    readonly placementId: string;
    readonly reEvaluationDate: string;
    readonly lineId?: string;
  },
): AgreementDraftInput {
  return {
    id: draft.id,
    kind: 'add_on',
    ...draft.parties,
    childPseudonym: draft.childPseudonym,
    startDate: draft.start,
    relatedAgreementIds: [draft.placementId],
    lines: [schoolSupportLine(draft.start, draft.reEvaluationDate, draft.lineId)],
  };
}
