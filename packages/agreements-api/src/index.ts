/**
 * The agreements chaincode's interface, written once and imported by name (`@fabric-agreements/api`) by the
 * chaincode, the gateway and the tests.
 */
export * from './caller';
export * from './decimals';
export * from './document-errors';
export * from './errors';
export * from './paging';
export * from './sealed-box';
export * from './status-titles';
export * from './transactions';
export * from './vocabulary';
export * from './schemas';
