import { compareDates, dateParts, daysInMonth, type IsoDate } from './calendar-date';
import { invalid } from './validation';

/**
 * The Danish civil registration number (CPR-nummer): `DDMMYY-SSSS`, the birth date and a four-digit sequence whose
 * first digit (digit 7 of the number) tells the century. Since 2007 numbers are issued without a modulus-11 check
 * digit, so a failed check is only a warning.
 */
export interface CprNumber {
  /** Ten digits, no dash. */
  readonly digits: string;
  readonly birthDate: IsoDate;
}

/** Something to tell the caller about an accepted input: a stable code, the field, a text without the value. */
export interface ValidationWarning {
  readonly code: string;
  readonly field: string;
  readonly text: string;
}

/** The oldest a child in care can be: aftercare (efterværn) may run until the 23rd birthday. */
export const MAX_CHILD_AGE_YEARS = 22;

const CPR_SHAPE = /^(\d{2})(\d{2})(\d{2})-?(\d)(\d{3})$/;
const MODULUS_11_WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1] as const;

/**
 * Checks a CPR number as a child's: ten digits (with or without the dash), a real birth date with the century from
 * digit 7, a plausible age on `today` (0 to {@link MAX_CHILD_AGE_YEARS} years, not born later than today).
 * Returns the number and, if the modulus-11 check fails, a `cpr_modulus_11` warning. Errors never echo the value.
 * @throws Refusal `VALIDATION_FAILED` with reason `not_a_cpr_number`, `not_a_date` or `implausible_age`.
 */
export function parseChildCpr(
  value: unknown,
  field: string,
  today: IsoDate,
): { readonly cpr: CprNumber; readonly warnings: readonly ValidationWarning[] } {
  const match = typeof value === 'string' ? CPR_SHAPE.exec(value) : null;
  if (match === null) {
    return invalid(field, 'not_a_cpr_number', 'must be ten digits, optionally written DDMMYY-SSSS');
  }
  const [, dd, mm, yy, centuryDigit, rest] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const day = Number(dd);
  const month = Number(mm);
  const year = centuryOf(Number(centuryDigit), Number(yy)) + Number(yy);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return invalid(field, 'not_a_date', 'does not start with a real birth date (DDMMYY)');
  }
  const birthDate = `${String(year).padStart(4, '0')}-${mm}-${dd}`;
  const age = ageInYears(birthDate, today);
  if (compareDates(birthDate, today) > 0 || age > MAX_CHILD_AGE_YEARS) {
    return invalid(
      field,
      'implausible_age',
      `is not the number of a child (age 0 to ${MAX_CHILD_AGE_YEARS})`,
      {
        minAge: 0,
        maxAge: MAX_CHILD_AGE_YEARS,
      },
    );
  }
  const digits = `${dd}${mm}${yy}${centuryDigit}${rest}`;
  const warnings: ValidationWarning[] = passesModulus11(digits)
    ? []
    : [
        {
          code: 'cpr_modulus_11',
          field,
          text: 'fails the modulus-11 check; accepted, as numbers issued since 2007 need not pass it',
        },
      ];
  return { cpr: { digits, birthDate }, warnings };
}

/**
 * The century of a two-digit birth year, from digit 7 (the CPR office's table): 0–3 → 1900s; 4 and 9 → 2000s for
 * years 00–36, else 1900s; 5–8 → 2000s for years 00–57, else 1800s.
 */
export function centuryOf(digit7: number, twoDigitYear: number): number {
  if (digit7 <= 3) {
    return 1900;
  }
  if (digit7 === 4 || digit7 === 9) {
    return twoDigitYear <= 36 ? 2000 : 1900;
  }
  return twoDigitYear <= 57 ? 2000 : 1800;
}

/** Whether ten digits pass the modulus-11 check (weights 4 3 2 7 6 5 4 3 2 1). */
export function passesModulus11(digits: string): boolean {
  const sum = MODULUS_11_WEIGHTS.reduce((total, weight, index) => total + weight * Number(digits[index]), 0);
  return sum % 11 === 0;
}

/** Completed years between a birth date and a later date (a 29 February birthday is passed on 1 March). */
function ageInYears(birthDate: IsoDate, today: IsoDate): number {
  const birth = dateParts(birthDate);
  const now = dateParts(today);
  const hadBirthday = now.month > birth.month || (now.month === birth.month && now.day >= birth.day);
  return now.year - birth.year - (hadBirthday ? 0 : 1);
}
