/** What a checked document (invoice, credit note) comes to, from the verdicts on its lines. */
export type DocumentVerdict = 'accepted' | 'partially_accepted' | 'rejected';

/** Accepted when every line is, rejected when none is, partially accepted otherwise. */
export function documentVerdict(
  lines: readonly { readonly status: 'accepted' | 'rejected' }[],
): DocumentVerdict {
  if (lines.every((line) => line.status === 'accepted')) {
    return 'accepted';
  }
  return lines.some((line) => line.status === 'accepted') ? 'partially_accepted' : 'rejected';
}
