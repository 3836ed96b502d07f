export { AgreementContract } from './agreement-contract';
export { ChildDataContract } from './child-data-contract';
export { DeadlineContract } from './deadline-contract';
export { EInvoiceContract } from './einvoice-contract';
export { OrganisationContract } from './organisation-contract';
export { SettlementContract } from './settlement-contract';
export { StatusReportContract } from './status-report-contract';
export type { ChaincodeEvent, ChaincodeEventName } from './events';
