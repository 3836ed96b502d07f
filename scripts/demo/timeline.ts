/** Printing the case story for people: amounts in kroner, one line per step. */
import type { Ore } from 'agreements-client';

/** `12850000` øre → `128 500 kr`; øre are shown only when there are any (`10 553,14 kr`). */
export function formatKroner(ore: Ore): string {
  const sign = ore < 0 ? '-' : '';
  const absolute = Math.abs(ore);
  const whole = Math.floor(absolute / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  const fraction = absolute % 100;
  return `${sign}${whole}${fraction === 0 ? '' : `,${fraction.toString().padStart(2, '0')}`} kr`;
}

/** One timeline entry as two lines: date, who and what; then what came back. */
export function formatEntry(entry: { date: string; who: string; what: string; outcome: string }): string {
  return `${entry.date}  ${entry.who}: ${entry.what}\n            → ${entry.outcome}`;
}
