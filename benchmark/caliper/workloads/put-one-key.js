'use strict';

// The reference: the put-one-key contract (benchmark/reference-chaincode) writes one new key per transaction,
// endorsed by the same two organisations as a draft; `read: true` evaluates one key instead.
const { ENDORSERS, PARTIES, PreparedWorkload, invokerOf, nextCaseNumber } = require('./agreement-workload');

class PutOneKey extends PreparedWorkload {
  async prepare() {
    this.key = `caliper-ref-${nextCaseNumber()}`;
    if (this.roundArguments.read === true) {
      await this.#put(this.key);
    }
  }

  async submitTransaction() {
    if (this.roundArguments.read === true) {
      await this.sutAdapter.sendRequests({
        contractId: 'reference',
        contractFunction: 'PutOneKey:Get',
        contractArguments: [this.key],
        invokerIdentity: invokerOf(this.roundArguments),
        readOnly: true,
      });
    } else {
      await this.#put(`caliper-ref-${nextCaseNumber()}`);
    }
  }

  async #put(key) {
    await this.sutAdapter.sendRequests({
      contractId: 'reference',
      contractFunction: 'PutOneKey:Put',
      contractArguments: [key, JSON.stringify({ key, ...PARTIES })],
      invokerIdentity: invokerOf(this.roundArguments),
      targetOrganizations: ENDORSERS,
      readOnly: false,
    });
  }
}

module.exports.createWorkloadModule = () => new PutOneKey();
