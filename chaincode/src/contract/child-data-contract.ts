import { Returns, Transaction } from 'fabric-contract-api';
import { canonicalJson } from '../core/canonical-json';
import { AUDITOR_ROLE, GUARDIAN_ROLE, MUNICIPAL_ROLES } from '../core/parties';
import {
  fieldsOf,
  fieldsOfStored,
  MUNICIPAL_FIELDS,
  OWN_COLLECTION_PREFIX,
  ownCollection,
  pairCollection,
  parseChildRecord,
  parseMunicipalRecord,
  TRANSIENT_CHILD,
  TRANSIENT_MUNICIPAL,
  withoutSalt,
  type AccessLogEntry,
  type GuardianBinding,
  type GuardianChild,
  type GuardianUnbinding,
  type PseudonymLookup,
} from '../core/personal-data';
import {
  accessEntry,
  guardianIdOf,
  readableCollections,
  requireGuardianOf,
  requireOpenAccess,
  withPrivateEntries,
  type Held,
  type Readable,
} from '../core/personal-data-access';
import type { Organisation } from '../core/registry';
import { invalid, requireIsoMonth } from '../core/validation';
import {
  CONTRACT_NAMES,
  Refusal,
  readerPublicKey,
  seal,
  sealContext,
  TRANSIENT_READER_KEY,
} from '@fabric-agreements/api';
import { codeArgument, idArgument, jsonArgument, pageArguments } from './arguments';
import { TransactionContext } from './context';
import { requireEndorserAmong } from './endorsing-peer';
import { emitEvent, type ChaincodeEvent } from './events';
import { privateDataCall, unlessUndefined } from './failure';
import { LedgerContract } from './ledger-contract';

/**
 * A child's personal data, kept in private data collections and reachable only through a logged read.
 *
 * Writing is two transactions, one per collection kind (see `PutMunicipalChildData`). Reading is two
 * transactions because a submitted transaction's result is written into the block: (1)
 * `LogChildDataAccess` is submitted and appends the access-log entry (no personal data); (2) `ReadChildData` is
 * evaluated (never ordered, so nothing reaches a block) and returns the data only to the same person, for the
 * collections that entry names, within `ACCESS_WINDOW_SECONDS`. No personal data appears in world state,
 * events or errors.
 */
export class ChildDataContract extends LedgerContract {
  constructor() {
    super(CONTRACT_NAMES.childData);
  }

