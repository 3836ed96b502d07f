/**
 * A service line as a form holds it (text as typed), and its conversion to the API's line — with one error text
 * per field that does not convert. The template decides which kinds, pricings and periods a line may have.
 */
import { AGREEMENT_TEMPLATES, type LineKindRule } from 'agreements-chaincode/core/templates';
import type { AgreementKind, LineKind, ServiceLine } from '../api/types';
import { parseKroner, parseQuantity } from './format';

export interface LineDraft {
  readonly key: number;
  readonly id: string;
  readonly kind: LineKind;
  readonly price: string;
  readonly quantity: string;
  readonly quantityPeriod: 'week' | 'month' | 'occurrence';
  readonly interval: string;
  readonly anchorDate: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly reEvaluationDate: string;
}

export type LineField =
  'id' | 'price' | 'quantity' | 'interval' | 'anchorDate' | 'startDate' | 'reEvaluationDate';

/** The rules of a kind of line in a template. */
export function ruleOf(template: AgreementKind, kind: LineKind): LineKindRule | undefined {
  return AGREEMENT_TEMPLATES[template].lineKinds.find((rule) => rule.kind === kind);
}

/** The kinds of line a template allows. */
export function lineKindsOf(template: AgreementKind): readonly LineKindRule[] {
  return AGREEMENT_TEMPLATES[template].lineKinds;
}

/** A fresh line of a kind, starting on a date. */
export function newLine(template: AgreementKind, kind: LineKind, startDate: string, key: number): LineDraft {
  const rule = ruleOf(template, kind);
  return {
    key,
    id: kind.replace(/_/g, '-'),
    kind,
    price: '',
    quantity: '',
    quantityPeriod: rule?.quantityPeriods[0] ?? 'week',
    interval: '2',
    anchorDate: startDate,
    startDate,
    endDate: '',
    reEvaluationDate: '',
  };
}

type Problems = Partial<Record<LineField, true>>;
type Conversion = { line: ServiceLine; problems?: undefined } | { line?: undefined; problems: Problems };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The line's dates: the start, and the end and re-evaluation when given. */
function datesOf(draft: LineDraft): Pick<ServiceLine, 'startDate' | 'endDate' | 'reEvaluationDate'> {
  return {
    startDate: draft.startDate,
    ...(draft.endDate === '' ? {} : { endDate: draft.endDate }),
    ...(draft.reEvaluationDate === '' ? {} : { reEvaluationDate: draft.reEvaluationDate }),
  };
}

/** What every line needs: an id, a start date, a price, and a re-evaluation date where the kind requires one. */
function commonProblems(
  draft: LineDraft,
  rule: LineKindRule | undefined,
  price: number | undefined,
): Problems {
  const problems: Problems = {};
  if (price === undefined) problems.price = true;
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(draft.id)) problems.id = true;
  if (!ISO_DATE.test(draft.startDate)) problems.startDate = true;
  if (rule?.requiresReEvaluation === true && draft.reEvaluationDate === '') problems.reEvaluationDate = true;
  return problems;
}

/** What a per-unit line needs besides: a positive quantity, and a schedule for lines per occurrence. */
function perUnitProblems(draft: LineDraft, quantity: number | undefined, interval: number): Problems {
  const problems: Problems = {};
  if (quantity === undefined || quantity <= 0) problems.quantity = true;
  if (draft.quantityPeriod === 'occurrence') {
    if (!Number.isInteger(interval) || interval < 1) problems.interval = true;
    if (!ISO_DATE.test(draft.anchorDate)) problems.anchorDate = true;
  }
  return problems;
}

/** The API line, or the fields that do not convert. */
export function toServiceLine(template: AgreementKind, draft: LineDraft): Conversion {
  const rule = ruleOf(template, draft.kind);
  const price = parseKroner(draft.price);
  const common = commonProblems(draft, rule, price);
  if (rule === undefined || rule.pricing === 'monthly') {
    if (Object.keys(common).length > 0 || price === undefined) return { problems: common };
    return {
      line: { id: draft.id, kind: draft.kind, pricing: 'monthly', monthlyPrice: price, ...datesOf(draft) },
    };
  }
  const quantity = parseQuantity(draft.quantity);
  const interval = Number(draft.interval);
  const problems = { ...common, ...perUnitProblems(draft, quantity, interval) };
  if (Object.keys(problems).length > 0 || price === undefined || quantity === undefined) return { problems };
  const occurrence = draft.quantityPeriod === 'occurrence';
  return {
    line: {
      id: draft.id,
      kind: draft.kind,
      pricing: 'per_unit',
      unit: rule.unit ?? 'hour',
      unitPrice: price,
      agreedQuantity: quantity,
      quantityPeriod: draft.quantityPeriod,
      ...(occurrence ? { schedule: { anchorDate: draft.anchorDate, every: 'week' as const, interval } } : {}),
      ...datesOf(draft),
    },
  };
}
