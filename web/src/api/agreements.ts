import { api } from './client';
import { must } from './refusal';
import type { Agreement } from './types';

const STATUSES: readonly Agreement['status'][] = [
  'draft',
  'awaiting_signatures',
  'active',
  'terminated',
  'expired',
];

/** Every agreement in one status, all pages. */
export async function listByStatus(domain: string, status: Agreement['status']): Promise<Agreement[]> {
  const items: Agreement[] = [];
  let bookmark: string | undefined;
  for (let page = 0; page < 50; page++) {
    const answer = await must(
      api.GET('/api/v1/{domain}/agreements', {
        params: {
          path: { domain },
          query: { status, pageSize: 100, ...(bookmark === undefined ? {} : { bookmark }) },
        },
      }),
    );
    items.push(...answer.items);
    if (answer.bookmark === null || answer.bookmark === '' || answer.items.length === 0) {
      break;
    }
    bookmark = answer.bookmark;
  }
  return items;
}

/** Every agreement the caller sees (the gateway lists by one status at a time). */
export async function listAll(domain: string, statuses = STATUSES): Promise<Agreement[]> {
  const pages = await Promise.all(statuses.map((status) => listByStatus(domain, status)));
  return pages.flat();
}

/** One agreement. */
export function getAgreement(domain: string, agreementId: string): Promise<Agreement> {
  return must(
    api.GET('/api/v1/{domain}/agreements/{agreementId}', { params: { path: { domain, agreementId } } }),
  );
}
