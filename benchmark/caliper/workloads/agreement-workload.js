'use strict';

// What the workloads share: the two parties (who endorse every write), the round's invoking identity, a draft
// placement, and a base class whose `prepare()` runs once per worker before the round.
const { randomBytes, randomUUID } = require('node:crypto');
const { WorkloadModuleBase } = require('@hyperledger/caliper-core');

const PARTIES = { municipalityMspId: 'MunicipalityMSP', providerMspId: 'PlacementSiteMSP' };
const ENDORSERS = [PARTIES.municipalityMspId, PARTIES.providerMspId];

let issued = 0;
// Tells this worker's ids from another worker's made in the same millisecond.
const WORKER = randomBytes(3).toString('hex');

/**
 * A new id in the order a case system issues them (time, then a counter), for agreements and reference keys alike:
 * on Fabric's LevelDB, which keeps no bloom filters, random ids make every check that a key is absent read an
 * uncached block (docs/benchmark.md), which a municipality numbering its agreements in sequence does not pay.
 */
function nextCaseNumber() {
  issued += 1;
  return `${Date.now().toString().padStart(15, '0')}-${WORKER}-${issued.toString().padStart(9, '0')}`;
}

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

module.exports = { PARTIES, ENDORSERS, invokerOf, nextCaseNumber, draftAgreementRequest, PreparedWorkload };
