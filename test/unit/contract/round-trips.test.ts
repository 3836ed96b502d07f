import { expect } from 'chai';
import { people, TestNetwork } from './support/harness';
import { contracts, placementDraft, registerOrganisations, visitationDraft } from './support/story';

/**
 * Messages to the peer per transaction (each a round trip the shim awaits), counted on the fake ledger for the
 * transactions every agreement goes through. A change that adds reads or writes shows here first; when it is meant,
 * update the figures and say why in the commit.
 */
const { agreements } = contracts;
const SIGNING_DAY = '2025-12-20T10:00:00.000Z';

describe('round trips to the peer', () => {
  let network: TestNetwork;

  beforeEach(async () => {
    network = new TestNetwork('2026-01-10T09:00:00.000Z');
    await registerOrganisations(network);
  });

  it('DraftAgreement: registry and id checks, then the agreement and three index entries with their policies', async () => {
    const { roundTrips } = await network.submit(agreements, 'DraftAgreement', people.sara, [
      JSON.stringify(placementDraft()),
    ]);
    // GET_STATE: municipality pointer and record, the provider, the id (free?); then per key written: its policy.
    expect(roundTrips).to.deep.equal({
      GET_STATE: 4,
      GET_STATE_METADATA: 4,
      PUT_STATE: 4,
      PUT_STATE_METADATA: 4,
    });
  });

  it('DraftAgreement of a related agreement reads each related agreement once', async () => {
    await network.submit(agreements, 'DraftAgreement', people.sara, [JSON.stringify(placementDraft())]);
    const { roundTrips } = await network.submit(agreements, 'DraftAgreement', people.sara, [
      JSON.stringify(visitationDraft()),
    ]);
    // One more of each than a placement: the related agreement read, its `agreement~related` entry written.
    expect(roundTrips).to.deep.equal({
      GET_STATE: 5,
      GET_STATE_METADATA: 5,
      PUT_STATE: 5,
      PUT_STATE_METADATA: 5,
    });
  });

  it('SignAgreement: one signature rewrites the agreement; the completing one also moves its status index', async () => {
    const at = { at: SIGNING_DAY };
    await network.submit(agreements, 'DraftAgreement', people.sara, [JSON.stringify(placementDraft())], at);
    await network.submit(agreements, 'SubmitForSignatures', people.sara, ['placement-1'], at);

    const first = await network.submit(agreements, 'SignAgreement', people.jonas, ['placement-1', '1'], at);
    // The agreement and its delegation rule; the agreement rewritten under the policy it already has.
    expect(first.roundTrips).to.deep.equal({ GET_STATE: 2, GET_STATE_METADATA: 1, PUT_STATE: 1 });

    const last = await network.submit(agreements, 'SignAgreement', people.karin, ['placement-1', '1'], at);
    // Active now: the `awaiting_signatures` status entry goes, the `active` one is written with its policy.
    expect(last.roundTrips).to.deep.equal({
      DEL_STATE: 1,
      GET_STATE: 2,
      GET_STATE_METADATA: 2,
      PUT_STATE: 2,
      PUT_STATE_METADATA: 1,
    });
  });
});
