import { Type, type Static } from '@sinclair/typebox';
import { type Frozen } from '../kit';

/**
 * The people of the gateway's own organisation, so that screens show a signer's or reader's name rather than a
 * login. A gateway answers only for its own organisation: other organisations' people stay their login.
 */

/** One person: the enrolment id their certificates carry (what the ledger records), the name to show, the role. */
export const DirectoryPersonSchema = Type.Object(
  {
    enrollmentId: Type.String({ minLength: 1, maxLength: 64, description: 'The login: the certificate CN.' }),
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    role: Type.String({ minLength: 1, maxLength: 64 }),
  },
  { additionalProperties: false },
);

/** The gateway's organisation and its people. */
export const PeopleDirectorySchema = Type.Object(
  {
    mspId: Type.String({ minLength: 1, maxLength: 64 }),
    people: Type.Array(DirectoryPersonSchema),
  },
  { additionalProperties: false },
);
export type PeopleDirectoryView = Frozen<Static<typeof PeopleDirectorySchema>>;
