/** The schema of every answer, written once (see the package README). */
export * from './parts';
export * from './problem';
export * from './agreement';
export * from './settlement';
export * from './invoice';
export * from './status-report';
export * from './deadline';
export * from './personal-data';
export * from './registry';
export * from './einvoice';
export * from './guardian-children';
export * from './people-directory';
