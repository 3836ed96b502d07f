'use strict';

// DraftAgreement: a new placement (one stay line) between the municipality and the placement site per transaction,
// endorsed by exactly those two organisations, as the gateway and `npm run bench` send it.
const { PreparedWorkload, draftAgreementRequest, nextCaseNumber } = require('./agreement-workload');

class DraftAgreement extends PreparedWorkload {
  async submitTransaction() {
    await this.sutAdapter.sendRequests(
      draftAgreementRequest(`caliper-${nextCaseNumber()}`, this.roundArguments),
    );
  }
}

module.exports.createWorkloadModule = () => new DraftAgreement();
