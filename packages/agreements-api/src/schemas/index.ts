/** The schema of every transaction's input, written once (see the package README). */
export * from './kit';
export * from './service-line';
export * from './agreement';
export * from './invoice';
export * from './status-report';
export * from './einvoice';
export * from './delegation-rule';
export * from './registry';
export * from './personal-data';
export * from './guardian-children';
export * from './people-directory';
