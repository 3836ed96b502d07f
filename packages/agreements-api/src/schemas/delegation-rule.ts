import { Type, type Static } from '@sinclair/typebox';
import { MUNICIPAL_SIGNING_ROLES } from '../vocabulary';
import { CertId, MISMATCH, Ore, StringEnum, WholeNumber, type Frozen } from './kit';

/**
 * The municipality's delegation rule as it submits it (`SetDelegationRule`). What a schema cannot say — tiers start
 * at 0 and rise strictly, a role once per alternative, no more named signers counted than named — the chaincode
 * checks after the walk (`core/delegation-rule.ts`).
 */

/** The most different signers one requirement may ask for. */
export const MAX_SIGNERS_PER_REQUIREMENT = 10;

const COUNT = WholeNumber(1, MAX_SIGNERS_PER_REQUIREMENT);

/** `count` different signers with `role`. */
export const RoleRequirementSchema = Type.Object(
  { role: StringEnum(MUNICIPAL_SIGNING_ROLES), count: COUNT },
  { additionalProperties: false, description: '`count` different people with this municipal role.' },
);

/** `count` different signers among named people (whatever their role). */
export const NamedPeopleRequirementSchema = Type.Object(
  {
    people: Type.Array(CertId(), { minItems: 1, maxItems: 20, uniqueItems: true }),
    count: COUNT,
  },
  {
    additionalProperties: false,
    description: '`count` different people among those named (by certificate id, as WhoAmI shows it).',
  },
);

/** One requirement: a role or named people, told apart by which of the two it has. */
export const SigningRequirementSchema = Type.Union([RoleRequirementSchema, NamedPeopleRequirementSchema], {
  [MISMATCH]: { reason: 'role_or_people', text: 'give either a role or named people' },
});

/** The alternatives that apply from a monthly value upward. */
export const DelegationTierSchema = Type.Object(
  {
    fromMonthlyValue: Ore(0, 'Applies from this monthly value (øre); the first tier starts at 0.'),
    alternatives: Type.Array(Type.Array(SigningRequirementSchema, { minItems: 1, maxItems: 10 }), {
      minItems: 1,
      maxItems: 10,
    }),
  },
  { additionalProperties: false },
);

/** A delegation rule's tiers, by rising monthly value. */
export const DelegationRuleInputSchema = Type.Object(
  { tiers: Type.Array(DelegationTierSchema, { minItems: 1, maxItems: 10 }) },
  {
    additionalProperties: false,
    description:
      'The municipality’s own signing rule by monthly value: each tier lists alternatives; an alternative is met when ' +
      'different people fill all its requirements at once (a person never counts twice).',
  },
);

export type RoleRequirement = Frozen<Static<typeof RoleRequirementSchema>>;
export type NamedPeopleRequirement = Frozen<Static<typeof NamedPeopleRequirementSchema>>;
export type SigningRequirement = Frozen<Static<typeof SigningRequirementSchema>>;
export type DelegationTier = Frozen<Static<typeof DelegationTierSchema>>;
