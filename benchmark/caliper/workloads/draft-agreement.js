'use strict';

// DraftAgreement: a new placement (one stay line) between the municipality and the placement site per transaction,
// endorsed by exactly those two organisations, as the gateway and `npm run bench` send it.
const { randomUUID } = require('node:crypto');
const { WorkloadModuleBase } = require('@hyperledger/caliper-core');

const PARTIES = { municipalityMspId: 'MunicipalityMSP', providerMspId: 'PlacementSiteMSP' };

function firstDayOfThisMonth() {
  const now = new Date();
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}-01`;
}

class DraftAgreement extends WorkloadModuleBase {
  async submitTransaction() {
    const start = firstDayOfThisMonth();
    const draft = {
      id: `caliper-${randomUUID()}`,
      kind: 'placement',
      ...PARTIES,
      childPseudonym: `caliper-child-${randomUUID()}`,
      startDate: start,
      lines: [{ id: 'stay', kind: 'stay', pricing: 'monthly', monthlyPrice: 9_500_000, startDate: start }],
    };
    await this.sutAdapter.sendRequests({
      contractId: 'agreements',
      contractFunction: 'AgreementContract:DraftAgreement',
      contractArguments: [JSON.stringify(draft)],
      invokerIdentity: this.roundArguments.identity ?? 'sara',
      targetOrganizations: [PARTIES.municipalityMspId, PARTIES.providerMspId],
      readOnly: false,
    });
  }
}

module.exports.createWorkloadModule = () => new DraftAgreement();
