import { Refusal, isRefusal } from '@fabric-agreements/api';

/**
 * Turns anything a transaction threw into what may leave the chaincode. fabric-shim sends `error.message` to the
 * client and writes it to the peer's log, so:
 * - a {@link Refusal} passes unchanged: its message is the catalogue's JSON envelope (code, text, details);
 * - anything else is an unexpected fault and becomes a fixed text without the original message, which could quote
 *   transaction input (JSON.parse does) and so personal data. The gateway sees no envelope and answers 500.
 */
export function toClientError(error: unknown, txId: string): Error {
  if (isRefusal(error)) {
    return error;
  }
  const kind = error instanceof Error ? error.name : typeof error;
  return new Error(`unexpected chaincode fault (${kind}) in transaction ${txId}`);
}

/**
 * What Fabric says when the peer holds a private value's hash but not the value (it joined from a snapshot, or
 * missed the dissemination) and reconciliation has not yet pulled it from another member.
 */
const NOT_YET_RECONCILED = 'private data matching public hash version is not available';

/**
 * Wraps a call to a private-data API. Fabric refuses a client whose organisation is not a member of the collection
 * (memberOnlyRead), and a peer that is not a member has no data to return; both, and an unknown collection, reach
 * the chaincode as plain errors. They become `FORBIDDEN` without quoting Fabric's message. A member's peer that
 * has only the hash so far answers `PERSONAL_DATA_NOT_YET_AVAILABLE`: the same read succeeds once it has the value.
 * @throws Refusal `FORBIDDEN` if Fabric refuses the call, `PERSONAL_DATA_NOT_YET_AVAILABLE` if the value is missing.
 */
export async function privateDataCall<T>(collection: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isRefusal(error)) {
      throw error;
    }
    if (error instanceof Error && error.message.includes(NOT_YET_RECONCILED)) {
      throw new Refusal(
        'PERSONAL_DATA_NOT_YET_AVAILABLE',
        'this peer does not hold the private data yet; it is fetched from another member of the collection',
        { reason: 'not_yet_reconciled', collection },
      );
    }
    throw new Refusal('FORBIDDEN', 'this peer or caller has no access to the private data collection', {
      reason: 'collection_not_accessible',
      collection,
    });
  }
}

/**
 * For a sweep over the pair collections of every registered provider (an erasure, the access log): Fabric's refusal
 * of one collection counts as "nothing held there", because on the municipality's peer — a member of every pair
 * collection — the only refusal is a collection the chaincode definition does not (yet) have, for a provider
 * registered before its collection was added. An erasure must not wait for that. Refusals of our own pass unchanged.
 */
export async function unlessUndefined<T>(call: () => Promise<T>, nothing: T): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isRefusal(error)) {
      throw error;
    }
    return nothing;
  }
}
