import type { NoticePeriod } from '@fabric-agreements/api';
import { addDays, addMonthsToMonth, lastDayOfMonth, monthOf, type IsoDate } from './calendar-date';

/**
 * Terms of an agreement that a municipality may set differently from the template's default: the notice period for
 * its termination by the municipality alone, and how long an agreement whose lines stopped at an un-renewed
 * re-evaluation date stays open for a renewal. Drafting copies them onto the agreement (default: the template's).
 */

/** How much notice the municipality gives when it ends an agreement on its own (its schema: `@fabric-agreements/api`). */
export type { NoticePeriod } from '@fabric-agreements/api';

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
