import { createHash } from 'node:crypto';

/** The obligation every story agreement has: a status report every 3 months. */
export const STATUS_REPORT = 'status-report';

/** SHA-256 (hex) of a made-up document: what a status report puts on the ledger instead of the document. */
export function documentHash(document: string): string {
  return createHash('sha256').update(document, 'utf8').digest('hex');
}
