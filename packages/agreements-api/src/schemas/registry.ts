import { Type, type Static } from '@sinclair/typebox';
import { ORGANISATION_NAME_MAX_LENGTH, PROVIDER_KINDS } from '../vocabulary';
import { MspId, StringEnum, Text, type Frozen } from './kit';

/**
 * Registering an organisation in the channel's organisation registry (`RegisterMunicipality`,
 * `RegisterProvider`), done at deploy time by the organisations' administrators.
 */

/** An organisation's name (never a person's). */
function OrganisationName() {
  return Text(
    ORGANISATION_NAME_MAX_LENGTH,
    false,
    "The organisation's name, not blank, without control characters.",
  );
}

/** The municipality registers its own MSP: only its name. */
export const MunicipalityRegistrationSchema = Type.Object(
  { name: OrganisationName() },
  { additionalProperties: false },
);

/** A provider, registered by the municipality's administrator. */
export const ProviderRegistrationSchema = Type.Object(
  {
    mspId: MspId(),
    kind: StringEnum(PROVIDER_KINDS),
    name: OrganisationName(),
  },
  { additionalProperties: false },
);

export type ProviderRegistration = Frozen<Static<typeof ProviderRegistrationSchema>>;
