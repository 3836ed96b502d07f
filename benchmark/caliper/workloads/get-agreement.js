'use strict';

// GetAgreement: evaluates one agreement drafted before the round starts (on the municipality's peer).
const { randomUUID } = require('node:crypto');
const { WorkloadModuleBase } = require('@hyperledger/caliper-core');

class GetAgreement extends WorkloadModuleBase {
  async initializeWorkloadModule(
    workerIndex,
    totalWorkers,
    roundIndex,
    roundArguments,
    sutAdapter,
    sutContext,
  ) {
    await super.initializeWorkloadModule(
      workerIndex,
      totalWorkers,
      roundIndex,
      roundArguments,
      sutAdapter,
      sutContext,
    );
    const start = `${new Date().toISOString().slice(0, 7)}-01`;
    this.agreementId = `caliper-read-${randomUUID()}`;
    const draft = {
      id: this.agreementId,
      kind: 'placement',
      municipalityMspId: 'MunicipalityMSP',
      providerMspId: 'PlacementSiteMSP',
      childPseudonym: `caliper-child-${randomUUID()}`,
      startDate: start,
      lines: [{ id: 'stay', kind: 'stay', pricing: 'monthly', monthlyPrice: 9_500_000, startDate: start }],
    };
    await this.sutAdapter.sendRequests({
      contractId: 'agreements',
      contractFunction: 'AgreementContract:DraftAgreement',
      contractArguments: [JSON.stringify(draft)],
      invokerIdentity: roundArguments.identity ?? 'sara',
      targetOrganizations: ['MunicipalityMSP', 'PlacementSiteMSP'],
      readOnly: false,
    });
  }

  async submitTransaction() {
    await this.sutAdapter.sendRequests({
      contractId: 'agreements',
      contractFunction: 'AgreementContract:GetAgreement',
      contractArguments: [this.agreementId],
      invokerIdentity: this.roundArguments.identity ?? 'sara',
      readOnly: true,
    });
  }
}

module.exports.createWorkloadModule = () => new GetAgreement();
