import { Refusal } from '@fabric-agreements/api';

/**
 * Calendar arithmetic on ISO dates, with integers only (no `Date`, no time zones).
 *
 * Every period in the domain is a closed interval of calendar days: a start date and an inclusive end date
 * (the last day something is active). An absent end date means open-ended.
 */

/** An ISO calendar date `YYYY-MM-DD`. */
export type IsoDate = string;
/** An ISO calendar month `YYYY-MM`. */
export type IsoMonth = string;
/** A UTC instant `YYYY-MM-DDTHH:MM:SS(.fraction)Z`, e.g. the transaction timestamp. */
export type IsoTimestamp = string;

/**
 * When something happens: the transaction's instant and the calendar date it falls on. The caller decides the
 * date's time zone (the contract layer uses Europe/Copenhagen); the domain never reads a clock.
 */
export interface Moment {
  readonly instant: IsoTimestamp;
  readonly date: IsoDate;
}

const MIN_YEAR = 1000;
const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_SHAPE = /^(\d{4})-(\d{2})$/;
const TIMESTAMP_SHAPE = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?Z$/;

/** Year, month (1–12) and day of a calendar date. */
export interface CalendarParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Number of days in a month (1–12) of a year, leap years included. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    return isLeapYear(year) ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Whether a value is a real ISO calendar date (`2026-02-29` is not). */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && datePartsOrUndefined(value) !== undefined;
}

/** Whether a value is a real ISO month `YYYY-MM`. */
export function isIsoMonth(value: unknown): value is IsoMonth {
  return typeof value === 'string' && monthPartsOrUndefined(value) !== undefined;
}

/** Whether a value is a UTC ISO timestamp with a real date. */
export function isIsoTimestamp(value: unknown): value is IsoTimestamp {
  if (typeof value !== 'string') {
    return false;
  }
  const match = TIMESTAMP_SHAPE.exec(value);
  return match?.[1] !== undefined && isIsoDate(match[1]);
}

/**
 * Splits a date into its parts.
 * @throws Refusal `INVALID_DATE` if the value is not a real ISO date.
 */
export function dateParts(date: IsoDate): CalendarParts {
  const parts = datePartsOrUndefined(date);
  if (!parts) {
    throw new Refusal('INVALID_DATE', 'not an ISO calendar date (YYYY-MM-DD)');
  }
  return parts;
}

/**
 * Splits a month into year and month.
 * @throws Refusal `INVALID_DATE` if the value is not a real ISO month.
 */
export function monthParts(month: IsoMonth): { readonly year: number; readonly month: number } {
  const parts = monthPartsOrUndefined(month);
  if (!parts) {
    throw new Refusal('INVALID_DATE', 'not an ISO month (YYYY-MM)');
  }
  return parts;
}

