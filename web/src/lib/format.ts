import type { Language } from '../i18n/language';

const LOCALES: Readonly<Record<Language, string>> = { da: 'da-DK', en: 'en-GB' };

/** An amount in øre as kroner: "95.000,00 kr." in Danish, "DKK 95,000.00" in English. */
export function formatKroner(ore: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency: 'DKK' }).format(ore / 100);
}

/** A calendar date (YYYY-MM-DD) as "1. januar 2026" / "1 January 2026". */
export function formatDate(date: string | undefined, language: Language): string {
  if (date === undefined || !/^\d{4}-\d{2}-\d{2}/.test(date)) {
    return '–';
  }
  const [year, month, day] = date.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(LOCALES[language], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1)));
}

/** A timestamp in Danish time, with the hour. */
export function formatMoment(timestamp: string | undefined, language: Language): string {
  if (timestamp === undefined) {
    return '–';
  }
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) {
    return '–';
  }
  return new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Copenhagen',
  }).format(date);
}

/** A month (YYYY-MM) as "januar 2026". */
export function formatMonth(month: string, language: Language): string {
  const [year, number] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(LOCALES[language], {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year ?? 0, (number ?? 1) - 1, 1)));
}

/** A quantity with at most two decimals, in the language's notation. */
export function formatQuantity(quantity: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 2 }).format(quantity);
}

/**
 * Kroner as typed by a person ("95.000", "95 000", "444,50", "95000.5") to øre, or `undefined` when it is not an
 * amount. A comma is the decimal mark when present (Danish); otherwise a dot followed by one or two final digits is.
 */
export function parseKroner(text: string): number | undefined {
  let value = text.replace(/\s|kr\.?|DKK/gi, '');
  if (value.includes(',')) {
    if (/\.\d{1,2}$/.test(value)) {
      value = value.replace(/,/g, '');
    } else {
      value = value.replace(/\./g, '').replace(',', '.');
    }
  } else if (!/^\d+\.\d{1,2}$/.test(value)) {
    value = value.replace(/\./g, '');
  }
  if (!/^\d+(\.\d{1,2})?$/.test(value)) {
    return undefined;
  }
  const [whole = '0', fraction = ''] = value.split('.');
  const ore = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(ore) ? ore : undefined;
}

/** A quantity as typed (comma or dot decimals, at most two), or `undefined`. */
export function parseQuantity(text: string): number | undefined {
  const value = text.trim().replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(value)) {
    return undefined;
  }
  return Number(value);
}

/** Today in Danish time as YYYY-MM-DD. */
export function todayInDenmark(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(now);
}
