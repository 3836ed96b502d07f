import type { IsoTimestamp } from '../core/calendar-date';
import { Refusal } from '@fabric-agreements/api';
import { hasControlCharacter, requireId } from '../core/ids';
import { invalid, requireOneOf, requireRecord } from '../core/validation';

/**
 * The channel's organisation registry: which MSP is the municipality and which are providers. Written at deploy
 * time by the organisations' administrators, so the chaincode never hard-codes an MSP id.
 *
 * The pure core has no notion of a registry yet; these few rules live here until it does.
 */

/** What a provider supplies. */
export const PROVIDER_KINDS = ['placement_site', 'consultancy'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];
export type OrganisationKind = 'municipality' | ProviderKind;

/** One registered organisation. Its name is the organisation's, never a person's. */
export interface Organisation {
  readonly mspId: string;
  readonly kind: OrganisationKind;
  readonly name: string;
  readonly registeredAt: IsoTimestamp;
  /** Certificate id of the administrator who registered it. */
  readonly registeredBy: string;
}

/** What a registration asks for. */
export interface OrganisationRegistration {
  readonly mspId: string;
  readonly kind: OrganisationKind;
  readonly name: string;
}

const NAME_MAX_LENGTH = 200;

/**
 * `{"name": "..."}` for the municipality, which registers its own MSP.
 * @throws Refusal `VALIDATION_FAILED` for another shape or a bad name.
 */
export function parseMunicipalityRegistration(value: unknown, mspId: string): OrganisationRegistration {
  const record = requireRecord(value, 'registration', ['name']);
  return { mspId: requireId(mspId, 'mspId'), kind: 'municipality', name: requireName(record.name) };
}

/**
 * `{"mspId": "...", "kind": "placement_site" | "consultancy", "name": "..."}`.
 * @throws Refusal `VALIDATION_FAILED` / `INVALID_ID` for another shape, kind, id or a bad name.
 */
export function parseProviderRegistration(value: unknown): OrganisationRegistration {
  const record = requireRecord(value, 'registration', ['mspId', 'kind', 'name']);
  return {
    mspId: requireId(record.mspId, 'mspId'),
    kind: requireOneOf(record.kind, 'kind', PROVIDER_KINDS),
    name: requireName(record.name),
  };
}

/**
 * Decides a registration against what is registered: `undefined` means "write it"; an existing identical record
 * is returned as is, so deploy scripts may run twice.
 * @throws Refusal `CONFLICT` if the MSP is registered differently, or another municipality is registered.
 */
export function reconcileRegistration(
  wanted: OrganisationRegistration,
  existing: Organisation | undefined,
  municipality: Organisation | undefined,
): Organisation | undefined {
  if (existing !== undefined) {
    if (existing.kind === wanted.kind && existing.name === wanted.name) {
      return existing;
    }
    throw new Refusal('CONFLICT', 'the organisation is already registered differently', {
      reason: 'registered_differently',
      mspId: wanted.mspId,
      kind: existing.kind,
    });
  }
  if (wanted.kind === 'municipality' && municipality !== undefined) {
    throw new Refusal('CONFLICT', 'another municipality is registered on this channel', {
      reason: 'municipality_exists',
      municipalityMspId: municipality.mspId,
    });
  }
  return undefined;
}

function requireName(value: unknown): string {
  if (typeof value !== 'string' || value.trim().length === 0) {
    return invalid('name', 'empty', 'must be a non-empty string');
  }
  if (value.length > NAME_MAX_LENGTH) {
    return invalid('name', 'too_long', `must be at most ${NAME_MAX_LENGTH} characters`, {
      maxLength: NAME_MAX_LENGTH,
    });
  }
  if (hasControlCharacter(value)) {
    return invalid('name', 'control_character', 'must not contain control characters');
  }
  return value;
}
