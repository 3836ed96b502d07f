import { Context, Returns, Transaction } from 'fabric-contract-api';
import { canonicalJson } from '../domain/canonical-json';
import { DomainError } from '../domain/errors';
import { MUNICIPAL_ROLES, PROVIDER_ROLES } from '../domain/parties';
import { invalid } from '../domain/validation';
import { requireMunicipalCaller, requireMunicipality, requireProvider } from './access';
import { codeArgument, idArgument, jsonArgument, pageArguments } from './arguments';
import { txMoment } from './clock';
import { emitEvent, type ChaincodeEvent } from './events';
import { privateDataCall } from './failure';
import { callerOf, type Caller } from './identity';
import {
  fieldsOf,
  MUNICIPAL_FIELDS,
  OWN_COLLECTION_PREFIX,
  ownCollection,
  pairCollection,
  parseChildRecord,
  parseMunicipalRecord,
  TRANSIENT_CHILD,
  TRANSIENT_MUNICIPAL,
  withoutSalt,
} from './personal-data';
import type { AccessLogEntry, ChildDataHolding } from './records';
import { LedgerContract } from './ledger-contract';
import { Repository } from './repository';

/** How long after its access-log entry a read may fetch the data (seconds). */
export const ACCESS_WINDOW_SECONDS = 60;
/** Tolerated clock difference between the logging and the reading proposal (seconds). */
const CLOCK_SKEW_SECONDS = 60;

/**
 * A child's personal data, kept in private data collections and reachable only through a logged read.
 *
 * Writing is two transactions, one per collection kind (see `PutMunicipalChildData`). Reading is two
 * transactions because a submitted transaction's result is written into the block: (1)
 * `LogChildDataAccess` is submitted and appends the access-log entry (no personal data); (2) `ReadChildData` is
 * evaluated (never ordered, so nothing reaches a block) and returns the data only to the same person, for the
 * collections that entry names, within {@link ACCESS_WINDOW_SECONDS}. No personal data appears in world state,
 * events or errors.
 */
export class ChildDataContract extends LedgerContract {
  constructor() {
    super('ChildDataContract');
  }

  /**
   * Stores what the municipality and one provider share, from the transient map: `child` → `{"salt", "name",
   * "guardians"?, "school"?, "contact"?}` into `pair_<municipality>_<providerMspId>`, replacing what was stored.
   * Records which collection holds it (world state) and logs the write. Caller: municipal staff.
   * Returns `{"childPseudonym", "accessId", "collections", "fields"}`.
   * @throws DomainError `VALIDATION_FAILED` (missing or malformed transient data, unknown provider), `FORBIDDEN`,
   * `WRONG_ROLE`, `PRECONDITION_FAILED`, `INVALID_ID`.
   */
  @Transaction()
  @Returns('string')
  async PutChildData(ctx: Context, childPseudonym: string, providerMspId: string): Promise<string> {
    const caller = callerOf(ctx);
    const repository = new Repository(ctx.stub);
    const municipality = await requireMunicipalCaller(repository, caller, MUNICIPAL_ROLES);
    const pseudonym = idArgument(childPseudonym, 'childPseudonym');
    const provider = await requireProvider(repository, idArgument(providerMspId, 'providerMspId'));
    const record = parseChildRecord(
      jsonArgument(readTransient(ctx, TRANSIENT_CHILD), `transient.${TRANSIENT_CHILD}`),
    );
    const collection = pairCollection(municipality.mspId, provider.mspId);
    await privateDataCall(collection, () =>
      repository.putPrivateChild(collection, pseudonym, canonicalJson(record)),
    );
    const holding: ChildDataHolding = {
      childPseudonym: pseudonym,
      collection,
      municipalityMspId: municipality.mspId,
      providerMspId: provider.mspId,
      fields: fieldsOf(record),
      storedAt: txMoment(ctx.stub).instant,
    };
    await repository.putChildDataHolding(holding);
    const entry = await log(ctx, repository, caller, pseudonym, 'write', [holding], 'data_entry');
    emitEvent(ctx.stub, personalDataEvent('PersonalDataWritten', entry));
    return canonicalJson({
      childPseudonym: pseudonym,
      accessId: entry.accessId,
      collections: entry.collections,
      fields: entry.fields,
    });
  }

