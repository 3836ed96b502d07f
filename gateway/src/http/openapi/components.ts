import * as api from '@fabric-agreements/api';
import type { JsonSchema } from '../operation';
import { ref } from './schema-builders';

/**
 * Every component schema of the OpenAPI document, by name. Each is written once, in `@fabric-agreements/api` —
 * the transactions' inputs (which the chaincode parses by walking the same objects), the answers (whose static
 * types the code uses), the REST-only request bodies and the problem document; here they only get their names.
 */
export const COMPONENT_SOURCES: Readonly<Record<string, api.TSchema>> = {
  // Inputs of transactions.
  ServiceLine: api.ServiceLineSchema,
  Schedule: api.ScheduleSchema,
  NoticePeriod: api.NoticePeriodSchema,
  AgreementDraft: api.AgreementDraftSchema,
  AgreementDraftRevision: api.AgreementDraftRevisionSchema,
  AmendmentProposal: api.AmendmentProposalSchema,
  AmendmentChange: api.AmendmentChangeSchema,
  TerminationProposal: api.TerminationProposalSchema,
  Invoice: api.InvoiceSchema,
  StatusReportSubmission: api.StatusReportSubmissionSchema,
  StatusReportAcceptance: api.StatusReportAcceptanceSchema,
  PaymentExportRequest: api.PaymentExportRequestSchema,
  DelegationRuleInput: api.DelegationRuleInputSchema,
  DelegationTier: api.DelegationTierSchema,
  ChildRecord: api.ChildRecordSchema,
  MunicipalRecord: api.MunicipalRecordSchema,
  // The REST API's envelopes and answers.
  Problem: api.ProblemSchema,
  Obligation: api.ObligationSchema,
  Agreement: api.AgreementSchema,
  AgreementPage: api.AgreementPageSchema,
  AgreementHistory: api.AgreementHistorySchema,
  AgreementWrite: api.AgreementWriteSchema,
  PaymentRecord: api.PaymentRecordSchema,
  AttestationRule: api.AttestationRuleSchema,
  StatusReport: api.StatusReportSchema,
  StatusReportWrite: api.StatusReportWriteSchema,
  Settlement: api.SettlementSchema,
  SettlementView: api.SettlementViewSchema,
  SettlementRecord: api.SettlementRecordSchema,
  SettlementWrite: api.SettlementWriteSchema,
  InvoiceRecord: api.InvoiceRecordSchema,
  InvoiceWrite: api.InvoiceWriteSchema,
  Deadline: api.DeadlineSchema,
  DeadlinePage: api.DeadlinePageSchema,
  HeldInstalments: api.HeldInstalmentsSchema,
  DeadlineRun: api.DeadlineRunSchema,
  ChildOverview: api.ChildOverviewSchema,
  PersonalDataWrite: api.PersonalDataWriteSchema,
  PersonalDataReadRequest: api.PersonalDataReadRequestSchema,
  PersonalDataRead: api.PersonalDataReadSchema,
  PersonalDataStatus: api.PersonalDataStatusSchema,
  ErasureRequest: api.ErasureRequestSchema,
  ErasureWrite: api.ErasureWriteSchema,
  GuardianBindingWrite: api.GuardianBindingWriteSchema,
  AccessLogPage: api.AccessLogPageSchema,
  GuardianChild: api.GuardianChildSchema,
  GuardianChildren: api.GuardianChildrenSchema,
  GuardianUnbinding: api.GuardianUnbindingSchema,
  GuardianUnbindingWrite: api.GuardianUnbindingWriteSchema,
  DirectoryPerson: api.DirectoryPersonSchema,
  PeopleDirectory: api.PeopleDirectorySchema,
  Registry: api.RegistrySchema,
  DelegationRuleWrite: api.DelegationRuleWriteSchema,
  FabricIdentity: api.FabricIdentitySchema,
  PseudonymRequest: api.PseudonymRequestSchema,
  PseudonymLookupWrite: api.PseudonymLookupWriteSchema,
  PseudonymLookupPage: api.PseudonymLookupPageSchema,
  // E-invoicing.
  TradingIdentifiers: api.TradingIdentifiersSchema,
  ReceivedDocument: api.ReceivedDocumentSchema,
  CreditNoteValidation: api.CreditNoteValidationSchema,
  ReceivedDocumentView: api.ReceivedDocumentViewSchema,
  PayableItem: api.PayableItemSchema,
  PaymentExport: api.PaymentExportSchema,
  PaymentExportWrite: api.PaymentExportWriteSchema,
};

/**
 * The components as plain JSON Schema: a schema nested anywhere that is one of the named ones becomes a `$ref` (so
 * the document and the web app's generated types name it once); the chaincode's annotations — symbol keys — stay
 * behind.
 */
export const COMPONENT_SCHEMAS: Readonly<Record<string, JsonSchema>> = documentComponents(COMPONENT_SOURCES);

function documentComponents(sources: Readonly<Record<string, unknown>>): Record<string, JsonSchema> {
  const names = new Map(Object.entries(sources).map(([name, schema]) => [JSON.stringify(schema), name]));
  if (names.size !== Object.keys(sources).length) {
    throw new Error('two components have the same schema: a nested one could not be told apart');
  }
  return Object.fromEntries(
    Object.entries(sources).map(([name, schema]) => [name, plain(schema, names, name) as JsonSchema]),
  );
}

/** A copy without symbol keys; `component` itself is not replaced by a reference to itself. */
function plain(node: unknown, names: ReadonlyMap<string, string>, component: string): unknown {
  if (Array.isArray(node)) {
    return node.map((item) => plain(item, names, component));
  }
  if (typeof node !== 'object' || node === null) {
    return node;
  }
  const name = names.get(JSON.stringify(node));
  if (name !== undefined && name !== component) {
    return ref(name);
  }
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, plain(value, names, component)]),
  );
}
