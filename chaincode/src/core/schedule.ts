import { SCHEDULE_UNITS, type ScheduleUnit } from '@fabric-agreements/api';
export { SCHEDULE_UNITS, type ScheduleUnit } from '@fabric-agreements/api';
import { addMonths, compareDates, dateParts, daysBetween, type IsoDate } from './calendar-date';
import { requireInteger, requireIsoDate, requireOneOf, requireRecord } from './validation';

/**
 * When a recurring per-unit service happens: "every second Sunday" is an anchor date (a Sunday) and an interval of
 * 2 weeks, not 0.5 visits a week. A month allows exactly the occurrences that fall in it (on the line's active days).
 */

/** A recurrence: the anchor date and every `interval` weeks (same weekday) or months (same day, clamped). */
export interface Schedule {
  /** The first occurrence; its weekday (or day of the month) sets the rhythm. */
  readonly anchorDate: IsoDate;
  readonly every: ScheduleUnit;
  /** 1 = weekly (monthly), 2 = every second week (month), … */
  readonly interval: number;
}

/** Longest interval: a year. */
export const MAX_SCHEDULE_INTERVAL: Readonly<Record<ScheduleUnit, number>> = { week: 52, month: 12 };

const DAYS_PER_WEEK = 7;

/**
 * Whether a recurrence falls on `date`: on or after the anchor, a whole number of intervals from it. Monthly
 * occurrences are counted from the anchor (never chained), with the day clamped to the month's end: an anchor on
 * 31 January recurs on 28 (29) February and 31 March.
 * @throws Refusal `INVALID_DATE` for a bad date.
 */
export function occursOn(schedule: Schedule, date: IsoDate): boolean {
  if (compareDates(date, schedule.anchorDate) < 0) {
    return false;
  }
  if (schedule.every === 'week') {
    return daysBetween(schedule.anchorDate, date) % (DAYS_PER_WEEK * schedule.interval) === 0;
  }
  const anchor = dateParts(schedule.anchorDate);
  const at = dateParts(date);
  const months = (at.year - anchor.year) * 12 + (at.month - anchor.month);
  return months % schedule.interval === 0 && addMonths(schedule.anchorDate, months) === date;
}

/**
 * Reads and checks a schedule: `{"anchorDate", "every": "week"|"month", "interval": 1–52 (weeks) or 1–12 (months)}`.
 * @throws Refusal `VALIDATION_FAILED` / `INVALID_DATE` naming the field.
 */
export function parseSchedule(value: unknown, field: string): Schedule {
  const record = requireRecord(value, field, ['anchorDate', 'every', 'interval']);
  const every = requireOneOf(record.every, `${field}.every`, SCHEDULE_UNITS);
  return {
    anchorDate: requireIsoDate(record.anchorDate, `${field}.anchorDate`),
    every,
    interval: requireInteger(record.interval, `${field}.interval`, 1, MAX_SCHEDULE_INTERVAL[every]),
  };
}

/**
 * Checks a schedule already typed (as drafts arrive parsed, and amendments keep it).
 * @throws Refusal `VALIDATION_FAILED` naming the field.
 */
export function validateSchedule(schedule: Schedule, field: string): void {
  parseSchedule(schedule, field);
}