  /**
   * Stores what only the municipality holds, from the transient map: `municipal` → `{"salt", "cpr", "caseFacts"?}` into
   * `own_<municipality>`, replacing what was stored. It writes that collection and nothing else, so that only
   * the municipality's peers need to endorse it: the Fabric Gateway sends transient data only to members of the
   * collections a transaction touches, and any world-state write would need a provider's endorsement too. The
   * collection's own endorsement policy must therefore name the municipality alone. Caller: municipal staff.
   * Returns `{"childPseudonym", "accessId", "collections", "fields", "warnings"}` (no access-log entry: see above);
   * `warnings` holds `{"code": "cpr_modulus_11", ...}` for a number without a valid check digit.
   * @throws DomainError `VALIDATION_FAILED`, `FORBIDDEN`, `WRONG_ROLE`, `PRECONDITION_FAILED`, `INVALID_ID`.
   */
  @Transaction()
  @Returns('string')
  async PutMunicipalChildData(ctx: Context, childPseudonym: string): Promise<string> {
    const caller = callerOf(ctx);
    const repository = new Repository(ctx.stub);
    const municipality = await requireMunicipalCaller(repository, caller, MUNICIPAL_ROLES);
    const pseudonym = idArgument(childPseudonym, 'childPseudonym');
    const { record, warnings } = parseMunicipalRecord(
      jsonArgument(readTransient(ctx, TRANSIENT_MUNICIPAL), `transient.${TRANSIENT_MUNICIPAL}`),
      txMoment(ctx.stub).date,
    );
    const collection = ownCollection(municipality.mspId);
    await privateDataCall(collection, () =>
      repository.putPrivateChild(collection, pseudonym, canonicalJson(record)),
    );
    const result = { childPseudonym: pseudonym, accessId: ctx.stub.getTxID(), collections: [collection] };
    emitEvent(ctx.stub, { type: 'PersonalDataWritten', action: 'write', ...result });
    return canonicalJson({ ...result, fields: fieldsOf(record), warnings });
  }

  /**
   * Step 1 of a read: appends an access-log entry (who, when, which child, which fields, `purpose`: a code such as
   * `case_handling`) for the collections the caller may read: the pair collection of the municipality and
   * `providerMspId`, and for municipal staff also the municipality's own. Returns the entry; its `accessId` opens
   * {@link ReadChildData}. Caller: municipal staff, or staff of that provider.
   * @throws DomainError `NOT_FOUND` (nothing held), `FORBIDDEN`, `WRONG_ROLE`, `VALIDATION_FAILED`, `INVALID_ID`.
   */
  @Transaction()
  @Returns('string')
  async LogChildDataAccess(
    ctx: Context,
    childPseudonym: string,
    providerMspId: string,
    purpose: string,
  ): Promise<string> {
    const { caller, repository, pseudonym, readable } = await readingSubject(
      ctx,
      childPseudonym,
      providerMspId,
    );
    const purposeCode = codeArgument(purpose, 'purpose');
    const held = await heldCollections(repository, pseudonym, readable);
    if (held.length === 0) {
      throw new DomainError('NOT_FOUND', 'no personal data the caller may read is held for this child', {
        childPseudonym: pseudonym,
      });
    }
    const entry = await log(ctx, repository, caller, pseudonym, 'read', held, purposeCode);
    emitEvent(ctx.stub, personalDataEvent('PersonalDataAccessed', entry));
    return canonicalJson(entry);
  }

