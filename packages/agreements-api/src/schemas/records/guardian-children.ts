import { Type, type Static } from '@sinclair/typebox';
import { Id, type Frozen } from '../kit';
import { WriteOf } from './parts';

/**
 * What the REST API answers about a guardian's bindings (responses, not transaction inputs): a guardian's own
 * children, and the end of one binding. Only pseudonyms and dates: never who bound them nor other guardians.
 */

const BOUND_AT = Type.String({
  format: 'date-time',
  description: 'When the municipality bound the guardian.',
});

/** One child a guardian is bound to. */
export const GuardianChildSchema = Type.Object(
  {
    childPseudonym: Id("The child's keyed pseudonym: the reference in the municipality's letter."),
    boundAt: BOUND_AT,
  },
  { additionalProperties: false },
);
export type GuardianChildView = Frozen<Static<typeof GuardianChildSchema>>;

/** The calling guardian's children, by pseudonym (zero, one or many). */
export const GuardianChildrenSchema = Type.Object(
  { children: Type.Array(GuardianChildSchema) },
  { additionalProperties: false },
);
export type GuardianChildrenView = Frozen<Static<typeof GuardianChildrenSchema>>;

/** What ending one binding did (`ended: false`: there was none). */
export const GuardianUnbindingSchema = Type.Object(
  {
    guardianId: Id("The guardian's login at the municipality."),
    childPseudonym: Id("The child's keyed pseudonym."),
    ended: Type.Boolean(),
  },
  { additionalProperties: false },
);

/** The write that ended one binding. */
export const GuardianUnbindingWriteSchema = WriteOf(GuardianUnbindingSchema);
