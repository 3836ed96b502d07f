import { Type, type Static } from '@sinclair/typebox';
import { Code, MspId, Pattern, Text, type Frozen } from './kit';

/**
 * A child's personal data: what a caseworker submits to the gateway, and what the chaincode takes from the
 * transient map (the same record with the `salt` the gateway adds). The chaincode checks every field and never
 * echoes a value in a refusal.
 */

const MAX_TEXT = 500;

/** 16 to 64 random bytes (hex), chosen by the client: a name or CPR number alone is guessable from its hash. */
function Salt() {
  return Pattern(
    '^[0-9a-f]{32,128}$',
    'not_a_salt',
    'must be 32 to 128 lowercase hex digits (16 to 64 random bytes)',
  );
}

const CHILD_RECORD = {
  name: Text(MAX_TEXT),
  guardians: Type.Optional(Type.Array(Text(MAX_TEXT), { maxItems: 4 })),
  school: Type.Optional(Text(MAX_TEXT)),
  contact: Type.Optional(Text(MAX_TEXT)),
};

/** What the municipality and the provider both need to deliver care (the gateway's request body). */
export const ChildRecordSchema = Type.Object(CHILD_RECORD, {
  additionalProperties: false,
  description: 'What the municipality and the provider both need to deliver care.',
});

/** The child record as the chaincode takes it from the transient map: salted. */
export const SaltedChildRecordSchema = Type.Object(
  { salt: Salt(), ...CHILD_RECORD },
  { additionalProperties: false },
);

const CPR_PATTERN = '^[0-9]{6}-?[0-9]{4}$';
const CPR_DESCRIPTION =
  "The child's CPR number, DDMMYY-SSSS or ten digits: a real birth date (century from digit 7), age 0-22.";

const MUNICIPAL_RECORD = {
  cpr: Type.String({
    pattern: CPR_PATTERN,
    description: `${CPR_DESCRIPTION} A number failing the modulus-11 check is stored with a \`cpr_modulus_11\` warning.`,
  }),
  caseFacts: Type.Optional(Text(10_000, true)),
};

/**
 * What only the municipality holds (the gateway's request body). The chaincode checks the CPR number itself
 * (`parseChildCpr`: a child's on the day), so the schema carries no chaincode check for it.
 */
export const MunicipalRecordSchema = Type.Object(MUNICIPAL_RECORD, {
  additionalProperties: false,
  description: 'What only the municipality holds.',
});

/** The municipal record as the chaincode takes it from the transient map: salted. */
export const SaltedMunicipalRecordSchema = Type.Object(
  { salt: Salt(), ...MUNICIPAL_RECORD },
  { additionalProperties: false },
);

/** Why a caseworker reads the child's data (the gateway's request body); the read is logged before it is answered. */
export const PersonalDataReadRequestSchema = Type.Object(
  { providerMspId: MspId(), purpose: Code() },
  {
    additionalProperties: false,
    description: 'Why the data is read; the read is logged on the ledger before the data is returned.',
  },
);

/** Why the child's data is erased (the gateway's request body). */
export const ErasureRequestSchema = Type.Object(
  { reason: Code() },
  { additionalProperties: false, description: 'Why the data is erased (a code).' },
);

/**
 * A lookup of a child's pseudonym by CPR number (the gateway's request body; the gateway computes the pseudonym,
 * the chaincode records who looked up, when and why, never the CPR number).
 */
export const PseudonymRequestSchema = Type.Object(
  {
    cpr: Type.String({ pattern: CPR_PATTERN, description: CPR_DESCRIPTION }),
    purpose: Code('Why the child is looked up (a code, e.g. case_handling).'),
  },
  {
    additionalProperties: false,
    description:
      'The lookup is recorded on the ledger (who, when, why; never the CPR number) before the pseudonym is answered.',
  },
);

export type ChildRecord = Frozen<Static<typeof SaltedChildRecordSchema>>;
