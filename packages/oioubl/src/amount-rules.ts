import { atScale, divideRoundHalfUp, parseDecimal } from './decimal';
import { refuse } from './refusal';
import type { UblAmount, UblDocument, UblLine, UblMonetaryTotal, UblQuantity } from './ubl-document';

/**
 * Amounts become whole øre and quantities hundredths, exactly (no floats); then the document must add up, exactly:
 * each line's LineExtensionAmount is `round_half_up(quantity × unit price)` (the chaincode's `priceOf`); the lines sum
 * to LegalMonetaryTotal/LineExtensionAmount; each TaxTotal to its subtotals; TaxInclusiveAmount and PayableAmount to
 * their parts. Agreements are priced without VAT, allowances or charges, so the payable amount must then equal the
 * sum of the lines.
 */

/** Largest quantity accepted (the chaincode's MAX_QUANTITY). */
const MAX_QUANTITY_HUNDREDTHS = 100_000_000n;

/** The exact figures of one line. */
export interface LineFigures {
  /** Hundredths of a unit. */
  readonly quantity: bigint;
  readonly unitCode?: string;
  /** Øre per unit (PriceAmount per BaseQuantity). */
  readonly unitPrice: bigint;
  /** Øre. */
  readonly amount: bigint;
}

/** The document's exact figures once they add up. */
export interface DocumentFigures {
  readonly lines: readonly LineFigures[];
  /** Σ line amounts, øre. */
  readonly lineTotal: bigint;
  /** PayableAmount, øre (equal to lineTotal). */
  readonly payable: bigint;
}

/**
 * @throws OioublRefusal `AMOUNT_NOT_IN_ORE` (negative, or finer than øre), `QUANTITY_NOT_SUPPORTED` (not positive,
 * more than two decimals, too large), `AMOUNTS_DO_NOT_ADD_UP` (details: which total), `PAYABLE_DIFFERS_FROM_LINES`.
 */
export function checkAmounts(document: UblDocument): DocumentFigures {
  const lines = document.lines.map((line, index) => lineFigures(line, index + 1));
  const lineTotal = lines.reduce((sum, line) => sum + line.amount, 0n);
  const total = document.monetaryTotal ?? {};
  if (ore(total.lineExtensionAmount, totalField('LineExtensionAmount')) !== lineTotal) {
    mismatch(totalField('LineExtensionAmount'));
  }
  const tax = taxOf(document);
  const allowances = documentCharges(document, false);
  const charges = documentCharges(document, true);
  checkOptionalTotal(total.allowanceTotalAmount, allowances, totalField('AllowanceTotalAmount'));
  checkOptionalTotal(total.chargeTotalAmount, charges, totalField('ChargeTotalAmount'));
  const withoutTax = lineTotal - allowances + charges;
  checkTaxTotals(total, tax, withoutTax);
  const payable = checkedPayable(total, withoutTax + tax);
  const lineCharges = document.lines.findIndex((line) => line.allowanceCharges.length > 0);
  if (payable !== lineTotal || lineCharges >= 0) {
    refuse(
      'PAYABLE_DIFFERS_FROM_LINES',
      'the payable amount must equal the sum of the lines: agreements are priced without VAT, allowances, charges or prepayments',
      lineCharges >= 0 ? { line: lineCharges + 1 } : {},
    );
  }
  return { lines, lineTotal, payable };
}

/** Where a LegalMonetaryTotal amount is, in a refusal's details. */
function totalField(name: string): string {
  return `LegalMonetaryTotal/${name}`;
}

/** The VAT of the document: each TaxTotal's TaxAmount, which must be the sum of its subtotals (when it has any). */
function taxOf(document: UblDocument): bigint {
  let tax = 0n;
  document.taxTotals.forEach((taxTotal, index) => {
    const amount = ore(taxTotal.taxAmount, `TaxTotal[${index + 1}]/TaxAmount`);
    const subtotals = taxTotal.subtotalTaxAmounts.map((subtotal, at) =>
      ore(subtotal, `TaxTotal[${index + 1}]/TaxSubtotal[${at + 1}]/TaxAmount`),
    );
    if (subtotals.length > 0 && subtotals.reduce((sum, value) => sum + value, 0n) !== amount) {
      mismatch(`TaxTotal[${index + 1}]/TaxAmount`);
    }
    tax += amount;
  });
  return tax;
}

/** TaxExclusiveAmount and TaxInclusiveAmount, where given, against the lines, allowances, charges and VAT. */
function checkTaxTotals(total: UblMonetaryTotal, tax: bigint, withoutTax: bigint): void {
  if (total.taxExclusiveAmount !== undefined) {
    // OIOUBL puts the VAT total here; EN 16931 the total without VAT: either reading adds up.
    const declared = ore(total.taxExclusiveAmount, totalField('TaxExclusiveAmount'));
    if (declared !== tax && declared !== withoutTax) {
      mismatch(totalField('TaxExclusiveAmount'));
    }
  }
  if (
    total.taxInclusiveAmount !== undefined &&
    ore(total.taxInclusiveAmount, totalField('TaxInclusiveAmount')) !== withoutTax + tax
  ) {
    mismatch(totalField('TaxInclusiveAmount'));
  }
}