  /**
   * Step 2 of a read, to be evaluated (never submitted: a submitted result lands in the block): returns
   * `{"childPseudonym", "accessId", "child"?: {...}, "municipal"?: {...}}` from the collections the access-log
   * entry `accessId` names. Only the person who wrote that entry, within {@link ACCESS_WINDOW_SECONDS}.
   * @throws DomainError `NOT_FOUND` (no such entry, or the data is gone), `FORBIDDEN` (another person, or Fabric
   * refuses the collection on this peer), `PRECONDITION_FAILED` (the entry is too old), `INVALID_ID`.
   */
  @Transaction(false)
  @Returns('string')
  async ReadChildData(
    ctx: Context,
    childPseudonym: string,
    providerMspId: string,
    accessId: string,
  ): Promise<string> {
    const { caller, repository, pseudonym, readable } = await readingSubject(
      ctx,
      childPseudonym,
      providerMspId,
    );
    const entry = await repository.findAccessLogEntry(pseudonym, idArgument(accessId, 'accessId'));
    if (entry === undefined) {
      throw new DomainError('NOT_FOUND', 'no access-log entry with this id for this child', {
        reason: 'no_access_log_entry',
      });
    }
    if (entry.action !== 'read' || entry.certId !== caller.certId) {
      throw new DomainError('FORBIDDEN', 'the access-log entry is not this caller’s read', {
        reason: 'not_your_access',
      });
    }
    if (!entry.collections.every((collection) => readable.includes(collection))) {
      throw new DomainError('FORBIDDEN', 'the access-log entry names collections of another provider', {
        reason: 'other_collections',
      });
    }
    const ageSeconds = (Date.parse(txMoment(ctx.stub).instant) - Date.parse(entry.at)) / 1000;
    if (ageSeconds > ACCESS_WINDOW_SECONDS || ageSeconds < -CLOCK_SKEW_SECONDS) {
      throw new DomainError('PRECONDITION_FAILED', 'the access-log entry has expired; log the access again', {
        reason: 'access_expired',
        windowSeconds: ACCESS_WINDOW_SECONDS,
      });
    }
    const data: Record<string, unknown> = {};
    for (const collection of entry.collections) {
      const value = await privateDataCall(collection, () =>
        repository.getPrivateChild(collection, pseudonym),
      );
      if (value !== undefined) {
        const key = collection.startsWith(OWN_COLLECTION_PREFIX) ? TRANSIENT_MUNICIPAL : TRANSIENT_CHILD;
        data[key] = withoutSalt(JSON.parse(Buffer.from(value).toString('utf8')) as unknown);
      }
    }
    if (Object.keys(data).length === 0) {
      throw new DomainError('NOT_FOUND', 'no personal data is held for this child', {
        childPseudonym: pseudonym,
      });
    }
    return canonicalJson({ childPseudonym: pseudonym, accessId: entry.accessId, ...data });
  }

  /**
   * Whether personal data is held, without reading it (works on any peer of the channel, member of the
   * collections or not): `{"childPseudonym", "collections": [{"collection", "present", "sha256": hex | null}]}`
   * for the collections the caller may read. Caller: municipal staff, or staff of that provider.
   * @throws DomainError `FORBIDDEN` (also if Fabric refuses the collection), `WRONG_ROLE`, `INVALID_ID`.
   */
  @Transaction(false)
  @Returns('string')
  async CheckChildData(ctx: Context, childPseudonym: string, providerMspId: string): Promise<string> {
    const { repository, pseudonym, readable } = await readingSubject(ctx, childPseudonym, providerMspId);
    const collections = [];
    for (const collection of readable) {
      const hash = await privateDataCall(collection, () =>
        repository.getPrivateChildHash(collection, pseudonym),
      );
      collections.push({ collection, present: hash !== undefined, sha256: hash ?? null });
    }
    return canonicalJson({ childPseudonym: pseudonym, collections });
  }

