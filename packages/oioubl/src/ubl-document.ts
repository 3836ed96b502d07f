import type { ReceivedDocumentType } from './safe-xml';

/**
 * What the product reads from a received UBL document, as plain strings exactly as written (trimmed), before any
 * rule is applied: the XML tree is gone once this exists.
 */

/** An identifier with its scheme (`schemeID`), e.g. `GLN`, `DK:CVR`, `0088`, `0184`. */
export interface UblIdentifier {
  readonly value: string;
  readonly schemeID?: string;
  readonly schemeAgencyID?: string;
}

/** An amount: its decimal literal and currency. */
export interface UblAmount {
  readonly value: string;
  readonly currencyID: string;
}

/** A quantity: its decimal literal and unit (UN/ECE Recommendation 20, e.g. `MON` month, `HUR` hour). */
export interface UblQuantity {
  readonly value: string;
  readonly unitCode?: string;
}

/** A period (start and end dates, ISO). */
export interface UblPeriod {
  readonly startDate?: string;
  readonly endDate?: string;
}

/** A party's identifiers. */
export interface UblParty {
  readonly endpoint?: UblIdentifier;
  readonly partyIdentifications: readonly UblIdentifier[];
  readonly legalCompanyIds: readonly UblIdentifier[];
}

/** A document- or line-level allowance (`false`) or charge (`true`). */
export interface UblAllowanceCharge {
  readonly chargeIndicator: string;
  readonly amount?: UblAmount;
}

/** A TaxTotal: its amount and its subtotals' amounts. */
export interface UblTaxTotal {
  readonly taxAmount?: UblAmount;
  readonly subtotalTaxAmounts: readonly UblAmount[];
}

/** LegalMonetaryTotal. */
export interface UblMonetaryTotal {
  readonly lineExtensionAmount?: UblAmount;
  readonly taxExclusiveAmount?: UblAmount;
  readonly taxInclusiveAmount?: UblAmount;
  readonly allowanceTotalAmount?: UblAmount;
  readonly chargeTotalAmount?: UblAmount;
  readonly prepaidAmount?: UblAmount;
  readonly payableRoundingAmount?: UblAmount;
  readonly payableAmount?: UblAmount;
}

/** An InvoiceLine or CreditNoteLine. */
export interface UblLine {
  readonly id?: string;
  /** InvoicedQuantity or CreditedQuantity. */
  readonly quantity?: UblQuantity;
  readonly lineExtensionAmount?: UblAmount;
  readonly period?: UblPeriod;
  readonly allowanceCharges: readonly UblAllowanceCharge[];
  readonly sellersItemId?: string;
  readonly priceAmount?: UblAmount;
  readonly baseQuantity?: UblQuantity;
}

/** A received Invoice or CreditNote. */
export interface UblDocument {
  readonly type: ReceivedDocumentType;
  /** How often each document-level component occurs (cardinality is checked by the profile rules). */
  readonly occurrences: Readonly<Record<string, number>>;
  readonly ublVersionId?: string;
  readonly customizationId?: string;
  readonly profileId?: UblIdentifier;
  readonly id?: string;
  readonly uuid?: string;
  readonly issueDate?: string;
  /** InvoiceTypeCode or CreditNoteTypeCode. */
  readonly typeCode?: string;
  readonly documentCurrencyCode?: string;
  /** Every `currencyID` in the document. */
  readonly currencyIds: readonly string[];
  readonly period?: UblPeriod;
  readonly orderReferenceId?: string;
  /** BillingReference/InvoiceDocumentReference/ID: the invoices a credit note credits. */
  readonly billedInvoiceIds: readonly string[];
  readonly supplier?: UblParty;
  readonly customer?: UblParty;
  readonly allowanceCharges: readonly UblAllowanceCharge[];
  readonly taxTotals: readonly UblTaxTotal[];
  readonly monetaryTotal?: UblMonetaryTotal;
  readonly lines: readonly UblLine[];
}