/** PayableAmount, which must be the amount with VAT less what was prepaid, plus the rounding. */
function checkedPayable(total: UblMonetaryTotal, withTax: bigint): bigint {
  const prepaid =
    total.prepaidAmount === undefined ? 0n : ore(total.prepaidAmount, totalField('PrepaidAmount'));
  const rounding =
    total.payableRoundingAmount === undefined
      ? 0n
      : ore(total.payableRoundingAmount, totalField('PayableRoundingAmount'), true);
  const payable = ore(total.payableAmount, totalField('PayableAmount'));
  if (payable !== withTax - prepaid + rounding) {
    mismatch(totalField('PayableAmount'));
  }
  return payable;
}

/** Øre of an amount. @throws OioublRefusal `AMOUNT_NOT_IN_ORE`. */
export function ore(amount: UblAmount | undefined, field: string, allowNegative = false): bigint {
  const decimal = amount === undefined ? undefined : parseDecimal(amount.value);
  const value = decimal === undefined ? undefined : atScale(decimal, 2);
  if (value === undefined || (!allowNegative && value < 0n)) {
    return refuse('AMOUNT_NOT_IN_ORE', 'an amount is missing, negative or finer than øre', { field });
  }
  return value;
}

function lineFigures(line: UblLine, number: number): LineFigures {
  const quantity = hundredths(line.quantity, number);
  const amount = ore(line.lineExtensionAmount, `line ${number}/LineExtensionAmount`);
  const unitPrice = unitPriceOf(line, number);
  const lineAllowances = lineCharges(line, false, number);
  const lineChargesTotal = lineCharges(line, true, number);
  if (amount !== divideRoundHalfUp(quantity * unitPrice, 100n) - lineAllowances + lineChargesTotal) {
    mismatch(`line ${number}/LineExtensionAmount`, number);
  }
  return {
    quantity,
    ...(line.quantity?.unitCode ? { unitCode: line.quantity.unitCode } : {}),
    unitPrice,
    amount,
  };
}

function hundredths(quantity: UblQuantity | undefined, line: number): bigint {
  const decimal = quantity === undefined ? undefined : parseDecimal(quantity.value);
  const value = decimal === undefined ? undefined : atScale(decimal, 2);
  if (value === undefined || value <= 0n || value > MAX_QUANTITY_HUNDREDTHS) {
    return refuse('QUANTITY_NOT_SUPPORTED', 'a quantity must be positive with at most two decimals', {
      line,
    });
  }
  return value;
}

/** PriceAmount per BaseQuantity (default 1), which must come out in whole øre. */
function unitPriceOf(line: UblLine, number: number): bigint {
  const price = ore(line.priceAmount, `line ${number}/PriceAmount`);
  if (line.baseQuantity === undefined) {
    return price;
  }
  const base = parseDecimal(line.baseQuantity.value);
  if (base === undefined || base.units <= 0n) {
    return refuse('QUANTITY_NOT_SUPPORTED', 'a base quantity must be positive', { line: number });
  }
  const numerator = price * 10n ** BigInt(base.scale);
  if (numerator % base.units !== 0n) {
    return refuse('AMOUNT_NOT_IN_ORE', 'the unit price (price per base quantity) is finer than øre', {
      field: `line ${number}/PriceAmount`,
    });
  }
  return numerator / base.units;
}

function lineCharges(line: UblLine, charge: boolean, number: number): bigint {
  return line.allowanceCharges
    .filter((entry) => isCharge(entry.chargeIndicator) === charge)
    .reduce((sum, entry) => sum + ore(entry.amount, `line ${number}/AllowanceCharge/Amount`), 0n);
}

function documentCharges(document: UblDocument, charge: boolean): bigint {
  return document.allowanceCharges
    .filter((entry) => isCharge(entry.chargeIndicator) === charge)
    .reduce((sum, entry) => sum + ore(entry.amount, 'AllowanceCharge/Amount'), 0n);
}

function isCharge(indicator: string): boolean {
  return indicator === 'true' || indicator === '1';
}

/** An allowance or charge total: absent means none. */
function checkOptionalTotal(declared: UblAmount | undefined, computed: bigint, field: string): void {
  if (declared === undefined ? computed !== 0n : ore(declared, field) !== computed) {
    mismatch(field);
  }
}

function mismatch(field: string, line?: number): never {
  return refuse('AMOUNTS_DO_NOT_ADD_UP', 'the amounts do not add up', {
    field,
    ...(line === undefined ? {} : { line }),
  });
}