  /**
   * Erases a child's personal data (`reason`: a code such as `data_subject_request`) from every collection that
   * holds it with `purgePrivateData`: gone from every member peer including private history; the hashes on chain
   * and the agreements (pseudonym only) stay. Logged as an `erase` entry. Nothing held: returns with no write.
   * Caller: municipal staff. Returns `{"childPseudonym", "accessId": string | null, "collections"}`.
   * @throws DomainError `FORBIDDEN`, `WRONG_ROLE`, `PRECONDITION_FAILED`, `VALIDATION_FAILED`, `INVALID_ID`.
   */
  @Transaction()
  @Returns('string')
  async ErasePersonalData(ctx: Context, childPseudonym: string, reason: string): Promise<string> {
    const caller = callerOf(ctx);
    const repository = new Repository(ctx.stub);
    const municipality = await requireMunicipalCaller(repository, caller, MUNICIPAL_ROLES);
    const pseudonym = idArgument(childPseudonym, 'childPseudonym');
    const reasonCode = codeArgument(reason, 'reason');
    const holdings = await repository.listChildDataHoldings(pseudonym);
    const held = await heldCollections(repository, pseudonym, [
      ...holdings.map((holding) => holding.collection),
      ownCollection(municipality.mspId),
    ]);
    if (held.length === 0) {
      return canonicalJson({ childPseudonym: pseudonym, accessId: null, collections: [] });
    }
    for (const holding of held) {
      await privateDataCall(holding.collection, () =>
        repository.purgePrivateChild(holding.collection, pseudonym),
      );
    }
    for (const holding of holdings) {
      await repository.deleteChildDataHolding(holding);
    }
    const entry = await log(ctx, repository, caller, pseudonym, 'erase', held, reasonCode);
    emitEvent(ctx.stub, personalDataEvent('PersonalDataErased', entry));
    return canonicalJson({
      childPseudonym: pseudonym,
      accessId: entry.accessId,
      collections: entry.collections,
    });
  }

  /**
   * A child's access log, oldest first: `{"records": AccessLogEntry[], "fetchedRecordsCount", "bookmark"}`, for the
   * municipality (also serving the guardian's view). Caller: municipal staff or the municipality's administrator.
   * @throws DomainError `FORBIDDEN`, `WRONG_ROLE`, `VALIDATION_FAILED`, `INVALID_ID`.
   */
  @Transaction(false)
  @Returns('string')
  async ListAccessLog(
    ctx: Context,
    childPseudonym: string,
    pageSize: string,
    bookmark: string,
  ): Promise<string> {
    const repository = new Repository(ctx.stub);
    await requireMunicipalCaller(repository, callerOf(ctx), MUNICIPAL_ROLES, true);
    const pseudonym = idArgument(childPseudonym, 'childPseudonym');
    return canonicalJson(await repository.listAccessLog(pseudonym, pageArguments(pageSize, bookmark)));
  }
}

/**
 * The one transient field a transaction takes; any other transient key is refused rather than silently dropped.
 * @throws DomainError `VALIDATION_FAILED` if it is missing or another key is given.
 */
function readTransient(ctx: Context, key: string): string {
  const transient = ctx.stub.getTransient();
  if ([...transient.keys()].some((given) => given !== key)) {
    invalid('transient', 'unexpected_property', 'has keys this transaction does not take', {
      allowed: [key],
    });
  }
  const value = transient.get(key);
  if (value === undefined) {
    return invalid('transient', 'missing', `give the personal data as transient "${key}"`, {
      allowed: [key],
    });
  }
  return Buffer.from(value).toString('utf8');
}

/** A collection holding a child's data, and the names of the fields it may hold. */
interface Held {
  readonly collection: string;
  readonly fields: readonly string[];
}

/**
 * Where a child's personal data is held, among `collections`: the pair collections recorded in world state, and
 * the municipality's own collection if its hash (readable on every peer) says so. The own collection is not
 * recorded in world state because writing it may not touch world state (see `PutMunicipalChildData`).
 * @throws DomainError `FORBIDDEN` if Fabric refuses the own collection.
 */
