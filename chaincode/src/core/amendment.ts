import { MAX_CHANGES, Refusal } from '@fabric-agreements/api';
import { requireActiveOn } from './agreement';
import type {
  Agreement,
  AgreementTerms,
  AgreementVersion,
  AmendmentChange,
  AmendmentInput,
} from './agreement-model';
export type { AmendmentChange, AmendmentInput } from './agreement-model';
import { canonicalJson } from './canonical-json';
import { compareDates, dateParts, requireMoment, type IsoDate, type Moment } from './calendar-date';
import { sideOf, type Actor } from './parties';
import { isLineIdUsed, latestAgreedVersion, pendingVersion } from './queries';
import { validateServiceLines, type PerUnitServiceLine, type ServiceLine } from './service-line';
import { templateFor } from './templates';
import { invalid, requireIsoDate } from './validation';

/**
 * Proposes an amendment as a new version awaiting both sides' signatures (see `signAgreement`).
 * Rules: the agreement is active on `at.date`; no other version awaits signatures; `effectiveFrom` is not before the
 * latest agreed version's; an added line has a never-used id and starts on or after `effectiveFrom`; a per-unit
 * line's unit price changes only from the first of a month (so every invoiced month has one unit price); the
 * resulting terms pass the template's checks and differ from the current ones.
 * @throws Refusal `INVALID_STATE`, `PENDING_PROPOSAL_EXISTS`, `FORBIDDEN` / `WRONG_ROLE` (not staff of a party),
 * `NOT_FOUND` (a change names an unknown line), `VALIDATION_FAILED` / `INVALID_ID` / `INVALID_DATE` otherwise.
 */
export function proposeAmendment(
  agreement: Agreement,
  input: AmendmentInput,
  actor: Actor,
  at: Moment,
): Agreement {
  requireMoment(at);
  requireActiveOn(agreement, at.date);
  const proposedBy = sideOf(agreement, actor);
  if (pendingVersion(agreement)) {
    throw new Refusal('PENDING_PROPOSAL_EXISTS', 'another version is already awaiting signatures');
  }
  const current = latestAgreedVersion(agreement);
  if (!current) {
    throw new Refusal('INVALID_STATE', 'the agreement has no agreed version to amend');
  }
  requireIsoDate(input.effectiveFrom, 'effectiveFrom');
  if (compareDates(input.effectiveFrom, current.effectiveFrom) < 0) {
    invalid(
      'effectiveFrom',
      'before_current_version',
      'must not be before the current version’s effective date',
      {
        currentEffectiveFrom: current.effectiveFrom,
      },
    );
  }
  if (input.changes.length === 0 || input.changes.length > MAX_CHANGES) {
    invalid('changes', 'wrong_length', `an amendment has 1 to ${MAX_CHANGES} changes`);
  }
  input.changes.forEach((change, index) => {
    checkChangeTiming(agreement, current, change, input.effectiveFrom, `changes[${index}]`);
  });
  const terms = applyChanges(current.terms, input.changes);
  validateServiceLines(terms.lines, templateFor(agreement.kind), {
    startDate: agreement.startDate,
    expectedEndDate: terms.expectedEndDate,
  });
  if (canonicalJson(terms) === canonicalJson(current.terms)) {
    invalid('changes', 'no_change', 'the amendment does not change the terms');
  }
  const version: AgreementVersion = {
    number: Math.max(...agreement.versions.map((existing) => existing.number)) + 1,
    state: 'awaiting_signatures',
    effectiveFrom: input.effectiveFrom,
    terms,
    changes: input.changes,
    proposedBy,
    proposedAt: at.instant,
    signatures: [],
  };
  return { ...agreement, versions: [...agreement.versions, version], updatedAt: at.instant };
}

function checkChangeTiming(
  agreement: Agreement,
  current: AgreementVersion,
  change: AmendmentChange,
  effectiveFrom: IsoDate,
  field: string,
): void {
  if (change.type === 'add_line') {
    if (isLineIdUsed(agreement, change.line.id)) {
      invalid(`${field}.line.id`, 'duplicate', 'a service line id is never reused', {
        serviceLineId: change.line.id,
      });
    }
    requireIsoDate(change.line.startDate, `${field}.line.startDate`);
    if (compareDates(change.line.startDate, effectiveFrom) < 0) {
      invalid(
        `${field}.line.startDate`,
        'before_effective_date',
        'an added line starts on or after the amendment',
      );
    }
  }
  if (change.type === 'change_price') {
    const line = findLine(current.terms, change.serviceLineId);
    if (line.pricing === 'per_unit' && dateParts(effectiveFrom).day !== 1) {
      invalid(
        'effectiveFrom',
        'unit_price_change_mid_month',
        'a unit price changes from the first of a month',
      );
    }
  }
}

