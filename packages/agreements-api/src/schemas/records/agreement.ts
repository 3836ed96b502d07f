import { Type } from '@sinclair/typebox';
import {
  AGREEMENT_KINDS,
  AGREEMENT_STATUSES,
  MAX_GRACE_DAYS,
  MAX_RENEWAL_WINDOW_DAYS,
  RELEASE_EVENTS,
  SERVICE_LINE_KINDS,
  SIDES,
  TERMINATION_CAUSES,
  TERMINATION_MODES,
} from '../../vocabulary';
import { NoticePeriodSchema, VersionNumberSchema } from '../agreement';
import { ChildPseudonym, Id, IsoDate, MspId, StringEnum, WholeNumber } from '../kit';
import { ServiceLineSchema } from '../service-line';
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

/** An agreement as the chaincode answers it: every version, termination and signature; the child by pseudonym. */

/** One person's signature, binding one agreement version (or one termination of it). */
const SignatureSchema = Type.Object({
  certId: RecordedCertId(),
  mspId: MspId(),
  role: Word(),
  enrollmentId: RecordedEnrollmentId(),
  side: StringEnum(SIDES),
  agreementVersion: VersionNumberSchema,
  signedAt: Timestamp(),
  delegationRuleVersion: Type.Optional(VersionNumberSchema),
});

/** An obligation of the agreement, copied from its template with the agreed terms. */
export const ObligationSchema = Type.Object(
  {
    id: Id(),
    kind: StringEnum(['status_report']),
    everyMonths: WholeNumber(1, 12),
    obligatedSide: StringEnum(SIDES),
    gatedLineKinds: Type.Array(StringEnum(SERVICE_LINE_KINDS)),
    graceDays: Type.Optional(
      WholeNumber(
        0,
        MAX_GRACE_DAYS,
        'A missing report holds from the day after its due date plus these days.',
      ),
    ),
    releasedBy: Type.Optional(
      StringEnum(RELEASE_EVENTS, "What ends the hold: the report's submission or its acceptance."),
    ),
  },
  { description: 'An obligation of the agreement (a status report every N months), with its agreed terms.' },
);

const AgreementVersionSchema = Type.Object({
  number: VersionNumberSchema,
  state: StringEnum(['draft', 'awaiting_signatures', 'agreed', 'withdrawn']),
  effectiveFrom: IsoDate(),
  terms: Type.Object({
    expectedEndDate: Type.Optional(IsoDate()),
    lines: Type.Array(ServiceLineSchema),
  }),
  changes: Type.Optional(Type.Array(AnyObject())),
  proposedBy: Type.Optional(StringEnum(SIDES)),
  proposedAt: Type.Optional(Timestamp()),
  signatures: Type.Array(SignatureSchema),
  agreedAt: Type.Optional(Timestamp()),
  withdrawnAt: Type.Optional(Timestamp()),
});

const TerminationSchema = Type.Object({
  number: WholeNumber(1),
  state: StringEnum(['proposed', 'agreed', 'withdrawn']),
  mode: Type.Optional(
    StringEnum(
      TERMINATION_MODES,
      '`notice`: by the municipality alone. Absent on terminations older than notice: mutual.',
    ),
  ),
  effectiveDate: IsoDate(
    'Last day in force. A notice: the requested date until notice is given, then the one that applies.',
  ),
  requestedDate: Type.Optional(IsoDate('A notice: the date the proposal asked for.')),
  noticeGivenOn: Type.Optional(IsoDate("A notice: the day the municipality's side completed.")),
  noticePeriodEnd: Type.Optional(IsoDate('A notice: the end of the notice period counted from that day.')),
  cause: StringEnum(TERMINATION_CAUSES),
  causeAgreementId: Type.Optional(Id('A cascaded termination: the agreement whose end ended this one.')),
  proposedBy: Type.Optional(StringEnum(SIDES)),
  proposedAt: Type.Optional(Timestamp()),
  signatures: Type.Array(SignatureSchema),
  agreedAt: Type.Optional(Timestamp()),
  withdrawnAt: Type.Optional(Timestamp()),
});

/** An agreement with every version and signature. */
export const AgreementSchema = Type.Object(
  {
    id: Id(),
    kind: StringEnum(AGREEMENT_KINDS),
    templateVersion: Type.Optional(WholeNumber(1)),
    municipalityMspId: MspId(),
    providerMspId: MspId(),
    childPseudonym: ChildPseudonym(),
    startDate: IsoDate(),
    relatedAgreementIds: Type.Optional(Type.Array(Id())),
    obligations: Type.Optional(Type.Array(ObligationSchema)),
    status: StringEnum(AGREEMENT_STATUSES),
    versions: Type.Array(AgreementVersionSchema),
    terminations: Type.Optional(Type.Array(TerminationSchema)),
    noticePeriod: Type.Optional(NoticePeriodSchema),
    renewalWindowDays: Type.Optional(
      WholeNumber(
        0,
        MAX_RENEWAL_WINDOW_DAYS,
        'Days a renewal stays possible after the last re-evaluation date (or the activation, if later).',
      ),
    ),
    activatedAt: Type.Optional(Timestamp()),
    activatedOn: Type.Optional(IsoDate('The day (Danish time) the agreement became active.')),
    createdAt: Type.Optional(Timestamp()),
    updatedAt: Type.Optional(Timestamp()),
  },
  { description: 'An agreement with every version and signature; the child appears by pseudonym only.' },
);

/** A page of agreements. */
export const AgreementPageSchema = PageOf(AgreementSchema);

/** Every state an agreement's key has had, oldest first. */
export const AgreementHistorySchema = Type.Array(
  Type.Object({
    txId: Word(),
    timestamp: Timestamp(),
    isDelete: Flag(),
    agreement: Type.Optional(AnyObject()),
  }),
);

/** A write that answers the agreement. */
export const AgreementWriteSchema = WriteOf(AgreementSchema);
