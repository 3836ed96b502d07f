export { AgreementContractClient } from './agreement-contract';
export { AgreementsClient } from './agreements-client';
export {
  ChaincodeConnection,
  CommitFailure,
  type CallOptions,
  type ClientOptions,
  type Commit,
  type WriteOptions,
} from './chaincode-connection';
export {
  ChildDataContractClient,
  type ChildDataCheck,
  type PersonalDataWritten,
  type SealedRead,
} from './child-data-contract';
export { type PageRequest } from './contract-client';
export { DeadlineContractClient, type DeadlinesApplied } from './deadline-contract';
export { OrganisationContractClient, type CallerView, type Registry } from './organisation-contract';
export { PartyBook } from './party-book';
export type * from './records';
export { describeError, refusalCode, refusalOf, type RefusedCall } from './refusal';
export { SettlementContractClient, type SettlementAnswer } from './settlement-contract';
export { StatusReportContractClient, type StatusReportAcceptance } from './status-report-contract';
export { qualifiedName, TRANSACTION_KINDS, type TransactionKey, type TransactionOf } from './transactions';
