import { Type } from '@sinclair/typebox';
import { MUNICIPAL_ROLES } from '../../vocabulary';
import { VersionNumberSchema } from '../agreement';
import { MspId, Nullable, Ore, StringEnum } from '../kit';
import { AnyObject, Flag, RecordedCertId, Timestamp, Word, WriteOf } from './parts';

/** The channel's organisation registry and the municipality's rules in it, and the caller as the chaincode sees them. */

/** The municipality's attestation rule as adopted. */
const AdoptedAttestationRuleSchema = Type.Object(
  {
    municipalityMspId: Type.Optional(MspId()),
    version: VersionNumberSchema,
    roles: Type.Array(StringEnum(MUNICIPAL_ROLES)),
    autoAttestBelow: Type.Optional(Ore(0)),
    adoptedAt: Type.Optional(Timestamp()),
  },
  {
    description:
      'Who attests invoices (default: centre head or director) and the automatic-attestation amount.',
  },
);

/** Which organisation is the municipality and which are providers, with the municipality's rules. */
export const RegistrySchema = Type.Object(
  {
    municipality: Nullable(AnyObject()),
    providers: Type.Array(AnyObject()),
    delegationRule: Nullable(AnyObject()),
    attestationRule: Type.Optional(Nullable(AdoptedAttestationRuleSchema)),
  },
  {
    description:
      'Which organisation of the domain is the municipality and which are providers, and the delegation rule.',
  },
);

/** A write that answers the adopted rule. */
export const DelegationRuleWriteSchema = WriteOf(AnyObject());

/** The caller as the chaincode sees them (`WhoAmI`). */
export const FabricIdentitySchema = Type.Object(
  {
    mspId: MspId(),
    certId: RecordedCertId(),
    role: Type.Optional(Nullable(Word())),
    isAdmin: Type.Optional(Flag()),
    organisationKind: Type.Optional(Nullable(Word())),
  },
  { description: 'The caller as the chaincode sees them.' },
);

/** An organisation's trading identifiers, from the registry. */
export const TradingIdentifiersSchema = Type.Object(
  {
    mspId: MspId(),
    cvr: Type.String({ pattern: '^[0-9]{8}$' }),
    gln: Type.Optional(Type.String({ pattern: '^[0-9]{13}$' })),
    setAt: Type.Optional(Timestamp()),
    setBy: Type.Optional(Word()),
  },
  { description: "An organisation's CVR number and EAN (GLN), from the organisation registry." },
);
