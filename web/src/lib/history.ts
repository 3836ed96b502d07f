import type { Agreement } from '../api/types';
import type { Texts } from '../i18n/da';

/**
 * What one committed change did, read from the agreement before and after it: drafted, a new version proposed, a
 * signature by a role, activated, a termination proposed or agreed — so the history reads as events, not states.
 */
export function describeChange(
  before: Partial<Agreement> | undefined,
  after: Partial<Agreement> | undefined,
  t: Texts,
): string {
  if (after === undefined) return t.history.deleted;
  if (before === undefined) return t.history.drafted;
  const versionsBefore = before.versions ?? [];
  const versionsAfter = after.versions ?? [];
  const terminationsBefore = before.terminations ?? [];
  const terminationsAfter = after.terminations ?? [];
  const parts: string[] = [];
  if (versionsAfter.length > versionsBefore.length) parts.push(t.history.proposed(versionsAfter.length));
  versionsAfter.forEach((version) => {
    const old = versionsBefore.find((v) => v.number === version.number);
    for (const signature of version.signatures.slice(old?.signatures.length ?? 0)) {
      parts.push(t.history.signed(t.roles[signature.role] ?? signature.role, version.number));
    }
    if (old !== undefined && old.state !== version.state)
      parts.push(t.history.versionState(version.number, t.versionState[version.state]));
  });
  if (terminationsAfter.length > terminationsBefore.length) parts.push(t.history.terminationProposed);
  terminationsAfter.forEach((termination) => {
    const old = terminationsBefore.find((x) => x.number === termination.number);
    for (const signature of termination.signatures.slice(old?.signatures.length ?? 0)) {
      parts.push(t.history.terminationSigned(t.roles[signature.role] ?? signature.role));
    }
  });
  if (after.status !== undefined && after.status !== before.status)
    parts.push(t.history.status(t.status[after.status]));
  return parts.length > 0 ? parts.join('; ') : t.history.other;
}
