/**
 * Proposals as a hostile member builds them: signed with its own valid identity but with a timestamp of its choosing.
 * fabric-gateway's offline-signing flow hands out the unsigned proposal's bytes; the timestamp sits in the channel
 * header inside them, so a test decodes, changes and re-encodes it, then signs the new bytes itself.
 */
import { createHash } from 'node:crypto';
import { connect, hash, type Contract, type Gateway, type Proposal } from '@hyperledger/fabric-gateway';
import { common, gateway as gatewayProto, peer } from '@hyperledger/fabric-protos';
import { identityOf, peerConnection, type OrgKey } from './network';

interface ProtoTimestamp {
  getSeconds(): number;
  setSeconds(value: number): void;
}

const unsignedGateways: Gateway[] = [];

/** A gateway that has the identity but no signer: every proposal must be signed offline. */
function offlineGateway(org: OrgKey, user: string): Gateway {
  const gateway = connect({
    client: peerConnection(org),
    identity: identityOf(org, user).identity,
    hash: hash.sha256,
  });
  unsignedGateways.push(gateway);
  return gateway;
}

/** Closes the offline gateways (the shared gRPC connections are closed by `closeAll`). */
export function closeOfflineGateways(): void {
  for (const gateway of unsignedGateways.splice(0)) gateway.close();
}

/**
 * A proposal for `transaction` by `user` of `org`, timestamped `offsetSeconds` from now, signed with the user's own
 * key: a proposal the peer cannot tell from an honest one.
 */
export async function proposalAt(
  org: OrgKey,
  user: string,
  channel: string,
  chaincode: string,
  transaction: string,
  options: { readonly arguments?: readonly string[]; readonly endorsingOrganizations?: readonly string[] },
  offsetSeconds: number,
): Promise<Proposal> {
  const gateway = offlineGateway(org, user);
  const contract: Contract = gateway.getNetwork(channel).getContract(chaincode);
  const unsigned = contract.newProposal(transaction, {
    arguments: [...(options.arguments ?? [])],
    ...(options.endorsingOrganizations === undefined
      ? {}
      : { endorsingOrganizations: [...options.endorsingOrganizations] }),
  });
  const proposed = gatewayProto.ProposedTransaction.deserializeBinary(unsigned.getBytes());
  const signedProposal = proposed.getProposal();
  if (signedProposal === undefined) throw new Error('no proposal in the proposed transaction');
  const proposal = peer.Proposal.deserializeBinary(signedProposal.getProposalBytes_asU8());
  const header = common.Header.deserializeBinary(proposal.getHeader_asU8());
  const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
  // google-protobuf's Timestamp (its typings are not installed): seconds as a number.
  const timestamp = channelHeader.getTimestamp() as unknown as ProtoTimestamp | undefined;
  if (timestamp === undefined) throw new Error('no timestamp in the channel header');
  timestamp.setSeconds(timestamp.getSeconds() + offsetSeconds);
  header.setChannelHeader(channelHeader.serializeBinary());
  proposal.setHeader(header.serializeBinary());
  const proposalBytes = proposal.serializeBinary();
  signedProposal.setProposalBytes(proposalBytes);
  proposed.setProposal(signedProposal);
  const signer = identityOf(org, user).signer;
  const signature = await signer(createHash('sha256').update(proposalBytes).digest());
  return gateway.newSignedProposal(proposed.serializeBinary(), signature);
}
