import type { StatusReportSubmission } from '@fabric-agreements/api';
import { MAX_REPORT_PERIODS, Refusal } from '@fabric-agreements/api';
export { MAX_REPORT_PERIODS } from '@fabric-agreements/api';
import { requireStatus } from './agreement';
import type { Agreement, Obligation } from './agreement-model';
import {
  addDays,
  addMonths,
  compareDates,
  compareTimestamps,
  earliest,
  requireMoment,
  type IsoDate,
  type IsoTimestamp,
  type Moment,
} from './calendar-date';
import { MUNICIPAL_ROLES, requireActorOn, rolesOfSide, type Actor } from './parties';
import type { ReleaseEvent, ServiceLineKind } from './templates';
import { lastDayInForce, latestAgreedVersion } from './queries';
import { invalid, requireDocumentHash, requireInteger } from './validation';

/**
 * Status reports. Report n of an obligation every N months covers the days from `start + N×(n−1)` months to the day
 * before `start + N×n` months, and is due on `start + N×n` months (the first day after the period). A report still
 * missing after its due date plus the obligation's grace period holds — looking forward — the gated lines'
 * instalments of every month settled while it is missing, until it is submitted (or, if the obligation says so,
 * accepted).
 */

/** One reporting period of an obligation. */
export interface ReportPeriod {
  readonly obligationId: string;
  readonly number: number;
  readonly startDate: IsoDate;
  /** Last covered day (inclusive); the final period stops on the agreement's last day in force. */
  readonly endDate: IsoDate;
  /** The report is late from the day after this date. */
  readonly dueDate: IsoDate;
}

/** One submitted document; versions are never changed or removed. */
export interface StatusReportVersion {
  readonly version: number;
  /** SHA-256 of the document, which itself lives off-chain. */
  readonly documentHash: string;
  readonly submittedAt: IsoTimestamp;
  readonly submittedBy: string;
  /** Submitted after an earlier version had been accepted. */
  readonly correction: boolean;
}

/** A caseworker's acceptance of one version. */
export interface ReportAcceptance {
  readonly version: number;
  readonly acceptedAt: IsoTimestamp;
  readonly acceptedBy: string;
}

/** The report for one period, with every version and acceptance. */
export interface StatusReport {
  readonly agreementId: string;
  readonly obligationId: string;
  readonly periodNumber: number;
  readonly periodStart: IsoDate;
  readonly periodEnd: IsoDate;
  readonly dueDate: IsoDate;
  readonly versions: readonly StatusReportVersion[];
  readonly acceptances: readonly ReportAcceptance[];
}

/** What a provider submits: the static type of its schema in `@fabric-agreements/api`. */
export type { StatusReportSubmission } from '@fabric-agreements/api';

/** A period whose report is missing past its grace period, and so holds the lines it gates. */
export interface ReportHold extends ReportPeriod {
  readonly gatedLineKinds: readonly ServiceLineKind[];
  /** First day of the hold: the day after the due date plus the grace period. */
  readonly heldFrom: IsoDate;
  /** What ends the hold. */
  readonly releasedBy: ReleaseEvent;
}

/** Where a period's report stands on a given moment. */
export type ReportState = 'accepted' | 'submitted' | 'awaited' | 'overdue';

/** Municipal roles that may accept a report: the caseworker, and those the caseworker answers to. */
export const REPORT_ACCEPTING_ROLES = MUNICIPAL_ROLES;

/**
 * The reporting periods of an obligation that have started on or before `until` (and before the agreement's last
 * day in force). Empty until the agreement has an agreed version.
 * @throws Refusal `INVALID_DATE` if `until` is not a real ISO date.
 */
export function reportPeriods(
  agreement: Agreement,
  obligation: Obligation,
  until: IsoDate,
): readonly ReportPeriod[] {
  if (!latestAgreedVersion(agreement)) {
    return [];
  }
  const last = lastDayInForce(agreement);
  const periods: ReportPeriod[] = [];
  for (let number = 1; number <= MAX_REPORT_PERIODS; number++) {
    const startDate = addMonths(agreement.startDate, obligation.everyMonths * (number - 1));
    if (compareDates(startDate, until) > 0 || (last !== undefined && compareDates(startDate, last) > 0)) {
      break;
    }
    const dueDate = addMonths(agreement.startDate, obligation.everyMonths * number);
    const endDate = earliest(addDays(dueDate, -1), last) ?? addDays(dueDate, -1);
    periods.push({ obligationId: obligation.id, number, startDate, endDate, dueDate });
  }
  return periods;
}

