import type { Agreement } from '../api/types';
import type { Texts } from '../i18n/da';
import type { Someone } from './use-people';

/**
 * What one committed change did, read from the agreement before and after it: drafted, a new version proposed, a
 * signature by a person, activated, a termination proposed or agreed — so the history reads as events, not states.
 * `who` names a signer (the screens pass the people directory's name; by default the signer's role).
 */
export function describeChange(
  before: Partial<Agreement> | undefined,
  after: Partial<Agreement> | undefined,
  t: Texts,
  who: (signer: Someone) => string = (signer) => t.roles[signer.role] ?? signer.role,
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
      parts.push(t.history.signed(who(signature), version.number));
    }
    if (old !== undefined && old.state !== version.state)
      parts.push(t.history.versionState(version.number, t.versionState[version.state]));
  });
  parts.push(...terminationChanges(terminationsBefore, terminationsAfter, t, who));
  if (after.status !== undefined && after.status !== before.status)
    parts.push(t.history.status(t.status[after.status]));
  return parts.length > 0 ? parts.join('; ') : t.history.other;
}

/** A termination proposed, and each new signature on one. */
function terminationChanges(
  before: NonNullable<Agreement['terminations']>,
  after: NonNullable<Agreement['terminations']>,
  t: Texts,
  who: (signer: Someone) => string,
): string[] {
  const parts: string[] = [];
  if (after.length > before.length) parts.push(t.history.terminationProposed);
  after.forEach((termination) => {
    const old = before.find((x) => x.number === termination.number);
    for (const signature of termination.signatures.slice(old?.signatures.length ?? 0)) {
      parts.push(t.history.terminationSigned(who(signature)));
    }
  });
  return parts;
}
