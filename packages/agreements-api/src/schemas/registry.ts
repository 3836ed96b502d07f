import { Type, type Static } from '@sinclair/typebox';
import { ORGANISATION_NAME_MAX_LENGTH, PROVIDER_KINDS } from '../vocabulary';
import { CHECK, Id, StringEnum, type Frozen } from './kit';

/**
 * Registering an organisation in the channel's organisation registry (`RegisterMunicipality`,
 * `RegisterProvider`), done at deploy time by the organisations' administrators.
 */

/** An organisation's name (never a person's): not blank, no control characters. */
export function OrganisationName() {
  return Type.String({
    minLength: 1,
    maxLength: ORGANISATION_NAME_MAX_LENGTH,
    description: "The organisation's name, not blank, without control characters.",
    [CHECK]: 'organisation_name',
  });
}

/** The municipality registers its own MSP: only its name. */
export const MunicipalityRegistrationSchema = Type.Object(
  { name: OrganisationName() },
  { additionalProperties: false },
);

/** A provider, registered by the municipality's administrator. */
export const ProviderRegistrationSchema = Type.Object(
  {
    mspId: Id('MSP id of an organisation, e.g. "PlacementSiteMSP".'),
    kind: StringEnum(PROVIDER_KINDS),
    name: OrganisationName(),
  },
  { additionalProperties: false },
);

export type ProviderRegistration = Frozen<Static<typeof ProviderRegistrationSchema>>;
