/**
 * The story's calendar, counted with the platform's Date in UTC (independently of the chaincode's own date code):
 * the story starts on the first day of the month eleven months ago, so it holds on any day and month 12 is now.
 */

/** ISO date of the first day of the current month. */
export function firstDayOfThisMonth(now: Date = new Date()): string {
  return `${now.toISOString().slice(0, 7)}-01`;
}

/** The story's start: the first day of the month eleven months before `now`. */
export function storyStart(now: Date = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1)).toISOString().slice(0, 10);
}

/** ISO date `monthOffset` months after `start`'s month, on day `day` (0: the last day of the month before). */
export function monthDay(start: string, monthOffset: number, day: number): string {
  const [y, m] = start.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + monthOffset, day)).toISOString().slice(0, 10);
}

/** The inclusive last day of `months` calendar months from `start`: 1 January for 3 months ends on 31 March. */
export function lastDayOfMonths(start: string, months: number): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1 + months, d - 1)).toISOString().slice(0, 10);
}

/** `YYYY-MM` of the month `monthOffset` months after `start`'s. */
export function month(start: string, monthOffset: number): string {
  return monthDay(start, monthOffset, 1).slice(0, 7);
}

/** Days in a `YYYY-MM` month. */
export function daysInMonth(isoMonth: string): number {
  const [y, m] = isoMonth.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** ISO date `days` days after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

/** The first Sunday on or after a date: the visitation's anchor. */
export function firstSundayFrom(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + ((7 - day.getUTCDay()) % 7));
  return day.toISOString().slice(0, 10);
}

/** Visits in [from, to] on a rhythm of every `weeks` weeks from `anchor`, counted by stepping through the calendar. */
export function visitsBetween(anchor: string, weeks: number, from: string, to: string): number {
  let count = 0;
  for (const day = new Date(`${anchor}T00:00:00Z`); day.toISOString().slice(0, 10) <= to;) {
    count += day.toISOString().slice(0, 10) >= from ? 1 : 0;
    day.setUTCDate(day.getUTCDate() + 7 * weeks);
  }
  return count;
}

/** Visits in `isoMonth` on a rhythm of every `weeks` weeks from `anchor`. */
export function visitsInMonth(anchor: string, weeks: number, isoMonth: string): number {
  return visitsBetween(anchor, weeks, `${isoMonth}-01`, `${isoMonth}-${daysInMonth(isoMonth).toString()}`);
}

/** The story's months and days, numbered as the story does: month 1 is the start month. */
export class StoryCalendar {
  readonly start: string;

  constructor(start: string = storyStart()) {
    this.start = start;
  }

  /** Month n as `YYYY-MM`. */
  month(n: number): string {
    return month(this.start, n - 1);
  }

  /** Day d of month n. */
  day(n: number, d: number): string {
    return monthDay(this.start, n - 1, d);
  }

  /** The last day of month n. */
  lastDay(n: number): string {
    return monthDay(this.start, n, 0);
  }

  /** How many days month n has. */
  days(n: number): number {
    return daysInMonth(this.month(n));
  }
}
