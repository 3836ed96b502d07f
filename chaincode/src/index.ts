/**
 * The chaincode's entry point, found through package.json `main` by `fabric-chaincode-node start` (peer launches
 * it) and `fabric-chaincode-node server` (chaincode as a service). The first contract is the default one, called
 * when a transaction name carries no `Contract:` prefix.
 */
import {
  AgreementContract,
  ChildDataContract,
  DeadlineContract,
  EInvoiceContract,
  OrganisationContract,
  SettlementContract,
  StatusReportContract,
} from './contract';
import { dropDisabledShimLogs } from './contract/shim-logging';

dropDisabledShimLogs();

export {
  AgreementContract,
  ChildDataContract,
  DeadlineContract,
  EInvoiceContract,
  OrganisationContract,
  SettlementContract,
  StatusReportContract,
};
export type { ChaincodeEvent, ChaincodeEventName } from './contract';

export const contracts = [
  AgreementContract,
  OrganisationContract,
  StatusReportContract,
  SettlementContract,
  DeadlineContract,
  ChildDataContract,
  EInvoiceContract,
];
