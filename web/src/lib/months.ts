import { todayInDenmark } from './format';

/** The month before the current one in Danish time (the last one that can be settled), as YYYY-MM. */
export function previousMonth(today: string = todayInDenmark()): string {
  const [year = 2000, month = 1] = today.split('-').map(Number);
  return month === 1
    ? `${(year - 1).toString()}-12`
    : `${year.toString()}-${(month - 1).toString().padStart(2, '0')}`;
}