/**
 * Records a provider's report (a document hash) for a period. Before acceptance any resubmission is a new version;
 * after acceptance only an explicit correction is. Submitting the latest version's hash again changes nothing.
 * @throws Refusal `INVALID_STATE` before the agreement is in force; `NOT_FOUND` for an unknown obligation;
 * `FORBIDDEN` / `WRONG_ROLE` unless staff of the obligated party; `PRECONDITION_FAILED` for a period that has not
 * started or lies after the agreement; `REPORT_ALREADY_ACCEPTED` for a non-correction after acceptance;
 * `VALIDATION_FAILED` for a bad hash or period number, or an existing report of another period.
 */
export function submitStatusReport(
  agreement: Agreement,
  existing: StatusReport | undefined,
  submission: StatusReportSubmission,
  actor: Actor,
  at: Moment,
): StatusReport {
  requireMoment(at);
  requireStatus(agreement, ['active', 'terminated', 'expired']);
  const obligation = findObligation(agreement, submission.obligationId);
  requireActorOn(agreement, actor, obligation.obligatedSide, rolesOfSide(obligation.obligatedSide));
  const period = findPeriod(agreement, obligation, submission.periodNumber, at.date);
  const documentHash = requireDocumentHash(submission.documentHash, 'documentHash');
  const report = existing ?? {
    agreementId: agreement.id,
    obligationId: obligation.id,
    periodNumber: period.number,
    periodStart: period.startDate,
    periodEnd: period.endDate,
    dueDate: period.dueDate,
    versions: [],
    acceptances: [],
  };
  requireSamePeriod(report, agreement, period);
  const latest = report.versions.at(-1);
  if (latest?.documentHash === documentHash) {
    return report;
  }
  const accepted = report.acceptances.length > 0;
  if (accepted && submission.correction !== true) {
    throw new Refusal('REPORT_ALREADY_ACCEPTED', 'the report is accepted; submit a correction instead', {
      periodNumber: period.number,
    });
  }
  const version: StatusReportVersion = {
    version: (latest?.version ?? 0) + 1,
    documentHash,
    submittedAt: at.instant,
    submittedBy: actor.certId,
    correction: accepted,
  };
  return { ...report, versions: [...report.versions, version] };
}

/**
 * The caseworker accepts the latest version of a report, which releases what it held. Accepting the version
 * already accepted changes nothing.
 * @throws Refusal `FORBIDDEN` / `WRONG_ROLE` unless municipal staff; `VERSION_MISMATCH` unless `version` is the
 * latest; `VALIDATION_FAILED` if the report belongs to another agreement.
 */
export function acceptStatusReport(
  agreement: Agreement,
  report: StatusReport,
  version: number,
  actor: Actor,
  at: Moment,
): StatusReport {
  requireMoment(at);
  requireActorOn(agreement, actor, 'municipality', REPORT_ACCEPTING_ROLES);
  if (report.agreementId !== agreement.id) {
    invalid('agreementId', 'report_mismatch', 'the report belongs to another agreement');
  }
  const latest = report.versions.at(-1);
  if (latest?.version !== version) {
    throw new Refusal('VERSION_MISMATCH', 'only the latest version of a report can be accepted', {
      expectedVersion: latest?.version ?? 0,
      version,
    });
  }
  if (report.acceptances.at(-1)?.version === version) {
    return report;
  }
  return {
    ...report,
    acceptances: [...report.acceptances, { version, acceptedAt: at.instant, acceptedBy: actor.certId }],
  };
}

/** Whether some version of the report had been accepted at `instant`. */
export function isAcceptedAt(report: StatusReport | undefined, instant: IsoTimestamp): boolean {
  return (report?.acceptances ?? []).some(
    (acceptance) => compareTimestamps(acceptance.acceptedAt, instant) <= 0,
  );
}

/**
 * Where the report of a period stands at `at`: accepted, submitted (not yet accepted), awaited (not due yet) or
 * overdue (due date passed, nothing accepted).
 * @throws Refusal `INVALID_DATE` if `at` is not a valid moment.
 */
