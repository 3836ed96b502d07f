/** fabric-contract-api's own loggers (the shim's winston setup again), cached by name; its package exports no type. */
declare module 'fabric-contract-api/lib/logger' {
  export function getLogger(name?: string): ReturnType<typeof import('fabric-shim').Shim.newLogger>;
}
