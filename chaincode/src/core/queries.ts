import type { AgreementStatus } from '@fabric-agreements/api';
import type { Agreement, AgreementTerms, AgreementVersion, Termination } from './agreement-model';
import type { AgreementTermsDefaults } from './agreement-terms';
import {
  addDays,
  compareDates,
  earliest,
  firstDayOfMonth,
  fromDayNumber,
  lastDayOfMonth,
  toDayNumber,
  type IsoDate,
  type IsoMonth,
} from './calendar-date';
import { sumOre, type Ore } from './money';
import { monthlyValueOf, ownLastDay, type ServiceLine } from './service-line';
import { templateFor, type ServiceLineKind } from './templates';

/**
 * What can be read off an agreement without changing it: which versions and terminations it has, which terms apply
 * on which day, its status on a date, the value of its terms. Every rule reads an agreement through these.
 *
 * Which terms apply on which day. An agreed version applies from its `effectiveFrom` until the next agreed
 * version's; nothing applies before the start date, after the expected end of the version in force, or after an
 * agreed termination's effective date. A version awaiting signatures never applies: the previous one stays in force.
 */

/** Agreed versions in number order. */
export function agreedVersions(agreement: Agreement): readonly AgreementVersion[] {
  return agreement.versions.filter((version) => version.state === 'agreed');
}

/** The latest agreed version (the one that applies from its effective date on), if any. */
export function latestAgreedVersion(agreement: Agreement): AgreementVersion | undefined {
  return agreedVersions(agreement).at(-1);
}

/** The version being drafted or awaiting signatures, if any. */
export function pendingVersion(agreement: Agreement): AgreementVersion | undefined {
  return agreement.versions.find(
    (version) => version.state === 'draft' || version.state === 'awaiting_signatures',
  );
}

/** The termination both sides have signed, if any. */
export function agreedTermination(agreement: Agreement): Termination | undefined {
  return agreement.terminations.find((termination) => termination.state === 'agreed');
}

/**
 * The version whose terms apply on `date`, or `undefined` if the agreement is not in force that day.
 * @throws Refusal `INVALID_DATE` if the date is not a real ISO date.
 */
export function versionInForceOn(agreement: Agreement, date: IsoDate): AgreementVersion | undefined {
  if (compareDates(date, agreement.startDate) < 0) {
    return undefined;
  }
  const version = agreedVersions(agreement)
    .filter((agreed) => compareDates(agreed.effectiveFrom, date) <= 0)
    .at(-1);
  if (!version) {
    return undefined;
  }
  const end = earliest(version.terms.expectedEndDate, agreedTermination(agreement)?.effectiveDate);
  return end !== undefined && compareDates(date, end) > 0 ? undefined : version;
}

/**
 * The terms of a service line on `date` if the line is active that day, otherwise `undefined`.
 * @throws Refusal `INVALID_DATE` if the date is not a real ISO date.
 */
export function lineOn(agreement: Agreement, serviceLineId: string, date: IsoDate): ServiceLine | undefined {
  const line = versionInForceOn(agreement, date)?.terms.lines.find(
    (candidate) => candidate.id === serviceLineId,
  );
  return line && isWithinLine(line, date) ? line : undefined;
}

function isWithinLine(line: ServiceLine, date: IsoDate): boolean {
  const last = ownLastDay(line);
  return compareDates(line.startDate, date) <= 0 && (last === undefined || compareDates(date, last) <= 0);
}

/** The latest agreed terms of a line, or `undefined` if no agreed version ever had it. */
export function agreedLine(agreement: Agreement, serviceLineId: string): ServiceLine | undefined {
  for (const version of [...agreedVersions(agreement)].reverse()) {
    const line = version.terms.lines.find((candidate) => candidate.id === serviceLineId);
    if (line) {
      return line;
    }
  }
  return undefined;
}

