import {
  DirectoryPersonSchema,
  GuardianChildrenSchema,
  GuardianChildSchema,
  GuardianUnbindingSchema,
  PeopleDirectorySchema,
} from '@fabric-agreements/api';

/** The response schemas of the people routes (`people-routes.ts`), written with TypeBox in the api package. */
export const PEOPLE_SCHEMAS: Readonly<Record<string, unknown>> = {
  GuardianChild: GuardianChildSchema,
  GuardianChildren: GuardianChildrenSchema,
  GuardianUnbinding: GuardianUnbindingSchema,
  DirectoryPerson: DirectoryPersonSchema,
  PeopleDirectory: PeopleDirectorySchema,
};
