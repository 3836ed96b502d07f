/**
 * The agreements pure core: plain data and pure functions, no Fabric, no I/O, no clock. Time enters as a
 * `Moment` (the transaction's instant and calendar date); everything written to the ledger goes through
 * `canonicalJson`.
 */
export * from './agreement';
export * from './agreement-model';
export * from './agreement-terms';
export * from './amendment';
export * from './attestation';
export * from './calendar-date';
export * from './canonical-json';
export * from './cpr';
export * from './deadlines';
export * from './delegation-rule';
export {
  ERROR_CATEGORIES,
  HTTP_STATUS_BY_CATEGORY,
  Refusal,
  categoryOf,
  httpStatusOf,
  isErrorCode,
  isRefusal,
  parseRefusal,
  type ErrorCode,
} from '@fabric-agreements/api';
export * from './ids';
export * from './inputs';
export * from './invoice';
export * from './invoice-document-inputs';
export * from './money';
export * from './month-figures';
export * from './obligations';
export * from './parties';
export * from './quantity';
export * from './schedule';
export * from './service-line';
export * from './settlement';
export * from './signature-policy';
export * from './templates';
export * from './termination';
export * from './queries';
export * from './validation';