function datePartsOrUndefined(value: string): CalendarParts | undefined {
  const match = DATE_SHAPE.exec(value);
  if (!match) {
    return undefined;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < MIN_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  return { year, month, day };
}

function monthPartsOrUndefined(value: string): { year: number; month: number } | undefined {
  const match = MONTH_SHAPE.exec(value);
  if (!match) {
    return undefined;
  }
  const [year, month] = [Number(match[1]), Number(match[2])];
  return year < MIN_YEAR || month < 1 || month > 12 ? undefined : { year, month };
}

/**
 * Days since 1970-01-01 (days-from-civil), so that date differences are integer subtraction.
 * @throws Refusal `INVALID_DATE` if the value is not a real ISO date.
 */
export function toDayNumber(date: IsoDate): number {
  const { year, month, day } = dateParts(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The ISO date of a day number (inverse of {@link toDayNumber}). */
export function fromDayNumber(dayNumber: number): IsoDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return formatDate(year, month, day);
}

function formatDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

function formatMonth(year: number, month: number): IsoMonth {
  return `${String(year).padStart(4, '0')}-${pad2(month)}`;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * `date` plus `days` (may be negative).
 * @throws Refusal `INVALID_DATE` if `date` is not a real ISO date.
 */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * `date` plus `months` calendar months (may be negative). The day is clamped to the target month's length, so
 * 31 January plus one month is the last day of February.
 * @throws Refusal `INVALID_DATE` if `date` is not a real ISO date.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = dateParts(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return formatDate(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/**
 * The inclusive last day of a period of `months` calendar months starting on `start`: the day before
 * `addMonths(start, months)`. 1 January for 3 months ends on 31 March.
 * @throws Refusal `INVALID_DATE` if `start` is not a real ISO date.
 */
export function lastDayOfMonths(start: IsoDate, months: number): IsoDate {
  return addDays(addMonths(start, months), -1);
}

/**
 * Compares two dates: negative, zero or positive.
 * @throws Refusal `INVALID_DATE` if either is not a real ISO date.
 */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return Math.sign(toDayNumber(a) - toDayNumber(b));
}

/** The earlier of two dates, treating `undefined` as "no bound". */
export function earliest(a: IsoDate | undefined, b: IsoDate | undefined): IsoDate | undefined {
  if (a === undefined) {
    return b;
  }
  if (b === undefined) {
    return a;
  }
  return compareDates(a, b) <= 0 ? a : b;
}

/**
 * Number of days from `from` to `to` (`to - from`).
 * @throws Refusal `INVALID_DATE` if either is not a real ISO date.
 */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * The month a date falls in.
 * @throws Refusal `INVALID_DATE` if `date` is not a real ISO date.
 */
export function monthOf(date: IsoDate): IsoMonth {
  const { year, month } = dateParts(date);
  return formatMonth(year, month);
}

/**
 * First day of a month.
 * @throws Refusal `INVALID_DATE` if `month` is not a real ISO month.
 */
export function firstDayOfMonth(month: IsoMonth): IsoDate {
  const parts = monthParts(month);
  return formatDate(parts.year, parts.month, 1);
}

/**
 * Last day of a month.
 * @throws Refusal `INVALID_DATE` if `month` is not a real ISO month.
 */
export function lastDayOfMonth(month: IsoMonth): IsoDate {
  const parts = monthParts(month);
  return formatDate(parts.year, parts.month, daysInMonth(parts.year, parts.month));
}

/**
 * Number of days in an ISO month.
 * @throws Refusal `INVALID_DATE` if `month` is not a real ISO month.
 */
export function daysInIsoMonth(month: IsoMonth): number {
  const parts = monthParts(month);
  return daysInMonth(parts.year, parts.month);
}

/**
 * `month` plus `months` (may be negative).
 * @throws Refusal `INVALID_DATE` if `month` is not a real ISO month.
 */
export function addMonthsToMonth(month: IsoMonth, months: number): IsoMonth {
  const parts = monthParts(month);
  const index = parts.year * 12 + (parts.month - 1) + months;
  return formatMonth(Math.floor(index / 12), (index % 12) + 1);
}

/**
 * Compares two months: negative, zero or positive.
 * @throws Refusal `INVALID_DATE` if either is not a real ISO month.
 */
export function compareMonths(a: IsoMonth, b: IsoMonth): number {
  const [pa, pb] = [monthParts(a), monthParts(b)];
  return Math.sign(pa.year * 12 + pa.month - (pb.year * 12 + pb.month));
}

/**
 * Number of days of the closed interval `[start, end]` (end inclusive, `undefined` = open-ended) that fall in
 * `month`; 0 if they do not meet.
 * @throws Refusal `INVALID_DATE` if a date or the month is not real.
 */
export function overlapDays(start: IsoDate, end: IsoDate | undefined, month: IsoMonth): number {
  const from = Math.max(toDayNumber(start), toDayNumber(firstDayOfMonth(month)));
  const last = toDayNumber(lastDayOfMonth(month));
  const to = end === undefined ? last : Math.min(toDayNumber(end), last);
  return Math.max(0, to - from + 1);
}

/**
 * Compares two UTC timestamps (fractions of different lengths compare correctly): negative, zero or positive.
 * @throws Refusal `INVALID_DATE` if either is not a UTC ISO timestamp.
 */
export function compareTimestamps(a: IsoTimestamp, b: IsoTimestamp): number {
  const [na, nb] = [normaliseTimestamp(a), normaliseTimestamp(b)];
  return na < nb ? -1 : na > nb ? 1 : 0;
}

function normaliseTimestamp(value: IsoTimestamp): string {
  if (!isIsoTimestamp(value)) {
    throw new Refusal('INVALID_DATE', 'not a UTC ISO timestamp (YYYY-MM-DDTHH:MM:SS.sssZ)');
  }
  const [seconds = '', fraction = ''] = value.slice(0, -1).split('.');
  return `${seconds}.${fraction.padEnd(9, '0')}`;
}

/**
 * Checks a moment handed in by the caller.
 * @throws Refusal `INVALID_DATE` if the instant is not a UTC ISO timestamp or the date not a real ISO date.
 */
export function requireMoment(at: Moment): Moment {
  if (!isIsoTimestamp(at.instant) || !isIsoDate(at.date)) {
    throw new Refusal('INVALID_DATE', 'the transaction time is not a valid instant and date');
  }
  return at;
}
