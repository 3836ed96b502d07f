import { Type, type Static } from '@sinclair/typebox';
import { QUANTITY_PERIODS, SERVICE_LINE_KINDS, UNITS } from '../vocabulary';
import { Id, IsoDate, OptionalIsoDate, Ore, Quantity, StringEnum, WholeNumber, type Frozen } from './kit';

/** Longest schedule interval: a year. */
export const MAX_SCHEDULE_INTERVAL = { week: 52, month: 12 } as const;

function scheduleOf<U extends 'week' | 'month'>(every: U) {
  return Type.Object(
    {
      anchorDate: IsoDate('The first occurrence; its weekday (or day of the month) sets the rhythm.'),
      every: Type.Literal(every),
      interval: WholeNumber(
        1,
        MAX_SCHEDULE_INTERVAL[every],
        `1 = every ${every}, 2 = every second, …; at most ${MAX_SCHEDULE_INTERVAL[every].toString()}.`,
      ),
    },
    { additionalProperties: false },
  );
}

/** A recurrence: every `interval` weeks (same weekday) or months (same day, clamped) from the anchor date. */
export const ScheduleSchema = Type.Union([scheduleOf('week'), scheduleOf('month')], {
  description:
    'A recurrence: a month allows exactly the occurrences that fall on the line’s active days in it.',
});

// Property order is the order the chaincode checks (and names) them in.
const LINE_COMMON = {
  id: Id(),
  kind: StringEnum(SERVICE_LINE_KINDS),
};
const LINE_DATES = {
  startDate: IsoDate('First active day.'),
  endDate: OptionalIsoDate('Last active day, if time-boxed.'),
  reEvaluationDate: OptionalIsoDate('Last active day unless an amendment renews the line.'),
};

/** A line with a fixed price per calendar month, prorated by calendar days in partial months. */
export const MonthlyServiceLineSchema = Type.Object(
  { ...LINE_COMMON, pricing: Type.Literal('monthly'), ...LINE_DATES, monthlyPrice: Ore(1) },
  {
    additionalProperties: false,
    description: 'A line with a fixed monthly price, prorated by calendar days in partial months.',
  },
);

/** A line priced per unit with an agreed quantity per week, per month, or per occurrence of its schedule. */
export const PerUnitServiceLineSchema = Type.Object(
  {
    ...LINE_COMMON,
    pricing: Type.Literal('per_unit'),
    ...LINE_DATES,
    unit: StringEnum(UNITS),
    unitPrice: Ore(1),
    agreedQuantity: Quantity(),
    quantityPeriod: StringEnum(
      QUANTITY_PERIODS,
      'What the agreed quantity is counted per: week, month, or occurrence of the schedule (then `schedule` is required).',
    ),
    schedule: Type.Optional(ScheduleSchema),
  },
  {
    additionalProperties: false,
    description:
      'A line priced per unit (hour, visit) with an agreed quantity per week, per month, or per occurrence of a ' +
      'schedule ("every second Sunday": every 2 weeks from a Sunday).',
  },
);

/** A service line of an agreement version, as drafted and as stored. */
export const ServiceLineSchema = Type.Union([MonthlyServiceLineSchema, PerUnitServiceLineSchema]);

export type MonthlyServiceLine = Frozen<Static<typeof MonthlyServiceLineSchema>>;
export type PerUnitServiceLine = Frozen<Static<typeof PerUnitServiceLineSchema>>;
export type ServiceLine = MonthlyServiceLine | PerUnitServiceLine;
