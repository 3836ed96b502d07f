import type { Agreement, AgreementTerms } from './agreement-model';
import {
  addDays,
  addMonthsToMonth,
  compareDates,
  compareMonths,
  monthOf,
  type IsoTimestamp,
  requireMoment,
  type IsoDate,
  type IsoMonth,
  type Moment,
} from './calendar-date';
import { sumOre, type Ore } from './money';
import type { HeldBy } from './month-figures';
import { findReport, holdsInForce, reportPeriods, reportStateAt, type StatusReport } from './obligations';
import { settleMonth } from './settlement';
import { agreedTermination, lastDayInForce, latestAgreedVersion } from './queries';

/** What falls due, ends or needs a decision. */
export type DeadlineKind =
  | 'report_overdue'
  | 'report_due'
  | 'line_re_evaluation'
  | 'line_ends'
  | 'agreement_ends'
  | 'termination_effective';

/** One upcoming (or overdue) deadline of an agreement. */
export interface Deadline {
  readonly agreementId: string;
  readonly kind: DeadlineKind;
  readonly date: IsoDate;
  readonly serviceLineId?: string;
  readonly obligationId?: string;
  readonly periodNumber?: number;
}

/** Default look-ahead for {@link upcomingDeadlines}. */
export const DEFAULT_HORIZON_DAYS = 60;

/**
 * Deadlines from `at.date` up to `horizonDays` ahead, plus every overdue report: reports due (not yet accepted),
 * re-evaluation dates and end dates of lines (latest agreed terms), the expected end, an agreed termination's
 * effective date. Sorted by date, then kind, then ids. Nothing for agreements never in force or already over.
 * @throws Refusal `INVALID_DATE` for a bad moment.
 */
export function upcomingDeadlines(
  agreement: Agreement,
  reports: readonly StatusReport[],
  at: Moment,
  horizonDays: number = DEFAULT_HORIZON_DAYS,
): readonly Deadline[] {
  requireMoment(at);
  const current = latestAgreedVersion(agreement);
  if (!current) {
    return [];
  }
  const horizon = addDays(at.date, horizonDays);
  const inWindow = (date: IsoDate | undefined): date is IsoDate =>
    date !== undefined && compareDates(date, at.date) >= 0 && compareDates(date, horizon) <= 0;
  const deadlines: Deadline[] = [];
  const add = (deadline: Omit<Deadline, 'agreementId'>): void => {
    deadlines.push({ agreementId: agreement.id, ...deadline });
  };
  for (const obligation of agreement.obligations) {
    for (const period of reportPeriods(agreement, obligation, horizon)) {
      const state = reportStateAt(period, findReport(reports, agreement, period), at);
      const report = { obligationId: obligation.id, periodNumber: period.number, date: period.dueDate };
      if (state === 'overdue') {
        add({ kind: 'report_overdue', ...report });
      } else if (state !== 'accepted' && inWindow(period.dueDate)) {
        add({ kind: 'report_due', ...report });
      }
    }
  }
  if (agreement.status === 'active') {
    deadlines.push(...termsDeadlines(agreement.id, current.terms, inWindow));
  }
  const termination = agreedTermination(agreement)?.effectiveDate;
  if (inWindow(termination)) {
    add({ kind: 'termination_effective', date: termination });
  }
  return deadlines.sort(compareDeadlines);
}

/** Re-evaluation and end dates of the lines, and the expected end, that fall in the window. */
function termsDeadlines(
  agreementId: string,
  terms: AgreementTerms,
  inWindow: (date: IsoDate | undefined) => date is IsoDate,
): readonly Deadline[] {
  const deadlines: Deadline[] = [];
  for (const line of terms.lines) {
    if (inWindow(line.reEvaluationDate)) {
      deadlines.push({
        agreementId,
        kind: 'line_re_evaluation',
        date: line.reEvaluationDate,
        serviceLineId: line.id,
      });
    }
    if (inWindow(line.endDate)) {
      deadlines.push({ agreementId, kind: 'line_ends', date: line.endDate, serviceLineId: line.id });
    }
  }
  if (inWindow(terms.expectedEndDate)) {
    deadlines.push({ agreementId, kind: 'agreement_ends', date: terms.expectedEndDate });
  }
  return deadlines;
}

function compareDeadlines(a: Deadline, b: Deadline): number {
  const keyOf = (d: Deadline): string =>
    [
      d.date,
      d.kind,
      d.obligationId ?? '',
      String(d.periodNumber ?? 0).padStart(4, '0'),
      d.serviceLineId ?? '',
    ].join('|');
  const [ka, kb] = [keyOf(a), keyOf(b)];
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** A line's held instalment in one month. */
export interface HeldInstalment {
  readonly agreementId: string;
  readonly month: IsoMonth;
  readonly serviceLineId: string;
  /** Held amount (per-unit lines: of the month's invoiced amount if given, otherwise of its maximum). */
  readonly held: Ore;
  /** Which reports hold it, due when, holding since when. */
  readonly heldBy: readonly HeldBy[];
  /** When the month was settled (recorded), or absent if it is not recorded yet and would be held if settled now. */
  readonly settledAt?: IsoTimestamp;
}

/** Everything held at a moment, with its total. */
export interface HeldInstalments {
  readonly instalments: readonly HeldInstalment[];
  readonly total: Ore;
}

/**
 * What missing reports hold at `at`, month by month and line by line: every month from the start up to the current
 * month (and not after the agreement's last day in force). A recorded month (`settledByMonth`: when it was first
 * recorded) is held by the reports missing past their grace period then and still missing; a month not yet recorded
 * by those missing now, as if settled now. `invoicedByMonth` gives approved per-unit amounts per month and line id,
 * as for `settleMonth`.
 * @throws Refusal `INVALID_DATE` for a bad moment.
 */
export function heldInstalments(
  agreement: Agreement,
  reports: readonly StatusReport[],
  at: Moment,
  invoicedByMonth: Readonly<Record<IsoMonth, Readonly<Record<string, Ore>>>> = {},
  settledByMonth: Readonly<Record<IsoMonth, Moment>> = {},
): HeldInstalments {
  requireMoment(at);
  const instalments: HeldInstalment[] = [];
  // Every hold on any month is still in force now, so no hold now means nothing held.
  if (holdsInForce(agreement, reports, at).length === 0) {
    return { instalments, total: 0 };
  }
  const lastDay = lastDayInForce(agreement);
  const current = monthOf(at.date);
  const until =
    lastDay !== undefined && compareMonths(monthOf(lastDay), current) < 0 ? monthOf(lastDay) : current;
  for (
    let month = monthOf(agreement.startDate);
    compareMonths(month, until) <= 0;
    month = addMonthsToMonth(month, 1)
  ) {
    const invoiced = own(invoicedByMonth, month);
    const settledAt = own(settledByMonth, month);
    for (const line of settleMonth(agreement, month, reports, at, invoiced, settledAt ?? at).lines) {
      if (line.held > 0) {
        instalments.push({
          agreementId: agreement.id,
          month,
          serviceLineId: line.serviceLineId,
          held: line.held,
          heldBy: line.heldBy,
          ...(settledAt === undefined ? {} : { settledAt: settledAt.instant }),
        });
      }
    }
  }
  return { instalments, total: sumOre(instalments.map((instalment) => instalment.held)) };
}

function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
