import type { ChaincodeStub } from './stub';
import { KeyEndorsementPolicy } from 'fabric-shim';

/**
 * Puts a key-level (state-based) endorsement policy on `key`: every later write to it must be endorsed by a peer
 * of each named organisation, whatever the chaincode-level policy says.
 *
 * The policy is written only when the key does not carry it yet. Rewriting an unchanged policy would be harmless
 * in isolation, but Fabric fails every later transaction in the same block that writes the key with
 * ENDORSEMENT_POLICY_FAILURE (its policy changed under it) — a concurrent update must surface as an MVCC conflict,
 * which clients retry. Costs a metadata read; a key the transaction knows to be new uses {@link setEndorsementBy}.
 *
 * Peers are named by role PEER, so the channel's organisations must enable NodeOUs (Fabric's default).
 */
export async function requireEndorsementBy(
  stub: ChaincodeStub,
  key: string,
  mspIds: readonly string[],
): Promise<void> {
  const wanted = endorsementPolicy(mspIds);
  // The shim answers `undefined` (despite its typing) for a key without metadata.
  const current = (await stub.getStateValidationParameter(key)) as Uint8Array | undefined;
  if (current === undefined || !wanted.equals(Buffer.from(current))) {
    await stub.setStateValidationParameter(key, wanted);
  }
}

/**
 * Puts the policy on a key this transaction creates (read as absent, so it has no metadata: Fabric removes a key's
 * metadata with its value), without reading it first.
 */
export function setEndorsementBy(stub: ChaincodeStub, key: string, mspIds: readonly string[]): Promise<void> {
  return stub.setStateValidationParameter(key, endorsementPolicy(mspIds));
}

function endorsementPolicy(mspIds: readonly string[]): Buffer {
  const policy = new KeyEndorsementPolicy();
  // Sorted so the policy bytes do not depend on the order the caller named the parties in.
  policy.addOrgs('PEER', ...[...mspIds].sort());
  return Buffer.from(policy.getPolicy());
}
