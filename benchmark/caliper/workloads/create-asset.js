'use strict';

// The personal-data reference: fabric-samples' asset-transfer-private-data `CreateAsset` (deployed by the operator
// as `privatedata`, see README.md), its properties in the transient map, endorsed by the invoker's own
// organisation's peer — where the sample's application, through its peer's gateway, has it endorsed (the sample
// refuses a client of another organisation than the endorsing peer's).
const { randomUUID } = require('node:crypto');
const { PARTIES, PreparedWorkload, invokerOf } = require('./agreement-workload');

class CreateAsset extends PreparedWorkload {
  async submitTransaction() {
    const assetID = `caliper-asset-${randomUUID()}`;
    const properties = { objectType: 'benchmark', assetID, color: 'blue', size: 5, appraisedValue: 300 };
    await this.sutAdapter.sendRequests({
      contractId: 'privatedata',
      contractFunction: 'CreateAsset',
      contractArguments: [],
      transientMap: { asset_properties: JSON.stringify(properties) },
      invokerIdentity: invokerOf(this.roundArguments),
      targetOrganizations: [PARTIES.municipalityMspId],
      readOnly: false,
    });
  }
}

module.exports.createWorkloadModule = () => new CreateAsset();
