import { Type } from '@sinclair/typebox';
import { INVOICE_REJECTION_REASONS, INVOICE_STATES, MUNICIPAL_ROLES } from '../../vocabulary';
import { VersionNumberSchema } from '../agreement';
import { Id, IsoDate, IsoMonth, Ore, Quantity, StringEnum, WholeNumber } from '../kit';
import { AnyObject, Flag, RecordedCertId, Timestamp, WriteOf } from './parts';
import { HeldBySchema } from './settlement';

/** A provider's invoice as the ledger keeps it: as submitted, its line-by-line validation and its lifecycle. */

const AttestationSchema = Type.Object(
  {
    automatic: Flag("Attested on validation under the rule's amount."),
    certId: Type.Optional(RecordedCertId('The attester (absent when automatic).')),
    role: Type.Optional(StringEnum(MUNICIPAL_ROLES)),
    ruleVersion: VersionNumberSchema,
    at: Timestamp(),
  },
  { description: 'Who attested the invoice, under which version of the attestation rule.' },
);

const PaymentSchema = Type.Object({
  reference: Id(),
  paidOn: IsoDate(),
  amount: Ore(0, 'The payable total less any credit.'),
  recordedBy: RecordedCertId(),
  recordedAt: Timestamp(),
});

const CreditSchema = Type.Object(
  {
    terminationNumber: WholeNumber(1),
    effectiveDate: IsoDate(),
    lines: Type.Array(
      Type.Object({ serviceLineId: Id(), approved: Ore(0), stillDue: Ore(0), credit: Ore(0) }),
    ),
    amount: Ore(0, 'To credit (paid) or not to pay (approved).'),
    flaggedAt: Type.Optional(Timestamp()),
  },
  { description: 'What a termination dated back past the invoiced month takes back.' },
);

const ValidatedLineSchema = Type.Object({
  serviceLineId: Id(),
  status: StringEnum(['accepted', 'rejected']),
  reason: Type.Optional(StringEnum(INVOICE_REJECTION_REASONS)),
  quantity: Type.Optional(Quantity()),
  unitPrice: Type.Optional(Ore(1)),
  claimed: Ore(0),
  approved: Ore(0),
  held: Type.Optional(Ore(0)),
  payable: Type.Optional(Ore(0)),
  heldBy: Type.Optional(Type.Array(HeldBySchema)),
  expected: Type.Optional(
    Type.Object(
      {
        amount: Type.Optional(Ore(0)),
        unitPrice: Type.Optional(Ore(0)),
        allowedQuantity: Type.Optional(Type.Number({ minimum: 0 })),
      },
      { description: 'What the line should have said (a rejected line).' },
    ),
  ),
});

const ValidationSchema = Type.Object({
  invoiceId: Type.Optional(Id()),
  agreementId: Type.Optional(Id()),
  status: StringEnum(['accepted', 'partially_accepted', 'rejected']),
  month: IsoMonth(),
  validatedAt: Type.Optional(Timestamp()),
  lines: Type.Array(ValidatedLineSchema),
  totals: Type.Object({ claimed: Ore(0), approved: Ore(0), held: Ore(0), payable: Ore(0) }),
});

/** An invoice with its validation result. */
export const InvoiceRecordSchema = Type.Object(
  {
    agreementId: Id(),
    invoiceId: Id(),
    state: Type.Optional(
      StringEnum(
        INVOICE_STATES,
        '`rejected` (no line accepted), `validated` (awaiting attestation), `approved` (attested), `paid`.',
      ),
    ),
    attestation: Type.Optional(AttestationSchema),
    payment: Type.Optional(PaymentSchema),
    credit: Type.Optional(CreditSchema),
    submittedBy: Type.Optional(RecordedCertId()),
    input: Type.Optional(AnyObject('The invoice as submitted.')),
    validation: ValidationSchema,
  },
  { description: 'An invoice with its line-by-line validation result.' },
);

/** A write that answers the invoice record. */
export const InvoiceWriteSchema = WriteOf(InvoiceRecordSchema);
