/**
 * The people of the case story on the real network, each a typed client of the chaincode (agreements-client) with
 * their own identity through their own organisation's peer; and what tests that play agreements need around it.
 * The story's data (drafts, amounts, calendar) lives in agreements-case-story.
 */
import { type ChaincodeEvent, type Network } from '@hyperledger/fabric-gateway';
import { AgreementsClient, type Agreement, refusalOf, type RefusedCall } from 'agreements-client';
import { placementDraft as storyPlacementDraft } from 'agreements-case-story';
import { gatewayFor, organisation, type OrgKey, topology } from './network';

export const utf8 = new TextDecoder();

/** The story's placement draft between the topology's municipality and placement site. */
export function placementDraft(id: string, start: string, childPseudonym: string) {
  const parties = {
    municipalityMspId: organisation('municipality').mspId,
    providerMspId: organisation('placement').mspId,
  };
  return storyPlacementDraft({ id, start, childPseudonym, parties });
}

/** Runs `action`, which must fail, and returns what its error says. */
export async function txError(action: () => Promise<unknown>): Promise<string> {
  return (await refusal(action)).text;
}

/** Runs `action`, which the chaincode must refuse, and returns the refusal's catalogue code and full text. */
export async function refusal(action: () => Promise<unknown>): Promise<RefusedCall> {
  try {
    await action();
  } catch (error) {
    return refusalOf(error);
  }
  throw new Error('expected the transaction to be refused, but it succeeded');
}

/**
 * Waits (bounded) until every member peer of `channel` has committed transaction `txId`: the commit status comes
 * from the submitter's own peer, and another organisation's peer may receive the block a moment later.
 */
export async function committedEverywhere(channel: string, txId: string, timeoutMs = 15_000): Promise<void> {
  const members = topology.domains.find((d) => d.channel === channel)?.members ?? [];
  const deadline = Date.now() + timeoutMs;
  for (const key of members as OrgKey[]) {
    // A fresh Gateway each time: it only wraps the shared connection, which closeAll() may have replaced.
    const qscc = gatewayFor(key, 'Admin').getNetwork(channel).getContract('qscc');
    for (;;) {
      try {
        await qscc.evaluateTransaction('GetTransactionByID', channel, txId);
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }
}

/** A person of the story acting through their own organisation's peer on one channel; writes wait for every peer. */
export class Person extends AgreementsClient {
  readonly org: OrgKey;
  readonly user: string;

  constructor(org: OrgKey, user: string, channel = 'placements') {
    super(gatewayFor(org, user).getNetwork(channel), {
      chaincode: topology.chaincode.name,
      afterCommit: (commit) => committedEverywhere(commit.channel, commit.transactionId),
    });
    this.org = org;
    this.user = user;
  }

  get network(): Network {
    return this.connection.network;
  }
}

export function person(org: OrgKey, user: string, channel = 'placements'): Person {
  return new Person(org, user, channel);
}

/** The agreement as a person (the municipality's caseworker unless told) reads it. */
export async function agreementOn(
  channel: string,
  id: string,
  org: OrgKey = 'municipality',
  user = 'sara',
): Promise<Agreement> {
  return person(org, user, channel).agreements.getAgreement(id);
}

/**
 * The chaincode event of one committed transaction, read from its block with `getChaincodeEvents`; gives up after
 * `timeoutMs`.
 */
export async function chaincodeEventOf(
  network: Network,
  blockNumber: bigint,
  transactionId: string,
  timeoutMs = 15_000,
): Promise<ChaincodeEvent> {
  const events = await network.getChaincodeEvents(topology.chaincode.name, { startBlock: blockNumber });
  const wait = { timedOut: false };
  const timer = setTimeout(() => {
    wait.timedOut = true;
    events.close();
  }, timeoutMs);
  try {
    for await (const event of events) {
      if (event.transactionId === transactionId) return event;
    }
  } catch (error) {
    if (!wait.timedOut) throw error;
  } finally {
    clearTimeout(timer);
    events.close();
  }
  throw new Error(`no chaincode event of ${transactionId} from block ${blockNumber} within ${timeoutMs} ms`);
}
