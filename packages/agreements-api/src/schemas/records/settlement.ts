import { Type } from '@sinclair/typebox';
import { SERVICE_LINE_KINDS } from '../../vocabulary';
import { Id, IsoDate, IsoMonth, Nullable, Ore, StringEnum, WholeNumber } from '../kit';
import { RecordedCertId, Timestamp, WriteOf } from './parts';

/** A month's settlement of an agreement: what is due per line, held by a missing status report, payable. */

/** A status report whose absence holds an instalment. */
export const HeldBySchema = Type.Object(
  {
    obligationId: Id(),
    periodNumber: WholeNumber(1),
    dueDate: IsoDate(),
    heldFrom: IsoDate('First day of the hold: the due date plus the grace period, plus one.'),
  },
  {
    description:
      'A status report whose absence holds the instalment: which report, due when, holding since when.',
  },
);

const SettlementLineSchema = Type.Object({
  serviceLineId: Id(),
  kind: Type.Optional(StringEnum(SERVICE_LINE_KINDS)),
  pricing: Type.Optional(StringEnum(['monthly', 'per_unit'])),
  basis: Type.Optional(StringEnum(['prorated', 'allowance', 'invoiced'])),
  activeDays: Type.Optional(WholeNumber(0, 31)),
  unitPrice: Type.Optional(Ore(0, 'Per-unit lines: the unit price in force.')),
  allowedQuantity: Type.Optional(
    Type.Number({
      minimum: 0,
      description:
        'Per-unit lines: the agreed quantity (or scheduled occurrences) for the active days, rounded down to two decimals.',
    }),
  ),
  due: Ore(0),
  held: Ore(0),
  payable: Ore(0),
  heldDays: Type.Optional(
    WholeNumber(0, 31, 'The active days when the line is held (a hold takes the whole month), else 0.'),
  ),
  heldBy: Type.Optional(Type.Array(HeldBySchema)),
});

/** A month's amounts per line. */
export const SettlementSchema = Type.Object(
  {
    agreementId: Id(),
    month: IsoMonth(),
    daysInMonth: Type.Optional(WholeNumber(28, 31)),
    asOf: Type.Optional(Timestamp()),
    settledAt: Type.Optional(
      Timestamp('When the month was first recorded (until then, asOf): the reports missing then hold it.'),
    ),
    settledOn: Type.Optional(IsoDate()),
    lines: Type.Array(SettlementLineSchema),
    totals: Type.Object({ due: Ore(0), held: Ore(0), payable: Ore(0) }),
  },
  { description: "A month's amounts per line: due, held by a missing status report, payable." },
);

/** A recorded settlement. */
export const SettlementRecordSchema = Type.Object(
  {
    agreementId: Type.Optional(Id()),
    month: IsoMonth(),
    revision: WholeNumber(1),
    settlement: SettlementSchema,
    recordedAt: Type.Optional(Timestamp()),
    recordedBy: Type.Optional(RecordedCertId()),
  },
  { description: 'A recorded settlement; a later recording that changes the figures is the next revision.' },
);

/** The settlement computed now beside the recorded one. */
export const SettlementViewSchema = Type.Object(
  { settlement: SettlementSchema, recorded: Nullable(SettlementRecordSchema) },
  { description: 'The settlement computed now, and the one recorded on the ledger (if any).' },
);

/** A write that answers the recorded settlement. */
export const SettlementWriteSchema = WriteOf(SettlementRecordSchema);

/** Instalments held by missing status reports. */
export const HeldInstalmentsSchema = Type.Object({
  instalments: Type.Array(
    Type.Object({
      agreementId: Id(),
      month: IsoMonth(),
      serviceLineId: Id(),
      held: Ore(0),
      heldBy: Type.Optional(Type.Array(HeldBySchema)),
      settledAt: Type.Optional(Timestamp('When the month was recorded; absent if not yet recorded.')),
    }),
  ),
  total: Ore(0),
});
