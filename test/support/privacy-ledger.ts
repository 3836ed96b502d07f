/**
 * Reads what a block says about private data: the hashed writes (key hash, value hash) a transaction made to each
 * collection, decoded from the block itself as a peer's qscc returns it.
 */
import { common, ledger, peer } from '@hyperledger/fabric-protos';
import { gatewayFor, type OrgKey } from './network';

/** One write to a private data collection as the block records it: hashes only. */
export interface HashedWrite {
  readonly namespace: string;
  readonly collection: string;
  readonly keyHash: string;
  readonly valueHash: string;
  readonly isDelete: boolean;
  readonly isPurge: boolean;
}

/** A transaction as its block holds it. */
export interface BlockTransaction {
  readonly blockNumber: number;
  /** Fabric's validation code for the transaction (0 = VALID). */
  readonly validationCode: number;
  readonly hashedWrites: readonly HashedWrite[];
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** The hashed private writes of one endorser transaction envelope. */
function hashedWritesOf(envelope: common.Envelope): HashedWrite[] {
  const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
  const transaction = peer.Transaction.deserializeBinary(payload.getData_asU8());
  const writes: HashedWrite[] = [];
  for (const action of transaction.getActionsList()) {
    const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
    const endorsed = actionPayload.getAction();
    if (endorsed === undefined) continue;
    const responsePayload = peer.ProposalResponsePayload.deserializeBinary(
      endorsed.getProposalResponsePayload_asU8(),
    );
    const chaincodeAction = peer.ChaincodeAction.deserializeBinary(responsePayload.getExtension_asU8());
    const rwset = ledger.rwset.TxReadWriteSet.deserializeBinary(chaincodeAction.getResults_asU8());
    for (const ns of rwset.getNsRwsetList()) {
      for (const collection of ns.getCollectionHashedRwsetList()) {
        const hashed = ledger.rwset.kvrwset.HashedRWSet.deserializeBinary(collection.getHashedRwset_asU8());
        for (const write of hashed.getHashedWritesList()) {
          writes.push({
            namespace: ns.getNamespace(),
            collection: collection.getCollectionName(),
            keyHash: hex(write.getKeyHash_asU8()),
            valueHash: hex(write.getValueHash_asU8()),
            isDelete: write.getIsDelete(),
            isPurge: write.getIsPurge(),
          });
        }
      }
    }
  }
  return writes;
}

/** The id of the transaction an envelope carries (from its channel header). */
function transactionIdOf(envelope: common.Envelope): string {
  const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
  return common.ChannelHeader.deserializeBinary(
    payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array(),
  ).getTxId();
}

/**
 * The block that committed `transactionId`, fetched from `org`'s peer with qscc `GetBlockByTxID` and decoded:
 * the transaction's hashed private writes and its validation code.
 * @throws Error if the block does not hold the transaction.
 */
export async function transactionInBlock(
  org: OrgKey,
  channel: string,
  transactionId: string,
): Promise<BlockTransaction> {
  const qscc = gatewayFor(org, 'Admin').getNetwork(channel).getContract('qscc');
  const block = common.Block.deserializeBinary(
    await qscc.evaluateTransaction('GetBlockByTxID', channel, transactionId),
  );
  const header = block.getHeader();
  const data = block.getData()?.getDataList_asU8() ?? [];
  // Metadata index 2 (TRANSACTIONS_FILTER): one validation code byte per transaction of the block.
  const filter = block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER];
  for (const [index, bytes] of data.entries()) {
    const envelope = common.Envelope.deserializeBinary(bytes);
    if (transactionIdOf(envelope) !== transactionId) continue;
    return {
      blockNumber: header?.getNumber() ?? -1,
      validationCode: filter?.[index] ?? -1,
      hashedWrites: hashedWritesOf(envelope),
    };
  }
  throw new Error(`block ${header?.getNumber() ?? '?'} does not hold transaction ${transactionId}`);
}
