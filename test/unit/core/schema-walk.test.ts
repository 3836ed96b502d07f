import { expect } from 'chai';
import {
  AgreementDraftSchema,
  NoticePeriodSchema,
  ScheduleSchema,
  ServiceLineSchema,
} from '@fabric-agreements/api';
import { parseBySchema, parseInput } from 'agreements-chaincode/core/schema-walk';
import { expectRefusal, placementInput, visitationInput } from './fixtures';

const START = '2026-01-01';

function details(run: () => unknown, code: 'VALIDATION_FAILED' | 'INVALID_ID' = 'VALIDATION_FAILED') {
  return expectRefusal(run, code).details;
}

describe('parsing an input by walking its schema (@fabric-agreements/api)', () => {
  it('reads the story’s drafts, with their schedules, back unchanged', () => {
    for (const input of [placementInput(START), visitationInput(START)]) {
      const json = JSON.parse(JSON.stringify(input)) as unknown;
      expect(parseInput(AgreementDraftSchema, json, 'agreement')).to.deep.equal(input);
    }
  });

  it('tells union members apart by their const property, and bounds each member by its own schema', () => {
    const week = { anchorDate: START, every: 'week', interval: 52 };
    expect(parseBySchema(ScheduleSchema, week, 's')).to.deep.equal(week);
    expect(details(() => parseBySchema(ScheduleSchema, { ...week, every: 'month' }, 's'))).to.include({
      field: 's.interval',
      reason: 'not_in_range',
      max: 12,
    });
    expect(details(() => parseBySchema(ScheduleSchema, { ...week, every: 'day' }, 's'))).to.include({
      field: 's.every',
      reason: 'not_allowed',
    });
  });

  it('names the properties a member takes, never the unexpected ones', () => {
    const line = { id: 'x', kind: 'stay', pricing: 'monthly', monthlyPrice: 1, startDate: START };
    const refusal = expectRefusal(
      () => parseBySchema(ServiceLineSchema, { ...line, unitPrice: 1 }, 'lines[0]'),
      'VALIDATION_FAILED',
    );
    expect(refusal.details).to.include({ field: 'lines[0]', reason: 'unexpected_property' });
    expect(refusal.details.allowed).to.include('monthlyPrice').and.not.include('unitPrice');
    const echoed = expectRefusal(
      () => parseBySchema(ServiceLineSchema, { ...line, '0101164234': 1 }, 'lines[0]'),
      'VALIDATION_FAILED',
    );
    expect(JSON.stringify(echoed.details) + echoed.text).not.to.include('0101164234');
  });

  it('gives a union its own refusal where the schema names one (a notice period)', () => {
    const days = { unit: 'days', days: 30 };
    expect(parseBySchema(NoticePeriodSchema, days, 'noticePeriod')).to.deep.equal(days);
    for (const wrong of [{ unit: 'days', months: 1 }, { unit: 'weeks', days: 1 }, { unit: 'days' }]) {
      expect(details(() => parseBySchema(NoticePeriodSchema, wrong, 'noticePeriod'))).to.include({
        field: 'noticePeriod',
        reason: 'not_a_notice_period',
      });
    }
    expect(details(() => parseBySchema(NoticePeriodSchema, [], 'noticePeriod'))).to.include({
      reason: 'not_an_object',
    });
    expect(details(() => parseBySchema(NoticePeriodSchema, { unit: 'days', days: 731 }, 'n'))).to.include({
      field: 'n.days',
      reason: 'not_in_range',
    });
  });

  it('reads null as absent only where the schema says so', () => {
    const draft = JSON.parse(JSON.stringify(placementInput(START))) as Record<string, unknown>;
    expect(
      parseInput(AgreementDraftSchema, { ...draft, expectedEndDate: null }, 'agreement'),
    ).not.to.have.property('expectedEndDate');
    expect(
      details(() => parseInput(AgreementDraftSchema, { ...draft, renewalWindowDays: null }, 'agreement')),
    ).to.include({ field: 'renewalWindowDays', reason: 'not_in_range' });
    expect(
      details(() => parseInput(AgreementDraftSchema, { ...draft, relatedAgreementIds: ['a', 'a'] }, 'a')),
    ).to.include({ field: 'relatedAgreementIds', reason: 'duplicate' });
  });
});
