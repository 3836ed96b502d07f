import { Type } from '@sinclair/typebox';
import { ChildPseudonym, Id, MspId, Nullable, StringEnum } from '../kit';
import {
  AnyObject,
  Flag,
  PageOf,
  RecordedCertId,
  RecordedEnrollmentId,
  Timestamp,
  Word,
  WriteOf,
} from './parts';

/**
 * What the personal-data routes answer: field and collection names, access-log entries, pseudonym lookups — never
 * the data itself, except a read's decrypted records (`PersonalDataRead`), which the document leaves undescribed.
 */

const NAMES = Type.Array(Word());

/** A write of personal data: where it went and which fields (never their values). */
export const PersonalDataWriteSchema = WriteOf(
  Type.Object({
    childPseudonym: ChildPseudonym(),
    accessId: Word(),
    collections: NAMES,
    fields: Type.Optional(NAMES),
    warnings: Type.Optional(
      Type.Array(
        Type.Object({
          code: Word('e.g. `cpr_modulus_11`: accepted, but worth a second look.'),
          field: Word(),
          text: Word(),
        }),
      ),
    ),
  }),
);

/** A read of personal data, logged before it was answered. */
export const PersonalDataReadSchema = Type.Object({
  childPseudonym: ChildPseudonym(),
  accessId: Word('The access-log entry this read was logged as.'),
  transactionId: Word(),
  child: Type.Optional(AnyObject()),
  municipal: Type.Optional(AnyObject()),
});

/** Which collections hold data about the child (by hash, never the data). */
export const PersonalDataStatusSchema = Type.Object({
  childPseudonym: ChildPseudonym(),
  collections: Type.Array(
    Type.Object({
      collection: Word(),
      present: Flag(),
      sha256: Type.Optional(Nullable(Word())),
    }),
  ),
});

/** An erasure: which collections were purged. */
export const ErasureWriteSchema = WriteOf(
  Type.Object({
    childPseudonym: ChildPseudonym(),
    accessId: Type.Optional(Nullable(Word())),
    collections: NAMES,
  }),
);

/** A guardian bound to a child, so the guardian may read the child's access log. */
export const GuardianBindingWriteSchema = WriteOf(
  Type.Object({
    guardianId: Id(),
    childPseudonym: ChildPseudonym(),
    boundAt: Timestamp(),
    boundBy: RecordedCertId(),
  }),
);

/** A page of the child's access log. */
export const AccessLogPageSchema = PageOf(
  Type.Object({
    accessId: Word(),
    childPseudonym: Type.Optional(ChildPseudonym()),
    action: StringEnum(['write', 'read', 'erase']),
    at: Timestamp(),
    certId: RecordedCertId(),
    mspId: MspId(),
    role: Word(),
    enrollmentId: RecordedEnrollmentId(),
    collections: Type.Optional(NAMES),
    fields: Type.Optional(NAMES),
    purpose: Word(),
  }),
);

/** A recorded lookup of a child by CPR number, with the pseudonym it answered. */
export const PseudonymLookupWriteSchema = WriteOf(
  Type.Object({
    lookupId: Word(),
    childPseudonym: ChildPseudonym(),
    at: Timestamp(),
    purpose: Word(),
  }),
);

/** A page of lookups by CPR number. */
export const PseudonymLookupPageSchema = PageOf(
  Type.Object(
    {
      lookupId: Word(),
      childPseudonym: ChildPseudonym(),
      at: Timestamp(),
      certId: Type.Optional(RecordedCertId()),
      mspId: MspId(),
      role: Type.Optional(Word()),
      purpose: Word(),
    },
    { description: 'Who looked a child up by CPR number, when and why.' },
  ),
);
