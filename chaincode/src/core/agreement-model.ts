import type {
  AgreementStatus,
  AmendmentChange,
  TerminationCause,
  TerminationMode,
} from '@fabric-agreements/api';
import type { NoticePeriod } from './agreement-terms';
import type { IsoDate, IsoTimestamp } from './calendar-date';
import type { Parties, Role, Side } from './parties';
import type { ServiceLine } from './service-line';
import type { AgreementKind, ObligationTemplate } from './templates';

/**
 * The agreement as data: an agreement, its versions and their terms, signatures, amendments and terminations, and
 * the inputs that create them. Types only — what happens to them lives in `agreement.ts`, `amendment.ts`,
 * `termination.ts` and `signature-policy.ts`; what can be read off them in `queries.ts`.
 *
 * An agreement's lifecycle: `draft → awaiting_signatures → active → terminated`, or `active → expired` when every
 * line has ended by its own terms (time-boxed add-ons, an expected end date reached).
 */

/**
 * The inputs that create them — a draft, an amendment's changes, a termination proposal — are the static types of
 * their schemas in `@fabric-agreements/api`.
 */
export type {
  AgreementDraftInput,
  AmendmentChange,
  AmendmentInput,
  TerminationInput,
} from '@fabric-agreements/api';

/**
 * A version's lifecycle. Only `agreed` versions ever apply; a `withdrawn` one is kept as history.
 */
export type VersionState = 'draft' | 'awaiting_signatures' | 'agreed' | 'withdrawn';

/** An obligation of the agreement, copied from its template at drafting. */
export type Obligation = ObligationTemplate;

/** What the parties sign: everything an amendment may change. */
export interface AgreementTerms {
  /** Last day of the agreement as currently agreed (inclusive); absent for open-ended placements. */
  readonly expectedEndDate?: IsoDate;
  readonly lines: readonly ServiceLine[];
}

/** One version of the terms, with the signatures that bind exactly this version. */
export interface AgreementVersion {
  readonly number: number;
  readonly state: VersionState;
  /** The version applies to days from this date (version 1: the start date) until a later agreed version's. */
  readonly effectiveFrom: IsoDate;
  readonly terms: AgreementTerms;
  /** What this version changed compared with the version before it (empty for the first). */
  readonly changes: readonly AmendmentChange[];
  readonly proposedBy: Side;
  readonly proposedAt: IsoTimestamp;
  readonly signatures: readonly Signature[];
  readonly agreedAt?: IsoTimestamp;
  readonly withdrawnAt?: IsoTimestamp;
}

/** An agreement between a municipality and a provider about one child (by pseudonym only). */
export interface Agreement extends Parties {
  readonly id: string;
  readonly kind: AgreementKind;
  readonly templateVersion: number;
  /** Opaque keyed pseudonym of the child; never personal data. */
  readonly childPseudonym: string;
  readonly startDate: IsoDate;
  /** Agreements this one depends on; when one of them is terminated this one ends on the same date. */
  readonly relatedAgreementIds: readonly string[];
  readonly obligations: readonly Obligation[];
  readonly status: AgreementStatus;
  /** Every version ever drafted, in number order; terms are never edited once submitted. */
  readonly versions: readonly AgreementVersion[];
  /** Every termination ever proposed, in number order. */
  readonly terminations: readonly Termination[];
  readonly createdAt: IsoTimestamp;
  readonly updatedAt: IsoTimestamp;
  readonly activatedAt?: IsoTimestamp;
  /** The calendar date (Europe/Copenhagen) the agreement became active. */
  readonly activatedOn?: IsoDate;
  /** The municipality's notice period for ending the agreement alone (absent on old records: the template's). */
  readonly noticePeriod?: NoticePeriod;
  /** Days a renewal stays possible after the last re-evaluation date (absent on old records: the template's). */
  readonly renewalWindowDays?: number;
}

/** One person's signature, binding exactly one agreement version (or one termination of it). */
export interface Signature {
  /** Certificate id of the signer (name-free, stable across renewal). */
  readonly certId: string;
  readonly mspId: string;
  readonly role: Role;
  /** The signer's enrolment id (certificate subject CN), to show who signed; absent on records written before. */
  readonly enrollmentId?: string;
  readonly side: Side;
  /** The agreement version this signature binds (for a termination: the version in force when signed). */
  readonly agreementVersion: number;
  readonly signedAt: IsoTimestamp;
  /** Version of the municipality's delegation rule the signature was checked against (municipal side only). */
  readonly delegationRuleVersion?: number;
}

/** A termination proposal and its signatures. */
export interface Termination {
  readonly number: number;
  readonly state: 'proposed' | 'agreed' | 'withdrawn';
  /** Absent on records older than notice: `mutual`. */
  readonly mode?: TerminationMode;
  /** Last day in force (inclusive). For a notice: the requested date until notice is given, then the effective one. */
  readonly effectiveDate: IsoDate;
  /** A notice: the date the proposal asked for. */
  readonly requestedDate?: IsoDate;
  /** A notice: the day the municipality's side completed (notice given) and when its notice period ends. */
  readonly noticeGivenOn?: IsoDate;
  readonly noticePeriodEnd?: IsoDate;
  readonly cause: TerminationCause;
  /** For a cascaded termination: the agreement whose termination ended this one. */
  readonly causeAgreementId?: string;
  readonly proposedBy?: Side;
  readonly proposedAt: IsoTimestamp;
  readonly signatures: readonly Signature[];
  readonly agreedAt?: IsoTimestamp;
  readonly withdrawnAt?: IsoTimestamp;
}
