/**
 * The chaincode's inputs and records as the client types them: the one place that says where they come from —
 * `@fabric-agreements/api` for what it carries, the chaincode's core and contract layer (by package name) for the
 * rest, until the api package carries them too.
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
} from 'agreements-chaincode/core';
export type {
  AccessLogEntry,
  GuardianBinding,
  GuardianChild,
  GuardianUnbinding,
  PseudonymLookup,
} from 'agreements-chaincode/core/personal-data';
export type { InvoiceRecord, SettlementRecord } from 'agreements-chaincode/contract/records';
export type { AgreementModification } from 'agreements-chaincode/contract/ledger/agreement-store';
export type { Page } from '@fabric-agreements/api';
export type { Organisation, OrganisationRegistration } from 'agreements-chaincode/core/registry';
