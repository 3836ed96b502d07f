import {
  ApplicationResponseSchema,
  DOCUMENT_ERRORS,
  OioublDocumentSchema,
  PaymentExportCsvSchema,
} from '@fabric-agreements/api';
import type { EInvoiceService } from '../../services/einvoice-service';
import { MAX_DOCUMENT_BYTES } from '../../services/einvoice-service';
import { arrayOf, ref } from '../openapi/schema-builders';
import { ID, MSP_ID } from '../openapi/parameters';
import type { OperationSpec } from '../operation';
import {
  AGREEMENT_PARAMS,
  AGREEMENT_PATH,
  agreementQuery,
  bodyRecord,
  callerOf,
  DOMAIN_PARAM,
  MONTH_PARAM,
  ok,
  param,
  queryString,
  written,
} from './common';

const TAG = 'E-invoicing (OIOUBL)';
const DOCUMENT_PARAMS = {
  ...AGREEMENT_PARAMS,
  documentId: { description: "The document's id (its cbc:ID).", schema: ID },
};
/** What receiving a document can answer: every document error of the catalogue, and the transport's own. */
const RECEIPT_ERRORS = [
  ...Object.keys(DOCUMENT_ERRORS),
  'UNSUPPORTED_MEDIA_TYPE',
  'BODY_TOO_LARGE',
  'CONFLICT',
];

