import {
  AgreementDraftSchema,
  AmendmentProposalSchema,
  AttestationRuleSchema,
  InvoiceSchema,
  PaymentRecordSchema,
  StatusReportSubmissionSchema,
  TerminationProposalSchema,
  VersionNumberSchema,
  type AgreementDraftInput,
  type AmendmentInput,
  type AttestationRuleInput,
  type PaymentRecordInput,
  type InvoiceInput,
  type StatusReportSubmission,
  type TerminationInput,
} from '@fabric-agreements/api';
import { parseInput } from './schema-walk';
import { invalid } from './validation';

/**
 * Parsers for transaction inputs that arrive as untyped JSON. Each walks the input's schema in
 * `@fabric-agreements/api` (the one the gateway publishes) and then adds what a schema cannot say: defaults and
 * rules between fields. The domain functions then check the rules against the ledger. Every parser
 * @throws Refusal `VALIDATION_FAILED` (or `INVALID_ID`, for ids) naming the offending field.
 */

/** What a caseworker submits to draft an agreement. @throws Refusal `VALIDATION_FAILED` / `INVALID_ID`. */
export function parseAgreementDraftInput(value: unknown): AgreementDraftInput {
  const draft = parseInput(AgreementDraftSchema, value, 'agreement');
  return { ...draft, relatedAgreementIds: draft.relatedAgreementIds ?? [] };
}

/** An amendment proposal. @throws Refusal `VALIDATION_FAILED` / `INVALID_ID`. */
export function parseAmendmentInput(value: unknown): AmendmentInput {
  return parseInput(AmendmentProposalSchema, value, 'amendment');
}

/** A provider's invoice. @throws Refusal `VALIDATION_FAILED` / `INVALID_ID`. */
export function parseInvoiceInput(value: unknown): InvoiceInput {
  return parseInput(InvoiceSchema, value, 'invoice');
}

/** A status report submission (`correction` defaults to false). @throws Refusal `VALIDATION_FAILED` / `INVALID_ID`. */
export function parseStatusReportSubmission(value: unknown): StatusReportSubmission {
  const submission = parseInput(StatusReportSubmissionSchema, value, 'report');
  return { ...submission, correction: submission.correction ?? false };
}

/** A reference to the version (or termination number) being signed or accepted. @throws Refusal `VALIDATION_FAILED`. */
export function parseVersionNumber(value: unknown, field = 'version'): number {
  return parseInput(VersionNumberSchema, value, field);
}

/**
 * A termination proposal: `{"effectiveDate"}` (mutual), or `{"mode":"notice","effectiveDate"?}` (the municipality
 * alone): a mutual termination needs its date. @throws Refusal `VALIDATION_FAILED`.
 */
export function parseTerminationProposal(value: unknown): TerminationInput {
  const { mode = 'mutual', effectiveDate } = parseInput(TerminationProposalSchema, value, 'termination');
  if (effectiveDate !== undefined) {
    return { mode, effectiveDate };
  }
  return mode === 'mutual'
    ? invalid('effectiveDate', 'not_a_date', 'must be an ISO calendar date (YYYY-MM-DD)')
    : { mode };
}

/** What the municipality records when it pays an invoice. @throws Refusal `VALIDATION_FAILED` / `INVALID_ID`. */
export function parsePaymentInput(value: unknown): PaymentRecordInput {
  return parseInput(PaymentRecordSchema, value, 'payment');
}

/**
 * A new attestation rule: 1 to 3 different municipal roles, and the optional automatic-attestation amount.
 * @throws Refusal `VALIDATION_FAILED`.
 */
export function parseAttestationRuleInput(value: unknown): AttestationRuleInput {
  const rule = parseInput(AttestationRuleSchema, value, 'attestationRule');
  if (new Set(rule.roles).size !== rule.roles.length) {
    invalid('roles', 'duplicate', 'must not repeat a role');
  }
  return rule;
}
