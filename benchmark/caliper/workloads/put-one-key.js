'use strict';

// The reference: the put-one-key contract (benchmark/reference-chaincode) writes one new key per transaction,
// endorsed by the same two organisations as a draft; `read: true` evaluates one key instead.
const { randomUUID } = require('node:crypto');
const { WorkloadModuleBase } = require('@hyperledger/caliper-core');

const ENDORSERS = ['MunicipalityMSP', 'PlacementSiteMSP'];

class PutOneKey extends WorkloadModuleBase {
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
    this.key = `caliper-ref-${randomUUID()}`;
    if (roundArguments.read === true) {
      await this.#put(this.key);
    }
  }

  async submitTransaction() {
    if (this.roundArguments.read === true) {
      await this.sutAdapter.sendRequests({
        contractId: 'reference',
        contractFunction: 'PutOneKey:Get',
        contractArguments: [this.key],
        invokerIdentity: this.roundArguments.identity ?? 'sara',
        readOnly: true,
      });
    } else {
      await this.#put(`caliper-ref-${randomUUID()}`);
    }
  }

  async #put(key) {
    await this.sutAdapter.sendRequests({
      contractId: 'reference',
      contractFunction: 'PutOneKey:Put',
      contractArguments: [
        key,
        JSON.stringify({ key, ...{ municipalityMspId: ENDORSERS[0], providerMspId: ENDORSERS[1] } }),
      ],
      invokerIdentity: this.roundArguments.identity ?? 'sara',
      targetOrganizations: ENDORSERS,
      readOnly: false,
    });
  }
}

module.exports.createWorkloadModule = () => new PutOneKey();
