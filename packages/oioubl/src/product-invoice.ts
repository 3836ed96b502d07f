/**
 * The product's invoice input, as the chaincode's `parseInvoiceInput` takes it (chaincode/src/core/invoice.ts):
 * repeated here by shape, not imported, so this package depends on nothing in the chaincode or gateway. Amounts are
 * whole øre; quantities have at most two decimals.
 */

/** How a service line is priced in the agreement. */
export type ServiceLinePricing = 'monthly' | 'per_unit';

/** One invoice line: a monthly line gives `amount`; a per-unit line gives `quantity`, `unitPrice` and `amount`. */
export interface ProductInvoiceLine {
  readonly serviceLineId: string;
  readonly quantity?: number;
  readonly unitPrice?: number;
  readonly amount?: number;
}

/** A provider's invoice for one calendar month. */
export interface ProductInvoiceInput {
  readonly invoiceId: string;
  /** `YYYY-MM`. */
  readonly month: string;
  readonly lines: readonly ProductInvoiceLine[];
}

/** Most lines one invoice may have (the chaincode's MAX_INVOICE_LINES). */
export const MAX_INVOICE_LINES = 100;

/** The chaincode's id alphabet and length (chaincode/src/core/ids.ts). */
const PRODUCT_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Whether a value can be a product id (agreement, service line, invoice). */
export function isProductId(value: string | undefined): value is string {
  return value !== undefined && PRODUCT_ID.test(value);
}
