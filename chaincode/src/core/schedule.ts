import { ScheduleSchema, type Frozen, type Static } from '@fabric-agreements/api';
import { addMonths, compareDates, dateParts, daysBetween, type IsoDate } from './calendar-date';
import { parseBySchema } from './schema-walk';

/**
 * When a recurring per-unit service happens: "every second Sunday" is an anchor date (a Sunday) and an interval of
 * 2 weeks, not 0.5 visits a week. A month allows exactly the occurrences that fall in it (on the line's active days).
 */

/**
 * A recurrence: the anchor date and every `interval` weeks (same weekday) or months (same day, clamped), 1–52 weeks
 * or 1–12 months. Its schema and type: `ScheduleSchema` in `@fabric-agreements/api`.
 */
export type Schedule = Frozen<Static<typeof ScheduleSchema>>;

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
 * Reads and checks a schedule by its schema.
 * @throws Refusal `VALIDATION_FAILED` / `INVALID_DATE` naming the field.
 */
export function parseSchedule(value: unknown, field: string): Schedule {
  return parseBySchema(ScheduleSchema, value, field);
}

/**
 * Checks a schedule already typed (as drafts arrive parsed, and amendments keep it).
 * @throws Refusal `VALIDATION_FAILED` naming the field.
 */
export function validateSchedule(schedule: Schedule, field: string): void {
  parseSchedule(schedule, field);
}
