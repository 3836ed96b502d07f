/**
 * The network's guarantees, on the real native network: two-organisation endorsement, a refused one-org
 * endorsement that changes nothing, private data only on member peers, and isolated domain channels.
 */
import { expect } from 'chai';
import { firstDayOfThisMonth } from 'agreements-case-story';
import { closeAll, organisation, type OrgKey, uniqueId } from '../support/network';
import { agreementOn, person, placementDraft, txError } from '../support/story';

describe('native network', function () {
  this.timeout(120_000);
  after(closeAll);

  const municipality = organisation('municipality').mspId;
  const placementSite = organisation('placement').mspId;

  it('commits a write endorsed by both the municipality and the provider', async function () {
    const draft = placementDraft(uniqueId('net-both'), firstDayOfThisMonth(), uniqueId('child'));
    // The client waits for the commit and throws unless it is valid.
    await person('municipality', 'sara').agreements.draftAgreement(draft, {
      endorsingOrganizations: [municipality, placementSite],
    });
    const stored = await agreementOn('placements', draft.id);
    expect(stored.id).to.equal(draft.id);
  });

  it('rejects the same write endorsed by one organisation only, and changes nothing', async function () {
    const draft = placementDraft(uniqueId('net-one'), firstDayOfThisMonth(), uniqueId('child'));
    const agreements = person('municipality', 'sara').connection.contract('AgreementContract');
    const proposal = agreements.newProposal('DraftAgreement', {
      arguments: [JSON.stringify(draft)],
      endorsingOrganizations: [municipality],
    });
    const transaction = await proposal.endorse();
    const submitted = await transaction.submit();
    const status = await submitted.getStatus();
    expect(status.successful).to.be.false;
    // 10 = ENDORSEMENT_POLICY_FAILURE in Fabric's TxValidationCode.
    expect(status.code).to.equal(10);
    const error = await txError(() => agreementOn('placements', draft.id));
    expect(error).to.contain('NOT_FOUND');
  });

  it('keeps each domain channel to itself', async function () {
    const registryOf = async (org: OrgKey, channel: string): Promise<string> =>
      JSON.stringify(await person(org, 'Admin', channel).organisations.getRegistry());
    const placements = await registryOf('municipality', 'placements');
    const prevention = await registryOf('municipality', 'prevention');
    expect(placements).to.contain(placementSite);
    expect(prevention).not.to.contain(placementSite);

    // An agreement written on `placements` does not exist on `prevention`.
    const draft = placementDraft(uniqueId('net-iso'), firstDayOfThisMonth(), uniqueId('child'));
    await person('municipality', 'sara').agreements.draftAgreement(draft, {
      endorsingOrganizations: [municipality, placementSite],
    });
    expect(await txError(() => agreementOn('prevention', draft.id))).to.contain('NOT_FOUND');

    // The placement site is not a member of `prevention`: its peer has no such channel.
    const outsider = await txError(() =>
      person('placement', 'karin', 'prevention').organisations.getRegistry(),
    );
    expect(outsider).to.match(/channel|not found|access denied/i);
  });
});
