import type { IsoTimestamp } from './calendar-date';
import { Refusal, type Caller } from '@fabric-agreements/api';
import { enrollmentOf } from './access';
import { MUNICIPAL_ROLES, PROVIDER_ROLES } from './parties';
import { ownCollection, pairCollection, type AccessLogEntry, type PersonalDataAction } from './personal-data';
import type { Organisation } from './registry';

/**
 * Who may handle a child's personal data, and when a logged read may fetch it. The contract loads what these
 * rules look at (the registry, the access-log entry, a guardian binding) and stores what they build.
 */

/** How long after its access-log entry a read may fetch the data (seconds). */
export const ACCESS_WINDOW_SECONDS = 60;
/** Tolerated clock difference between the logging and the reading proposal (seconds). */
const CLOCK_SKEW_SECONDS = 60;

/** A collection holding a child's data, and the names of the fields it may hold. */
export interface Held {
  readonly collection: string;
  readonly fields: readonly string[];
}

/** The collections a caller may read for one (municipality, provider) pair, and the pair's organisations. */
export interface Readable {
  readonly readable: readonly string[];
  readonly parties: readonly string[];
}

/**
 * The collections of the (municipality, provider) pair the caller may read: municipal staff the pair's and the
 * municipality's own; staff of that provider the pair's only.
 * @throws Refusal `FORBIDDEN` for anyone else (another provider included); `WRONG_ROLE` for a role of the
 * wrong side or none.
 */
export function readableCollections(
  caller: Caller,
  municipality: Organisation,
  provider: Organisation,
): Readable {
  const pair = pairCollection(municipality.mspId, provider.mspId);
  const parties = [municipality.mspId, provider.mspId];
  if (caller.mspId === municipality.mspId) {
    requireRole(caller, MUNICIPAL_ROLES);
    return { readable: [pair, ownCollection(municipality.mspId)], parties };
  }
  if (caller.mspId === provider.mspId) {
    requireRole(caller, PROVIDER_ROLES);
    return { readable: [pair], parties };
  }
  throw new Refusal('FORBIDDEN', 'the caller’s organisation holds no collection of this child and provider', {
    reason: 'not_a_member',
  });
}

function requireRole(caller: Caller, roles: readonly string[]): void {
  if (caller.role === null || !roles.includes(caller.role)) {
    throw new Refusal('WRONG_ROLE', 'the caller’s role may not handle personal data', {
      allowedRoles: [...roles],
    });
  }
}

/**
 * The access-log entry a read presents, if it opens the data now: the caller's own read, of collections the caller
 * may read, logged at most {@link ACCESS_WINDOW_SECONDS} before `now`.
 * @throws Refusal `NOT_FOUND` (no such entry), `FORBIDDEN` (another person's, or other collections),
 * `PRECONDITION_FAILED` (too old).
 */
export function requireOpenAccess(
  entry: AccessLogEntry | undefined,
  caller: Caller,
  readable: readonly string[],
  now: IsoTimestamp,
): AccessLogEntry {
  if (entry === undefined) {
    throw new Refusal('NOT_FOUND', 'no access-log entry with this id for this child', {
      reason: 'no_access_log_entry',
    });
  }
  if (entry.action !== 'read' || entry.certId !== caller.certId) {
    throw new Refusal('FORBIDDEN', 'the access-log entry is not this caller’s read', {
      reason: 'not_your_access',
    });
  }
  if (!entry.collections.every((collection) => readable.includes(collection))) {
    throw new Refusal('FORBIDDEN', 'the access-log entry names collections of another provider', {
      reason: 'other_collections',
    });
  }
  const ageSeconds = (Date.parse(now) - Date.parse(entry.at)) / 1000;
  if (ageSeconds > ACCESS_WINDOW_SECONDS || ageSeconds < -CLOCK_SKEW_SECONDS) {
    throw new Refusal('PRECONDITION_FAILED', 'the access-log entry has expired; log the access again', {
      reason: 'access_expired',
      windowSeconds: ACCESS_WINDOW_SECONDS,
    });
  }
  return entry;
}

/** The guardian id to look a binding up by: only a person of the municipality with an enrolment id can be one. */
export function guardianIdOf(caller: Caller, municipality: Organisation): string | undefined {
  return caller.mspId === municipality.mspId && caller.enrollmentId !== '' ? caller.enrollmentId : undefined;
}

/**
 * @throws Refusal `FORBIDDEN` unless the guardian's binding names this child.
 */
export function requireGuardianOf(
  binding: { readonly childPseudonym: string } | undefined,
  childPseudonym: string,
): void {
  if (binding?.childPseudonym !== childPseudonym) {
    throw new Refusal('FORBIDDEN', 'the guardian is not bound to this child', {
      reason: 'not_this_childs_guardian',
    });
  }
}

/** What one transaction did with a child's data, as its access-log entry (no personal data). */
export function accessEntry(
  caller: Caller,
  transaction: { readonly txId: string; readonly at: IsoTimestamp },
  childPseudonym: string,
  action: PersonalDataAction,
  held: readonly Held[],
  purpose: string,
): AccessLogEntry {
  return {
    accessId: transaction.txId,
    childPseudonym,
    action,
    at: transaction.at,
    certId: caller.certId,
    mspId: caller.mspId,
    role: caller.role ?? (caller.isAdmin ? 'admin' : 'none'),
    ...enrollmentOf(caller),
    collections: held.map((holding) => holding.collection).sort(),
    fields: [...new Set(held.flatMap((holding) => holding.fields))].sort(),
    purpose,
  };
}

/**
 * A child's access log with the entries kept in private collections (erasures, writes of the shared data) merged in,
 * oldest first.
 */
export function withPrivateEntries(
  entries: readonly AccessLogEntry[],
  privateEntries: readonly AccessLogEntry[],
): readonly AccessLogEntry[] {
  return [...entries, ...privateEntries].sort((a, b) =>
    a.at === b.at ? a.accessId.localeCompare(b.accessId) : a.at.localeCompare(b.at),
  );
}
