'use strict';

// GetAgreement: evaluates one agreement drafted before the round starts (on the municipality's peer).
const { randomUUID } = require('node:crypto');
const { PreparedWorkload, draftAgreementRequest, invokerOf } = require('./agreement-workload');

class GetAgreement extends PreparedWorkload {
  async prepare() {
    this.agreementId = `caliper-read-${randomUUID()}`;
    await this.sutAdapter.sendRequests(draftAgreementRequest(this.agreementId, this.roundArguments));
  }

  async submitTransaction() {
    await this.sutAdapter.sendRequests({
      contractId: 'agreements',
      contractFunction: 'AgreementContract:GetAgreement',
      contractArguments: [this.agreementId],
      invokerIdentity: invokerOf(this.roundArguments),
      readOnly: true,
    });
  }
}

module.exports.createWorkloadModule = () => new GetAgreement();
