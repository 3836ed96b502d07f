/**
 * Private data on the real network: written once through transient data, readable on the member peers of
 * the (municipality, placement site) collection and not on the consultancy's peer, which is not a member.
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { closeAll, gatewayFor, organisation, uniqueId } from '../support/network';
import { readData } from '../support/privacy-data';
import { committedEverywhere, txError, utf8 } from '../support/story';

const CHAINCODE = 'agreements';
const CHANNEL = 'placements';

describe('private data collections', function () {
  this.timeout(120_000);
  after(closeAll);

  const municipality = organisation('municipality').mspId;
  const placementSite = organisation('placement').mspId;
  const childPseudonym = uniqueId('child');
  const canaryName = uniqueId('canary-name');
  const encoder = new TextEncoder();
  const salt = (): string => randomBytes(16).toString('hex');

  const childData = (org: 'municipality' | 'placement' | 'consultancy', user: string) =>
    gatewayFor(org, user).getNetwork(CHANNEL).getContract(CHAINCODE, 'ChildDataContract');

  before(async function () {
    const pair = await childData('municipality', 'sara').submitAsync('PutChildData', {
      arguments: [childPseudonym, placementSite],
      transientData: {
        child: encoder.encode(JSON.stringify({ salt: salt(), name: canaryName, school: 'Taastrup Skole' })),
      },
      // The data controller writes the pair's data alone; the placement site's peer receives it as a member.
      endorsingOrganizations: [municipality],
    });
    // The municipality's own facts go in a separate transaction, so they never reach a provider's peer.
    const own = await childData('municipality', 'sara').submitAsync('PutMunicipalChildData', {
      arguments: [childPseudonym],
      transientData: {
        municipal: encoder.encode(
          JSON.stringify({ salt: salt(), cpr: '0101164234', caseFacts: 'test case' }),
        ),
      },
      endorsingOrganizations: [municipality],
    });
    // Other organisations' peers may receive the blocks a moment after the municipality's.
    for (const submitted of [pair, own]) {
      const status = await submitted.getStatus();
      expect(status.successful, `commit status ${status.code}`).to.be.true;
      await committedEverywhere(CHANNEL, status.transactionId);
    }
  });

  async function logRead(org: 'municipality' | 'placement', user: string): Promise<string> {
    const entry = await childData(org, user).submit('LogChildDataAccess', {
      arguments: [childPseudonym, placementSite, 'case_handling'],
    });
    return (JSON.parse(utf8.decode(entry)) as { accessId: string }).accessId;
  }

  it('is readable by the municipality and the placement site on their own peers', async function () {
    const saraAccess = await logRead('municipality', 'sara');
    const bySara = JSON.stringify(await readData('municipality', 'sara', childPseudonym, saraAccess));
    expect(bySara).to.contain(canaryName).and.to.contain('0101164234');

    const karinAccess = await logRead('placement', 'karin');
    const byKarin = JSON.stringify(await readData('placement', 'karin', childPseudonym, karinAccess));
    expect(byKarin).to.contain(canaryName);
    // The placement site never sees the municipality's own collection (the CPR number).
    expect(byKarin).not.to.contain('0101164234');
  });

  it('is not served by a non-member peer, even to a member who asks it', async function () {
    const saraAccess = await logRead('municipality', 'sara');
    const error = await txError(() =>
      readData('municipality', 'sara', childPseudonym, saraAccess, 'consultancy'),
    );
    // A read runs only on the reader's own organisation's peer; the consultancy's peer refuses before any lookup.
    expect(error).to.contain('endorser_not_a_party');
    expect(error).not.to.contain(canaryName);
  });

  it('is refused to the consultancy, which is not party to the collection', async function () {
    const error = await txError(() =>
      childData('consultancy', 'ole').submit('LogChildDataAccess', {
        arguments: [childPseudonym, placementSite, 'case_handling'],
      }),
    );
    expect(error).to.contain('FORBIDDEN');
    expect(error).not.to.contain(canaryName);
  });
});
