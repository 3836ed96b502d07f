import { Refusal } from '@fabric-agreements/api';
import { epochMillis } from './clock';
import type { ChaincodeStub } from './stub';

/**
 * What the chaincode may know about the peer it runs on, beyond the signed proposal: the peer's organisation and its
 * clock. Neither is part of the transaction, so they never decide what is written — only whether this peer agrees
 * to endorse at all. A refusal on one endorser and not another just fails the endorsement; it cannot make two
 * peers write different things.
 */
export interface EndorsingPeer {
  /** The MSP id of the peer's own organisation. */
  mspId(stub: ChaincodeStub): string;
  /** The peer's wall clock, epoch milliseconds. */
  nowMs(): number;
  /** How far (seconds) a proposal's timestamp may be from {@link nowMs}, either way. */
  readonly proposalWindowSeconds: number;
}

/** Default tolerance between a client's proposal timestamp and the endorsing peer's clock. */
export const DEFAULT_PROPOSAL_WINDOW_SECONDS = 300;

const WINDOW_VARIABLE = 'AGREEMENTS_PROPOSAL_WINDOW_SECONDS';

/** The peer as the runtime describes it: `CORE_PEER_LOCALMSPID` (set by the peer or the chaincode server's host). */
export function runtimePeer(env: NodeJS.ProcessEnv = process.env): EndorsingPeer {
  const configured = Number(env[WINDOW_VARIABLE] ?? DEFAULT_PROPOSAL_WINDOW_SECONDS);
  return {
    mspId: (stub) => stub.getMspID(),
    nowMs: () => Date.now(),
    proposalWindowSeconds:
      Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_PROPOSAL_WINDOW_SECONDS,
  };
}

let current: EndorsingPeer = runtimePeer();

/** The peer this chaincode process runs for. */
export function endorsingPeer(): EndorsingPeer {
  return current;
}

/** Replaces the peer description (tests, which run without a peer). */
export function useEndorsingPeer(peer: EndorsingPeer): void {
  current = peer;
}

/**
 * Refuses a proposal whose timestamp is more than the window away from the peer's clock. Every rule that reads the
 * clock uses the proposal's timestamp, which the client chooses; bounding it keeps a back-dated read from reusing an
 * expired access entry and a future-dated deadline run from withholding money early.
 * @throws Refusal `CLOCK_SKEW` with the window and which way the proposal is off (never the timestamp itself).
 */
export function requireProposalTimeNearPeerClock(stub: ChaincodeStub, peer: EndorsingPeer = current): void {
  const timestamp = stub.getTxTimestamp();
  const proposalMs = epochMillis(timestamp.seconds, timestamp.nanos);
  const offsetSeconds = (proposalMs - peer.nowMs()) / 1000;
  if (Math.abs(offsetSeconds) > peer.proposalWindowSeconds) {
    throw new Refusal(
      'CLOCK_SKEW',
      'the proposal’s timestamp is too far from the endorsing peer’s clock; check the client’s clock',
      {
        reason: offsetSeconds > 0 ? 'proposal_in_the_future' : 'proposal_in_the_past',
        windowSeconds: peer.proposalWindowSeconds,
      },
    );
  }
}

const partiesWritten = new WeakMap<ChaincodeStub, Set<string>>();

/** Notes that the transaction writes a key belonging to an agreement of these organisations. */
export function noteAgreementWrite(stub: ChaincodeStub, mspIds: readonly string[]): void {
  const parties = partiesWritten.get(stub) ?? new Set<string>();
  mspIds.forEach((mspId) => parties.add(mspId));
  partiesWritten.set(stub, parties);
}

/**
 * Refuses to endorse a transaction that writes agreements none of which has this peer's organisation as a party.
 * A transaction that ends a placement also ends its related agreements with other providers; their keys' own
 * key-level policies then demand those providers' endorsements too, so each endorser is a party to something the
 * transaction changes, and a third organisation can never be the one that vouches for another pair's agreement.
 * @throws Refusal `FORBIDDEN` (reason `endorser_not_a_party`).
 */
export function requireEndorserAmongWriters(stub: ChaincodeStub): void {
  const parties = partiesWritten.get(stub);
  if (parties !== undefined) {
    requireEndorserAmong(stub, [...parties]);
  }
}

/**
 * Refuses to endorse unless this peer's organisation is one of `mspIds`: a third organisation's peer must never be
 * the one that vouches for another pair's agreement, even where the chaincode-level policy would accept it.
 * @throws Refusal `FORBIDDEN` (reason `endorser_not_a_party`).
 */
export function requireEndorserAmong(stub: ChaincodeStub, mspIds: readonly string[]): void {
  if (!mspIds.includes(current.mspId(stub))) {
    throw new Refusal('FORBIDDEN', 'this peer’s organisation is not a party; it does not endorse this', {
      reason: 'endorser_not_a_party',
    });
  }
}
