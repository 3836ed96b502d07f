import type { IsoTimestamp } from './calendar-date';
import {
  MunicipalityRegistrationSchema,
  ProviderRegistrationSchema,
  Refusal,
  type ProviderKind,
} from '@fabric-agreements/api';
import { requireId } from './ids';
import { parseInput } from './schema-walk';

/**
 * The channel's organisation registry: which MSP is the municipality and which are providers. Written at deploy
 * time by the organisations' administrators, so the chaincode never hard-codes an MSP id.
 */

export type OrganisationKind = 'municipality' | ProviderKind;

/** One registered organisation. Its name is the organisation's, never a person's. */
export interface Organisation {
  readonly mspId: string;
  readonly kind: OrganisationKind;
  readonly name: string;
  readonly registeredAt: IsoTimestamp;
  /** Certificate id of the administrator who registered it. */
  readonly registeredBy: string;
  /**
   * A provider's: the municipality that registered it, which is the channel's for good (registrations never change),
   * so that a write can check both parties with one read. Absent on records written before it was kept.
   */
  readonly municipalityMspId?: string;
}

/** What a registration asks for. */
export interface OrganisationRegistration {
  readonly mspId: string;
  readonly kind: OrganisationKind;
  readonly name: string;
}

/**
 * `{"name": "..."}` for the municipality, which registers its own MSP.
 * @throws Refusal `VALIDATION_FAILED` for another shape or a bad name.
 */
export function parseMunicipalityRegistration(value: unknown, mspId: string): OrganisationRegistration {
  const { name } = parseInput(MunicipalityRegistrationSchema, value, 'registration');
  return { mspId: requireId(mspId, 'mspId'), kind: 'municipality', name };
}

/**
 * `{"mspId": "...", "kind": "placement_site" | "consultancy", "name": "..."}`.
 * @throws Refusal `VALIDATION_FAILED` / `INVALID_ID` for another shape, kind, id or a bad name.
 */
export function parseProviderRegistration(value: unknown): OrganisationRegistration {
  return parseInput(ProviderRegistrationSchema, value, 'registration');
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
