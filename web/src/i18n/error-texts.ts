import type { ApiErrorCode } from 'agreements-gateway/errors/catalogue';

/**
 * A sentence for every code the gateway's catalogue has (plus the browser's own two): a code added to the gateway
 * or the chaincode without a text here breaks the web build.
 */
export type ErrorTexts = Readonly<Record<ApiErrorCode | 'NETWORK' | 'UNKNOWN', string>>;
