import { MAX_RELATED_AGREEMENTS, type AgreementDraftInput, type ObligationTermsInput } from './agreement';
import { requireNoticePeriod, requireRenewalWindowDays } from './agreement-terms';
import { TERMINATION_MODES, type TerminationInput } from './termination';
import { MAX_CHANGES, type AmendmentChange, type AmendmentInput } from './amendment';
import type { IsoDate } from './calendar-date';
import { requireId } from './ids';
import { MAX_INVOICE_LINES, type InvoiceInput, type InvoiceLineInput } from './invoice';
import { MAX_REPORT_PERIODS, type StatusReportSubmission } from './obligations';
import { parseSchedule } from './schedule';
import { MAX_SERVICE_LINES, type ServiceLine } from './service-line';
import { AGREEMENT_KINDS, MAX_GRACE_DAYS, RELEASE_EVENTS, SERVICE_LINE_KINDS } from './templates';
import {
  invalid,
  optionalBoolean,
  optionalIsoDate,
  requireArray,
  requireDocumentHash,
  requireIdList,
  requireInteger,
  requireIsoDate,
  requireIsoMonth,
  requireOneOf,
  requireOre,
  requireQuantity,
  requireRecord,
} from './validation';

/**
 * Parsers for transaction inputs that arrive as untyped JSON: each checks the shape (no unknown properties, right
 * types) and returns typed data; the domain functions then check the rules. Every parser
 * @throws Refusal `VALIDATION_FAILED` (or `INVALID_ID`, for ids) naming the offending field.
 */

const LINE_KEYS = [
  'id',
  'kind',
  'pricing',
  'startDate',
  'endDate',
  'reEvaluationDate',
  'monthlyPrice',
  'unit',
  'unitPrice',
  'agreedQuantity',
  'quantityPeriod',
  'schedule',
] as const;

const PER_UNIT_ONLY: readonly string[] = [
  'unit',
  'unitPrice',
  'agreedQuantity',
  'quantityPeriod',
  'schedule',
];
const QUANTITY_PERIODS = ['week', 'month', 'occurrence'] as const;

/** A service line. @throws Refusal `VALIDATION_FAILED` / `INVALID_ID`. */
export function parseServiceLine(value: unknown, field: string): ServiceLine {
  const record = requireRecord(value, field, LINE_KEYS);
  const pricing = requireOneOf(record.pricing, `${field}.pricing`, ['monthly', 'per_unit'] as const);
  const foreign = (pricing === 'monthly' ? PER_UNIT_ONLY : ['monthlyPrice']).filter(
    (key) => record[key] !== undefined,
  );
  if (foreign.length > 0) {
    invalid(field, 'unexpected_property', `has properties a ${pricing} line does not take`, {
      properties: foreign,
    });
  }
  const base = {
    id: requireId(record.id, `${field}.id`),
    kind: requireOneOf(record.kind, `${field}.kind`, SERVICE_LINE_KINDS),
    startDate: requireIsoDate(record.startDate, `${field}.startDate`),
    ...optionalDate(record.endDate, `${field}.endDate`, 'endDate'),
    ...optionalDate(record.reEvaluationDate, `${field}.reEvaluationDate`, 'reEvaluationDate'),
  };
  if (pricing === 'monthly') {
    return { ...base, pricing, monthlyPrice: requireOre(record.monthlyPrice, `${field}.monthlyPrice`, 1) };
  }
  return {
    ...base,
    pricing,
    unit: requireOneOf(record.unit, `${field}.unit`, ['hour', 'visit'] as const),
    unitPrice: requireOre(record.unitPrice, `${field}.unitPrice`, 1),
    agreedQuantity: requireQuantity(record.agreedQuantity, `${field}.agreedQuantity`, true),
    quantityPeriod: requireOneOf(record.quantityPeriod, `${field}.quantityPeriod`, QUANTITY_PERIODS),
    ...(record.schedule === undefined
      ? {}
      : { schedule: parseSchedule(record.schedule, `${field}.schedule`) }),
  };
}

function optionalDate<K extends string>(value: unknown, field: string, key: K): Partial<Record<K, IsoDate>> {
  const date = optionalIsoDate(value, field);
  return date === undefined ? {} : ({ [key]: date } as Partial<Record<K, IsoDate>>);
}