/**
 * The terms after applying changes in order.
 * @throws Refusal `NOT_FOUND` if a change names a line the terms do not have; `VALIDATION_FAILED` if a change
 * does not fit the line (a quantity on a monthly line) or changes nothing it could.
 */
export function applyChanges(terms: AgreementTerms, changes: readonly AmendmentChange[]): AgreementTerms {
  return changes.reduce<AgreementTerms>(
    (result, change, index) => applyChange(result, change, `changes[${index}]`),
    terms,
  );
}

function applyChange(terms: AgreementTerms, change: AmendmentChange, field: string): AgreementTerms {
  switch (change.type) {
    case 'add_line':
      return { ...terms, lines: [...terms.lines, change.line] };
    case 'change_expected_end':
      return change.expectedEndDate === null
        ? { lines: terms.lines }
        : { lines: terms.lines, expectedEndDate: change.expectedEndDate };
    case 'change_quantity':
    case 'change_price':
    case 'change_period': {
      const line = findLine(terms, change.serviceLineId);
      const updated = changeLine(line, change, field);
      return {
        ...terms,
        lines: terms.lines.map((existing) => (existing.id === line.id ? updated : existing)),
      };
    }
  }
}

function withQuantity(
  line: PerUnitServiceLine,
  change: Extract<AmendmentChange, { type: 'change_quantity' }>,
  field: string,
): PerUnitServiceLine {
  const quantityPeriod = change.quantityPeriod ?? line.quantityPeriod;
  if (change.schedule !== undefined && quantityPeriod !== 'occurrence') {
    invalid(`${field}.schedule`, 'unexpected_property', 'a schedule goes with a quantity per occurrence');
  }
  const { schedule: previous, ...rest } = line;
  const schedule = quantityPeriod === 'occurrence' ? (change.schedule ?? previous) : undefined;
  return {
    ...rest,
    agreedQuantity: change.agreedQuantity,
    quantityPeriod,
    ...(schedule ? { schedule } : {}),
  };
}

function changeLine(
  line: ServiceLine,
  change: Extract<AmendmentChange, { serviceLineId: string }>,
  field: string,
): ServiceLine {
  switch (change.type) {
    case 'change_quantity':
      if (line.pricing !== 'per_unit') {
        return invalid(field, 'wrong_pricing', 'only a per-unit line has a quantity');
      }
      return withQuantity(line, change, field);
    case 'change_price':
      return line.pricing === 'monthly'
        ? { ...line, monthlyPrice: change.price }
        : { ...line, unitPrice: change.price };
    case 'change_period':
      if (change.endDate === undefined && change.reEvaluationDate === undefined) {
        return invalid(field, 'no_change', 'give an end date and/or a re-evaluation date (null removes it)');
      }
      return withPeriod(line, change.endDate, change.reEvaluationDate);
  }
}

function withPeriod(
  line: ServiceLine,
  endDate: IsoDate | null | undefined,
  reEvaluationDate: IsoDate | null | undefined,
): ServiceLine {
  const { endDate: currentEnd, reEvaluationDate: currentReEvaluation, ...rest } = line;
  const nextEnd = endDate === undefined ? currentEnd : (endDate ?? undefined);
  const nextReEvaluation =
    reEvaluationDate === undefined ? currentReEvaluation : (reEvaluationDate ?? undefined);
  return {
    ...rest,
    ...(nextEnd === undefined ? {} : { endDate: nextEnd }),
    ...(nextReEvaluation === undefined ? {} : { reEvaluationDate: nextReEvaluation }),
  };
}

function findLine(terms: AgreementTerms, serviceLineId: string): ServiceLine {
  const line = terms.lines.find((candidate) => candidate.id === serviceLineId);
  if (!line) {
    throw new Refusal('NOT_FOUND', 'the agreement has no such service line', { serviceLineId });
  }
  return line;
}
