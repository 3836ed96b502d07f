'use strict';

// PutChildData: a new child's shared personal data (salted, in the transient map) into the municipality–placement
// site pair collection, endorsed by the municipality alone (the data controller writes it: docs/privacy.md), as
// the gateway and `npm run bench` send it. The values are made up per transaction, never a real person's.
const { randomBytes, randomUUID } = require('node:crypto');
const { PARTIES, PreparedWorkload, invokerOf } = require('./agreement-workload');

class PutChildData extends PreparedWorkload {
  async submitTransaction() {
    const text = () => `caliper ${randomUUID()}`;
    const record = {
      name: text(),
      guardians: [text(), text()],
      school: text(),
      contact: text(),
      salt: randomBytes(32).toString('hex'),
    };
    await this.sutAdapter.sendRequests({
      contractId: 'agreements',
      contractFunction: 'ChildDataContract:PutChildData',
      contractArguments: [`caliper-child-${randomUUID()}`, PARTIES.providerMspId],
      transientMap: { child: JSON.stringify(record) },
      invokerIdentity: invokerOf(this.roundArguments),
      targetOrganizations: [PARTIES.municipalityMspId],
      readOnly: false,
    });
  }
}

module.exports.createWorkloadModule = () => new PutChildData();
