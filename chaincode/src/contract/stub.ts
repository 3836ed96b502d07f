import type { Context } from 'fabric-contract-api';

/**
 * The stub as the contract API hands it over (fabric-shim-api's interface). fabric-shim's `ChaincodeStub` class
 * has the same methods, but the context never holds an instance made by that class's constructor.
 */
export type ChaincodeStub = Context['stub'];
