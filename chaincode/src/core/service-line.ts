import type { ServiceLine } from '@fabric-agreements/api';
import { MAX_SERVICE_LINES } from '@fabric-agreements/api';
import { compareDates, earliest, type IsoDate } from './calendar-date';
import { requireId } from './ids';
import { divideRoundHalfUp, toOre, type Ore } from './money';
import { validateSchedule } from './schedule';
import { toHundredths } from './quantity';
import { lineKindRule, type AgreementTemplate } from './templates';
import { invalid, requireIsoDate, requireOre, requireQuantity } from './validation';

/**
 * A service line: its shape (and the static types) is the schema in `@fabric-agreements/api`. Dates are inclusive;
 * an absent end means "until the agreement ends"; a re-evaluation date is the last active day unless an amendment
 * renews the line by moving it. A per-unit line has a schedule when, and only when, its quantity is per occurrence.
 */
export type { MonthlyServiceLine, PerUnitServiceLine, ServiceLine } from '@fabric-agreements/api';

/** The days an agreement's lines must lie within. */
export interface LineBounds {
  readonly startDate: IsoDate;
  readonly expectedEndDate?: IsoDate;
}

/** The day a line stops by its own terms (end date or un-renewed re-evaluation), if any. */
export function ownLastDay(line: ServiceLine): IsoDate | undefined {
  return earliest(line.endDate, line.reEvaluationDate);
}

/**
 * Checks a service line against its template and the agreement's period.
 * @throws Refusal `INVALID_ID` for a bad id; `VALIDATION_FAILED` (details.field under `field`) if the kind is not
 * allowed, the pricing does not match the template, a price or quantity is not positive, or a date lies outside the
 * agreement or before the line's start.
 */
export function validateServiceLine(
  line: ServiceLine,
  template: AgreementTemplate,
  bounds: LineBounds,
  field: string,
): void {
  requireId(line.id, `${field}.id`);
  const rule = lineKindRule(template, line.kind);
  if (!rule) {
    invalid(`${field}.kind`, 'line_kind_not_allowed', `a ${template.kind} agreement has no such line kind`, {
      allowed: template.lineKinds.map((allowed) => allowed.kind),
    });
  }
  if (rule.pricing !== line.pricing) {
    invalid(`${field}.pricing`, 'wrong_pricing', `${line.kind} lines are priced ${rule.pricing}`);
  }
  if (line.pricing === 'monthly') {
    requireOre(line.monthlyPrice, `${field}.monthlyPrice`, 1);
  } else {
    requireOre(line.unitPrice, `${field}.unitPrice`, 1);
    requireQuantity(line.agreedQuantity, `${field}.agreedQuantity`, true);
    if (line.unit !== rule.unit) {
      invalid(`${field}.unit`, 'wrong_unit', `${line.kind} lines are priced per ${String(rule.unit)}`);
    }
    if (!rule.quantityPeriods.includes(line.quantityPeriod)) {
      invalid(`${field}.quantityPeriod`, 'not_allowed', 'quantity period not allowed for this line kind', {
        allowed: [...rule.quantityPeriods],
      });
    }
    if (line.quantityPeriod === 'occurrence') {
      if (line.schedule === undefined) {
        invalid(`${field}.schedule`, 'required', 'a quantity per occurrence needs a schedule');
      }
      validateSchedule(line.schedule, `${field}.schedule`);
    } else if (line.schedule !== undefined) {
      invalid(`${field}.schedule`, 'unexpected_property', 'a schedule goes with a quantity per occurrence');
    }
  }
  validateLineDates(line, bounds, field, rule.requiresReEvaluation);
}

/** A line's end or re-evaluation date, if it has one, lies within the line and the agreement. */
function validateLineEnd(
  line: ServiceLine,
  key: 'endDate' | 'reEvaluationDate',
  bounds: LineBounds,
  field: string,
): void {
  const date = line[key];
  if (date === undefined) {
    return;
  }
  requireIsoDate(date, `${field}.${key}`);
  if (compareDates(date, line.startDate) < 0) {
    invalid(`${field}.${key}`, 'before_line_start', 'must not be before the line starts');
  }
  if (bounds.expectedEndDate !== undefined && compareDates(date, bounds.expectedEndDate) > 0) {
    invalid(`${field}.${key}`, 'after_agreement_end', 'must not be after the agreement’s expected end');
  }
}

