import type { Contract, Network } from '@hyperledger/fabric-gateway';
import { type PartyBook, sharedPartyBook } from './party-book';
import type { ContractName } from '@fabric-agreements/api';
import { qualifiedName, type TransactionKey } from './transactions';

/** A committed write: where it landed. */
export interface Commit {
  readonly channel: string;
  readonly transactionId: string;
  readonly blockNumber: bigint;
}

/** Options of one call. */
export interface CallOptions {
  /**
   * The organisations whose peers endorse (a read: whose peer answers). Default for a write to an agreement: its two
   * parties; otherwise the gateway peer's choice.
   */
  readonly endorsingOrganizations?: readonly string[];
  /** Private inputs (personal data, a reader's one-time key), kept out of the transaction. */
  readonly transientData?: Readonly<Record<string, string | Uint8Array>>;
}

/** Options of one write. */
export interface WriteOptions extends CallOptions {
  /** Told where the write committed (before {@link ClientOptions.afterCommit} runs). */
  readonly onCommitted?: (commit: Commit) => void;
}

/** How a client reaches the chaincode. */
export interface ClientOptions {
  /** The chaincode's name on the channel (default `agreements`). */
  readonly chaincode?: string;
  /** Runs after every successful commit, e.g. to wait until every member peer has it. */
  readonly afterCommit?: (commit: Commit) => Promise<void>;
  /** Where the agreements' parties are remembered (default: one book shared by every client). */
  readonly parties?: PartyBook;
}

/** A write that was ordered but not committed as valid (e.g. 10 ENDORSEMENT_POLICY_FAILURE, 11 MVCC_READ_CONFLICT). */
export class CommitFailure extends Error {
  readonly transactionId: string;
  /** Fabric's transaction validation code. */
  readonly code: number;

  constructor(transaction: string, transactionId: string, code: number) {
    super(`${transaction} did not commit: validation code ${code.toString()}`);
    this.name = 'CommitFailure';
    this.transactionId = transactionId;
    this.code = code;
  }
}

const utf8 = new TextDecoder();

/** One identity's connection to the chaincode on one channel: JSON in and out, writes awaited until committed. */
export class ChaincodeConnection {
  readonly network: Network;
  readonly channel: string;
  readonly chaincode: string;
  readonly #options: ClientOptions;
  readonly #parties: PartyBook;

  constructor(network: Network, options: ClientOptions = {}) {
    this.network = network;
    this.channel = network.getName();
    this.chaincode = options.chaincode ?? 'agreements';
    this.#options = options;
    this.#parties = options.parties ?? sharedPartyBook;
  }

  /** The raw fabric-gateway contract, for tests that build proposals themselves. */
  contract(name: ContractName): Contract {
    return this.network.getContract(this.chaincode, name);
  }

  /** Evaluates a transaction and parses its JSON result. */
  async evaluate<T>(
    transaction: TransactionKey,
    args: readonly string[],
    options: CallOptions = {},
  ): Promise<T> {
    const result = await this.#chaincode().evaluate(qualifiedName(transaction), proposal(args, options));
    return this.#parse(result) as T;
  }

  /** Submits a transaction, waits until it is committed as valid, and parses its JSON result. */
  async submit<T>(
    transaction: TransactionKey,
    args: readonly string[],
    options: WriteOptions = {},
  ): Promise<T> {
    const name = qualifiedName(transaction);
    const submitted = await this.#chaincode().submitAsync(name, proposal(args, options));
    const status = await submitted.getStatus();
    if (!status.successful) throw new CommitFailure(name, status.transactionId, status.code);
    const commit = {
      channel: this.channel,
      transactionId: status.transactionId,
      blockNumber: status.blockNumber,
    };
    options.onCommitted?.(commit);
    await this.#options.afterCommit?.(commit);
    return this.#parse(submitted.getResult()) as T;
  }

  /** The agreement's two parties: remembered, or read once (as this identity, which must be a party anyway). */
  async partiesOf(agreementId: string): Promise<readonly string[]> {
    const known = this.#parties.get(this.channel, agreementId);
    if (known !== undefined) return known;
    await this.evaluate('getAgreement', [agreementId]);
    const learnt = this.#parties.get(this.channel, agreementId);
    if (learnt === undefined) throw new Error(`GetAgreement ${agreementId} answered no parties`);
    return learnt;
  }

  /** Remembers the parties of an agreement about to be drafted. */
  learnParties(agreement: unknown): void {
    this.#parties.learn(this.channel, agreement);
  }

  #chaincode(): Contract {
    return this.network.getContract(this.chaincode);
  }

  #parse(bytes: Uint8Array): unknown {
    const text = utf8.decode(bytes);
    const value = text === '' ? null : (JSON.parse(text) as unknown);
    this.#parties.learn(this.channel, value);
    return value;
  }
}

function proposal(args: readonly string[], options: CallOptions) {
  return {
    arguments: [...args],
    ...(options.transientData === undefined ? {} : { transientData: { ...options.transientData } }),
    ...(options.endorsingOrganizations === undefined
      ? {}
      : { endorsingOrganizations: [...options.endorsingOrganizations] }),
  };
}
