import { MAX_NOTICE_MONTHS, MAX_NOTICE_DAYS, MAX_RENEWAL_WINDOW_DAYS } from '@fabric-agreements/api';
export { MAX_NOTICE_MONTHS, MAX_NOTICE_DAYS, MAX_RENEWAL_WINDOW_DAYS } from '@fabric-agreements/api';
import { addDays, addMonthsToMonth, lastDayOfMonth, monthOf, type IsoDate } from './calendar-date';
import { invalid, requireInteger } from './validation';

/**
 * Terms of an agreement that a municipality may set differently from the template's default: the notice period for
 * its termination by the municipality alone, and how long an agreement whose lines stopped at an un-renewed
 * re-evaluation date stays open for a renewal. Drafting copies them onto the agreement (default: the template's).
 */

/**
 * How much notice the municipality gives when it ends an agreement on its own:
 * - `running_month_plus_months`: the rest of the month notice is given in, then `months` whole months
 *   ("løbende måned + 1 måned": notice on 10 March ends on 30 April);
 * - `days`: `days` calendar days after the day notice is given.
 */
export type NoticePeriod =
  | { readonly unit: 'running_month_plus_months'; readonly months: number }
  | { readonly unit: 'days'; readonly days: number };

/** The terms an agreement carries besides its versions' lines. */
export interface AgreementTermsDefaults {
  readonly noticePeriod: NoticePeriod;
  /** Days after the last re-evaluation date (or the activation, if later) during which a renewal is still possible. */
  readonly renewalWindowDays: number;
}

/**
 * The default terms: running month plus one month's notice, a renewal window of 90 days. See docs/domain-rules.md
 * (Termination; Service lines, versions and amendments) for why.
 */
export const DEFAULT_AGREEMENT_TERMS: AgreementTermsDefaults = {
  noticePeriod: { unit: 'running_month_plus_months', months: 1 },
  renewalWindowDays: 90,
};

/**
 * The earliest last day in force of a termination by notice given on `noticeDate`.
 * @throws Refusal `INVALID_DATE` if the date is not a real ISO date.
 */
export function noticePeriodEnd(noticePeriod: NoticePeriod, noticeDate: IsoDate): IsoDate {
  return noticePeriod.unit === 'days'
    ? addDays(noticeDate, noticePeriod.days)
    : lastDayOfMonth(addMonthsToMonth(monthOf(noticeDate), noticePeriod.months));
}

/**
 * Parses a notice period from untyped JSON.
 * @throws Refusal `VALIDATION_FAILED` for anything but the two shapes within their bounds.
 */
export function requireNoticePeriod(value: unknown, field: string): NoticePeriod {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return invalid(field, 'not_an_object', 'must be an object');
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort().join(',');
  if (record.unit === 'running_month_plus_months' && keys === 'months,unit') {
    return {
      unit: record.unit,
      months: requireInteger(record.months, `${field}.months`, 0, MAX_NOTICE_MONTHS),
    };
  }
  if (record.unit === 'days' && keys === 'days,unit') {
    return { unit: record.unit, days: requireInteger(record.days, `${field}.days`, 0, MAX_NOTICE_DAYS) };
  }
  return invalid(
    field,
    'not_a_notice_period',
    'must be {"unit":"running_month_plus_months","months":n} or {"unit":"days","days":n}',
  );
}

/**
 * Parses a renewal window in days.
 * @throws Refusal `VALIDATION_FAILED` unless a whole number 0–{@link MAX_RENEWAL_WINDOW_DAYS}.
 */
export function requireRenewalWindowDays(value: unknown, field: string): number {
  return requireInteger(value, field, 0, MAX_RENEWAL_WINDOW_DAYS);
}
