import {
  AGREEMENT_KINDS,
  type AgreementKind,
  type ServiceLineKind,
  type PricingKind,
  type Unit,
  type QuantityPeriod,
  type ReleaseEvent,
  Refusal,
} from '@fabric-agreements/api';
export {
  RELEASE_EVENTS,
  MAX_GRACE_DAYS,
  type AgreementKind,
  type ServiceLineKind,
  type PricingKind,
  type Unit,
  type QuantityPeriod,
  type ReleaseEvent,
} from '@fabric-agreements/api';
import { DEFAULT_AGREEMENT_TERMS, type AgreementTermsDefaults } from './agreement-terms';
import type { Side } from './parties';

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

/** Days after a report's due date before a missing report starts holding instalments (a term; this is the default). */
export const DEFAULT_GRACE_DAYS = 10;

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
