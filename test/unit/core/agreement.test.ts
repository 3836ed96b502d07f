import { expect } from 'chai';
import {
  AGREEMENT_TEMPLATES,
  createAgreementDraft,
  expireIfEnded,
  kroner,
  reviseAgreementDraft,
  signAgreement,
  statusOn,
  submitForSignatures,
  templateFor,
  withdrawPendingVersion,
  type AgreementDraftInput,
  type MonthlyServiceLine,
  type ServiceLine,
} from 'agreements-chaincode/core';
import {
  activeAgreement,
  addOnInput,
  at,
  expectRefusal,
  jonas,
  karin,
  placementInput,
  RULE,
  sara,
  schoolSupportLine,
  stranger,
  visitationInput,
} from './fixtures';

const START = '2026-01-01';
const T = at('2025-12-20');

function draftError(input: AgreementDraftInput, field: string, reason?: string): void {
  const error = expectRefusal(() => createAgreementDraft(input, sara, T), 'VALIDATION_FAILED');
  expect(error.details.field).to.equal(field);
  if (reason !== undefined) {
    expect(error.details.reason).to.equal(reason);
  }
}

function withLine(line: ServiceLine, base = placementInput(START)): AgreementDraftInput {
  return { ...base, lines: [line] };
}

describe('templates', () => {
  it('define the three kinds with their line kinds and obligations', () => {
    expect(templateFor('placement').lineKinds.map((rule) => rule.kind)).to.deep.equal([
      'stay',
      'school',
      'transport',
      'school_support',
    ]);
    expect(AGREEMENT_TEMPLATES.placement.obligations[0]).to.include({
      everyMonths: 3,
      obligatedSide: 'provider',
    });
    expect(AGREEMENT_TEMPLATES.visitation.lineKinds[0]).to.include({
      kind: 'supported_visitation',
      unit: 'visit',
    });
    expect(AGREEMENT_TEMPLATES.visitation.obligations[0]?.gatedLineKinds).to.deep.equal([
      'supported_visitation',
    ]);
    expect(AGREEMENT_TEMPLATES.add_on.lineKinds[0]).to.include({
      kind: 'school_support',
      requiresReEvaluation: true,
    });
    expect(AGREEMENT_TEMPLATES.add_on.obligations).to.deep.equal([]);
    expectRefusal(() => templateFor('loan'), 'VALIDATION_FAILED');
  });
});