async function heldCollections(
  repository: Repository,
  childPseudonym: string,
  collections: readonly string[],
): Promise<readonly Held[]> {
  const held: Held[] = (await repository.listChildDataHoldings(childPseudonym)).filter((holding) =>
    collections.includes(holding.collection),
  );
  const own = collections.find((collection) => collection.startsWith(OWN_COLLECTION_PREFIX));
  if (own !== undefined) {
    const hash = await privateDataCall(own, () => repository.getPrivateChildHash(own, childPseudonym));
    if (hash !== undefined) {
      held.push({ collection: own, fields: MUNICIPAL_FIELDS });
    }
  }
  return held;
}

/** Who reads which child's data, and the collections they may read. */
async function readingSubject(
  ctx: Context,
  childPseudonym: string,
  providerMspId: string,
): Promise<{ caller: Caller; repository: Repository; pseudonym: string; readable: readonly string[] }> {
  const caller = callerOf(ctx);
  const repository = new Repository(ctx.stub);
  const pseudonym = idArgument(childPseudonym, 'childPseudonym');
  const readable = await readableCollections(repository, caller, idArgument(providerMspId, 'providerMspId'));
  return { caller, repository, pseudonym, readable };
}

/**
 * The collections of the (municipality, provider) pair the caller may read: municipal staff the pair's and the
 * municipality's own; staff of that provider the pair's only.
 * @throws DomainError `FORBIDDEN` for anyone else (another provider included); `WRONG_ROLE` for a role of the
 * wrong side or none; `VALIDATION_FAILED` if the provider is not registered.
 */
async function readableCollections(
  repository: Repository,
  caller: Caller,
  providerMspId: string,
): Promise<readonly string[]> {
  const municipality = await requireMunicipality(repository);
  const provider = await requireProvider(repository, providerMspId);
  const pair = pairCollection(municipality.mspId, provider.mspId);
  if (caller.mspId === municipality.mspId) {
    requireRole(caller, MUNICIPAL_ROLES);
    return [pair, ownCollection(municipality.mspId)];
  }
  if (caller.mspId === provider.mspId) {
    requireRole(caller, PROVIDER_ROLES);
    return [pair];
  }
  throw new DomainError(
    'FORBIDDEN',
    'the caller’s organisation holds no collection of this child and provider',
    {
      reason: 'not_a_member',
    },
  );
}

function requireRole(caller: Caller, roles: readonly string[]): void {
  if (caller.role === null || !roles.includes(caller.role)) {
    throw new DomainError('WRONG_ROLE', 'the caller’s role may not handle personal data', {
      allowedRoles: [...roles],
    });
  }
}

async function log(
  ctx: Context,
  repository: Repository,
  caller: Caller,
  childPseudonym: string,
  action: AccessLogEntry['action'],
  held: readonly Held[],
  purpose: string,
): Promise<AccessLogEntry> {
  const entry: AccessLogEntry = {
    accessId: ctx.stub.getTxID(),
    childPseudonym,
    action,
    at: txMoment(ctx.stub).instant,
    certId: caller.certId,
    mspId: caller.mspId,
    role: caller.role ?? (caller.isAdmin ? 'admin' : 'none'),
    collections: held.map((holding) => holding.collection).sort(),
    fields: [...new Set(held.flatMap((holding) => holding.fields))].sort(),
    purpose,
  };
  await repository.appendAccessLog(entry);
  return entry;
}

function personalDataEvent(
  type: 'PersonalDataWritten' | 'PersonalDataAccessed' | 'PersonalDataErased',
  entry: AccessLogEntry,
): ChaincodeEvent {
  return {
    type,
    childPseudonym: entry.childPseudonym,
    action: entry.action,
    accessId: entry.accessId,
    collections: entry.collections,
  };
}
