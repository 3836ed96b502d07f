import { expect } from 'chai';
import {
  adoptDelegationRule,
  createAgreementDraft,
  DEFAULT_TIERS,
  defaultDelegationRule,
  isSideComplete,
  kroner,
  monthlyValueOfTerms,
  parseDelegationTiers,
  proposeAmendment,
  rolesThatCount,
  satisfiesTier,
  signAgreement,
  submitForSignatures,
  tierFor,
  type Actor,
  type Agreement,
  type DelegationRule,
} from 'agreements-chaincode/core';
import {
  activeAgreement,
  at,
  expectRefusal,
  jonas,
  karin,
  lene,
  mads,
  MUNICIPALITY,
  ole,
  placementInput,
  RULE,
  sara,
  stranger,
} from './fixtures';

const START = '2026-01-01';
const T = at('2025-12-20');

function awaiting(): Agreement {
  return submitForSignatures(createAgreementDraft(placementInput(START), sara, T), sara, T);
}

function sign(agreement: Agreement, actor: Actor, rule: DelegationRule = RULE, version = 1): Agreement {
  return signAgreement(agreement, version, actor, rule, T);
}

describe('signatures and the delegation rule', () => {
  describe('the default rule: one director, or two different centre heads', () => {
    it('is complete with the director alone', () => {
      const signed = sign(awaiting(), jonas);
      const signatures = signed.versions[0]?.signatures ?? [];
      expect(isSideComplete('municipality', signatures, RULE, 0)).to.be.true;
      expect(isSideComplete('provider', signatures, RULE, 0)).to.be.false;
      expect(signed.status).to.equal('awaiting_signatures');
      expect(signatures[0]).to.deep.equal({
        certId: 'cert:jonas',
        mspId: MUNICIPALITY,
        role: 'director',
        side: 'municipality',
        agreementVersion: 1,
        signedAt: T.instant,
        delegationRuleVersion: 1,
      });
    });

    it('needs a second, different centre head after the first', () => {
      const one = sign(awaiting(), mads);
      expect(isSideComplete('municipality', one.versions[0]?.signatures ?? [], RULE, 0)).to.be.false;
      const two = sign(one, lene);
      expect(isSideComplete('municipality', two.versions[0]?.signatures ?? [], RULE, 0)).to.be.true;
    });

    it('never counts the same person twice', () => {
      const one = sign(awaiting(), mads);
      const error = expectRefusal(() => sign(one, mads), 'ALREADY_SIGNED');
      expect(error.details).to.deep.equal({ agreementVersion: 1 });
      // Not even under another role attribute on a reissued certificate with the same id.
      expectRefusal(() => sign(one, { ...mads, role: 'director' }), 'ALREADY_SIGNED');
      expectRefusal(() => sign(sign(awaiting(), karin), karin), 'ALREADY_SIGNED');
    });

    it('refuses a caseworker signing for the municipality', () => {
      const error = expectRefusal(() => sign(awaiting(), sara), 'WRONG_ROLE');
      expect(error.details.allowedRoles).to.deep.equal(['centre_head', 'director']);
    });

    it('refuses roles of the other side and organisations that are not parties', () => {
      expectRefusal(() => sign(awaiting(), { ...karin, role: 'director' }), 'WRONG_ROLE');
      expectRefusal(() => sign(awaiting(), { ...jonas, role: 'provider_staff' }), 'WRONG_ROLE');
      expectRefusal(() => sign(awaiting(), stranger), 'FORBIDDEN');
      expectRefusal(() => sign(awaiting(), ole), 'FORBIDDEN');
      expectRefusal(() => sign(awaiting(), { ...jonas, certId: 'cert:jo\u0000nas' }), 'INVALID_ID');
    });

    it('refuses signatures once a side is complete', () => {
      const directed = sign(awaiting(), jonas);
      expectRefusal(() => sign(directed, mads), 'SIDE_ALREADY_COMPLETE');
      const provided = sign(awaiting(), karin);
      expectRefusal(() => sign(provided, { ...karin, certId: 'cert:karin2' }), 'SIDE_ALREADY_COMPLETE');
    });

    it('accepts provider staff or a consultant of the agreement’s provider', () => {
      const consultant: Actor = { certId: 'cert:c', mspId: karin.mspId, role: 'consultant' };
      expect(sign(sign(awaiting(), jonas), consultant).status).to.equal('active');
    });

    it('activates the agreement when both sides are complete, in any order', () => {
      const signedAt = at('2025-12-28');
      let agreement = signAgreement(awaiting(), 1, karin, RULE, T);
      agreement = signAgreement(agreement, 1, mads, RULE, T);
      expect(agreement.status).to.equal('awaiting_signatures');
      agreement = signAgreement(agreement, 1, lene, RULE, signedAt);
      expect(agreement.status).to.equal('active');
      expect(agreement.activatedAt).to.equal(signedAt.instant);
      expect(agreement.versions[0]).to.include({ state: 'agreed', agreedAt: signedAt.instant });
    });

    it('binds a signature to exactly one version', () => {
      expectRefusal(() => sign(awaiting(), jonas, RULE, 2), 'VERSION_MISMATCH');
      expectRefusal(() => sign(createAgreementDraft(placementInput(START), sara, T), jonas), 'INVALID_STATE');
      const active = activeAgreement(placementInput(START), karin);
      expectRefusal(() => sign(active, mads), 'INVALID_STATE');
      const amended = proposeAmendment(
        active,
        {
          effectiveFrom: '2026-03-01',
          changes: [{ type: 'change_price', serviceLineId: 'stay', price: kroner(96_000) }],
        },
        sara,
        T,
      );
      // Version 1's signatures do not count for version 2: jonas signs again.
      const v2 = sign(amended, jonas, RULE, 2);
      expect(v2.versions[1]?.signatures.map((s) => s.certId)).to.deep.equal(['cert:jonas']);
      expectRefusal(() => sign(v2, jonas, RULE, 1), 'VERSION_MISMATCH');
    });

    it('refuses a rule of another municipality', () => {
      expectRefusal(
        () => sign(awaiting(), jonas, defaultDelegationRule('SomewhereElseMSP')),
        'PRECONDITION_FAILED',
      );
    });
  });

  describe('tiers by amount', () => {
    // Above 100 000 kr a month: the director and a centre head together.
    const strict = adoptDelegationRule(
      MUNICIPALITY,
      RULE,
      [
        DEFAULT_TIERS[0],
        {
          fromMonthlyValue: kroner(100_000),
          alternatives: [
            [
              { role: 'director', count: 1 },
              { role: 'centre_head', count: 1 },
            ],
          ],
        },
      ],
      T,
    );

    it('are versioned', () => {
      expect(strict.version).to.equal(2);
      expect(strict.adoptedAt).to.equal(T.instant);
      expect(adoptDelegationRule(MUNICIPALITY, undefined, DEFAULT_TIERS, T).version).to.equal(1);
      expectRefusal(() => adoptDelegationRule('OtherMSP', RULE, DEFAULT_TIERS, T), 'PRECONDITION_FAILED');
    });

    it('pick the tier by the monthly value of the terms being signed', () => {
      const terms = awaiting().versions[0]?.terms;
      expect(terms && monthlyValueOfTerms(terms)).to.equal(kroner(95_000 + 24_000 + 9_500));
      expect(tierFor(strict, kroner(99_999)).fromMonthlyValue).to.equal(0);
      expect(tierFor(strict, kroner(100_000)).fromMonthlyValue).to.equal(kroner(100_000));
      expect(rolesThatCount(tierFor(strict, kroner(100_000)))).to.deep.equal(['centre_head', 'director']);
    });

    it('apply the stricter alternative above the threshold', () => {
      // 128 500 kr a month: the director alone is not enough.
      const directed = sign(awaiting(), jonas, strict);
      expect(isSideComplete('municipality', directed.versions[0]?.signatures ?? [], strict, kroner(128_500)))
        .to.be.false;
      expect(sign(sign(directed, mads, strict), karin, strict).status).to.equal('active');
      // Two centre heads are not enough either.
      const heads = sign(sign(awaiting(), mads, strict), lene, strict);
      expect(isSideComplete('municipality', heads.versions[0]?.signatures ?? [], strict, kroner(128_500))).to
        .be.false;
    });

    it('let the director alone sign below the threshold', () => {
      const small = submitForSignatures(
        createAgreementDraft(
          placementInput(START, {
            lines: [
              {
                id: 'stay',
                kind: 'stay',
                pricing: 'monthly',
                monthlyPrice: kroner(50_000),
                startDate: START,
              },
            ],
          }),
          sara,
          T,
        ),
        sara,
        T,
      );
      expect(sign(sign(small, jonas, strict), karin, strict).status).to.equal('active');
    });

    it('refuse a role that counts in no alternative of the tier', () => {
      const directorOnly = adoptDelegationRule(
        MUNICIPALITY,
        RULE,
        [{ fromMonthlyValue: 0, alternatives: [[{ role: 'director', count: 1 }]] }],
        T,
      );
      expectRefusal(() => sign(awaiting(), mads, directorOnly), 'WRONG_ROLE');
    });

    it('count distinct people per role', () => {
      const tier = DEFAULT_TIERS[0];
      expect(
        tier &&
          satisfiesTier(tier, [
            { certId: 'a', role: 'centre_head' },
            { certId: 'a', role: 'centre_head' },
          ]),
      ).to.be.false;
      expect(
        tier &&
          satisfiesTier(tier, [
            { certId: 'a', role: 'centre_head' },
            { certId: 'b', role: 'centre_head' },
          ]),
      ).to.be.true;
      expect(
        tier &&
          satisfiesTier(tier, [
            { certId: 'a', role: 'caseworker' },
            { certId: 'b', role: 'caseworker' },
          ]),
      ).to.be.false;
    });

    describe('the municipality’s own rule', () => {
      const mayor: Actor = { certId: 'cert:mayor', mspId: MUNICIPALITY, role: 'mayor' };
      // A caseworker approves agreements below 50 000 kr a month; above, a centre head, the director or the mayor.
      const tiered = adoptDelegationRule(
        MUNICIPALITY,
        RULE,
        [
          { fromMonthlyValue: 0, alternatives: [[{ role: 'caseworker', count: 1 }]] },
          {
            fromMonthlyValue: kroner(50_000),
            alternatives: [
              [{ role: 'centre_head', count: 1 }],
              [{ role: 'director', count: 1 }],
              [{ role: 'mayor', count: 1 }],
            ],
          },
        ],
        T,
      );
      const worth = (monthly: number): Agreement =>
        submitForSignatures(
          createAgreementDraft(
            placementInput(START, {
              lines: [
                { id: 'stay', kind: 'stay', pricing: 'monthly', monthlyPrice: monthly, startDate: START },
              ],
            }),
            sara,
            T,
          ),
          sara,
          T,
        );

      it('lets a caseworker approve below the threshold, and only there', () => {
        const small = sign(worth(kroner(49_999)), sara, tiered);
        expect(small.versions[0]?.signatures.map((s) => [s.role, s.side])).to.deep.equal([
          ['caseworker', 'municipality'],
        ]);
        expect(sign(small, karin, tiered).status).to.equal('active');
        // At the threshold (and for the story's 128 500 kr) the caseworker counts in no alternative.
        const error = expectRefusal(() => sign(worth(kroner(50_000)), sara, tiered), 'WRONG_ROLE');
        expect(error.details.allowedRoles).to.deep.equal(['centre_head', 'director', 'mayor']);
        expectRefusal(() => sign(awaiting(), sara, tiered), 'WRONG_ROLE');
      });

      it('requires a leader above it: a centre head, the director or the mayor alone', () => {
        for (const leader of [mads, jonas, mayor]) {
          expect(sign(sign(awaiting(), leader, tiered), karin, tiered).status, leader.role).to.equal(
            'active',
          );
        }
      });

      it('keeps the story’s rule as the default: the director alone, or two different centre heads', () => {
        expect(DEFAULT_TIERS).to.deep.equal([
          {
            fromMonthlyValue: 0,
            alternatives: [[{ role: 'director', count: 1 }], [{ role: 'centre_head', count: 2 }]],
          },
        ]);
        expectRefusal(() => sign(awaiting(), sara), 'WRONG_ROLE');
        expectRefusal(() => sign(awaiting(), mayor), 'WRONG_ROLE');
      });

      it('counts named people by certificate id, whatever their role', () => {
        const named = adoptDelegationRule(
          MUNICIPALITY,
          RULE,
          [{ fromMonthlyValue: 0, alternatives: [[{ people: ['cert:lene', 'cert:sara'], count: 1 }]] }],
          T,
        );
        expect(sign(sign(awaiting(), sara, named), karin, named).status).to.equal('active');
        expectRefusal(() => sign(awaiting(), mads, named), 'WRONG_ROLE');
      });

      it('never counts the same person twice, however many requirements name them', () => {
        // The director and one of two named people: Jonas is both, but fills only one place.
        const tier = {
          fromMonthlyValue: 0,
          alternatives: [
            [
              { people: ['cert:jonas', 'cert:lene'], count: 1 },
              { role: 'director' as const, count: 1 },
            ],
          ],
        };
        expect(satisfiesTier(tier, [{ certId: 'cert:jonas', role: 'director' }])).to.be.false;
        // Jonas may have been seated as the named person first; Lene then takes that place and he the director's.
        expect(
          satisfiesTier(tier, [
            { certId: 'cert:jonas', role: 'director' },
            { certId: 'cert:lene', role: 'centre_head' },
          ]),
        ).to.be.true;
        const rule = adoptDelegationRule(MUNICIPALITY, RULE, [tier], T);
        const byJonas = sign(awaiting(), jonas, rule);
        expect(isSideComplete('municipality', byJonas.versions[0]?.signatures ?? [], rule, 0)).to.be.false;
        expectRefusal(() => sign(byJonas, jonas, rule), 'ALREADY_SIGNED');
        expect(sign(sign(byJonas, lene, rule), karin, rule).status).to.equal('active');
      });

      it('lets the mayor sign but not draft a case', () => {
        expectRefusal(() => createAgreementDraft(placementInput(START), mayor, T), 'WRONG_ROLE');
      });
    });

    it('are validated as data', () => {
      const bad = (tiers: unknown, field: string): void => {
        const error = expectRefusal(() => parseDelegationTiers(tiers), 'VALIDATION_FAILED');
        expect(error.details.field).to.equal(field);
      };
      bad([], 'tiers');
      bad(
        [{ fromMonthlyValue: 5, alternatives: [[{ role: 'director', count: 1 }]] }],
        'tiers[0].fromMonthlyValue',
      );
      bad(
        [
          { fromMonthlyValue: 0, alternatives: [[{ role: 'director', count: 1 }]] },
          { fromMonthlyValue: 0, alternatives: [[{ role: 'director', count: 1 }]] },
        ],
        'tiers[1].fromMonthlyValue',
      );
      bad(
        [{ fromMonthlyValue: 0, alternatives: [[{ role: 'guardian', count: 1 }]] }],
        'tiers[0].alternatives[0][0].role',
      );
      bad(
        [{ fromMonthlyValue: 0, alternatives: [[{ role: 'director', people: ['cert:jonas'], count: 1 }]] }],
        'tiers[0].alternatives[0][0]',
      );
      bad([{ fromMonthlyValue: 0, alternatives: [[{ count: 1 }]] }], 'tiers[0].alternatives[0][0]');
      bad(
        [{ fromMonthlyValue: 0, alternatives: [[{ people: ['cert:a', 'cert:a'], count: 1 }]] }],
        'tiers[0].alternatives[0][0].people',
      );
      bad(
        [{ fromMonthlyValue: 0, alternatives: [[{ people: ['cert:a'], count: 2 }]] }],
        'tiers[0].alternatives[0][0].count',
      );
      bad(
        [{ fromMonthlyValue: 0, alternatives: [[{ people: [], count: 1 }]] }],
        'tiers[0].alternatives[0][0].people',
      );
      bad(
        [{ fromMonthlyValue: 0, alternatives: [[{ role: 'director', count: 0 }]] }],
        'tiers[0].alternatives[0][0].count',
      );
      bad([{ fromMonthlyValue: 0, alternatives: [] }], 'tiers[0].alternatives');
      bad(
        [
          {
            fromMonthlyValue: 0,
            alternatives: [
              [
                { role: 'director', count: 1 },
                { role: 'director', count: 1 },
              ],
            ],
          },
        ],
        'tiers[0].alternatives[0]',
      );
      bad(
        [{ fromMonthlyValue: 0, alternatives: [[{ role: 'director', count: 1 }]], extra: true }],
        'tiers[0]',
      );
    });
  });
});