describe('agreement drafts', () => {
  it('are created from the template as version 1 in draft', () => {
    const agreement = createAgreementDraft(placementInput(START), sara, T);
    expect(agreement.status).to.equal('draft');
    expect(agreement.templateVersion).to.equal(1);
    expect(agreement.obligations).to.deep.equal(AGREEMENT_TEMPLATES.placement.obligations);
    expect(agreement.versions).to.have.length(1);
    expect(agreement.versions[0]).to.include({
      number: 1,
      state: 'draft',
      effectiveFrom: START,
      proposedBy: 'municipality',
    });
    expect(agreement.versions[0]?.terms.lines.map((line) => line.id)).to.deep.equal([
      'stay',
      'school',
      'taxi',
    ]);
    expect(agreement.createdAt).to.equal(T.instant);
    expect(agreement.relatedAgreementIds).to.deep.equal([]);
  });

  it('are drafted only by municipal staff of the named municipality', () => {
    expectRefusal(() => createAgreementDraft(placementInput(START), karin, T), 'FORBIDDEN');
    expectRefusal(() => createAgreementDraft(placementInput(START), stranger, T), 'FORBIDDEN');
    expectRefusal(
      () => createAgreementDraft(placementInput(START), { ...sara, role: 'consultant' }, T),
      'WRONG_ROLE',
    );
    expect(createAgreementDraft(placementInput(START), jonas, T).status).to.equal('draft');
  });

  it('validate ids, parties and dates', () => {
    expectRefusal(() => createAgreementDraft(placementInput(START, { id: 'bad id' }), sara, T), 'INVALID_ID');
    expectRefusal(
      () => createAgreementDraft(placementInput(START, { childPseudonym: '' }), sara, T),
      'INVALID_ID',
    );
    draftError(
      placementInput(START, { providerMspId: placementInput(START).municipalityMspId }),
      'providerMspId',
      'same_party',
    );
    draftError(placementInput(START, { startDate: '2026-02-30' }), 'startDate', 'not_a_date');
    draftError(placementInput(START, { expectedEndDate: '2025-12-31' }), 'expectedEndDate', 'before_start');
    draftError(
      placementInput(START, { relatedAgreementIds: ['x', 'x'] }),
      'relatedAgreementIds',
      'duplicate',
    );
    draftError(
      visitationInput(START, { relatedAgreementIds: ['visitation-1'] }),
      'relatedAgreementIds',
      'self_reference',
    );
    draftError(
      placementInput(START, { relatedAgreementIds: ['other'] }),
      'relatedAgreementIds',
      'not_allowed',
    );
    draftError(placementInput(START, { lines: [] }), 'lines', 'wrong_length');
  });

  it('validate every service line against the template and the agreement period', () => {
    const stay: MonthlyServiceLine = {
      id: 'stay',
      kind: 'stay',
      pricing: 'monthly',
      monthlyPrice: kroner(95_000),
      startDate: START,
    };
    draftError(withLine({ ...stay, kind: 'supported_visitation' }), 'lines[0].kind', 'line_kind_not_allowed');
    draftError(withLine({ ...schoolSupportLine(START), kind: 'stay' }), 'lines[0].pricing', 'wrong_pricing');
    draftError(withLine({ ...stay, monthlyPrice: 0 }), 'lines[0].monthlyPrice', 'too_small');
    draftError(withLine({ ...stay, monthlyPrice: 100.5 }), 'lines[0].monthlyPrice', 'not_an_amount');
    draftError(withLine({ ...schoolSupportLine(START), unitPrice: 0 }), 'lines[0].unitPrice', 'too_small');
    draftError(
      withLine({ ...schoolSupportLine(START), agreedQuantity: 0 }),
      'lines[0].agreedQuantity',
      'too_small',
    );
    draftError(withLine({ ...schoolSupportLine(START), agreedQuantity: 1.234 }), 'lines[0].agreedQuantity');
    draftError(withLine({ ...schoolSupportLine(START), unit: 'visit' }), 'lines[0].unit', 'wrong_unit');
    draftError(
      withLine({ ...stay, startDate: '2025-12-31' }),
      'lines[0].startDate',
      'before_agreement_start',
    );
    draftError(
      withLine({ ...stay, endDate: '2025-12-31', startDate: START }),
      'lines[0].endDate',
      'before_line_start',
    );
    draftError(
      {
        ...placementInput(START, { expectedEndDate: '2026-06-30' }),
        lines: [{ ...stay, endDate: '2026-07-01' }],
      },
      'lines[0].endDate',
      'after_agreement_end',
    );
    draftError(
      {
        ...placementInput(START, { expectedEndDate: '2026-06-30' }),
        lines: [{ ...stay, startDate: '2026-07-01' }],
      },
      'lines[0].startDate',
      'after_agreement_end',
    );
    draftError(
      withLine({ ...schoolSupportLine(START), endDate: '2026-02-28', reEvaluationDate: '2026-03-31' }),
      'lines[0].reEvaluationDate',
      'after_line_end',
    );
    const { reEvaluationDate, ...noReEvaluation } = schoolSupportLine(START);
    expect(reEvaluationDate).to.be.a('string');
    draftError(withLine(noReEvaluation), 'lines[0].reEvaluationDate', 'required');
    draftError(
      { ...placementInput(START), lines: [stay, { ...stay, monthlyPrice: kroner(1) }] },
      'lines[1].id',
      'duplicate',
    );
  });

  it('accept every story agreement', () => {
    expect(createAgreementDraft(visitationInput(START), sara, T).relatedAgreementIds).to.deep.equal([
      'placement-1',
    ]);
    expect(createAgreementDraft(addOnInput('2026-02-01'), sara, T).obligations).to.deep.equal([]);
  });

  it('can be revised while in draft only, never changing parties, child or kind', () => {
    const draft = createAgreementDraft(placementInput(START), sara, T);
    const revised = reviseAgreementDraft(draft, placementInput('2026-02-01'), sara, at('2025-12-21'));
    expect(revised.startDate).to.equal('2026-02-01');
    expect(revised.versions).to.have.length(1);
    expect(revised.versions[0]?.effectiveFrom).to.equal('2026-02-01');
    expectRefusal(
      () => reviseAgreementDraft(draft, placementInput(START, { childPseudonym: 'child-other' }), sara, T),
      'VALIDATION_FAILED',
    );
    expectRefusal(() => reviseAgreementDraft(draft, placementInput(START), karin, T), 'FORBIDDEN');
    const submitted = submitForSignatures(draft, sara, T);
    expectRefusal(() => reviseAgreementDraft(submitted, placementInput(START), sara, T), 'INVALID_STATE');
  });

  it('are submitted for signatures by the municipality; the caseworker may submit', () => {
    const draft = createAgreementDraft(placementInput(START), sara, T);
    expectRefusal(() => submitForSignatures(draft, karin, T), 'FORBIDDEN');
    const submitted = submitForSignatures(draft, sara, at('2025-12-21'));
    expect(submitted.status).to.equal('awaiting_signatures');
    expect(submitted.versions[0]).to.include({
      state: 'awaiting_signatures',
      proposedAt: '2025-12-21T10:00:00.000Z',
    });
    expectRefusal(() => submitForSignatures(submitted, sara, T), 'INVALID_STATE');
  });

  it('return to draft as a new version when withdrawn, so no signature carries over', () => {
    const submitted = submitForSignatures(createAgreementDraft(placementInput(START), sara, T), sara, T);
    const signed = signAgreement(submitted, 1, jonas, RULE, T);
    const withdrawn = withdrawPendingVersion(signed, karin, at('2025-12-22'));
    expect(withdrawn.status).to.equal('draft');
    expect(withdrawn.versions.map((version) => [version.number, version.state])).to.deep.equal([
      [1, 'withdrawn'],
      [2, 'draft'],
    ]);
    expect(withdrawn.versions[0]?.signatures).to.have.length(1);
    expect(withdrawn.versions[1]?.signatures).to.deep.equal([]);
    expectRefusal(() => withdrawPendingVersion(withdrawn, sara, T), 'INVALID_STATE');
    expectRefusal(() => withdrawPendingVersion(submitted, stranger, T), 'FORBIDDEN');
    const again = submitForSignatures(withdrawn, sara, T);
    expectRefusal(() => signAgreement(again, 1, jonas, RULE, T), 'VERSION_MISMATCH');
    expect(signAgreement(signAgreement(again, 2, jonas, RULE, T), 2, karin, RULE, T).status).to.equal(
      'active',
    );
  });

  it('expire when every line has ended by its own terms (after the renewal window for a re-evaluation)', () => {
    const addOn = activeAgreement(addOnInput('2026-02-01'), karin);
    // The add-on's line stops at its re-evaluation date (30 April); a renewal stays possible for 90 days.
    expect(statusOn(addOn, '2026-04-30')).to.equal('active');
    expect(statusOn(addOn, '2026-07-29')).to.equal('active');
    expect(statusOn(addOn, '2026-07-30')).to.equal('expired');
    expect(expireIfEnded(addOn, at('2026-07-29'))).to.equal(addOn);
    const expired = expireIfEnded(addOn, at('2026-07-30'));
    expect(expired.status).to.equal('expired');
    expect(expireIfEnded(expired, at('2026-08-01'))).to.equal(expired);
    // A line that ends by its end date is not awaiting a renewal: expired the next day.
    const ended = activeAgreement(
      addOnInput('2026-02-01', {
        lines: [{ ...schoolSupportLine('2026-02-01'), endDate: '2026-04-30' }],
      }),
      karin,
    );
    expect(statusOn(ended, '2026-05-01')).to.equal('expired');
    // The window is a term: a draft may name its own.
    const short = activeAgreement(addOnInput('2026-02-01', { renewalWindowDays: 0 }), karin);
    expect(statusOn(short, '2026-05-01')).to.equal('expired');
    const placement = activeAgreement(placementInput(START), karin);
    expect(statusOn(placement, '2030-01-01')).to.equal('active');
    const bounded = activeAgreement(placementInput(START, { expectedEndDate: '2026-12-31' }), karin);
    expect(statusOn(bounded, '2026-12-31')).to.equal('active');
    expect(statusOn(bounded, '2027-01-01')).to.equal('expired');
  });
});
