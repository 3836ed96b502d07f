import type { AgreementStatus, TerminationCause, TerminationMode } from '@fabric-agreements/api';
import type { NoticePeriod } from './agreement-terms';
import type { IsoDate, IsoTimestamp } from './calendar-date';
import type { Ore } from './money';
import type { Parties, Role, Side } from './parties';
import type { Quantity } from './quantity';
import type { Schedule } from './schedule';
import type { ServiceLine } from './service-line';
import type { AgreementKind, ObligationTemplate, QuantityPeriod, ReleaseEvent } from './templates';

/**
 * The agreement as data: an agreement, its versions and their terms, signatures, amendments and terminations, and
 * the inputs that create them. Types only — what happens to them lives in `agreement.ts`, `amendment.ts`,
 * `termination.ts` and `signature-policy.ts`; what can be read off them in `queries.ts`.
 *
 * An agreement's lifecycle: `draft → awaiting_signatures → active → terminated`, or `active → expired` when every
 * line has ended by its own terms (time-boxed add-ons, an expected end date reached).
 */

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

/** What a caseworker fills in to draft an agreement. */
export interface AgreementDraftInput extends Parties {
  readonly id: string;
  readonly kind: AgreementKind;
  readonly childPseudonym: string;
  readonly startDate: IsoDate;
  readonly expectedEndDate?: IsoDate;
  readonly lines: readonly ServiceLine[];
  readonly relatedAgreementIds?: readonly string[];
  /** Default: the template's. */
  readonly noticePeriod?: NoticePeriod;
  /** Default: the template's. */
  readonly renewalWindowDays?: number;
  /** Terms of the template's obligations that differ from its defaults (grace period, what releases a hold). */
  readonly obligations?: readonly ObligationTermsInput[];
}

/** The agreed terms of one of the template's obligations; absent terms keep the template's default. */
export interface ObligationTermsInput {
  readonly id: string;
  readonly graceDays?: number;
  readonly releasedBy?: ReleaseEvent;
}

/** One person's signature, binding exactly one agreement version (or one termination of it). */
export interface Signature {
  /** Certificate id of the signer (name-free, stable across renewal). */
  readonly certId: string;
  readonly mspId: string;
  readonly role: Role;
  readonly side: Side;
  /** The agreement version this signature binds (for a termination: the version in force when signed). */
  readonly agreementVersion: number;
  readonly signedAt: IsoTimestamp;
  /** Version of the municipality's delegation rule the signature was checked against (municipal side only). */
  readonly delegationRuleVersion?: number;
}

/**
 * An amendment's changes. Amendments are the only way an active agreement's terms change. Each proposes a new version, effective from a date,
 * that both sides sign under the same rules as the first; until then the previous version stays in force.
 * In the changes, an absent date means "unchanged" and `null` means "remove".
 */
export type AmendmentChange =
  | { readonly type: 'add_line'; readonly line: ServiceLine }
  | {
      readonly type: 'change_quantity';
      readonly serviceLineId: string;
      readonly agreedQuantity: Quantity;
      readonly quantityPeriod?: QuantityPeriod;
      /** A new schedule (quantity per occurrence); a line leaving `occurrence` drops its schedule. */
      readonly schedule?: Schedule;
    }
  /** The monthly price of a monthly line, or the unit price of a per-unit line. */
  | { readonly type: 'change_price'; readonly serviceLineId: string; readonly price: Ore }
  /** Extend, shorten or renew a line: a new end date and/or re-evaluation date. */
  | {
      readonly type: 'change_period';
      readonly serviceLineId: string;
      readonly endDate?: IsoDate | null;
      readonly reEvaluationDate?: IsoDate | null;
    }
  | { readonly type: 'change_expected_end'; readonly expectedEndDate: IsoDate | null };

/** A proposed amendment. */
export interface AmendmentInput {
  /** First day the new terms apply. */
  readonly effectiveFrom: IsoDate;
  readonly changes: readonly AmendmentChange[];
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

/** What a termination proposal asks for. */
export interface TerminationInput {
  /** Last day in force. A notice may leave it out: the notice period's end, counted from the day notice is given. */
  readonly effectiveDate?: IsoDate;
  /** Default `mutual`. */
  readonly mode?: TerminationMode;
}
