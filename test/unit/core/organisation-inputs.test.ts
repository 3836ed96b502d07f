import { expect } from 'chai';
import { parseDelegationTiers } from 'agreements-chaincode/core';
import { parseProviderRegistration } from 'agreements-chaincode/core/registry';
import { expectRefusal } from './fixtures';

function refusal(run: () => unknown): readonly unknown[] {
  const { details } = expectRefusal(run, 'VALIDATION_FAILED');
  return [details.field, details.reason];
}

const tier = (requirement: unknown): unknown => [{ fromMonthlyValue: 0, alternatives: [[requirement]] }];

describe('organisation inputs (walking the api package’s schemas)', () => {
  it('read a provider registration, refusing a blank, long or control-character name', () => {
    const provider = { mspId: 'OestervoldMSP', kind: 'placement_site', name: 'Opholdsstedet Østervold' };
    expect(parseProviderRegistration(provider)).to.deep.equal(provider);
    expect(refusal(() => parseProviderRegistration({ ...provider, name: ' ' }))).to.deep.equal([
      'name',
      'empty',
    ]);
    expect(refusal(() => parseProviderRegistration({ ...provider, name: 'x'.repeat(201) }))).to.deep.equal([
      'name',
      'too_long',
    ]);
    expect(refusal(() => parseProviderRegistration({ ...provider, name: 'a\u0007' }))).to.deep.equal([
      'name',
      'control_character',
    ]);
    expect(refusal(() => parseProviderRegistration({ ...provider, kind: 'school' }))).to.deep.equal([
      'kind',
      'not_allowed',
    ]);
  });

  it('give each delegation-rule refusal its reason', () => {
    const at = 'tiers[0].alternatives[0][0]';
    expect(refusal(() => parseDelegationTiers(tier({ count: 1 })))).to.deep.equal([at, 'role_or_people']);
    expect(
      refusal(() => parseDelegationTiers(tier({ role: 'director', people: ['cert:a'], count: 1 }))),
    ).to.deep.equal([at, 'role_or_people']);
    expect(refusal(() => parseDelegationTiers(tier({ role: 'director', count: 1, x: 1 })))).to.deep.equal([
      at,
      'unexpected_property',
    ]);
    expect(
      refusal(() => parseDelegationTiers(tier({ people: ['cert:a', 'cert:a'], count: 1 }))),
    ).to.deep.equal([`${at}.people`, 'duplicate']);
    expect(refusal(() => parseDelegationTiers(tier({ people: ['cert:a'], count: 2 })))).to.deep.equal([
      `${at}.count`,
      'not_in_range',
    ]);
    expect(
      refusal(() =>
        parseDelegationTiers([
          {
            fromMonthlyValue: 0,
            alternatives: [
              [
                { role: 'director', count: 1 },
                { role: 'director', count: 1 },
              ],
            ],
          },
        ]),
      ),
    ).to.deep.equal(['tiers[0].alternatives[0]', 'duplicate']);
  });
});