function validateLineDates(
  line: ServiceLine,
  bounds: LineBounds,
  field: string,
  needsReEvaluation: boolean,
): void {
  requireIsoDate(line.startDate, `${field}.startDate`);
  if (compareDates(line.startDate, bounds.startDate) < 0) {
    invalid(`${field}.startDate`, 'before_agreement_start', 'must not be before the agreement starts');
  }
  for (const key of ['endDate', 'reEvaluationDate'] as const) {
    validateLineEnd(line, key, bounds, field);
  }
  if (compareDates(line.startDate, bounds.expectedEndDate ?? line.startDate) > 0) {
    invalid(`${field}.startDate`, 'after_agreement_end', 'must not be after the agreement’s expected end');
  }
  if (line.endDate !== undefined && line.reEvaluationDate !== undefined) {
    if (compareDates(line.reEvaluationDate, line.endDate) > 0) {
      invalid(`${field}.reEvaluationDate`, 'after_line_end', 'must not be after the line’s end date');
    }
  }
  if (needsReEvaluation && line.reEvaluationDate === undefined) {
    invalid(
      `${field}.reEvaluationDate`,
      'required',
      `${line.kind} lines are time-boxed and need a re-evaluation date`,
    );
  }
}

/**
 * Checks a version's lines: each valid and the ids unique.
 * @throws Refusal `VALIDATION_FAILED` / `INVALID_ID` as {@link validateServiceLine}, or for duplicate ids or a
 * count outside 1–{@link MAX_SERVICE_LINES}.
 */
export function validateServiceLines(
  lines: readonly ServiceLine[],
  template: AgreementTemplate,
  bounds: LineBounds,
): void {
  if (lines.length === 0 || lines.length > MAX_SERVICE_LINES) {
    invalid('lines', 'wrong_length', `an agreement has 1 to ${MAX_SERVICE_LINES} service lines`, {
      minItems: 1,
      maxItems: MAX_SERVICE_LINES,
    });
  }
  const seen = new Set<string>();
  lines.forEach((line, index) => {
    validateServiceLine(line, template, bounds, `lines[${index}]`);
    if (seen.has(line.id)) {
      invalid(`lines[${index}].id`, 'duplicate', 'service line ids must be unique', {
        serviceLineId: line.id,
      });
    }
    seen.add(line.id);
  });
}

/** Average weeks per month (52 / 12), used only to size a per-week line for the delegation rule's threshold. */
const WEEKS_PER_YEAR = 52n;
const MONTHS_PER_YEAR = 12n;

/**
 * A line's value per month: the monthly price, or unit price × agreed quantity (per-week quantities × 52 / 12;
 * per occurrence: × 52 / 12 / interval for weekly schedules, × 1 / interval for monthly ones), rounded half up.
 * Used to pick the delegation rule's tier, never to pay.
 * @throws Refusal `VALIDATION_FAILED` if the result overflows.
 */
export function monthlyValueOf(line: ServiceLine): Ore {
  if (line.pricing === 'monthly') {
    return line.monthlyPrice;
  }
  if (line.quantityPeriod === 'occurrence' && line.schedule) {
    const perYear = line.schedule.every === 'week' ? WEEKS_PER_YEAR : MONTHS_PER_YEAR;
    return toOre(
      divideRoundHalfUp(
        toHundredths(line.agreedQuantity) * perYear * BigInt(line.unitPrice),
        100n * MONTHS_PER_YEAR * BigInt(line.schedule.interval),
      ),
    );
  }
  const hundredthsPerMonth =
    line.quantityPeriod === 'month'
      ? toHundredths(line.agreedQuantity) * MONTHS_PER_YEAR
      : toHundredths(line.agreedQuantity) * WEEKS_PER_YEAR;
  return toOre(divideRoundHalfUp(hundredthsPerMonth * BigInt(line.unitPrice), 100n * MONTHS_PER_YEAR));
}
