'use strict';

// What the workloads share: the two parties (who endorse every write), the round's invoking identity, a draft
// placement, and a base class whose `prepare()` runs once per worker before the round.
const { randomUUID } = require('node:crypto');
const { WorkloadModuleBase } = require('@hyperledger/caliper-core');

const PARTIES = { municipalityMspId: 'MunicipalityMSP', providerMspId: 'PlacementSiteMSP' };
const ENDORSERS = [PARTIES.municipalityMspId, PARTIES.providerMspId];

/** The round's `identity` argument, Sara (a caseworker of the municipality) by default. */
function invokerOf(roundArguments) {
  return roundArguments.identity ?? 'sara';
}

/** The request drafting placement `id`: one stay line from the first of this month (UTC), endorsed by both parties. */
function draftAgreementRequest(id, roundArguments) {
  const start = `${new Date().toISOString().slice(0, 7)}-01`;
  const draft = {
    id,
    kind: 'placement',
    ...PARTIES,
    childPseudonym: `caliper-child-${randomUUID()}`,
    startDate: start,
    lines: [{ id: 'stay', kind: 'stay', pricing: 'monthly', monthlyPrice: 9_500_000, startDate: start }],
  };
  return {
    contractId: 'agreements',
    contractFunction: 'AgreementContract:DraftAgreement',
    contractArguments: [JSON.stringify(draft)],
    invokerIdentity: invokerOf(roundArguments),
    targetOrganizations: ENDORSERS,
    readOnly: false,
  };
}

/** A workload module with a `prepare()` step (this.roundArguments and this.sutAdapter are set by then). */
class PreparedWorkload extends WorkloadModuleBase {
  async initializeWorkloadModule(...context) {
    await super.initializeWorkloadModule(...context);
    // A round without `arguments` in the benchmark configuration hands over none.
    this.roundArguments ??= {};
    await this.prepare();
  }

  async prepare() {}
}

module.exports = { PARTIES, ENDORSERS, invokerOf, draftAgreementRequest, PreparedWorkload };