/** What a caseworker submits to draft an agreement. @throws Refusal `VALIDATION_FAILED` / `INVALID_ID`. */
export function parseAgreementDraftInput(value: unknown): AgreementDraftInput {
  const record = requireRecord(value, 'agreement', [
    'id',
    'kind',
    'municipalityMspId',
    'providerMspId',
    'childPseudonym',
    'startDate',
    'expectedEndDate',
    'lines',
    'relatedAgreementIds',
    'noticePeriod',
    'renewalWindowDays',
    'obligations',
  ]);
  return {
    id: requireId(record.id, 'id'),
    kind: requireOneOf(record.kind, 'kind', AGREEMENT_KINDS),
    municipalityMspId: requireId(record.municipalityMspId, 'municipalityMspId'),
    providerMspId: requireId(record.providerMspId, 'providerMspId'),
    childPseudonym: requireId(record.childPseudonym, 'childPseudonym'),
    startDate: requireIsoDate(record.startDate, 'startDate'),
    ...optionalDate(record.expectedEndDate, 'expectedEndDate', 'expectedEndDate'),
    lines: requireArray(record.lines, 'lines', 1, MAX_SERVICE_LINES).map((line, index) =>
      parseServiceLine(line, `lines[${index}]`),
    ),
    relatedAgreementIds:
      record.relatedAgreementIds === undefined
        ? []
        : requireIdList(record.relatedAgreementIds, 'relatedAgreementIds', MAX_RELATED_AGREEMENTS),
    ...(record.noticePeriod === undefined
      ? {}
      : { noticePeriod: requireNoticePeriod(record.noticePeriod, 'noticePeriod') }),
    ...(record.renewalWindowDays === undefined
      ? {}
      : { renewalWindowDays: requireRenewalWindowDays(record.renewalWindowDays, 'renewalWindowDays') }),
    ...(record.obligations === undefined
      ? {}
      : {
          obligations: requireArray(record.obligations, 'obligations', 0, MAX_OBLIGATION_TERMS).map(
            (terms, index) => parseObligationTerms(terms, `obligations[${index}]`),
          ),
        }),
  };
}

/** Most obligations a draft may give terms for. */
const MAX_OBLIGATION_TERMS = 10;

function parseObligationTerms(value: unknown, field: string): ObligationTermsInput {
  const record = requireRecord(value, field, ['id', 'graceDays', 'releasedBy']);
  return {
    id: requireId(record.id, `${field}.id`),
    ...(record.graceDays === undefined
      ? {}
      : { graceDays: requireInteger(record.graceDays, `${field}.graceDays`, 0, MAX_GRACE_DAYS) }),
    ...(record.releasedBy === undefined
      ? {}
      : { releasedBy: requireOneOf(record.releasedBy, `${field}.releasedBy`, RELEASE_EVENTS) }),
  };
}

/** An amendment proposal. @throws Refusal `VALIDATION_FAILED` / `INVALID_ID`. */
export function parseAmendmentInput(value: unknown): AmendmentInput {
  const record = requireRecord(value, 'amendment', ['effectiveFrom', 'changes']);
  return {
    effectiveFrom: requireIsoDate(record.effectiveFrom, 'effectiveFrom'),
    changes: requireArray(record.changes, 'changes', 1, MAX_CHANGES).map((change, index) =>
      parseAmendmentChange(change, `changes[${index}]`),
    ),
  };
}

const CHANGE_KEYS = [
  'type',
  'schedule',
  'line',
  'serviceLineId',
  'agreedQuantity',
  'quantityPeriod',
  'price',
  'endDate',
  'reEvaluationDate',
  'expectedEndDate',
];

function parseAmendmentChange(value: unknown, field: string): AmendmentChange {
  const { type } = requireRecord(value, field, CHANGE_KEYS);
  const kind = requireOneOf(type, `${field}.type`, [
    'add_line',
    'change_quantity',
    'change_price',
    'change_period',
    'change_expected_end',
  ] as const);
  switch (kind) {
    case 'add_line': {
      const record = requireRecord(value, field, ['type', 'line']);
      return { type: kind, line: parseServiceLine(record.line, `${field}.line`) };
    }
    case 'change_quantity': {
      const record = requireRecord(value, field, [
        'type',
        'serviceLineId',
        'agreedQuantity',
        'quantityPeriod',
        'schedule',
      ]);
      return {
        type: kind,
        serviceLineId: requireId(record.serviceLineId, `${field}.serviceLineId`),
        agreedQuantity: requireQuantity(record.agreedQuantity, `${field}.agreedQuantity`, true),
        ...(record.quantityPeriod === undefined
          ? {}
          : {
              quantityPeriod: requireOneOf(
                record.quantityPeriod,
                `${field}.quantityPeriod`,
                QUANTITY_PERIODS,
              ),
            }),
        ...(record.schedule === undefined
          ? {}
          : { schedule: parseSchedule(record.schedule, `${field}.schedule`) }),
      };
    }
    case 'change_price': {
      const record = requireRecord(value, field, ['type', 'serviceLineId', 'price']);
      return {
        type: kind,
        serviceLineId: requireId(record.serviceLineId, `${field}.serviceLineId`),
        price: requireOre(record.price, `${field}.price`, 1),
      };
    }
    case 'change_period': {
      const record = requireRecord(value, field, ['type', 'serviceLineId', 'endDate', 'reEvaluationDate']);
      return {
        type: kind,
        serviceLineId: requireId(record.serviceLineId, `${field}.serviceLineId`),
        ...nullableDate(record, 'endDate', field),
        ...nullableDate(record, 'reEvaluationDate', field),
      };
    }
    case 'change_expected_end': {
      const record = requireRecord(value, field, ['type', 'expectedEndDate']);
      return {
        type: kind,
        expectedEndDate:
          record.expectedEndDate === null
            ? null
            : requireIsoDate(record.expectedEndDate, `${field}.expectedEndDate`),
      };
    }
  }
}

