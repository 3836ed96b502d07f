import type { IsoDate, IsoTimestamp } from './calendar-date';
import { parseChildCpr, type ValidationWarning } from './cpr';
import {
  SaltedChildRecordSchema,
  SaltedMunicipalRecordSchema,
  type ChildRecord,
} from '@fabric-agreements/api';
import { parseBySchema } from './schema-walk';
import { requireRecord } from './validation';

/**
 * A child's personal data as the chaincode accepts it from transient input. The contract API does not check
 * transient data against any schema, so every field is checked here; an error names the field, never its value.
 *
 * Every record carries a `salt` (16 to 64 random bytes, hex) chosen by the client: Fabric puts the SHA-256 of each
 * private value on chain, and a CPR number or a name alone is guessable from its hash. The salt is stored with
 * the record, never listed among its fields and never returned by a read.
 *
 * Collection names follow a convention instead of naming MSP ids in code:
 * - `pair_<MunicipalityMspId>_<ProviderMspId>`: what the municipality and one provider both need to deliver care
 *   (name, guardians, school, contact); members: those two organisations.
 * - `own_<MunicipalityMspId>`: what only the municipality may hold (CPR number, case facts); member: the
 *   municipality.
 * The network's collection config must define exactly these names (so MSP ids must be valid collection-name
 * characters: letters, digits, `-`, `_`).
 */

/** Transient-map key of the data for the (municipality, provider) pair collection. */
export const TRANSIENT_CHILD = 'child';
/** Transient-map key of the data for the municipality's own collection. */
export const TRANSIENT_MUNICIPAL = 'municipal';

/** What the municipality and the provider share; its schema is in `@fabric-agreements/api`. */
export type { ChildRecord };

/** What only the municipality holds. */
export interface MunicipalRecord {
  readonly salt: string;
  /** Ten digits, without the dash. */
  readonly cpr: string;
  readonly caseFacts?: string;
}

export const MUNICIPAL_FIELDS = ['cpr', 'caseFacts'] as const;

/** The (municipality, provider) pair's collection. */
export function pairCollection(municipalityMspId: string, providerMspId: string): string {
  return `pair_${municipalityMspId}_${providerMspId}`;
}

export const OWN_COLLECTION_PREFIX = 'own_';

/** The municipality's own collection. */
export function ownCollection(municipalityMspId: string): string {
  return `${OWN_COLLECTION_PREFIX}${municipalityMspId}`;
}

/**
 * `{"salt": hex, "name": string, "guardians"?: string[] (≤ 4), "school"?: string, "contact"?: string}`.
 * @throws Refusal `VALIDATION_FAILED` naming the field.
 */
export function parseChildRecord(value: unknown): ChildRecord {
  return parseBySchema(SaltedChildRecordSchema, value, `transient.${TRANSIENT_CHILD}`);
}

/**
 * `{"salt": hex, "cpr": "DDMMYY-SSSS" or ten digits, "caseFacts"?: string}`; the CPR number must be a child's on
 * `today` (see `parseChildCpr`), which the chaincode checks between the schema's other two properties. Returns the
 * record (CPR without the dash) and any warnings (modulus 11).
 * @throws Refusal `VALIDATION_FAILED` naming the field.
 */
export function parseMunicipalRecord(
  value: unknown,
  today: IsoDate,
): { readonly record: MunicipalRecord; readonly warnings: readonly ValidationWarning[] } {
  const field = `transient.${TRANSIENT_MUNICIPAL}`;
  const { properties } = SaltedMunicipalRecordSchema;
  const record = requireRecord(value, field, Object.keys(properties));
  const salt = parseBySchema(properties.salt, record.salt, `${field}.salt`);
  const { cpr, warnings } = parseChildCpr(record.cpr, `${field}.cpr`, today);
  return {
    record: {
      salt,
      cpr: cpr.digits,
      ...(record.caseFacts === undefined
        ? {}
        : { caseFacts: parseBySchema(properties.caseFacts, record.caseFacts, `${field}.caseFacts`) }),
    },
    warnings,
  };
}

/** The names of the personal fields a record holds, sorted (the salt is not one). */
export function fieldsOf(record: ChildRecord | MunicipalRecord): readonly string[] {
  return Object.keys(record)
    .filter((key) => key !== 'salt')
    .sort();
}

/** The names of the personal fields a stored record holds, sorted (the salt is not one; nothing for a non-record). */
export function fieldsOfStored(stored: unknown): readonly string[] {
  return typeof stored === 'object' && stored !== null && !Array.isArray(stored)
    ? Object.keys(stored)
        .filter((key) => key !== 'salt')
        .sort()
    : [];
}

/** A stored record as a reader gets it: without the salt. */
export function withoutSalt(stored: unknown): unknown {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
    return stored;
  }
  return Object.fromEntries(Object.entries(stored).filter(([key]) => key !== 'salt'));
}

/** What was done with a child's personal data. */
export type PersonalDataAction = 'write' | 'read' | 'erase';

/** One append-only access-log entry: who, when, which child (pseudonym), which fields, why. No personal data. */
export interface AccessLogEntry {
  /** The transaction id of the logging transaction; a read presents it to fetch the data. */
  readonly accessId: string;
  readonly childPseudonym: string;
  readonly action: PersonalDataAction;
  readonly at: IsoTimestamp;
  readonly certId: string;
  readonly mspId: string;
  readonly role: string;
  /** The person's enrolment id (certificate subject CN), to show who it was; absent on entries written before. */
  readonly enrollmentId?: string;
  readonly collections: readonly string[];
  readonly fields: readonly string[];
  /** A purpose code (reads and writes) or an erasure reason code. */
  readonly purpose: string;
}

/**
 * A caseworker's lookup of a child's pseudonym from a CPR number, kept in the municipality's own collection for its
 * auditors: who, when, why and which child (pseudonym) — never the CPR number.
 */
export interface PseudonymLookup {
  readonly lookupId: string;
  readonly childPseudonym: string;
  readonly at: IsoTimestamp;
  readonly certId: string;
  readonly mspId: string;
  readonly role: string;
  readonly purpose: string;
}

/**
 * The municipality's binding of a guardian (the enrolment id their certificate is issued to) to one child, kept in
 * its own collection: the guardian may read that child's access log and nothing else. A guardian of siblings has one
 * binding per child.
 */
export interface GuardianBinding {
  readonly guardianId: string;
  readonly childPseudonym: string;
  readonly boundAt: IsoTimestamp;
  readonly boundBy: string;
}

/** A child as its guardian sees their binding: the pseudonym and since when (not who bound it). */
export type GuardianChild = Pick<GuardianBinding, 'childPseudonym' | 'boundAt'>;

/** What ending a guardian's binding to one child did (`ended: false`: there was none). */
export interface GuardianUnbinding {
  readonly guardianId: string;
  readonly childPseudonym: string;
  readonly ended: boolean;
}
