import { DEFAULT_AGREEMENT_TERMS, type AgreementTermsDefaults } from './agreement-terms';
import { Refusal } from './errors';
import type { Side } from './parties';

/** What an agreement is for; each kind has one template. */
export const AGREEMENT_KINDS = ['placement', 'visitation', 'add_on'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

/** What a service line buys. */
export const SERVICE_LINE_KINDS = [
  'stay',
  'school',
  'transport',
  'supported_visitation',
  'school_support',
] as const;
export type ServiceLineKind = (typeof SERVICE_LINE_KINDS)[number];

/** A fixed price per calendar month, or a price per unit with an agreed quantity. */
export type PricingKind = 'monthly' | 'per_unit';
/** The unit a per-unit line is priced in. */
export type Unit = 'hour' | 'visit';
/**
 * The period an agreed quantity is counted over: per week or per month (hours), or per occurrence of the line's
 * schedule (visits "every second Sunday").
 */
export type QuantityPeriod = 'week' | 'month' | 'occurrence';

/** How a template allows a kind of service line. */
export interface LineKindRule {
  readonly kind: ServiceLineKind;
  readonly pricing: PricingKind;
  /** Per-unit lines only. */
  readonly unit?: Unit;
  /** Per-unit lines only: the periods an agreed quantity may be given for. */
  readonly quantityPeriods: readonly QuantityPeriod[];
  /** The line is time-boxed and must carry a re-evaluation date (the school-support add-on). */
  readonly requiresReEvaluation: boolean;
}

/** What releases the instalments a missing report holds: its submission (default) or its acceptance. */
export const RELEASE_EVENTS = ['submission', 'acceptance'] as const;
export type ReleaseEvent = (typeof RELEASE_EVENTS)[number];

/** Days after a report's due date before a missing report starts holding instalments (a term; this is the default). */
export const DEFAULT_GRACE_DAYS = 10;
/** Longest grace period an obligation may agree (a quarter). */
export const MAX_GRACE_DAYS = 92;

/** An obligation every agreement of a kind carries. */
export interface ObligationTemplate {
  readonly id: string;
  readonly kind: 'status_report';
  /** A report covers this many months, counted from the agreement's start date. */
  readonly everyMonths: number;
  readonly obligatedSide: Side;
  /** Service-line kinds whose instalments a missing report holds. */
  readonly gatedLineKinds: readonly ServiceLineKind[];
  /** A missing report holds from the day after `due date + graceDays`. */
  readonly graceDays: number;
  /** What ends the hold: the report's first submission, or its first acceptance. */
  readonly releasedBy: ReleaseEvent;
}

/** The rules an agreement of one kind is drafted from. */
export interface AgreementTemplate {
  readonly kind: AgreementKind;
  readonly version: number;
  readonly lineKinds: readonly LineKindRule[];
  readonly obligations: readonly ObligationTemplate[];
  /** Kinds of agreement this kind may name as related (and whose termination ends it). */
  readonly mayRelateTo: readonly AgreementKind[];
  /** Notice period and renewal window an agreement gets unless its draft names its own. */
  readonly defaultTerms: AgreementTermsDefaults;
}

const SCHOOL_SUPPORT: LineKindRule = {
  kind: 'school_support',
  pricing: 'per_unit',
  unit: 'hour',
  quantityPeriods: ['week', 'month'],
  requiresReEvaluation: true,
};

const monthly = (kind: ServiceLineKind): LineKindRule => ({
  kind,
  pricing: 'monthly',
  quantityPeriods: [],
  requiresReEvaluation: false,
});

/** The templates, one per agreement kind. */
export const AGREEMENT_TEMPLATES: Readonly<Record<AgreementKind, AgreementTemplate>> = {
  placement: {
    kind: 'placement',
    version: 1,
    // school_support is allowed so the add-on can also be added to the placement itself by amendment.
    lineKinds: [monthly('stay'), monthly('school'), monthly('transport'), SCHOOL_SUPPORT],
    obligations: [
      {
        id: 'status-report',
        kind: 'status_report',
        everyMonths: 3,
        obligatedSide: 'provider',
        gatedLineKinds: ['stay', 'school', 'transport', 'school_support'],
        graceDays: DEFAULT_GRACE_DAYS,
        releasedBy: 'submission',
      },
    ],
    mayRelateTo: [],
    defaultTerms: DEFAULT_AGREEMENT_TERMS,
  },
  visitation: {
    kind: 'visitation',
    version: 1,
    lineKinds: [
      {
        kind: 'supported_visitation',
        pricing: 'per_unit',
        unit: 'visit',
        // A visit follows its schedule; per-week and per-month counts stay possible for other arrangements.
        quantityPeriods: ['occurrence', 'week', 'month'],
        requiresReEvaluation: false,
      },
    ],
    obligations: [
      {
        id: 'status-report',
        kind: 'status_report',
        everyMonths: 3,
        obligatedSide: 'provider',
        gatedLineKinds: ['supported_visitation'],
        graceDays: DEFAULT_GRACE_DAYS,
        releasedBy: 'submission',
      },
    ],
    mayRelateTo: ['placement'],
    defaultTerms: DEFAULT_AGREEMENT_TERMS,
  },
  add_on: {
    kind: 'add_on',
    version: 1,
    lineKinds: [SCHOOL_SUPPORT],
    obligations: [],
    mayRelateTo: ['placement'],
    defaultTerms: DEFAULT_AGREEMENT_TERMS,
  },
};

/** Whether a value is an agreement kind. */
export function isAgreementKind(value: unknown): value is AgreementKind {
  return typeof value === 'string' && (AGREEMENT_KINDS as readonly string[]).includes(value);
}

/**
 * The template of an agreement kind.
 * @throws Refusal `VALIDATION_FAILED` if the kind is unknown.
 */
export function templateFor(kind: string): AgreementTemplate {
  if (!isAgreementKind(kind)) {
    throw new Refusal('VALIDATION_FAILED', 'unknown agreement kind', {
      field: 'kind',
      reason: 'unknown_kind',
    });
  }
  return AGREEMENT_TEMPLATES[kind];
}

/** The rule for a line kind in a template, or `undefined` if the template does not allow it. */
export function lineKindRule(template: AgreementTemplate, kind: ServiceLineKind): LineKindRule | undefined {
  return template.lineKinds.find((rule) => rule.kind === kind);
}