  /**
   * Stores what the municipality and one provider share, from the transient map: `child` → `{"salt", "name",
   * "guardians"?, "school"?, "contact"?}` into `pair_<municipality>_<providerMspId>`, replacing what was stored, and
   * logs the write beside it in the same collection. It writes that collection and nothing else, so that the
   * municipality — the data controller, and the only organisation the collection lets write — endorses it alone,
   * as with `PutMunicipalChildData`; the provider's peer receives the data by dissemination and at commit.
   * Caller: municipal staff. Returns `{"childPseudonym", "accessId", "collections", "fields"}`.
   * @throws Refusal `VALIDATION_FAILED` (missing or malformed transient data, unknown provider), `FORBIDDEN`,
   * `WRONG_ROLE`, `PRECONDITION_FAILED`, `INVALID_ID`.
   */
  @Transaction()
  @Returns('string')
  async PutChildData(
    ctx: TransactionContext,
    childPseudonym: string,
    providerMspId: string,
  ): Promise<string> {
    const personalData = ctx.repository.personalData;
    const municipality = await ctx.municipalCaller(MUNICIPAL_ROLES);
    requireEndorserAmong(ctx.stub, [municipality.mspId]);
    const pseudonym = idArgument(childPseudonym, 'childPseudonym');
    const provider = await ctx.provider(idArgument(providerMspId, 'providerMspId'));
    const record = parseChildRecord(
      jsonArgument(readTransient(ctx, TRANSIENT_CHILD), `transient.${TRANSIENT_CHILD}`),
    );
    const collection = pairCollection(municipality.mspId, provider.mspId);
    const held = [{ collection, fields: fieldsOf(record) }];
    const entry = accessEntry(ctx.caller, transactionOf(ctx), pseudonym, 'write', held, 'data_entry');
    await privateDataCall(collection, async () => {
      await personalData.putChild(collection, pseudonym, record);
      await personalData.appendPrivateEntry(collection, { ...entry, action: 'write' });
    });
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
   * @throws Refusal `VALIDATION_FAILED`, `FORBIDDEN`, `WRONG_ROLE`, `PRECONDITION_FAILED`, `INVALID_ID`.
   */
  @Transaction()
  @Returns('string')
  async PutMunicipalChildData(ctx: TransactionContext, childPseudonym: string): Promise<string> {
    const municipality = await ctx.municipalCaller(MUNICIPAL_ROLES);
    requireEndorserAmong(ctx.stub, [municipality.mspId]);
    const pseudonym = idArgument(childPseudonym, 'childPseudonym');
    const { record, warnings } = parseMunicipalRecord(
      jsonArgument(readTransient(ctx, TRANSIENT_MUNICIPAL), `transient.${TRANSIENT_MUNICIPAL}`),
      ctx.moment.date,
    );
    const collection = ownCollection(municipality.mspId);
    await privateDataCall(collection, () =>
      ctx.repository.personalData.putChild(collection, pseudonym, record),
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
   * @throws Refusal `NOT_FOUND` (nothing held), `FORBIDDEN`, `WRONG_ROLE`, `VALIDATION_FAILED`, `INVALID_ID`.
   */
  @Transaction()
  @Returns('string')
  async LogChildDataAccess(
    ctx: TransactionContext,
    childPseudonym: string,
    providerMspId: string,
    purpose: string,
  ): Promise<string> {
    const { pseudonym, readable, parties } = await readingSubject(ctx, childPseudonym, providerMspId);
    requireEndorserAmong(ctx.stub, parties);
    const purposeCode = codeArgument(purpose, 'purpose');
    const held = await heldCollections(ctx, pseudonym, readable);
    if (held.length === 0) {
      throw new Refusal('NOT_FOUND', 'no personal data the caller may read is held for this child', {
        childPseudonym: pseudonym,
      });
    }
    const entry = await log(ctx, pseudonym, 'read', held, purposeCode);
    emitEvent(ctx.stub, personalDataEvent('PersonalDataAccessed', entry));
    return canonicalJson(entry);
  }

  /**
   * Step 2 of a read, evaluated on a peer of the caller's own organisation: returns `{"childPseudonym", "accessId",
   * "sealed": SealedBox}` where the box opens, with the reader's one-time private key, to `{"child"?: {...},
   * "municipal"?: {...}}` from the collections the access-log entry `accessId` names. The reader's one-time P-256
   * public key comes as transient `reader_key`. Whatever a transaction returns may be ordered into a block (a member
   * can submit this instead of evaluating it), so the data never leaves in the clear, and a peer of any other
   * organisation refuses to run it. Only the person who wrote that entry, within `ACCESS_WINDOW_SECONDS`.
   * @throws Refusal `NOT_FOUND` (no such entry, or the data is gone), `FORBIDDEN` (another person, a peer of
   * another organisation, or Fabric refuses the collection on this peer), `PRECONDITION_FAILED` (the entry is too
   * old), `VALIDATION_FAILED` (no usable reader key), `INVALID_ID`.
   */
  @Transaction(false)
  @Returns('string')
  async ReadChildData(
    ctx: TransactionContext,
    childPseudonym: string,
    providerMspId: string,
    accessId: string,
  ): Promise<string> {
    const { pseudonym, readable } = await readingSubject(ctx, childPseudonym, providerMspId);
    requireEndorserAmong(ctx.stub, [ctx.caller.mspId]);
    const readerKey = readerPublicKey(readTransient(ctx, TRANSIENT_READER_KEY));
    const personalData = ctx.repository.personalData;
    const entry = requireOpenAccess(
      await personalData.getAccess(pseudonym, idArgument(accessId, 'accessId')),
      ctx.caller,
      readable,
      ctx.moment.instant,
    );
    const data: Record<string, unknown> = {};
    for (const collection of entry.collections) {
      const value = await privateDataCall(collection, () => personalData.getChild(collection, pseudonym));
      if (value !== undefined) {
        const key = collection.startsWith(OWN_COLLECTION_PREFIX) ? TRANSIENT_MUNICIPAL : TRANSIENT_CHILD;
        data[key] = withoutSalt(value);
      }
    }
    if (Object.keys(data).length === 0) {
      throw new Refusal('NOT_FOUND', 'no personal data is held for this child', {
        childPseudonym: pseudonym,
      });
    }
    return canonicalJson({
      childPseudonym: pseudonym,
      accessId: entry.accessId,
      sealed: seal(canonicalJson(data), readerKey, sealContext(pseudonym, entry.accessId)),
    });
  }

  /**
   * Whether personal data is held, without reading it (works on any peer of the channel, member of the
   * collections or not): `{"childPseudonym", "collections": [{"collection", "present", "sha256": hex | null}]}`
   * for the collections the caller may read. Caller: municipal staff, or staff of that provider.
   * @throws Refusal `FORBIDDEN` (also if Fabric refuses the collection), `WRONG_ROLE`, `INVALID_ID`.
   */
  @Transaction(false)
  @Returns('string')
  async CheckChildData(
    ctx: TransactionContext,
    childPseudonym: string,
    providerMspId: string,
  ): Promise<string> {
    const { pseudonym, readable } = await readingSubject(ctx, childPseudonym, providerMspId);
    const collections = [];
    for (const collection of readable) {
      const hash = await privateDataCall(collection, () =>
        ctx.repository.personalData.getChildHash(collection, pseudonym),
      );
      collections.push({ collection, present: hash !== undefined, sha256: hash ?? null });
    }
    return canonicalJson({ childPseudonym: pseudonym, collections });
  }

  /**
   * Erases a child's personal data (`reason`: a code such as `data_subject_request`) from every collection that
   * holds it with `purgePrivateData`: gone from every member peer including private history; the hashes on chain
   * and the agreements (pseudonym only) stay. The municipality is the data controller and erases alone: the
   * transaction writes nothing but private data of collections whose endorsement policy names the municipality only
   * (the purges, and the erasure's access-log entry in its own collection), so neither a stopped nor an unwilling
   * provider peer can hold it up; a provider's peer purges when it commits the block. Nothing held: returns with
   * no write. Caller: municipal staff. Returns `{"childPseudonym", "accessId": string | null, "collections"}`.
   * @throws Refusal `FORBIDDEN`, `WRONG_ROLE`, `PRECONDITION_FAILED`, `VALIDATION_FAILED`, `INVALID_ID`.
   */
  @Transaction()
  @Returns('string')
  async ErasePersonalData(ctx: TransactionContext, childPseudonym: string, reason: string): Promise<string> {
    const personalData = ctx.repository.personalData;
    const municipality = await ctx.municipalCaller(MUNICIPAL_ROLES);
    requireEndorserAmong(ctx.stub, [municipality.mspId]);
    const pseudonym = idArgument(childPseudonym, 'childPseudonym');
    const reasonCode = codeArgument(reason, 'reason');
    const collections = [...(await pairCollectionsOf(ctx, municipality)), ownCollection(municipality.mspId)];
    // A sweep over every registered provider: a collection the definition lacks holds nothing (`unlessUndefined`).
    const held = await heldCollections(ctx, pseudonym, collections, (collection) =>
      unlessUndefined(() => personalData.getChildHash(collection, pseudonym), undefined),
    );
    if (held.length === 0) {
      return canonicalJson({ childPseudonym: pseudonym, accessId: null, collections: [] });
    }
    for (const holding of held) {
      await privateDataCall(holding.collection, () => personalData.purgeChild(holding.collection, pseudonym));
    }
    const entry = accessEntry(ctx.caller, transactionOf(ctx), pseudonym, 'erase', held, reasonCode);
    const own = ownCollection(municipality.mspId);
    await privateDataCall(own, () => personalData.appendPrivateEntry(own, { ...entry, action: 'erase' }));
    emitEvent(ctx.stub, personalDataEvent('PersonalDataErased', entry));
    return canonicalJson({
      childPseudonym: pseudonym,
      accessId: entry.accessId,
      collections: entry.collections,
    });
  }

  /**
   * A child's access log, oldest first: `{"records": AccessLogEntry[], "fetchedRecordsCount", "bookmark"}`: the reads
   * (world state) page by page, and on the last page, merged in time order, the entries kept in private collections
   * — the writes of shared data (each pair collection) and the erasures (the municipality's own). Callers: municipal staff, the
   * municipality's administrator or service identity, and a guardian the municipality bound to this child (see
   * {@link BindGuardian}) — the Estonian Data Tracker's idea: the family sees who looked at the child's data.
   * Evaluated on the municipality's peer (the only one holding every one of these collections).
   * @throws Refusal `FORBIDDEN` (also a guardian of another child), `WRONG_ROLE`, `VALIDATION_FAILED`, `INVALID_ID`.
   */
  @Transaction(false)
  @Returns('string')
  async ListAccessLog(
    ctx: TransactionContext,
    childPseudonym: string,
    pageSize: string,
    bookmark: string,
  ): Promise<string> {
    const personalData = ctx.repository.personalData;
    const pseudonym = idArgument(childPseudonym, 'childPseudonym');
    const municipality =
      ctx.caller.role === GUARDIAN_ROLE
        ? await guardiansMunicipality(ctx, pseudonym)
        : await ctx.municipalCaller(MUNICIPAL_ROLES, true);
    const page = await personalData.pageAccessLog(pseudonym, pageArguments(pageSize, bookmark));
    if (page.bookmark !== '') {
      return canonicalJson(page);
    }
    const own = ownCollection(municipality.mspId);
    const privateEntries = [
      ...(await privateDataCall(own, () => personalData.listPrivateEntries(own, pseudonym, 'erase'))),
    ];
    for (const pair of await pairCollectionsOf(ctx, municipality)) {
      const writes = () => personalData.listPrivateEntries(pair, pseudonym, 'write');
      privateEntries.push(...(await unlessUndefined(writes, [])));
    }
    const records = withPrivateEntries(page.records, privateEntries);
    return canonicalJson({ ...page, records, fetchedRecordsCount: records.length });
  }

  /**
   * Binds a guardian — the enrolment id the municipality's CA issues their certificate to — to a child, in the
   * municipality's own collection (endorsed by the municipality alone). One binding per guardian and child: a
   * guardian of siblings is bound to each; binding again replaces that binding only. Caller: municipal staff.
   * Returns the {@link GuardianBinding}.
   * @throws Refusal `FORBIDDEN`, `WRONG_ROLE`, `INVALID_ID`, `PRECONDITION_FAILED`.
   */
  @Transaction()
  @Returns('string')
  async BindGuardian(ctx: TransactionContext, childPseudonym: string, guardianId: string): Promise<string> {
    const municipality = await ctx.municipalCaller(MUNICIPAL_ROLES);
    requireEndorserAmong(ctx.stub, [municipality.mspId]);
    const binding: GuardianBinding = {
      guardianId: idArgument(guardianId, 'guardianId'),
      childPseudonym: idArgument(childPseudonym, 'childPseudonym'),
      boundAt: ctx.moment.instant,
      boundBy: ctx.caller.certId,
    };
    const own = ownCollection(municipality.mspId);
    await privateDataCall(own, () => ctx.repository.personalData.putGuardianBinding(own, binding));
    return canonicalJson(binding);
  }

  /**
   * Ends a guardian's binding to one child (their bindings to other children stay), in the municipality's own
   * collection (endorsed by the municipality alone, also when there was none). Returns `{"guardianId",
   * "childPseudonym", "ended": boolean}` (`false`: there was none).
   * Caller: municipal staff.
   * @throws Refusal `FORBIDDEN`, `WRONG_ROLE`, `INVALID_ID`, `PRECONDITION_FAILED`.
   */
  @Transaction()
  @Returns('string')
  async UnbindGuardian(ctx: TransactionContext, childPseudonym: string, guardianId: string): Promise<string> {
    const personalData = ctx.repository.personalData;
    const municipality = await ctx.municipalCaller(MUNICIPAL_ROLES);
    requireEndorserAmong(ctx.stub, [municipality.mspId]);
    const guardian = idArgument(guardianId, 'guardianId');
    const pseudonym = idArgument(childPseudonym, 'childPseudonym');
    const own = ownCollection(municipality.mspId);
    const bound = await privateDataCall(own, () => personalData.getGuardianBinding(own, guardian, pseudonym));
    // Deleted even when absent: a transaction that writes nothing to the municipality's own collection would need
    // the chaincode's endorsement policy (a provider's peer too), so the idempotent repeat could not commit.
    await privateDataCall(own, () => personalData.deleteGuardianBinding(own, guardian, pseudonym));
    const unbinding: GuardianUnbinding = {
      guardianId: guardian,
      childPseudonym: pseudonym,
      ended: bound !== undefined,
    };
    return canonicalJson(unbinding);
  }

  /**
   * The children the calling guardian is bound to: `{"children": [{"childPseudonym", "boundAt"}]}`, by pseudonym.
   * Only the caller's own bindings (looked up by their enrolment id), never who bound them nor other guardians'.
   * Caller: a guardian of the municipality. Evaluated on the municipality's peer.
   * @throws Refusal `FORBIDDEN` (another organisation), `WRONG_ROLE` (not a guardian), `PRECONDITION_FAILED`.
   */
  @Transaction(false)
  @Returns('string')
  async ListGuardianChildren(ctx: TransactionContext): Promise<string> {
    const municipality = await ctx.municipalCaller([GUARDIAN_ROLE]);
    const guardianId = guardianIdOf(ctx.caller, municipality);
    const own = ownCollection(municipality.mspId);
    const bindings =
      guardianId === undefined
        ? []
        : await privateDataCall(own, () => ctx.repository.personalData.listGuardianBindings(own, guardianId));
    const children: GuardianChild[] = bindings.map((binding) => ({
      childPseudonym: binding.childPseudonym,
      boundAt: binding.boundAt,
    }));
    return canonicalJson({ children });
  }

  /**
   * Records that a person looked up a child's pseudonym from a CPR number (the gateway computes it; the CPR number
   * never reaches the ledger): who, when, why, which child — in the municipality's own collection, where its
   * auditors read it and no provider sees it. Endorsed by the municipality alone. Callers: caseworkers, centre heads,
   * directors. Returns `{"lookupId", "childPseudonym", "at", "purpose"}`.
   * @throws Refusal `FORBIDDEN`, `WRONG_ROLE`, `VALIDATION_FAILED`, `INVALID_ID`, `PRECONDITION_FAILED`.
   */
  @Transaction()
  @Returns('string')
  async RecordPseudonymLookup(
    ctx: TransactionContext,
    childPseudonym: string,
    purpose: string,
  ): Promise<string> {
    const caller = ctx.caller;
    const municipality = await ctx.municipalCaller(MUNICIPAL_ROLES);
    requireEndorserAmong(ctx.stub, [municipality.mspId]);
    const lookup: PseudonymLookup = {
      lookupId: ctx.stub.getTxID(),
      childPseudonym: idArgument(childPseudonym, 'childPseudonym'),
      at: ctx.moment.instant,
      certId: caller.certId,
      mspId: caller.mspId,
      role: caller.role ?? 'none',
      purpose: codeArgument(purpose, 'purpose'),
    };
    const own = ownCollection(municipality.mspId);
    await privateDataCall(own, () => ctx.repository.personalData.appendPseudonymLookup(own, lookup));
    return canonicalJson({
      lookupId: lookup.lookupId,
      childPseudonym: lookup.childPseudonym,
      at: lookup.at,
      purpose: lookup.purpose,
    });
  }

  /**
   * A month's pseudonym lookups (`month` `YYYY-MM`, UTC), oldest first: `{"records": PseudonymLookup[],
   * "fetchedRecordsCount", "bookmark"}`. Callers: the municipality's auditors and directors. Evaluated on the
   * municipality's peer.
   * @throws Refusal `FORBIDDEN`, `WRONG_ROLE`, `VALIDATION_FAILED`, `INVALID_DATE`.
   */
  @Transaction(false)
  @Returns('string')
  async ListPseudonymLookups(
    ctx: TransactionContext,
    month: string,
    pageSize: string,
    bookmark: string,
  ): Promise<string> {
    const municipality = await ctx.municipalCaller([AUDITOR_ROLE, 'director']);
    const own = ownCollection(municipality.mspId);
    const request = pageArguments(pageSize, bookmark);
    const page = await privateDataCall(own, () =>
      ctx.repository.personalData.pagePseudonymLookups(own, requireIsoMonth(month, 'month'), request),
    );
    return canonicalJson(page);
  }
}

/**
 * The one transient field a transaction takes; any other transient key is refused rather than silently dropped.
 * @throws Refusal `VALIDATION_FAILED` if it is missing or another key is given.
 */
function readTransient(ctx: TransactionContext, key: string): string {
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

/**
 * Where a child's personal data is held, among `collections`, and which fields: a collection holds it if its hash
 * (readable on every peer) says so — an erasure purges the data and leaves no hash. The fields of a pair collection
 * are those of the stored record, read on this peer (both endorsers of a logged read are members); the municipality's
 * own collection is read only by its own peer, so its fields are all it may hold.
 * @throws Refusal `FORBIDDEN` if Fabric refuses a collection; `PERSONAL_DATA_NOT_YET_AVAILABLE` if this member peer
 * has the hash but not yet the data.
 */
async function heldCollections(
  ctx: TransactionContext,
  childPseudonym: string,
  collections: readonly string[],
  hashOf: (collection: string) => Promise<string | undefined> = (collection) =>
    privateDataCall(collection, () => ctx.repository.personalData.getChildHash(collection, childPseudonym)),
): Promise<readonly Held[]> {
  const personalData = ctx.repository.personalData;
  const held: Held[] = [];
  for (const collection of collections) {
    if ((await hashOf(collection)) === undefined) {
      continue;
    }
    const fields = collection.startsWith(OWN_COLLECTION_PREFIX)
      ? MUNICIPAL_FIELDS
      : fieldsOfStored(
          await privateDataCall(collection, () => personalData.getChild(collection, childPseudonym)),
        );
    held.push({ collection, fields });
  }
  return held;
}

/** The pair collections of the municipality and every registered provider of this channel. */
async function pairCollectionsOf(ctx: TransactionContext, municipality: Organisation): Promise<string[]> {
  const organisations = await ctx.repository.registry.listOrganisations();
  return organisations
    .filter((organisation) => organisation.kind !== 'municipality')
    .map((provider) => pairCollection(municipality.mspId, provider.mspId));
}

/**
 * Which child's data is read, the collections the caller may read, and the pair's two organisations.
 * @throws Refusal as `readableCollections`; `VALIDATION_FAILED` if the provider is not registered;
 * `PRECONDITION_FAILED` if no municipality is.
 */
async function readingSubject(
  ctx: TransactionContext,
  childPseudonym: string,
  providerMspId: string,
): Promise<Readable & { readonly pseudonym: string }> {
  const pseudonym = idArgument(childPseudonym, 'childPseudonym');
  const provider = idArgument(providerMspId, 'providerMspId');
  const municipality = await ctx.municipality();
  return { pseudonym, ...readableCollections(ctx.caller, municipality, await ctx.provider(provider)) };
}

/** The transaction as an access-log entry names it. */
function transactionOf(ctx: TransactionContext): { readonly txId: string; readonly at: string } {
  return { txId: ctx.stub.getTxID(), at: ctx.moment.instant };
}

async function log(
  ctx: TransactionContext,
  childPseudonym: string,
  action: AccessLogEntry['action'],
  held: readonly Held[],
  purpose: string,
): Promise<AccessLogEntry> {
  const entry = accessEntry(ctx.caller, transactionOf(ctx), childPseudonym, action, held, purpose);
  await ctx.repository.personalData.appendAccess(entry);
  return entry;
}

/**
 * The municipality, when the caller is a guardian it bound to this child.
 * @throws Refusal `FORBIDDEN` otherwise (another child, no binding, not the municipality's).
 */
async function guardiansMunicipality(ctx: TransactionContext, childPseudonym: string): Promise<Organisation> {
  const municipality = await ctx.municipality();
  const own = ownCollection(municipality.mspId);
  const guardianId = guardianIdOf(ctx.caller, municipality);
  const binding =
    guardianId === undefined
      ? undefined
      : await privateDataCall(own, () =>
          ctx.repository.personalData.getGuardianBinding(own, guardianId, childPseudonym),
        );
  requireGuardianOf(binding, childPseudonym);
  return municipality;
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
