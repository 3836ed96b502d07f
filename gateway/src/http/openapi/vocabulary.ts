/**
 * The chaincode's vocabulary the API description needs (kinds, statuses, bounds), imported from the pure core so
 * that the OpenAPI document and the chaincode's own checks share one source. The chaincode still validates every
 * input; these only make the document precise and reject malformed requests before they reach a peer.
 */
import type { AgreementStatus } from '../../../../chaincode/src/core/agreement';
import type { QuantityPeriod } from '../../../../chaincode/src/core/templates';
import type { InvoiceState } from '../../../../chaincode/src/core/attestation';
import type { TerminationCause } from '../../../../chaincode/src/core/termination';

export {
  AGREEMENT_KINDS,
  MAX_GRACE_DAYS,
  RELEASE_EVENTS,
  SERVICE_LINE_KINDS,
} from '../../../../chaincode/src/core/templates';
export { ID_MAX_LENGTH, CERT_ID_MAX_LENGTH } from '../../../../chaincode/src/core/ids';
export { MAX_SERVICE_LINES } from '../../../../chaincode/src/core/service-line';
export { MAX_RELATED_AGREEMENTS } from '../../../../chaincode/src/core/agreement';
export { MAX_CHANGES } from '../../../../chaincode/src/core/amendment';
export { MAX_INVOICE_LINES, INVOICE_REJECTION_REASONS } from '../../../../chaincode/src/core/invoice';
export { MAX_REPORT_PERIODS } from '../../../../chaincode/src/core/obligations';
export {
  MAX_NOTICE_DAYS,
  MAX_NOTICE_MONTHS,
  MAX_RENEWAL_WINDOW_DAYS,
} from '../../../../chaincode/src/core/agreement-terms';
export { MAX_QUANTITY, hasAtMostDecimals } from '../../../../chaincode/src/core/quantity';
export { MUNICIPAL_SIGNING_ROLES } from '../../../../chaincode/src/core/parties';
export { SCHEDULE_UNITS } from '../../../../chaincode/src/core/schedule';

/** What a per-unit line's agreed quantity is counted per (the chaincode's `QuantityPeriod`). */
export const QUANTITY_PERIODS = ['week', 'month', 'occurrence'] as const satisfies readonly QuantityPeriod[];
export { MUNICIPAL_ROLES } from '../../../../chaincode/src/core/parties';
export { TERMINATION_MODES } from '../../../../chaincode/src/core/termination';

/** Statuses an agreement moves through (the chaincode's `AgreementStatus`). */
export const AGREEMENT_STATUSES = [
  'draft',
  'awaiting_signatures',
  'active',
  'terminated',
  'expired',
] as const satisfies readonly AgreementStatus[];

/** Why an agreement ended (the chaincode's `TerminationCause`). */
export const TERMINATION_CAUSES = [
  'agreed',
  'notice',
  'related_agreement_terminated',
] as const satisfies readonly TerminationCause[];

/** An invoice's lifecycle (the chaincode's `InvoiceState`). */
export const INVOICE_STATES = [
  'rejected',
  'validated',
  'approved',
  'paid',
] as const satisfies readonly InvoiceState[];

/** Largest page a listing returns (the chaincode's repository bound). */
export const MAX_PAGE_SIZE = 100;