export function reportStateAt(
  period: ReportPeriod,
  report: StatusReport | undefined,
  at: Moment,
): ReportState {
  if (isAcceptedAt(report, at.instant)) {
    return 'accepted';
  }
  if (compareDates(at.date, period.dueDate) > 0) {
    return 'overdue';
  }
  const submitted = (report?.versions ?? []).some((v) => compareTimestamps(v.submittedAt, at.instant) <= 0);
  return submitted ? 'submitted' : 'awaited';
}

/** The first day a missing report of `period` holds instalments: the day after its due date plus the grace period. */
export function holdStartsOn(obligation: Obligation, period: ReportPeriod): IsoDate {
  return addDays(period.dueDate, obligation.graceDays + 1);
}

/**
 * When the report's hold was released, if by `instant`: its first submission, or its first acceptance when the
 * obligation requires acceptance. Corrections after that change nothing.
 */
export function releasedAt(
  report: StatusReport | undefined,
  releasedBy: ReleaseEvent,
  instant: IsoTimestamp,
): IsoTimestamp | undefined {
  const events =
    releasedBy === 'submission'
      ? (report?.versions ?? []).map((version) => version.submittedAt)
      : (report?.acceptances ?? []).map((acceptance) => acceptance.acceptedAt);
  return events
    .filter((event) => compareTimestamps(event, instant) <= 0)
    .sort(compareTimestamps)
    .at(0);
}

/**
 * The holds in force at `at`: reports whose hold has begun (`at.date` on or after {@link holdStartsOn}) and that
 * were not yet released at `at.instant`. A month settled at `at` is held by exactly these.
 * @throws Refusal `INVALID_DATE` if `at` is not a valid moment.
 */
export function holdsInForce(
  agreement: Agreement,
  reports: readonly StatusReport[],
  at: Moment,
): readonly ReportHold[] {
  requireMoment(at);
  return agreement.obligations.flatMap((obligation) =>
    reportPeriods(agreement, obligation, at.date)
      .map((period) => ({
        ...period,
        gatedLineKinds: obligation.gatedLineKinds,
        heldFrom: holdStartsOn(obligation, period),
        releasedBy: obligation.releasedBy,
      }))
      .filter(
        (hold) =>
          compareDates(hold.heldFrom, at.date) <= 0 &&
          releasedAt(findReport(reports, agreement, hold), hold.releasedBy, at.instant) === undefined,
      ),
  );
}

/**
 * The holds on a month settled at `settledAt`, as they stand at `at`: the holds in force when it was settled that
 * have not been released since. Holds that began after the month was settled never reach it (a recorded
 * settlement is never reopened).
 * @throws Refusal `INVALID_DATE` for a bad moment.
 */
export function holdsOnSettlement(
  agreement: Agreement,
  reports: readonly StatusReport[],
  settledAt: Moment,
  at: Moment,
): readonly ReportHold[] {
  requireMoment(at);
  return holdsInForce(agreement, reports, settledAt).filter(
    (hold) => releasedAt(findReport(reports, agreement, hold), hold.releasedBy, at.instant) === undefined,
  );
}

/** The report of a period among many, if any. */
export function findReport(
  reports: readonly StatusReport[],
  agreement: Agreement,
  period: ReportPeriod,
): StatusReport | undefined {
  return reports.find(
    (report) =>
      report.agreementId === agreement.id &&
      report.obligationId === period.obligationId &&
      report.periodNumber === period.number,
  );
}

function findObligation(agreement: Agreement, obligationId: string): Obligation {
  const obligation = agreement.obligations.find((candidate) => candidate.id === obligationId);
  if (!obligation) {
    throw new Refusal('NOT_FOUND', 'the agreement has no such obligation', { obligationId });
  }
  return obligation;
}

function findPeriod(
  agreement: Agreement,
  obligation: Obligation,
  periodNumber: number,
  today: IsoDate,
): ReportPeriod {
  requireInteger(periodNumber, 'periodNumber', 1, MAX_REPORT_PERIODS);
  const period = reportPeriods(agreement, obligation, today).find(
    (candidate) => candidate.number === periodNumber,
  );
  if (!period) {
    throw new Refusal('PRECONDITION_FAILED', 'the period has not started or lies after the agreement', {
      periodNumber,
    });
  }
  return period;
}

function requireSamePeriod(report: StatusReport, agreement: Agreement, period: ReportPeriod): void {
  if (
    report.agreementId !== agreement.id ||
    report.obligationId !== period.obligationId ||
    report.periodNumber !== period.number
  ) {
    invalid('periodNumber', 'report_mismatch', 'the stored report belongs to another period');
  }
}
