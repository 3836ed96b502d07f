import { hasControlCharacter } from '../domain/ids';
import { invalid, requireArray, requireRecord } from '../domain/validation';

/**
 * A child's personal data as the chaincode accepts it from transient input. The contract API does not check
 * transient data against any schema, so every field is checked here; an error names the field, never its value.
 * (Minimal rules for now; the privacy work adds the full CPR checks.)
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

/** What the municipality and the provider share. */
export interface ChildRecord {
  readonly name: string;
  readonly guardians?: readonly string[];
  readonly school?: string;
  readonly contact?: string;
}

/** What only the municipality holds. */
export interface MunicipalRecord {
  /** Ten digits, without the dash. */
  readonly cpr: string;
  readonly caseFacts?: string;
}

export const CHILD_FIELDS = ['name', 'guardians', 'school', 'contact'] as const;
export const MUNICIPAL_FIELDS = ['cpr', 'caseFacts'] as const;

const MAX_GUARDIANS = 4;
const MAX_TEXT = 500;
const MAX_CASE_FACTS = 10_000;
const CPR_SHAPE = /^(\d{6})-?(\d{4})$/;

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
 * `{"name": string, "guardians"?: string[] (≤ 4), "school"?: string, "contact"?: string}`.
 * @throws DomainError `VALIDATION_FAILED` naming the field.
 */
export function parseChildRecord(value: unknown): ChildRecord {
  const field = `transient.${TRANSIENT_CHILD}`;
  const record = requireRecord(value, field, CHILD_FIELDS);
  return {
    name: requireText(record.name, `${field}.name`, MAX_TEXT, false),
    ...(record.guardians === undefined
      ? {}
      : {
          guardians: requireArray(record.guardians, `${field}.guardians`, 0, MAX_GUARDIANS).map(
            (guardian, index) => requireText(guardian, `${field}.guardians[${index}]`, MAX_TEXT, false),
          ),
        }),
    ...(record.school === undefined
      ? {}
      : { school: requireText(record.school, `${field}.school`, MAX_TEXT, false) }),
    ...(record.contact === undefined
      ? {}
      : { contact: requireText(record.contact, `${field}.contact`, MAX_TEXT, false) }),
  };
}

/**
 * `{"cpr": "DDMMYY-SSSS" or ten digits, "caseFacts"?: string}`.
 * @throws DomainError `VALIDATION_FAILED` naming the field.
 */
export function parseMunicipalRecord(value: unknown): MunicipalRecord {
  const field = `transient.${TRANSIENT_MUNICIPAL}`;
  const record = requireRecord(value, field, MUNICIPAL_FIELDS);
  const cpr = typeof record.cpr === 'string' ? CPR_SHAPE.exec(record.cpr) : null;
  if (cpr === null) {
    return invalid(`${field}.cpr`, 'not_a_cpr_number', 'must be ten digits, optionally DDMMYY-SSSS');
  }
  return {
    cpr: `${cpr[1] ?? ''}${cpr[2] ?? ''}`,
    ...(record.caseFacts === undefined
      ? {}
      : { caseFacts: requireText(record.caseFacts, `${field}.caseFacts`, MAX_CASE_FACTS, true) }),
  };
}

/** The names of the fields a record holds, sorted. */
export function fieldsOf(record: ChildRecord | MunicipalRecord): readonly string[] {
  return Object.keys(record).sort();
}

function requireText(value: unknown, field: string, maxLength: number, multiline: boolean): string {
  if (typeof value !== 'string' || value.trim().length === 0) {
    return invalid(field, 'empty', 'must be a non-empty string');
  }
  if (value.length > maxLength) {
    return invalid(field, 'too_long', `must be at most ${maxLength} characters`, { maxLength });
  }
  if (hasControlCharacter(multiline ? value.replace(/[\n\r\t]/g, ' ') : value)) {
    return invalid(field, 'control_character', 'must not contain control characters');
  }
  return value;
}
