import type { ChaincodeStub } from './stub';
import { KeyEndorsementPolicy } from 'fabric-shim';

/**
 * Puts a key-level (state-based) endorsement policy on `key`: every later write to it must be endorsed by a peer
 * of each named organisation, whatever the chaincode-level policy says.
 *
 * Peers are named by role PEER, so the channel's organisations must enable NodeOUs (Fabric's default).
 */
export async function requireEndorsementBy(
  stub: ChaincodeStub,
  key: string,
  mspIds: readonly string[],
): Promise<void> {
  const policy = new KeyEndorsementPolicy();
  // Sorted so the policy bytes do not depend on the order the caller named the parties in.
  policy.addOrgs('PEER', ...[...mspIds].sort());
  await stub.setStateValidationParameter(key, policy.getPolicy());
}
