import { expect } from 'chai';
import {
  compositeKey,
  expectCode,
  KOMMUNE,
  OESTERVOLD,
  people,
  SAMVAER,
  STRANGER,
  TestNetwork,
  theEvent,
} from './support/harness';
import { CHILD, contracts, placementDraft, registerOrganisations } from './support/story';

const { organisations, agreements } = contracts;
const municipality = JSON.stringify({ name: 'Høje-Taastrup Kommune' });
const placementSite = JSON.stringify({
  mspId: OESTERVOLD,
  kind: 'placement_site',
  name: 'Opholdsstedet Østervold',
});

describe('OrganisationContract', () => {
  let network: TestNetwork;

  beforeEach(() => {
    network = new TestNetwork();
  });

  describe('RegisterMunicipality', () => {
    it('registers the caller’s own MSP with the default delegation rule as version 1', async () => {
      const { result, writes } = await network.submit(
        organisations,
        'RegisterMunicipality',
        people.kommuneAdmin,
        [municipality],
      );

      expect(result).to.include({ mspId: KOMMUNE, kind: 'municipality', name: 'Høje-Taastrup Kommune' });
      expect([...writes.puts.keys()].sort()).to.deep.equal(
        [
          compositeKey('organisation', KOMMUNE),
          compositeKey('municipality'),
          compositeKey('delegation-rule', KOMMUNE),
        ].sort(),
      );
      expect(network.ledger.committedJson(compositeKey('delegation-rule', KOMMUNE))).to.deep.include({
        municipalityMspId: KOMMUNE,
        version: 1,
        tiers: [
          {
            fromMonthlyValue: 0,
            alternatives: [[{ count: 1, role: 'director' }], [{ count: 2, role: 'centre_head' }]],
          },
        ],
      });
      expect(theEvent(writes)).to.deep.equal({
        name: 'OrganisationRegistered',
        payload: { type: 'OrganisationRegistered', mspId: KOMMUNE, kind: 'municipality' },
      });
    });

    it('returns the existing record for an identical repeat and writes nothing', async () => {
      const first = await network.submit(organisations, 'RegisterMunicipality', people.kommuneAdmin, [
        municipality,
      ]);
      const again = await network.submit(organisations, 'RegisterMunicipality', people.kommuneAdmin, [
        municipality,
      ]);

      expect(again.result).to.deep.equal(first.result);
      expect(again.writes.puts.size).to.equal(0);
      expect(again.writes.events).to.have.length(0);
    });

    it('refuses a conflicting registration', async () => {
      await network.submit(organisations, 'RegisterMunicipality', people.kommuneAdmin, [municipality]);

      const renamed = await expectCode(
        network.failure(organisations, 'RegisterMunicipality', people.kommuneAdmin, [
          JSON.stringify({ name: 'Another name' }),
        ]),
        'CONFLICT',
      );
      expect(renamed.details.reason).to.equal('registered_differently');
      const second = await expectCode(
        network.failure(organisations, 'RegisterMunicipality', people.strangerAdmin, [municipality]),
        'CONFLICT',
      );
      expect(second.details).to.include({ reason: 'municipality_exists', municipalityMspId: KOMMUNE });
    });

    it('takes only an administrator of the organisation (NodeOU admin or Fabric CA type admin)', async () => {
      await expectCode(
        network.failure(organisations, 'RegisterMunicipality', people.jonas, [municipality]),
        'FORBIDDEN',
      );
      const byCaAdmin = await network.submit(organisations, 'RegisterMunicipality', people.oestervoldAdmin, [
        municipality,
      ]);
      expect(byCaAdmin.result).to.include({ mspId: OESTERVOLD, kind: 'municipality' });
    });

    it('validates the input without echoing it', async () => {
      const error = await expectCode(
        network.failure(organisations, 'RegisterMunicipality', people.kommuneAdmin, [
          '{"name": "x", "cpr": "1"}',
        ]),
        'VALIDATION_FAILED',
      );
      expect(error.details).to.include({ field: 'registration', reason: 'unexpected_property' });
      await expectCode(
        network.failure(organisations, 'RegisterMunicipality', people.kommuneAdmin, [
          'not json secret-canary',
        ]),
        'VALIDATION_FAILED',
      );
      const message = await network.failureMessage(
        organisations,
        'RegisterMunicipality',
        people.kommuneAdmin,
        ['{"name": "secret-canary\u0007"}'],
      );
      expect(message).to.not.include('secret-canary');
    });
  });

  describe('RegisterProvider', () => {
    beforeEach(async () => {
      await network.submit(organisations, 'RegisterMunicipality', people.kommuneAdmin, [municipality]);
    });

    it('registers a provider when the municipality’s administrator asks, idempotently', async () => {
      const first = await network.submit(organisations, 'RegisterProvider', people.kommuneAdmin, [
        placementSite,
      ]);
      expect(first.result).to.include({ mspId: OESTERVOLD, kind: 'placement_site' });
      expect([...first.writes.puts.keys()]).to.deep.equal([compositeKey('organisation', OESTERVOLD)]);
      expect(theEvent(first.writes).payload).to.deep.equal({
        type: 'OrganisationRegistered',
        mspId: OESTERVOLD,
        kind: 'placement_site',
      });

      const again = await network.submit(organisations, 'RegisterProvider', people.kommuneAdmin, [
        placementSite,
      ]);
      expect(again.result).to.deep.equal(first.result);
      expect(again.writes.puts.size).to.equal(0);
    });

    it('refuses anyone but the municipality’s administrator', async () => {
      await expectCode(
        network.failure(organisations, 'RegisterProvider', people.oestervoldAdmin, [placementSite]),
        'FORBIDDEN',
      );
      await expectCode(
        network.failure(organisations, 'RegisterProvider', people.jonas, [placementSite]),
        'FORBIDDEN',
      );
    });

    it('refuses a conflicting kind, and the municipality as a provider', async () => {
      await network.submit(organisations, 'RegisterProvider', people.kommuneAdmin, [placementSite]);
      await expectCode(
        network.failure(organisations, 'RegisterProvider', people.kommuneAdmin, [
          JSON.stringify({ mspId: OESTERVOLD, kind: 'consultancy', name: 'Opholdsstedet Østervold' }),
        ]),
        'CONFLICT',
      );
      await expectCode(
        network.failure(organisations, 'RegisterProvider', people.kommuneAdmin, [
          JSON.stringify({ mspId: KOMMUNE, kind: 'consultancy', name: 'Self' }),
        ]),
        'CONFLICT',
      );
      await expectCode(
        network.failure(organisations, 'RegisterProvider', people.kommuneAdmin, [
          JSON.stringify({ mspId: SAMVAER, kind: 'taxi', name: 'Taxa' }),
        ]),
        'VALIDATION_FAILED',
      );
    });

    it('needs a registered municipality first', async () => {
      const fresh = new TestNetwork();
      const error = await expectCode(
        fresh.failure(organisations, 'RegisterProvider', people.kommuneAdmin, [placementSite]),
        'PRECONDITION_FAILED',
      );
      expect(error.details.reason).to.equal('no_municipality');
    });
  });

  describe('SetDelegationRule', () => {
    const directorAbove = JSON.stringify({
      tiers: [
        {
          fromMonthlyValue: 0,
          alternatives: [[{ role: 'centre_head', count: 1 }], [{ role: 'director', count: 1 }]],
        },
        { fromMonthlyValue: 10_000_000, alternatives: [[{ role: 'director', count: 1 }]] },
      ],
    });

    beforeEach(async () => {
      await registerOrganisations(network);
    });

    it('adopts the next version (director), and an identical repeat writes nothing', async () => {
      const { result, writes } = await network.submit(organisations, 'SetDelegationRule', people.jonas, [
        directorAbove,
      ]);
      expect(result).to.include({ municipalityMspId: KOMMUNE, version: 2 });
      expect(theEvent(writes).payload).to.deep.equal({
        type: 'DelegationRuleAdopted',
        municipalityMspId: KOMMUNE,
        version: 2,
      });

      const again = await network.submit(organisations, 'SetDelegationRule', people.kommuneAdmin, [
        directorAbove,
      ]);
      expect(again.result).to.include({ version: 2 });
      expect(again.writes.puts.size).to.equal(0);
    });

    it('refuses other roles and other organisations', async () => {
      await expectCode(
        network.failure(organisations, 'SetDelegationRule', people.sara, [directorAbove]),
        'WRONG_ROLE',
      );
      await expectCode(
        network.failure(organisations, 'SetDelegationRule', people.karin, [directorAbove]),
        'FORBIDDEN',
      );
      await expectCode(
        network.failure(organisations, 'SetDelegationRule', people.jonas, [
          JSON.stringify({
            tiers: [{ fromMonthlyValue: 0, alternatives: [[{ role: 'guardian', count: 1 }]] }],
          }),
        ]),
        'VALIDATION_FAILED',
      );
      await expectCode(
        network.failure(organisations, 'SetDelegationRule', people.mayor, [directorAbove]),
        'WRONG_ROLE',
      );
    });

    it('lets the rule name a caseworker below an amount and a leader or the mayor above it', async () => {
      const tiered = {
        tiers: [
          { fromMonthlyValue: 0, alternatives: [[{ role: 'caseworker', count: 1 }]] },
          {
            fromMonthlyValue: 5_000_000,
            alternatives: [[{ role: 'centre_head', count: 1 }], [{ role: 'mayor', count: 1 }]],
          },
        ],
      };
      await network.submit(organisations, 'SetDelegationRule', people.jonas, [JSON.stringify(tiered)]);
      const small = placementDraft({
        id: 'small-1',
        lines: [
          { id: 'stay', kind: 'stay', pricing: 'monthly', monthlyPrice: 4_999_999, startDate: '2026-01-01' },
        ],
      });
      const big = placementDraft({ id: 'big-1' });
      for (const draft of [small, big]) {
        await network.submit(agreements, 'DraftAgreement', people.sara, [JSON.stringify(draft)]);
        await network.submit(agreements, 'SubmitForSignatures', people.sara, [String(draft.id)]);
      }
      const bySara = await network.submit<{ versions: { signatures: { role: string }[] }[] }>(
        agreements,
        'SignAgreement',
        people.sara,
        ['small-1', '1'],
      );
      expect(bySara.result.versions[0]!.signatures.map((s) => s.role)).to.deep.equal(['caseworker']);
      await expectCode(
        network.failure(agreements, 'SignAgreement', people.sara, ['big-1', '1']),
        'WRONG_ROLE',
      );
      const byMayor = await network.submit<{
        versions: { signatures: { role: string; delegationRuleVersion?: number }[] }[];
      }>(agreements, 'SignAgreement', people.mayor, ['big-1', '1']);
      expect(byMayor.result.versions[0]!.signatures[0]).to.include({
        role: 'mayor',
        delegationRuleVersion: 2,
      });
      // The mayor signs, but handles no case: she neither drafts nor touches a child's personal data.
      await expectCode(
        network.failure(agreements, 'DraftAgreement', people.mayor, [
          JSON.stringify(placementDraft({ id: 'by-mayor' })),
        ]),
        'WRONG_ROLE',
      );
      await expectCode(
        network.failure(contracts.childData, 'LogChildDataAccess', people.mayor, [
          CHILD,
          OESTERVOLD,
          'case_handling',
        ]),
        'WRONG_ROLE',
      );
    });
  });

  describe('queries', () => {
    it('GetRegistry lists the municipality, the providers and the current rule', async () => {
      await registerOrganisations(network);
      const registry = await network.evaluate<{
        municipality: { mspId: string };
        providers: { mspId: string; kind: string }[];
        delegationRule: { version: number };
      }>(organisations, 'GetRegistry', people.stranger);

      expect(registry.municipality.mspId).to.equal(KOMMUNE);
      expect(registry.providers.map((provider) => [provider.mspId, provider.kind])).to.deep.equal([
        [OESTERVOLD, 'placement_site'],
        [SAMVAER, 'consultancy'],
      ]);
      expect(registry.delegationRule.version).to.equal(1);
    });

    it('GetRegistry on an empty channel', async () => {
      expect(await network.evaluate(organisations, 'GetRegistry', people.stranger)).to.deep.equal({
        municipality: null,
        providers: [],
        delegationRule: null,
        attestationRule: null,
      });
    });

    it('WhoAmI gives MSP, a name-free certificate id, the role and the organisation kind', async () => {
      await registerOrganisations(network);
      const sara = await network.evaluate<Record<string, unknown>>(organisations, 'WhoAmI', people.sara);
      expect(sara).to.include({
        mspId: KOMMUNE,
        role: 'caseworker',
        isAdmin: false,
        organisationKind: 'municipality',
      });
      expect(sara.certId).to.match(/^sha256:[0-9a-f]{64}$/);
      expect(JSON.stringify(sara)).to.not.include('Sara');

      const stranger = await network.evaluate<Record<string, unknown>>(
        organisations,
        'WhoAmI',
        people.strangerAdmin,
      );
      expect(stranger).to.include({ mspId: STRANGER, role: null, isAdmin: true, organisationKind: null });
    });
  });
});
