import { expect } from 'chai';
import {
  addOnDraft,
  placementDraft,
  schoolSupportLine as storySchoolSupportLine,
  visitationDraft,
} from 'agreements-case-story';
import {
  createAgreementDraft,
  defaultDelegationRule,
  Refusal,
  lastDayOfMonths,
  signAgreement,
  submitForSignatures,
  type Actor,
  type Agreement,
  type AgreementDraftInput,
  type DelegationRule,
  type ErrorCode,
  type IsoDate,
  type Moment,
  type PerUnitServiceLine,
} from 'agreements-chaincode/core';

export { firstSundayFrom, StoryCalendar, storyStart, visitsBetween } from 'agreements-case-story';

/** The organisations of the case story. */
export const MUNICIPALITY = 'HoejeTaastrupMSP';
export const PLACEMENT_SITE = 'OestervoldMSP';
export const CONSULTANCY = 'VisitationMSP';
export const OTHER_ORG = 'OtherMunicipalityMSP';

/** The people of the case story (certificate ids are name-free in production; readable here). */
export const sara: Actor = { certId: 'cert:sara', mspId: MUNICIPALITY, role: 'caseworker' };
export const mads: Actor = { certId: 'cert:mads', mspId: MUNICIPALITY, role: 'centre_head' };
export const lene: Actor = { certId: 'cert:lene', mspId: MUNICIPALITY, role: 'centre_head' };
export const jonas: Actor = { certId: 'cert:jonas', mspId: MUNICIPALITY, role: 'director' };
export const karin: Actor = { certId: 'cert:karin', mspId: PLACEMENT_SITE, role: 'provider_staff' };
export const ole: Actor = { certId: 'cert:ole', mspId: CONSULTANCY, role: 'consultant' };
export const stranger: Actor = { certId: 'cert:stranger', mspId: OTHER_ORG, role: 'director' };

export const RULE: DelegationRule = defaultDelegationRule(MUNICIPALITY);

/** A moment on a date (10:00 UTC unless told otherwise). */
export function at(date: IsoDate, time = '10:00:00'): Moment {
  return { instant: `${date}T${time}.000Z`, date };
}

const STORY_PARTIES = { municipalityMspId: MUNICIPALITY, providerMspId: PLACEMENT_SITE };
const CHILD = 'child-7f3a9c';

/** The placement agreement's draft input (stay, school, and a taxi for the first three months). */
export function placementInput(
  start: IsoDate,
  overrides: Partial<AgreementDraftInput> = {},
): AgreementDraftInput {
  const draft = { id: 'placement-1', start, childPseudonym: CHILD, parties: STORY_PARTIES };
  return { ...placementDraft({ ...draft, releaseOnAcceptance: false }), ...overrides };
}

/** The visitation agreement: 4 hours every second Sunday at 5 151 kr per visit, one visit per occurrence. */
export function visitationInput(
  start: IsoDate,
  overrides: Partial<AgreementDraftInput> = {},
): AgreementDraftInput {
  const parties = { municipalityMspId: MUNICIPALITY, providerMspId: CONSULTANCY };
  const draft = { id: 'visitation-1', start, childPseudonym: CHILD, parties, placementId: 'placement-1' };
  return { ...visitationDraft(draft), ...overrides };
}

/** The school-support add-on: 6 hours a week at 444 kr per hour for three months, then re-evaluated. */
export function addOnInput(
  start: IsoDate,
  overrides: Partial<AgreementDraftInput> = {},
): AgreementDraftInput {
  const draft = {
    id: 'addon-1',
    start,
    childPseudonym: CHILD,
    parties: STORY_PARTIES,
    placementId: 'placement-1',
  };
  return {
    ...addOnDraft({ ...draft, reEvaluationDate: lastDayOfMonths(start, 3), lineId: 'support' }),
    ...overrides,
  };
}

/** Extra school support, 6 h/week at 444 kr/h, re-evaluated after three months. */
export function schoolSupportLine(start: IsoDate, id = 'support'): PerUnitServiceLine {
  return storySchoolSupportLine(start, lastDayOfMonths(start, 3), id);
}

/**
 * Drafts, submits and signs an agreement: the given municipal signers, then the provider's signer.
 * Signing happens on `signedOn` (default: the day before the start).
 */
export function activeAgreement(
  input: AgreementDraftInput,
  provider: Actor,
  municipalSigners: readonly Actor[] = [jonas],
  signedOn: Moment = at(input.startDate, '08:00:00'),
): Agreement {
  let agreement = submitForSignatures(createAgreementDraft(input, sara, signedOn), sara, signedOn);
  for (const signer of [...municipalSigners, provider]) {
    agreement = signAgreement(agreement, pendingNumber(agreement), signer, RULE, signedOn);
  }
  expect(agreement.status).to.equal('active');
  return agreement;
}

/** The number of the version awaiting signatures. */
export function pendingNumber(agreement: Agreement): number {
  const pending = agreement.versions.find((version) => version.state === 'awaiting_signatures');
  if (!pending) {
    throw new Error('no version awaits signatures');
  }
  return pending.number;
}

/** Asserts that `run` throws a Refusal with `code`, and returns it for further checks. */
export function expectRefusal(run: () => unknown, code: ErrorCode): Refusal {
  try {
    run();
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(Refusal);
    const refusal = error as Refusal;
    expect(refusal.code, refusal.text).to.equal(code);
    return refusal;
  }
  expect.fail(`expected a Refusal ${code}`);
}

/** `round_half_up(numerator / denominator)` for small non-negative integers, as an independent reference. */
export function roundHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** A SHA-256-shaped document hash made from one hex digit. */
export function hash(digit: string): string {
  return digit.repeat(64);
}
