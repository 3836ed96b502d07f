/**
 * The network's guarantees, on the real native network: two-organisation endorsement, a refused one-org
 * endorsement that changes nothing, private data only on member peers, and isolated domain channels.
 */
import { expect } from 'chai';
import { type Contract, type Network } from '@hyperledger/fabric-gateway';
import { closeAll, gatewayFor, organisation, type OrgKey, uniqueId } from '../support/network';
import { agreementOn, firstDayOfThisMonth, placementDraft, txError } from '../support/story';

const CHAINCODE = 'agreements';

function network(org: OrgKey, user: string, channel: string): Network {
  return gatewayFor(org, user).getNetwork(channel);
}

function contract(org: OrgKey, user: string, channel: string, name: string): Contract {
  return network(org, user, channel).getContract(CHAINCODE, name);
}

describe('native network', function () {
  this.timeout(120_000);
  after(closeAll);

  const municipality = organisation('municipality').mspId;
  const placementSite = organisation('placement').mspId;

  it('commits a write endorsed by both the municipality and the provider', async function () {
    const draft = placementDraft(uniqueId('net-both'), firstDayOfThisMonth(), uniqueId('child'));
    const agreements = contract('municipality', 'sara', 'placements', 'AgreementContract');
    const result = await agreements.submitAsync('DraftAgreement', {
      arguments: [JSON.stringify(draft)],
      endorsingOrganizations: [municipality, placementSite],
    });
    const status = await result.getStatus();
    expect(status.successful, `commit status ${status.code}`).to.be.true;
    const stored = await agreementOn('placements', draft.id);
    expect(stored.id).to.equal(draft.id);
  });

  it('rejects the same write endorsed by one organisation only, and changes nothing', async function () {
    const draft = placementDraft(uniqueId('net-one'), firstDayOfThisMonth(), uniqueId('child'));
    const agreements = contract('municipality', 'sara', 'placements', 'AgreementContract');
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
      new TextDecoder().decode(
        await contract(org, 'Admin', channel, 'OrganisationContract').evaluateTransaction('GetRegistry'),
      );
    const placements = await registryOf('municipality', 'placements');
    const prevention = await registryOf('municipality', 'prevention');
    expect(placements).to.contain(placementSite);
    expect(prevention).not.to.contain(placementSite);

    // An agreement written on `placements` does not exist on `prevention`.
    const draft = placementDraft(uniqueId('net-iso'), firstDayOfThisMonth(), uniqueId('child'));
    await contract('municipality', 'sara', 'placements', 'AgreementContract').submit('DraftAgreement', {
      arguments: [JSON.stringify(draft)],
      endorsingOrganizations: [municipality, placementSite],
    });
    expect(await txError(() => agreementOn('prevention', draft.id))).to.contain('NOT_FOUND');

    // The placement site is not a member of `prevention`: its peer has no such channel.
    const outsider = await txError(() =>
      contract('placement', 'karin', 'prevention', 'OrganisationContract').evaluateTransaction('GetRegistry'),
    );
    expect(outsider).to.match(/channel|not found|access denied/i);
  });
});
