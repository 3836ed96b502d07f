import { expect } from 'chai';
import {
  cascadeTermination,
  createAgreementDraft,
  kroner,
  lineOn,
  pendingTermination,
  proposeAmendment,
  proposeTermination,
  signTermination,
  submitForSignatures,
  withdrawTermination,
  type Agreement,
} from 'agreements-chaincode/core';
import {
  activeAgreement,
  addOnInput,
  at,
  expectRefusal,
  jonas,
  karin,
  lene,
  mads,
  ole,
  placementInput,
  RULE,
  sara,
  stranger,
  visitationInput,
} from './fixtures';

const START = '2026-01-01';
const T = at('2026-12-01');

function terminated(agreement: Agreement, date: string): Agreement {
  const proposed = proposeTermination(agreement, date, sara, T);
  return signTermination(
    signTermination(signTermination(proposed, 1, mads, RULE, T), 1, lene, RULE, T),
    1,
    karin,
    RULE,
    T,
  );
}

describe('termination', () => {
  const placement = activeAgreement(placementInput(START), karin);

  it('is proposed by either side with an effective date and signed by both', () => {
    const proposed = proposeTermination(placement, '2026-12-31', karin, T);
    expect(pendingTermination(proposed)).to.include({
      number: 1,
      state: 'proposed',
      effectiveDate: '2026-12-31',
      proposedBy: 'provider',
      cause: 'agreed',
    });
    expect(proposed.status).to.equal('active');
    const municipal = signTermination(proposed, 1, jonas, RULE, T);
    expect(municipal.status).to.equal('active');
    const ended = signTermination(municipal, 1, karin, RULE, at('2026-12-02'));
    expect(ended.status).to.equal('terminated');
    expect(ended.terminations[0]).to.include({ state: 'agreed', agreedAt: '2026-12-02T10:00:00.000Z' });
    expect(ended.terminations[0]?.signatures.map((s) => [s.certId, s.agreementVersion])).to.deep.equal([
      ['cert:jonas', 1],
      ['cert:karin', 1],
    ]);
    // Lines run up to and including the effective date.
    expect(lineOn(ended, 'stay', '2026-12-31')).to.include({ monthlyPrice: kroner(95_000) });
    expect(lineOn(ended, 'stay', '2027-01-01')).to.be.undefined;
  });

  it('follows the same delegation rule: two different centre heads, never the caseworker, never twice', () => {
    const proposed = proposeTermination(placement, '2026-12-31', sara, T);
    expectRefusal(() => signTermination(proposed, 1, sara, RULE, T), 'WRONG_ROLE');
    const one = signTermination(proposed, 1, mads, RULE, T);
    expectRefusal(() => signTermination(one, 1, mads, RULE, T), 'ALREADY_SIGNED');
    const two = signTermination(signTermination(one, 1, karin, RULE, T), 1, lene, RULE, T);
    expect(two.status).to.equal('terminated');
    expect(terminated(placement, '2026-12-31').status).to.equal('terminated');
  });

  it('needs fresh signatures after a withdrawal', () => {
    const proposed = signTermination(proposeTermination(placement, '2026-12-31', sara, T), 1, jonas, RULE, T);
    const withdrawn = withdrawTermination(proposed, karin, T);
    expect(withdrawn.terminations[0]?.state).to.equal('withdrawn');
    expect(pendingTermination(withdrawn)).to.be.undefined;
    expectRefusal(() => withdrawTermination(withdrawn, karin, T), 'INVALID_STATE');
    const again = proposeTermination(withdrawn, '2026-12-20', sara, T);
    expectRefusal(() => signTermination(again, 1, karin, RULE, T), 'VERSION_MISMATCH');
    const afterKarin = signTermination(again, 2, karin, RULE, T);
    expect(afterKarin.status).to.equal('active');
    expect(signTermination(afterKarin, 2, jonas, RULE, T).status).to.equal('terminated');
  });

  it('refuses bad proposals and signatures', () => {
    expectRefusal(() => proposeTermination(placement, '2025-12-31', sara, T), 'VALIDATION_FAILED');
    expectRefusal(() => proposeTermination(placement, '2026-02-30', sara, T), 'VALIDATION_FAILED');
    expectRefusal(() => proposeTermination(placement, '2026-12-31', stranger, T), 'FORBIDDEN');
    const bounded = activeAgreement(placementInput(START, { expectedEndDate: '2026-12-31' }), karin);
    expectRefusal(() => proposeTermination(bounded, '2027-01-31', sara, T), 'VALIDATION_FAILED');
    const proposed = proposeTermination(placement, '2026-12-31', sara, T);
    expectRefusal(() => proposeTermination(proposed, '2026-12-30', karin, T), 'PENDING_PROPOSAL_EXISTS');
    expectRefusal(() => signTermination(placement, 1, jonas, RULE, T), 'INVALID_STATE');
    const draft = submitForSignatures(createAgreementDraft(placementInput(START), sara, T), sara, T);
    expectRefusal(() => proposeTermination(draft, '2026-12-31', sara, T), 'INVALID_STATE');
    const ended = signTermination(signTermination(proposed, 1, jonas, RULE, T), 1, karin, RULE, T);
    expectRefusal(() => proposeTermination(ended, '2026-12-31', sara, T), 'INVALID_STATE');
  });

  it('lets a pending amendment lapse and blocks new ones', () => {
    const amended = proposeAmendment(
      placement,
      {
        effectiveFrom: '2026-12-01',
        changes: [{ type: 'change_price', serviceLineId: 'stay', price: kroner(96_000) }],
      },
      sara,
      T,
    );
    const proposed = proposeTermination(amended, '2026-12-31', sara, T);
    const ended = signTermination(signTermination(proposed, 1, jonas, RULE, T), 1, karin, RULE, T);
    expect(ended.versions.map((v) => v.state)).to.deep.equal(['agreed', 'withdrawn']);
    expectRefusal(
      () =>
        proposeAmendment(
          ended,
          {
            effectiveFrom: '2026-12-01',
            changes: [{ type: 'change_price', serviceLineId: 'stay', price: kroner(96_000) }],
          },
          sara,
          T,
        ),
      'INVALID_STATE',
    );
  });

  describe('cascade to related agreements', () => {
    const visitation = activeAgreement(visitationInput(START), ole);
    const addOn = activeAgreement(
      addOnInput('2026-11-01', {
        lines: [{ ...addOnInput('2026-11-01').lines[0]!, reEvaluationDate: '2027-01-31' }],
      }),
      karin,
    );
    const unrelated = activeAgreement(
      visitationInput(START, { id: 'visitation-2', relatedAgreementIds: [] }),
      ole,
    );
    const ended = signTermination(
      signTermination(proposeTermination(placement, '2026-12-15', sara, T), 1, jonas, RULE, T),
      1,
      karin,
      RULE,
      T,
    );

    it('ends every agreement that names the terminated one, on the same date', () => {
      const cascaded = cascadeTermination(ended, [visitation, addOn, unrelated], at('2026-12-02'));
      expect(cascaded.map((a) => a.id)).to.deep.equal(['visitation-1', 'addon-1']);
      for (const agreement of cascaded) {
        expect(agreement.status).to.equal('terminated');
        expect(agreement.terminations.at(-1)).to.include({
          state: 'agreed',
          effectiveDate: '2026-12-15',
          cause: 'related_agreement_terminated',
          causeAgreementId: 'placement-1',
        });
      }
      const [visits, support] = cascaded;
      expect(lineOn(visits!, 'visits', '2026-12-15')).to.not.be.undefined;
      expect(lineOn(visits!, 'visits', '2026-12-16')).to.be.undefined;
      expect(lineOn(support!, 'support', '2026-12-16')).to.be.undefined;
    });

    it('ends drafts too, withdraws their pending proposals, and skips what has already ended', () => {
      const draft = createAgreementDraft(visitationInput(START, { id: 'visitation-3' }), sara, T);
      const pending = proposeTermination(visitation, '2026-12-31', ole, T);
      const expired = { ...addOn, status: 'expired' as const };
      const cascaded = cascadeTermination(ended, [draft, pending, expired], T);
      expect(cascaded.map((a) => [a.id, a.status])).to.deep.equal([
        ['visitation-3', 'terminated'],
        ['visitation-1', 'terminated'],
      ]);
      expect(cascaded[1]?.terminations.map((t) => [t.number, t.state])).to.deep.equal([
        [1, 'withdrawn'],
        [2, 'agreed'],
      ]);
      expect(cascadeTermination(ended, cascaded, T)).to.deep.equal([]);
    });

    it('is only possible from an agreement actually terminated, and only downwards', () => {
      expectRefusal(() => cascadeTermination(placement, [visitation], T), 'INVALID_STATE');
      // Ending the visitation does not end the placement it relates to.
      const visitsEnded = signTermination(
        signTermination(proposeTermination(visitation, '2026-12-15', ole, T), 1, jonas, RULE, T),
        1,
        ole,
        RULE,
        T,
      );
      expect(cascadeTermination(visitsEnded, [placement], T)).to.deep.equal([]);
    });
  });
});
