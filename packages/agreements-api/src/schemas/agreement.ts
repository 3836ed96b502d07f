import { Type, type Static } from '@sinclair/typebox';
import {
  AGREEMENT_KINDS,
  MAX_CHANGES,
  MAX_GRACE_DAYS,
  MAX_NOTICE_DAYS,
  MAX_NOTICE_MONTHS,
  MAX_RELATED_AGREEMENTS,
  MAX_RENEWAL_WINDOW_DAYS,
  MAX_SERVICE_LINES,
  QUANTITY_PERIODS,
  RELEASE_EVENTS,
  TERMINATION_MODES,
} from '../vocabulary';
import {
  ChildPseudonym,
  Id,
  IsoDate,
  MspId,
  MISMATCH,
  Nullable,
  OptionalIsoDate,
  Ore,
  Quantity,
  StringEnum,
  WholeNumber,
  type Frozen,
} from './kit';
import { ScheduleSchema, ServiceLineSchema } from './service-line';

/** Most obligations a draft may give terms for. */
export const MAX_OBLIGATION_TERMS = 10;

/** The municipality's notice period for ending an agreement alone. */
export const NoticePeriodSchema = Type.Union(
  [
    Type.Object(
      { unit: Type.Literal('running_month_plus_months'), months: WholeNumber(0, MAX_NOTICE_MONTHS) },
      { additionalProperties: false },
    ),
    Type.Object(
      { unit: Type.Literal('days'), days: WholeNumber(0, MAX_NOTICE_DAYS) },
      { additionalProperties: false },
    ),
  ],
  {
    description:
      "The municipality's notice period for ending the agreement alone (default: running month plus one month).",
    [MISMATCH]: {
      reason: 'not_a_notice_period',
      text: 'must be {"unit":"running_month_plus_months","months":n} or {"unit":"days","days":n}',
    },
  },
);

/** The agreed terms of one of the template's obligations; absent terms keep the template's default. */
export const ObligationTermsSchema = Type.Object(
  {
    id: Id("The template's obligation, e.g. status-report."),
    graceDays: Type.Optional(
      WholeNumber(
        0,
        MAX_GRACE_DAYS,
        'Days after the due date before a missing report holds instalments (default 10).',
      ),
    ),
    releasedBy: Type.Optional(
      StringEnum(
        RELEASE_EVENTS,
        "What releases the hold: the report's submission (default) or its acceptance.",
      ),
    ),
  },
  {
    additionalProperties: false,
    description: "Terms of one of the template's obligations that differ from the template's defaults.",
  },
);

// Property order is the order the chaincode checks (and names) them in.
const DRAFT_PARTIES = {
  kind: StringEnum(AGREEMENT_KINDS, 'The template the agreement is drafted from.'),
  municipalityMspId: MspId(),
  providerMspId: MspId(),
  childPseudonym: ChildPseudonym(),
};
const DRAFT_TERMS = {
  startDate: IsoDate(),
  expectedEndDate: OptionalIsoDate(),
  lines: Type.Array(ServiceLineSchema, { minItems: 1, maxItems: MAX_SERVICE_LINES }),
  relatedAgreementIds: Type.Optional(
    Type.Array(Id(), { maxItems: MAX_RELATED_AGREEMENTS, uniqueItems: true }),
  ),
  noticePeriod: Type.Optional(NoticePeriodSchema),
  renewalWindowDays: Type.Optional(
    WholeNumber(
      0,
      MAX_RENEWAL_WINDOW_DAYS,
      'Days a renewal stays possible after the last re-evaluation date (default 90).',
    ),
  ),
  obligations: Type.Optional(Type.Array(ObligationTermsSchema, { maxItems: MAX_OBLIGATION_TERMS })),
};

/** What a caseworker fills in to draft an agreement from a template (`DraftAgreement`). */
export const AgreementDraftSchema = Type.Object(
  { id: Id("The agreement's id, chosen by the caseworker's system."), ...DRAFT_PARTIES, ...DRAFT_TERMS },
  {
    additionalProperties: false,
    description: 'What a caseworker fills in to draft an agreement from a template.',
  },
);

/** A draft's new content as the REST API takes it; the chaincode's `ReviseDraft` takes the whole draft. */
export const AgreementDraftRevisionSchema = Type.Object(
  { ...DRAFT_PARTIES, ...DRAFT_TERMS },
  {
    additionalProperties: false,
    description: "A draft's new content; id, kind, parties and child cannot change.",
  },
);

/** One change of an amendment (`ProposeAmendment`); an absent date is "unchanged", `null` is "remove". */
export const AmendmentChangeSchema = Type.Union([
  Type.Object({ type: Type.Literal('add_line'), line: ServiceLineSchema }, { additionalProperties: false }),
  Type.Object(
    {
      type: Type.Literal('change_quantity'),
      serviceLineId: Id(),
      agreedQuantity: Quantity(),
      quantityPeriod: Type.Optional(StringEnum(QUANTITY_PERIODS)),
      schedule: Type.Optional(ScheduleSchema),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('change_price'), serviceLineId: Id(), price: Ore(1) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('change_period'),
      serviceLineId: Id(),
      endDate: Type.Optional(Nullable(IsoDate())),
      reEvaluationDate: Type.Optional(Nullable(IsoDate())),
    },
    { additionalProperties: false, description: 'Absent: unchanged; null: removed.' },
  ),
  Type.Object(
    { type: Type.Literal('change_expected_end'), expectedEndDate: Nullable(IsoDate()) },
    { additionalProperties: false },
  ),
]);

/** A proposed amendment: a new version from a date, signed by both sides like the first. */
export const AmendmentProposalSchema = Type.Object(
  {
    effectiveFrom: IsoDate('First day the new terms apply.'),
    changes: Type.Array(AmendmentChangeSchema, { minItems: 1, maxItems: MAX_CHANGES }),
  },
  { additionalProperties: false },
);

/**
 * A termination proposal (`ProposeTermination`): `{"effectiveDate"}` (mutual), or `{"mode":"notice","effectiveDate"?}`
 * (the municipality alone). That a mutual termination needs its date is checked after the schema.
 */
export const TerminationProposalSchema = Type.Object(
  {
    mode: Type.Optional(
      StringEnum(
        TERMINATION_MODES,
        '`mutual` (default): both sides sign. `notice`: the municipality alone (its delegation rule); effective at ' +
          "the earliest when the agreement's notice period ends, unless the provider co-signs first.",
      ),
    ),
    effectiveDate: Type.Optional(IsoDate('Last day the agreement is in force (a notice may leave it out).')),
  },
  { additionalProperties: false },
);

/** A version (or termination, report version) number being signed or accepted. */
export const VersionNumberSchema = WholeNumber(1);

export type NoticePeriod = Frozen<Static<typeof NoticePeriodSchema>>;
export type ObligationTermsInput = Frozen<Static<typeof ObligationTermsSchema>>;
export type AgreementDraftInput = Frozen<Static<typeof AgreementDraftSchema>>;
export type AmendmentChange = Frozen<Static<typeof AmendmentChangeSchema>>;
export type AmendmentInput = Frozen<Static<typeof AmendmentProposalSchema>>;
export type TerminationInput = Frozen<Static<typeof TerminationProposalSchema>>;
