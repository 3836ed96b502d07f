import { expect } from 'chai';
import {
  addMonthsToMonth,
  createAgreementDraft,
  defaultDelegationRule,
  Refusal,
  firstDayOfMonth,
  kroner,
  lastDayOfMonths,
  signAgreement,
  submitForSignatures,
  type Actor,
  type Agreement,
  type AgreementDraftInput,
  type DelegationRule,
  type ErrorCode,
  type IsoDate,
  type IsoMonth,
  type Moment,
  type PerUnitServiceLine,
} from 'agreements-chaincode/core';

/** The organisations of the case story. */
export const MUNICIPALITY = 'HoejeTaastrupMSP';
export const PLACEMENT_SITE = 'OestervoldMSP';
export const CONSULTANCY = 'VisitationMSP';
export const OTHER_ORG = 'OtherMunicipalityMSP';

/** The first Sunday on or after a date. */
export function firstSundayFrom(date: IsoDate): IsoDate {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + ((7 - day.getUTCDay()) % 7));
  return day.toISOString().slice(0, 10);
}

/**
 * Visits in [from, to] on a rhythm of every `weeks` weeks from `anchor`, counted by stepping through the calendar
 * (independently of the domain's own schedule code).
 */
export function visitsBetween(anchor: IsoDate, weeks: number, from: IsoDate, to: IsoDate): number {
  let count = 0;
  for (const day = new Date(`${anchor}T00:00:00Z`); day.toISOString().slice(0, 10) <= to;) {
    const iso = day.toISOString().slice(0, 10);
    count += iso >= from ? 1 : 0;
    day.setUTCDate(day.getUTCDate() + 7 * weeks);
  }
  return count;
}

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

/** The story's start: the first day of the month eleven months before the current one, so it holds on any day. */
export function storyStart(now: Date = new Date()): IsoDate {
  return firstDayOfMonth(addMonthsToMonth(now.toISOString().slice(0, 7), -11));
}

/** The story's calendar: month n (1 = the start month) and day d of it. */
export class StoryCalendar {
  constructor(readonly start: IsoDate) {}

  month(n: number): IsoMonth {
    return addMonthsToMonth(this.start.slice(0, 7), n - 1);
  }

  day(n: number, d: number): IsoDate {
    return `${this.month(n)}-${String(d).padStart(2, '0')}`;
  }
}

/** The placement agreement's draft input (stay, school, and a taxi for the first three months). */
export function placementInput(
  start: IsoDate,
  overrides: Partial<AgreementDraftInput> = {},
): AgreementDraftInput {
  return {
    id: 'placement-1',
    kind: 'placement',
    municipalityMspId: MUNICIPALITY,
    providerMspId: PLACEMENT_SITE,
    childPseudonym: 'child-7f3a9c',
    startDate: start,
    lines: [
      { id: 'stay', kind: 'stay', pricing: 'monthly', monthlyPrice: kroner(95_000), startDate: start },
      { id: 'school', kind: 'school', pricing: 'monthly', monthlyPrice: kroner(24_000), startDate: start },
      {
        id: 'taxi',
        kind: 'transport',
        pricing: 'monthly',
        monthlyPrice: kroner(9_500),
        startDate: start,
        endDate: lastDayOfMonths(start, 3),
      },
    ],
    ...overrides,
  };
}

/** The visitation agreement: 4 hours every second Sunday at 5 151 kr per visit = 0.5 visits per week. */
export function visitationInput(
  start: IsoDate,
  overrides: Partial<AgreementDraftInput> = {},
): AgreementDraftInput {
  return {
    id: 'visitation-1',
    kind: 'visitation',
    municipalityMspId: MUNICIPALITY,
    providerMspId: CONSULTANCY,
    childPseudonym: 'child-7f3a9c',
    startDate: start,
    relatedAgreementIds: ['placement-1'],
    lines: [
      {
        id: 'visits',
        kind: 'supported_visitation',
        pricing: 'per_unit',
        unit: 'visit',
        unitPrice: kroner(5_151),
        // "4 hours every second Sunday": one visit per occurrence, every 2 weeks from the first Sunday.
        agreedQuantity: 1,
        quantityPeriod: 'occurrence',
        schedule: { anchorDate: firstSundayFrom(start), every: 'week', interval: 2 },
        startDate: start,
      },
    ],
    ...overrides,
  };
}

/** The school-support add-on: 6 hours a week at 444 kr per hour for three months, then re-evaluated. */
export function addOnInput(
  start: IsoDate,
  overrides: Partial<AgreementDraftInput> = {},
): AgreementDraftInput {
  return {
    id: 'addon-1',
    kind: 'add_on',
    municipalityMspId: MUNICIPALITY,
    providerMspId: PLACEMENT_SITE,
    childPseudonym: 'child-7f3a9c',
    startDate: start,
    relatedAgreementIds: ['placement-1'],
    lines: [schoolSupportLine(start)],
    ...overrides,
  };
}

/** Extra school support, 6 h/week at 444 kr/h, re-evaluated after three months. */
export function schoolSupportLine(start: IsoDate, id = 'support'): PerUnitServiceLine {
  return {
    id,
    kind: 'school_support',
    pricing: 'per_unit',
    unit: 'hour',
    unitPrice: kroner(444),
    agreedQuantity: 6,
    quantityPeriod: 'week',
    startDate: start,
    reEvaluationDate: lastDayOfMonths(start, 3),
  };
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
