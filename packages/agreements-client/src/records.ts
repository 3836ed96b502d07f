/**
 * The chaincode's inputs and records as the client types them: the one place that says where they come from (the
 * chaincode's own types until the shared `agreements-api` package carries them).
 */
export type {
  Agreement,
  AgreementDraftInput,
  AmendmentInput,
  AttestationRule,
  DelegationRule,
  Deadline,
  HeldInstalments,
  InvoiceInput,
  InvoiceValidation,
  IsoDate,
  IsoMonth,
  LineSettlement,
  Ore,
  PaymentInput,
  PerUnitServiceLine,
  ServiceLine,
  Settlement,
  StatusReport,
  StatusReportSubmission,
  TerminationInput,
} from '../../../chaincode/src/core';
export type {
  AccessLogEntry,
  ChildDataHolding,
  GuardianBinding,
  InvoiceRecord,
  PseudonymLookup,
  SettlementRecord,
} from '../../../chaincode/src/contract/records';
export type { AgreementModification, Page } from '../../../chaincode/src/contract/repository';
export type { Organisation, OrganisationRegistration } from '../../../chaincode/src/contract/organisations';
