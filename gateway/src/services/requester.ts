import type { Principal } from '../auth/principal';
import type { SigningUser } from '../fabric/signing-user';

/**
 * The person a use case runs for: who the token says they are, and their own Fabric identity. (Not a `Caller`: that
 * is who submitted a transaction as the chaincode reads it, in @fabric-agreements/api.)
 */
export interface Requester {
  readonly principal: Principal;
  /** The caller's own Fabric identity, enrolled on first use. */
  identity(): Promise<SigningUser>;
}