/** Whether any version ever drafted (agreed, pending or withdrawn) used a line id. */
export function isLineIdUsed(agreement: Agreement, serviceLineId: string): boolean {
  return agreement.versions.some((version) => version.terms.lines.some((line) => line.id === serviceLineId));
}

/** One day a line is active, with the terms that apply that day. */
export interface LineDay {
  readonly date: IsoDate;
  readonly line: ServiceLine;
  readonly version: number;
}

/** The days a line is active within a month. */
export interface LineActivity {
  readonly serviceLineId: string;
  readonly kind: ServiceLineKind;
  readonly days: readonly LineDay[];
}

/**
 * Every line active on at least one day of `month`, by line id, with the terms of each active day.
 * @throws Refusal `INVALID_DATE` if the month is not a real ISO month.
 */
export function lineActivityInMonth(agreement: Agreement, month: IsoMonth): readonly LineActivity[] {
  const byLine = new Map<string, LineDay[]>();
  const first = toDayNumber(firstDayOfMonth(month));
  const last = toDayNumber(lastDayOfMonth(month));
  for (let dayNumber = first; dayNumber <= last; dayNumber++) {
    const date = fromDayNumber(dayNumber);
    const version = versionInForceOn(agreement, date);
    for (const line of version?.terms.lines ?? []) {
      if (version && isWithinLine(line, date)) {
        const days = byLine.get(line.id) ?? [];
        days.push({ date, line, version: version.number });
        byLine.set(line.id, days);
      }
    }
  }
  return [...byLine.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([serviceLineId, days]) => {
      const kind = days[0]?.line.kind;
      return kind === undefined ? [] : [{ serviceLineId, kind, days }];
    });
}

/**
 * The last day any line of the agreement is active, or `undefined` while some line is open-ended. Considers every
 * agreed version over the days it applies, the expected end and an agreed termination.
 */
export function lastDayInForce(agreement: Agreement): IsoDate | undefined {
  const versions = agreedVersions(agreement);
  const termination = agreedTermination(agreement)?.effectiveDate;
  let latest: IsoDate | undefined;
  for (const [index, version] of versions.entries()) {
    const next = versions[index + 1];
    const rangeEnd = next ? addDays(next.effectiveFrom, -1) : undefined;
    const bound = earliest(earliest(rangeEnd, version.terms.expectedEndDate), termination);
    const openEnded = version.terms.lines.some((line) => ownLastDay(line) === undefined);
    const last = openEnded ? bound : earliest(bound, latestOwnLastDay(version.terms.lines));
    if (last === undefined) {
      return undefined;
    }
    if (
      compareDates(last, version.effectiveFrom) >= 0 &&
      (latest === undefined || compareDates(last, latest) > 0)
    ) {
      latest = last;
    }
  }
  return latest;
}

function latestOwnLastDay(lines: readonly ServiceLine[]): IsoDate | undefined {
  let latest: IsoDate | undefined;
  for (const line of lines) {
    const last = ownLastDay(line);
    if (last !== undefined && (latest === undefined || compareDates(last, latest) > 0)) {
      latest = last;
    }
  }
  return latest;
}

/** The termination proposed last (whatever its state), if any. */
export function latestTermination(agreement: Agreement): Termination | undefined {
  return agreement.terminations.reduce<Termination | undefined>(
    (last, termination) => (last === undefined || termination.number > last.number ? termination : last),
    undefined,
  );
}

/** The termination awaiting signatures, if any. */
export function pendingTermination(agreement: Agreement): Termination | undefined {
  return agreement.terminations.find((termination) => termination.state === 'proposed');
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
 * Value per month of a version's terms: every line's {@link monthlyValueOf}, summed (time-boxed lines included,
 * so the figure is the agreement's peak). Used to pick the delegation rule's tier.
 * @throws Refusal `VALIDATION_FAILED` if the sum overflows.
 */
export function monthlyValueOfTerms(terms: AgreementTerms): Ore {
  return sumOre(terms.lines.map(monthlyValueOf));
}
