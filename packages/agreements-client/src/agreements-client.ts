import type { Network } from '@hyperledger/fabric-gateway';
import { AgreementContractClient } from './agreement-contract';
import { ChaincodeConnection, type ClientOptions } from './chaincode-connection';
import { ChildDataContractClient } from './child-data-contract';
import { DeadlineContractClient } from './deadline-contract';
import { OrganisationContractClient } from './organisation-contract';
import { SettlementContractClient } from './settlement-contract';
import { StatusReportContractClient } from './status-report-contract';

/**
 * One identity's client of the agreements chaincode on one channel: a property per contract, a method per
 * transaction. The caller owns the fabric-gateway `Network` (connection, identity, deadlines).
 */
export class AgreementsClient {
  readonly connection: ChaincodeConnection;
  readonly agreements: AgreementContractClient;
  readonly reports: StatusReportContractClient;
  readonly settlements: SettlementContractClient;
  readonly deadlines: DeadlineContractClient;
  readonly childData: ChildDataContractClient;
  readonly organisations: OrganisationContractClient;

  constructor(network: Network, options: ClientOptions = {}) {
    this.connection = new ChaincodeConnection(network, options);
    this.agreements = new AgreementContractClient(this.connection, 'AgreementContract');
    this.reports = new StatusReportContractClient(this.connection, 'StatusReportContract');
    this.settlements = new SettlementContractClient(this.connection, 'SettlementContract');
    this.deadlines = new DeadlineContractClient(this.connection, 'DeadlineContract');
    this.childData = new ChildDataContractClient(this.connection, 'ChildDataContract');
    this.organisations = new OrganisationContractClient(this.connection, 'OrganisationContract');
  }
}
