import {
  AgreementDraftRevisionSchema,
  AgreementDraftSchema,
  AmendmentChangeSchema,
  AmendmentProposalSchema,
  ChildRecordSchema,
  DelegationRuleInputSchema,
  DelegationTierSchema,
  InvoiceSchema,
  MunicipalRecordSchema,
  NoticePeriodSchema,
  PaymentExportRequestSchema,
  ScheduleSchema,
  ServiceLineSchema,
  StatusReportAcceptanceSchema,
  StatusReportSubmissionSchema,
  TerminationProposalSchema,
} from '@fabric-agreements/api';
import type { JsonSchema } from '../operation';
import { PEOPLE_SCHEMAS } from './people-schemas';
import { ref } from './schema-builders';

/**
 * The transactions' input schemas, by component name. They are written once, in `@fabric-agreements/api`, and the
 * chaincode parses its inputs by walking the same objects; here they only get their names in the document.
 */
const TRANSACTION_SCHEMAS: Readonly<Record<string, unknown>> = {
  ServiceLine: ServiceLineSchema,
  Schedule: ScheduleSchema,
  NoticePeriod: NoticePeriodSchema,
  AgreementDraft: AgreementDraftSchema,
  AgreementDraftRevision: AgreementDraftRevisionSchema,
  AmendmentProposal: AmendmentProposalSchema,
  AmendmentChange: AmendmentChangeSchema,
  TerminationProposal: TerminationProposalSchema,
  Invoice: InvoiceSchema,
  StatusReportSubmission: StatusReportSubmissionSchema,
  StatusReportAcceptance: StatusReportAcceptanceSchema,
  PaymentExportRequest: PaymentExportRequestSchema,
  DelegationRuleInput: DelegationRuleInputSchema,
  DelegationTier: DelegationTierSchema,
  ChildRecord: ChildRecordSchema,
  MunicipalRecord: MunicipalRecordSchema,
  ...PEOPLE_SCHEMAS,
};

/**
 * The document's components as plain JSON Schema: the package's transaction schemas joined to the REST API's own
 * (`rest`); a schema nested anywhere that is one of the package's named ones becomes a `$ref` (so the document and
 * the web app's generated types name it once); the chaincode's annotations — symbol keys — stay behind.
 */
export function documentComponents(rest: Readonly<Record<string, JsonSchema>>): Record<string, JsonSchema> {
  const names = new Map(
    Object.entries(TRANSACTION_SCHEMAS).map(([name, schema]) => [JSON.stringify(schema), name]),
  );
  const all: Readonly<Record<string, unknown>> = { ...TRANSACTION_SCHEMAS, ...rest };
  return Object.fromEntries(
    Object.entries(all).map(([name, schema]) => [name, plain(schema, names, name) as JsonSchema]),
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
