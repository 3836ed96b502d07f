import type { SettlementService } from '../../services/settlement-service';
import { ID } from '../openapi/parameters';
import { arrayOf, ref } from '../openapi/schema-builders';
import type { OperationSpec } from '../operation';
import {
  AGREEMENT_PARAMS,
  AGREEMENT_PATH,
  agreementQuery,
  agreementWrite,
  bodyRecord,
  callerOf,
  MONTH_PARAM,
  param,
  written,
} from './common';

const AGREEMENT = AGREEMENT_PATH;
const PARAMS = AGREEMENT_PARAMS;

/** Monthly settlements and invoices. */
export function moneyOperations(settlements: SettlementService): OperationSpec[] {
  return [
    {
      operationId: 'getSettlement',
      method: 'get',
      path: `${AGREEMENT}/settlements/{month}`,
      tag: 'Settlements and invoices',
      summary: "A month's settlement: due, held and payable per line, computed now, and the recorded one",
      auth: true,
      pathParams: { ...PARAMS, month: MONTH_PARAM },
      responses: { 200: { description: 'The settlement.', schema: ref('SettlementView') } },
      handler: agreementQuery(({ caller, domain, agreementId, context }) =>
        settlements.settlement(caller, domain, agreementId, param(context, 'month')),
      ),
    },
    {
      operationId: 'recordSettlement',
      method: 'post',
      path: `${AGREEMENT}/settlements/{month}`,
      tag: 'Settlements and invoices',
      summary:
        "Record a month's settlement on the ledger (idempotent; a changed figure becomes a new revision)",
      auth: true,
      pathParams: { ...PARAMS, month: MONTH_PARAM },
      responses: { 200: { description: 'Recorded.', schema: ref('SettlementWrite') } },
      errors: ['NOT_FOUND', 'PRECONDITION_FAILED'],
      handler: agreementWrite(({ caller, domain, agreementId, context }) =>
        settlements.recordSettlement(caller, domain, agreementId, param(context, 'month')),
      ),
    },
    {
      operationId: 'listInvoices',
      method: 'get',
      path: `${AGREEMENT}/invoices`,
      tag: 'Settlements and invoices',
      summary: "An agreement's invoices with their validation results",
      auth: true,
      pathParams: PARAMS,
      responses: { 200: { description: 'The invoices.', schema: arrayOf(ref('InvoiceRecord')) } },
      handler: agreementQuery(({ caller, domain, agreementId }) =>
        settlements.invoices(caller, domain, agreementId),
      ),
    },
    {
      operationId: 'submitInvoice',
      method: 'post',
      path: `${AGREEMENT}/invoices`,
      tag: 'Settlements and invoices',
      summary: "Submit the provider's invoice for a month; every line is validated against the agreement",
      description:
        'Each line must name a service line active in the month, at the agreed price, within the agreed quantity, ' +
        'not invoiced before and not after termination. The result (per line: accepted or rejected with a reason ' +
        'code; approved, held and payable totals) is recorded. Resubmitting the same invoice returns the result.',
      auth: true,
      idempotent: true,
      pathParams: PARAMS,
      requestBody: { description: 'The invoice.', schema: ref('Invoice') },
      responses: { 201: { description: 'Validated and recorded.', schema: ref('InvoiceWrite') } },
      errors: ['NOT_FOUND', 'FORBIDDEN', 'WRONG_ROLE', 'INVALID_STATE', 'VALIDATION_FAILED', 'CONFLICT'],
      handler: async (context) => {
        const domain = param(context, 'domain');
        const agreementId = param(context, 'agreementId');
        const invoice = bodyRecord(context);
        const result = await settlements.submitInvoice(callerOf(context), domain, agreementId, invoice);
        const invoiceId = encodeURIComponent(String(invoice.invoiceId));
        return written(result, `/api/v1/${domain}/agreements/${agreementId}/invoices/${invoiceId}`);
      },
    },
    {
      operationId: 'attestInvoice',
      method: 'post',
      path: `${AGREEMENT}/invoices/{invoiceId}/attestation`,
      tag: 'Settlements and invoices',
      summary: 'Attest a validated invoice (it becomes approved and payable)',
      description:
        "Municipal staff in a role the municipality's attestation rule names (default: centre head or director).",
      auth: true,
      idempotent: true,
      pathParams: { ...PARAMS, invoiceId: { description: "The invoice's id.", schema: ID } },
      responses: { 201: { description: 'Attested.', schema: ref('InvoiceWrite') } },
      errors: ['NOT_FOUND', 'FORBIDDEN', 'WRONG_ROLE', 'INVALID_STATE'],
      handler: async (context) => {
        const domain = param(context, 'domain');
        const agreementId = param(context, 'agreementId');
        const invoiceId = param(context, 'invoiceId');
        const result = await settlements.attestInvoice(callerOf(context), domain, agreementId, invoiceId);
        return written(
          result,
          `/api/v1/${domain}/agreements/${agreementId}/invoices/${encodeURIComponent(invoiceId)}`,
        );
      },
    },
    {
      operationId: 'recordPayment',
      method: 'post',
      path: `${AGREEMENT}/invoices/{invoiceId}/payment`,
      tag: 'Settlements and invoices',
      summary: 'Record the payment of an approved invoice (its reference and date)',
      description:
        'Municipal staff other than the attester. The amount is the payable total less any credit.',
      auth: true,
      idempotent: true,
      pathParams: { ...PARAMS, invoiceId: { description: "The invoice's id.", schema: ID } },
      requestBody: { description: 'The payment.', schema: ref('PaymentRecord') },
      responses: { 201: { description: 'Paid.', schema: ref('InvoiceWrite') } },
      errors: ['NOT_FOUND', 'FORBIDDEN', 'WRONG_ROLE', 'INVALID_STATE', 'VALIDATION_FAILED', 'CONFLICT'],
      handler: async (context) => {
        const domain = param(context, 'domain');
        const agreementId = param(context, 'agreementId');
        const invoiceId = param(context, 'invoiceId');
        const payment = bodyRecord(context);
        const result = await settlements.recordPayment(
          callerOf(context),
          domain,
          agreementId,
          invoiceId,
          payment,
        );
        return written(
          result,
          `/api/v1/${domain}/agreements/${agreementId}/invoices/${encodeURIComponent(invoiceId)}`,
        );
      },
    },
    {
      operationId: 'getInvoice',
      method: 'get',
      path: `${AGREEMENT}/invoices/{invoiceId}`,
      tag: 'Settlements and invoices',
      summary: 'An invoice and its validation result',
      auth: true,
      pathParams: { ...PARAMS, invoiceId: { description: "The invoice's id.", schema: ID } },
      responses: { 200: { description: 'The invoice.', schema: ref('InvoiceRecord') } },
      errors: ['NOT_FOUND'],
      handler: agreementQuery(({ caller, domain, agreementId, context }) =>
        settlements.invoice(caller, domain, agreementId, param(context, 'invoiceId')),
      ),
    },
  ];
}
