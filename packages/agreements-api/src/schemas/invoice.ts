import { Type, type Static } from '@sinclair/typebox';
import { MAX_INVOICE_LINES, MUNICIPAL_ROLES } from '../vocabulary';
import { Id, IsoDate, IsoMonth, Ore, Quantity, StringEnum, type Frozen } from './kit';

/** One invoice line: a monthly line gives `amount`; a per-unit line gives `quantity` and `unitPrice`. */
export const InvoiceLineSchema = Type.Object(
  {
    serviceLineId: Id(),
    quantity: Type.Optional(Quantity()),
    unitPrice: Type.Optional(Ore(1)),
    amount: Type.Optional(Ore(0)),
  },
  {
    additionalProperties: false,
    description: 'Monthly lines give amount; per-unit lines give quantity and unitPrice.',
  },
);

/** A provider's invoice for one calendar month (`SubmitInvoice`). */
export const InvoiceSchema = Type.Object(
  {
    invoiceId: Id(),
    month: IsoMonth(),
    lines: Type.Array(InvoiceLineSchema, { minItems: 1, maxItems: MAX_INVOICE_LINES }),
  },
  { additionalProperties: false, description: "A provider's invoice for one calendar month." },
);

export type InvoiceLineInput = Frozen<Static<typeof InvoiceLineSchema>>;
export type InvoiceInput = Frozen<Static<typeof InvoiceSchema>>;

/** A payment of an approved invoice (`RecordPayment`). */
export const PaymentRecordSchema = Type.Object(
  {
    reference: Id("The municipality's payment reference."),
    paidOn: IsoDate('The day the payment was made.'),
  },
  { additionalProperties: false },
);
export type PaymentRecordInput = Frozen<Static<typeof PaymentRecordSchema>>;

/** Who attests invoices, and below which approved total a fully accepted invoice is attested on validation. */
export const AttestationRuleSchema = Type.Object(
  {
    roles: Type.Array(StringEnum(MUNICIPAL_ROLES), { minItems: 1, maxItems: MUNICIPAL_ROLES.length }),
    autoAttestBelow: Type.Optional(
      Ore(1, 'A fully accepted invoice whose approved total is below this is attested on validation.'),
    ),
  },
  { additionalProperties: false },
);
export type AttestationRuleInput = Frozen<Static<typeof AttestationRuleSchema>>;