/** Absent stays absent (unchanged), `null` stays `null` (remove), otherwise a date. */
function nullableDate<K extends 'endDate' | 'reEvaluationDate'>(
  record: Readonly<Record<string, unknown>>,
  key: K,
  field: string,
): Partial<Record<K, IsoDate | null>> {
  const value = record[key];
  if (value === undefined) {
    return {};
  }
  return { [key]: value === null ? null : requireIsoDate(value, `${field}.${key}`) } as Partial<
    Record<K, IsoDate | null>
  >;
}

/** A provider's invoice. @throws Refusal `VALIDATION_FAILED` / `INVALID_ID`. */
export function parseInvoiceInput(value: unknown): InvoiceInput {
  const record = requireRecord(value, 'invoice', ['invoiceId', 'month', 'lines']);
  return {
    invoiceId: requireId(record.invoiceId, 'invoiceId'),
    month: requireIsoMonth(record.month, 'month'),
    lines: requireArray(record.lines, 'lines', 1, MAX_INVOICE_LINES).map((line, index) =>
      parseInvoiceLine(line, `lines[${index}]`),
    ),
  };
}

function parseInvoiceLine(value: unknown, field: string): InvoiceLineInput {
  const record = requireRecord(value, field, ['serviceLineId', 'quantity', 'unitPrice', 'amount']);
  return {
    serviceLineId: requireId(record.serviceLineId, `${field}.serviceLineId`),
    ...(record.quantity === undefined
      ? {}
      : { quantity: requireQuantity(record.quantity, `${field}.quantity`, true) }),
    ...(record.unitPrice === undefined
      ? {}
      : { unitPrice: requireOre(record.unitPrice, `${field}.unitPrice`, 1) }),
    ...(record.amount === undefined ? {} : { amount: requireOre(record.amount, `${field}.amount`) }),
  };
}

/** A status report submission. @throws Refusal `VALIDATION_FAILED` / `INVALID_ID`. */
export function parseStatusReportSubmission(value: unknown): StatusReportSubmission {
  const record = requireRecord(value, 'report', [
    'obligationId',
    'periodNumber',
    'documentHash',
    'correction',
  ]);
  return {
    obligationId: requireId(record.obligationId, 'obligationId'),
    periodNumber: requireInteger(record.periodNumber, 'periodNumber', 1, MAX_REPORT_PERIODS),
    documentHash: requireDocumentHash(record.documentHash, 'documentHash'),
    correction: optionalBoolean(record.correction, 'correction', false),
  };
}

/** A reference to the version (or termination number) being signed or accepted. @throws Refusal `VALIDATION_FAILED`. */
export function parseVersionNumber(value: unknown, field = 'version'): number {
  return requireInteger(value, field, 1, Number.MAX_SAFE_INTEGER);
}

/**
 * A termination proposal: `{"effectiveDate"}` (mutual), or `{"mode":"notice","effectiveDate"?}` (the municipality
 * alone). @throws Refusal `VALIDATION_FAILED`.
 */
export function parseTerminationProposal(value: unknown): TerminationInput {
  const record = requireRecord(value, 'termination', ['effectiveDate', 'mode']);
  const mode = record.mode === undefined ? 'mutual' : requireOneOf(record.mode, 'mode', TERMINATION_MODES);
  if (mode === 'mutual' || record.effectiveDate !== undefined) {
    return { mode, effectiveDate: requireIsoDate(record.effectiveDate, 'effectiveDate') };
  }
  return { mode };
}
