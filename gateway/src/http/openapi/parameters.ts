import { ChildPseudonym, Id, IsoMonth, MspId, Quantity, VersionNumberSchema } from '@fabric-agreements/api';
import type { JsonSchema } from '../operation';

/** The scalars of the routes' path and query parameters, from the same building blocks as the components. */
export const ID: JsonSchema = Id();
export const MSP_ID: JsonSchema = MspId();
export const CHILD_PSEUDONYM: JsonSchema = ChildPseudonym();
export const MONTH: JsonSchema = IsoMonth();
export const QUANTITY: JsonSchema = Quantity();
export const VERSION_NUMBER: JsonSchema = VersionNumberSchema;