/** OIOUBL documents in, ApplicationResponses and payment exports out (issue 15). */
export function einvoiceOperations(einvoices: EInvoiceService): OperationSpec[] {
  return [
    {
      operationId: 'receiveOioublDocument',
      method: 'post',
      path: `${AGREEMENT_PATH}/received-documents`,
      tag: TAG,
      summary:
        'Receive an OIOUBL 2.1 Invoice or CreditNote for the agreement; answered with an ApplicationResponse',
      description:
        'The provider sends the XML as its finance system writes it (`Content-Type: application/xml`). The gateway ' +
        'checks it (well-formed, no DTD/entities, UBL 2.1 namespace, schema, OIOUBL 2.1 profile, DKK, buyer = the ' +
        "municipality's EAN and seller = the provider's CVR/EAN from the organisation registry, totals) and maps it: " +
        'OrderReference = the agreement, each InvoiceLine by its SellersItemIdentification to a service line, ' +
        'InvoicePeriod = the month. The chaincode then validates the invoice exactly as a JSON invoice (a credit ' +
        "note against the invoice it credits) and keeps the XML's SHA-256, never the XML. The answer is the " +
        'ApplicationResponse (BusinessAccept, or BusinessReject with one LineResponse per rejected line). A refused ' +
        'document gets a 4xx problem document with a stable code and the rejecting ApplicationResponse in ' +
        '`details.applicationResponse`; nothing is written. Sending the same document again returns the same answer.',
      auth: true,
      pathParams: AGREEMENT_PARAMS,
      rawBody: {
        description: 'The OIOUBL document.',
        mediaTypes: ['application/xml', 'text/xml'],
        limitBytes: MAX_DOCUMENT_BYTES,
        schema: OioublDocumentSchema,
      },
      responses: {
        201: {
          description:
            'Received, judged and recorded; headers `X-Document-Status` (accepted, partially_accepted, rejected) and ' +
            '`X-Transaction-Id`.',
          schema: ApplicationResponseSchema,
          mediaType: 'application/xml',
        },
      },
      errors: RECEIPT_ERRORS,
      handler: async (context) => {
        const domain = param(context, 'domain');
        const agreementId = param(context, 'agreementId');
        const receipt = await einvoices.receive(
          callerOf(context),
          domain,
          agreementId,
          context.body as Buffer,
        );
        return {
          status: 201,
          body: receipt.applicationResponse,
          mediaType: 'application/xml',
          headers: {
            location: `/api/v1/${domain}/agreements/${agreementId}/received-documents/${encodeURIComponent(receipt.documentId)}`,
            'x-document-status': receipt.status,
            'x-transaction-id': receipt.write.transactionId,
          },
        };
      },
    },
    {
      operationId: 'listReceivedDocuments',
      method: 'get',
      path: `${AGREEMENT_PATH}/received-documents`,
      tag: TAG,
      summary: "The agreement's received OIOUBL documents (hash and answer header; never the XML)",
      auth: true,
      pathParams: AGREEMENT_PARAMS,
      responses: { 200: { description: 'The documents, by id.', schema: arrayOf(ref('ReceivedDocument')) } },
      handler: agreementQuery(({ caller, domain, agreementId }) =>
        einvoices.documents(caller, domain, agreementId),
      ),
    },
    {
      operationId: 'getReceivedDocument',
      method: 'get',
      path: `${AGREEMENT_PATH}/received-documents/{documentId}`,
      tag: TAG,
      summary: 'A received document with its verdict (the invoice record or the credit note validation)',
      auth: true,
      pathParams: DOCUMENT_PARAMS,
      responses: { 200: { description: 'The document.', schema: ref('ReceivedDocumentView') } },
      handler: agreementQuery(({ caller, domain, agreementId, context }) =>
        einvoices.document(caller, domain, agreementId, param(context, 'documentId')),
      ),
    },
    {
      operationId: 'getApplicationResponse',
      method: 'get',
      path: `${AGREEMENT_PATH}/received-documents/{documentId}/application-response`,
      tag: TAG,
      summary: 'The ApplicationResponse to a received document, written again from the ledger',
      auth: true,
      pathParams: DOCUMENT_PARAMS,
      responses: {
        200: { description: 'The answer.', schema: ApplicationResponseSchema, mediaType: 'application/xml' },
      },
      handler: async (context) => ({
        status: 200,
        mediaType: 'application/xml',
        body: await einvoices.answer(
          callerOf(context),
          param(context, 'domain'),
          param(context, 'agreementId'),
          param(context, 'documentId'),
        ),
      }),
    },
    {
      operationId: 'listTradingIdentifiers',
      method: 'get',
      path: '/api/v1/{domain}/trading-identifiers',
      tag: TAG,
      summary: "Every organisation's CVR and EAN (GLN) from the organisation registry",
      auth: true,
      pathParams: { domain: DOMAIN_PARAM },
      responses: { 200: { description: 'By MSP id.', schema: arrayOf(ref('TradingIdentifiers')) } },
      handler: async (context) =>
        ok(await einvoices.identifiers(callerOf(context), param(context, 'domain'))),
    },
    {
      operationId: 'listPayable',
      method: 'get',
      path: '/api/v1/{domain}/payables',
      tag: TAG,
      summary: "What is payable to a provider for a month and not yet exported (the next export's items)",
      auth: true,
      pathParams: { domain: DOMAIN_PARAM },
      queryParams: {
        providerMspId: { description: "The provider's MSP id.", schema: MSP_ID, required: true },
        month: { ...MONTH_PARAM, required: true },
      },
      responses: { 200: { description: 'The payable invoices.', schema: arrayOf(ref('PayableItem')) } },
      handler: async (context) =>
        ok(
          await einvoices.payable(
            callerOf(context),
            param(context, 'domain'),
            queryString(context, 'providerMspId') ?? '',
            queryString(context, 'month') ?? '',
          ),
        ),
    },
    {
      operationId: 'exportPayments',
      method: 'post',
      path: '/api/v1/{domain}/payment-exports',
      tag: TAG,
      summary: "Export a provider's payable invoices for a month and mark them exported on the ledger",
      description:
        'Records the export and marks each invoice in it as exported (keys the municipality and the provider both ' +
        'endorse), so no later export takes it again. The same request again returns the recorded export. Get the ' +
        'file from `…/payment-exports/{exportId}/csv`.',
      auth: true,
      pathParams: { domain: DOMAIN_PARAM },
      requestBody: { description: 'Which provider and month.', schema: ref('PaymentExportRequest') },
      responses: { 201: { description: 'Exported.', schema: ref('PaymentExportWrite') } },
      errors: ['PRECONDITION_FAILED', 'CONFLICT', 'WRONG_ROLE', 'VALIDATION_FAILED'],
      handler: async (context) => {
        const domain = param(context, 'domain');
        const body = bodyRecord(context);
        const input = {
          exportId: String(body.exportId),
          providerMspId: String(body.providerMspId),
          month: String(body.month),
        };
        const result = await einvoices.exportPayments(callerOf(context), domain, input);
        return written(result, `/api/v1/${domain}/payment-exports/${encodeURIComponent(input.exportId)}`);
      },
    },
    {
      operationId: 'listPaymentExports',
      method: 'get',
      path: '/api/v1/{domain}/payment-exports',
      tag: TAG,
      summary: 'The payment exports (a provider sees only its own), by provider, month and id',
      auth: true,
      pathParams: { domain: DOMAIN_PARAM },
      queryParams: { providerMspId: { description: 'Only this provider’s.', schema: MSP_ID } },
      responses: { 200: { description: 'The exports.', schema: arrayOf(ref('PaymentExport')) } },
      handler: async (context) =>
        ok(
          await einvoices.exports(
            callerOf(context),
            param(context, 'domain'),
            queryString(context, 'providerMspId'),
          ),
        ),
    },
    {
      operationId: 'getPaymentExport',
      method: 'get',
      path: '/api/v1/{domain}/payment-exports/{exportId}',
      tag: TAG,
      summary: 'One payment export',
      auth: true,
      pathParams: { domain: DOMAIN_PARAM, exportId: { description: "The export's id.", schema: ID } },
      responses: { 200: { description: 'The export.', schema: ref('PaymentExport') } },
      handler: async (context) =>
        ok(
          await einvoices.exportRecord(
            callerOf(context),
            param(context, 'domain'),
            param(context, 'exportId'),
          ),
        ),
    },
    {
      operationId: 'getPaymentExportCsv',
      method: 'get',
      path: '/api/v1/{domain}/payment-exports/{exportId}/csv',
      tag: TAG,
      summary: 'A payment export as the CSV file the finance system imports',
      auth: true,
      pathParams: { domain: DOMAIN_PARAM, exportId: { description: "The export's id.", schema: ID } },
      responses: {
        200: { description: 'The file.', schema: PaymentExportCsvSchema, mediaType: 'text/csv' },
      },
      handler: async (context) => {
        const exportId = param(context, 'exportId');
        return {
          status: 200,
          mediaType: 'text/csv; charset=utf-8',
          headers: { 'content-disposition': `attachment; filename="betalinger-${exportId}.csv"` },
          body: await einvoices.exportCsv(callerOf(context), param(context, 'domain'), exportId),
        };
      },
    },
  ];
}
