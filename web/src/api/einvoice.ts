/**
 * E-invoicing through the organisation's own gateway (issue 15): a provider's OIOUBL document in, its
 * ApplicationResponse out; what is payable, payment exports and their CSV file for the finance system.
 */
import { api } from './client';
import { ApiRefusal, must, refusalOf } from './refusal';
import type { components } from './schema';

type Schemas = components['schemas'];
export type PayableItem = Schemas['PayableItem'];
export type PaymentExport = Schemas['PaymentExport'];
export type ReceivedDocumentView = Schemas['ReceivedDocumentView'];

/** How the gateway judged a received document (`X-Document-Status`). */
export type DocumentStatus = 'accepted' | 'partially_accepted' | 'rejected';

/** What sending a document came to: recorded with its answer, or refused with the rejecting answer. */
export type DocumentReceipt =
  | { readonly recorded: true; readonly status: DocumentStatus; readonly applicationResponse: string }
  | {
      readonly recorded: false;
      readonly refusal: ApiRefusal;
      readonly applicationResponse: string | undefined;
    };

const STATUSES: readonly string[] = ['accepted', 'partially_accepted', 'rejected'];

/**
 * Sends an OIOUBL Invoice or CreditNote, exactly the bytes of the chosen file (the ledger keeps their SHA-256), to
 * the agreement's `received-documents` on this organisation's own gateway — the only place the document goes.
 * @throws ApiRefusal `NETWORK` when the gateway cannot be reached (a refusal is returned, not thrown).
 */
export async function sendDocument(
  domain: string,
  agreementId: string,
  bytes: Blob,
): Promise<DocumentReceipt> {
  let answer;
  try {
    answer = await api.POST('/api/v1/{domain}/agreements/{agreementId}/received-documents', {
      params: { path: { domain, agreementId } },
      // The schema types the body as text; the file's own bytes go instead, unchanged (no re-encoding).
      body: bytes as unknown as string,
      bodySerializer: (body) => body,
      headers: { 'Content-Type': 'application/xml' },
      parseAs: 'text',
    });
  } catch {
    throw new ApiRefusal('NETWORK', 0);
  }
  const { response } = answer;
  if (response.ok && typeof answer.data === 'string') {
    const status = response.headers.get('x-document-status') ?? '';
    return {
      recorded: true,
      status: STATUSES.includes(status) ? (status as DocumentStatus) : 'accepted',
      applicationResponse: answer.data,
    };
  }
  const refusal = refusalOf(problemOf(answer.error), response.status);
  const carried = refusal.details.applicationResponse;
  return {
    recorded: false,
    refusal,
    applicationResponse: typeof carried === 'string' ? carried : undefined,
  };
}

function problemOf(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The agreement's received documents, each with its verdict (the invoice record or the credit note's check). */
export async function receivedDocuments(
  domain: string,
  agreementId: string,
): Promise<ReceivedDocumentView[]> {
  const documents = await must(
    api.GET('/api/v1/{domain}/agreements/{agreementId}/received-documents', {
      params: { path: { domain, agreementId } },
    }),
  );
  return Promise.all(
    documents.map((document) =>
      must(
        api.GET('/api/v1/{domain}/agreements/{agreementId}/received-documents/{documentId}', {
          params: { path: { domain, agreementId, documentId: document.documentId } },
        }),
      ),
    ),
  );
}

/** Where a recorded document's ApplicationResponse is downloaded (the session cookie goes along). */
export function applicationResponseUrl(domain: string, agreementId: string, documentId: string): string {
  return `/api/v1/${encodeURIComponent(domain)}/agreements/${encodeURIComponent(agreementId)}/received-documents/${encodeURIComponent(documentId)}/application-response`;
}

/** What is payable to a provider for a month and not yet exported. */
export function payables(domain: string, providerMspId: string, month: string): Promise<PayableItem[]> {
  return must(
    api.GET('/api/v1/{domain}/payables', { params: { path: { domain }, query: { providerMspId, month } } }),
  );
}

/** The payment exports, newest first. */
export async function paymentExports(domain: string): Promise<PaymentExport[]> {
  const list = await must(api.GET('/api/v1/{domain}/payment-exports', { params: { path: { domain } } }));
  return [...list].sort((a, b) => (b.exportedAt ?? '').localeCompare(a.exportedAt ?? ''));
}

/** Exports a provider's payable invoices for a month and marks them exported on the ledger. */
export async function exportPayments(
  domain: string,
  input: { readonly exportId: string; readonly providerMspId: string; readonly month: string },
): Promise<PaymentExport> {
  const written = await must(
    api.POST('/api/v1/{domain}/payment-exports', { params: { path: { domain } }, body: input }),
  );
  return written.data;
}

/** Where an export's CSV file for the finance system is downloaded. */
export function paymentExportCsvUrl(domain: string, exportId: string): string {
  return `/api/v1/${encodeURIComponent(domain)}/payment-exports/${encodeURIComponent(exportId)}/csv`;
}
