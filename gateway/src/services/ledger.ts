import type { FabricClient, TransactionRequest } from '../fabric/fabric-client';
import type { SigningUser } from '../fabric/signing-user';
import { ApiError } from '../errors/api-error';
import { ChannelHeights } from '../consistency/channel-heights';
import { currentRequestBlocks } from '../consistency/request-blocks';
import { DomainMembership, type RegistryMembers } from './domain-membership';
import { JsonText } from './json-text';
import { TX, type ApiPage, type Page as LedgerPage, type TransactionName } from '@fabric-agreements/api';

const GET_AGREEMENT = TX.getAgreement;
/** Agreements whose parties are remembered; beyond this the oldest is forgotten (and read again if needed). */
const MAX_REMEMBERED_AGREEMENTS = 10_000;

/** A committed write as the API returns it. */
export interface WriteResult<T> {
  readonly transactionId: string;
  /** Decimal string: block numbers can exceed JSON's safe integers. */
  readonly blockNumber: string;
  readonly data: T;
}

/** How long a request waits by default for the peer to reach the block its `Fabric-Min-Block` names. */
export const DEFAULT_MIN_BLOCK_WAIT_MS = 5_000;

/** Extra options of one call. */
export interface CallOptions {
  readonly transientData?: Readonly<Record<string, string>>;
  readonly endorsingOrganizations?: readonly string[];
}

/**
 * Who endorses a write. Every write names its organisations — an agreement's two parties, or the organisation(s)
 * owning personal data — so that discovery never picks a third organisation's peer (which the chaincode refuses,
 * failing the write) and no peer does work it need not. Only where the set depends on what the chaincode finds is it
 * left to the Fabric Gateway's discovery, which plans from the first endorsement's key-level policies, with the
 * reason named: `cascade` (a termination that may end related agreements with other providers) and `registry`
 * (the municipality's own rules, under the chaincode-level policy: the municipality and any provider).
 */
export type WriteOptions = CallOptions &
  ({ readonly endorsingOrganizations: readonly string[] } | { readonly discovery: 'cascade' | 'registry' });

/**
 * The services' view of the chaincode: JSON in, JSON out, on a given domain channel, as a given identity. Keeps
 * fabric-gateway types out of the services.
 */
export class Ledger {
  readonly #fabric: FabricClient;
  readonly #membership: DomainMembership;
  /** `channel/agreementId` → the agreement's two organisations, which never change. */
  readonly #parties = new Map<string, readonly string[]>();
  readonly #heights: ChannelHeights;

  constructor(fabric: FabricClient, options: { readonly minBlockWaitMs?: number } = {}) {
    this.#fabric = fabric;
    this.#heights = new ChannelHeights({ waitMs: options.minBlockWaitMs ?? DEFAULT_MIN_BLOCK_WAIT_MS });
    this.#membership = new DomainMembership((user, channel) =>
      this.query<RegistryMembers>(user, channel, TX.getRegistry),
    );
  }

  /**
   * Submits a write to an existing agreement, endorsed by exactly its two parties' peers: discovery alone may pick
   * any provider's peer where the chaincode-level policy allows it, and the chaincode refuses to be endorsed by a
   * third organisation. The parties are read once per agreement (as `user`, who must be a party anyway).
   * @throws {@link ApiError} mapped from the chaincode's or Fabric's failure.
   */
  async writeAgreement<T>(
    user: SigningUser,
    channel: string,
    agreementId: string,
    transaction: TransactionName,
    args: readonly string[],
  ): Promise<WriteResult<T>> {
    const endorsingOrganizations = await this.#partiesOf(user, channel, agreementId);
    return this.write<T>(user, channel, transaction, args, { endorsingOrganizations });
  }

  /**
   * The domain's municipality, from the registry the membership check caches.
   * @throws {@link ApiError} `PRECONDITION_FAILED` when none is registered.
   */
  municipalityOf(user: SigningUser, channel: string): Promise<string> {
    return this.#membership.municipality(user, channel);
  }

  /**
   * Checks that organisations a request names are members of the domain, from the cached registry.
   * @throws {@link ApiError} `UNKNOWN_ORGANISATION` (404) otherwise.
   */
  requireMembers(user: SigningUser, channel: string, mspIds: readonly string[]): Promise<void> {
    return this.#membership.requireMembers(user, channel, mspIds);
  }

  async #partiesOf(user: SigningUser, channel: string, agreementId: string): Promise<readonly string[]> {
    const key = `${channel}/${agreementId}`;
    const known = this.#parties.get(key);
    if (known !== undefined) {
      return known;
    }
    const agreement = await this.query<{ municipalityMspId: string; providerMspId: string }>(
      user,
      channel,
      GET_AGREEMENT,
      [agreementId],
    );
    const parties = [agreement.municipalityMspId, agreement.providerMspId].sort();
    if (this.#parties.size >= MAX_REMEMBERED_AGREEMENTS) {
      const oldest = this.#parties.keys().next();
      if (oldest.done !== true) {
        this.#parties.delete(oldest.value);
      }
    }
    this.#parties.set(key, parties);
    return parties;
  }

  /**
   * Evaluates a query and parses its JSON result.
   * @throws {@link ApiError} mapped from the chaincode's or Fabric's failure.
   */
  async query<T>(
    user: SigningUser,
    channel: string,
    transaction: TransactionName,
    args: readonly string[] = [],
    options: CallOptions = {},
  ): Promise<T> {
    return parse(await this.#evaluate(user, request(channel, transaction, args, options))) as T;
  }

  /**
   * Evaluates a query whose JSON result goes to the client as it is.
   * @throws {@link ApiError} mapped from the chaincode's or Fabric's failure.
   */
  async queryText(
    user: SigningUser,
    channel: string,
    transaction: TransactionName,
    args: readonly string[] = [],
  ): Promise<JsonText> {
    return jsonText(await this.#evaluate(user, request(channel, transaction, args, {})));
  }

  /** Evaluates once the peer has reached the block the request requires. */
  async #evaluate(user: SigningUser, transaction: TransactionRequest): Promise<Uint8Array> {
    await this.#reachRequiredBlock(user, transaction.channel);
    return this.#fabric.evaluate(user, transaction);
  }

  /**
   * Submits a write, waits for its commit and parses its JSON result. The endorsing organisations `options` names
   * must be members of the domain.
   * @throws {@link ApiError} `UNKNOWN_ORGANISATION`, or mapped from the chaincode's or Fabric's failure.
   */
  async write<T>(
    user: SigningUser,
    channel: string,
    transaction: TransactionName,
    args: readonly string[],
    options: WriteOptions,
  ): Promise<WriteResult<T>> {
    await this.#reachRequiredBlock(user, channel);
    if (options.endorsingOrganizations !== undefined) {
      await this.#membership.requireMembers(user, channel, options.endorsingOrganizations);
    }
    const outcome = await this.#fabric.submit(user, request(channel, transaction, args, options));
    // The commit status came from this organisation's peer: it has the block now.
    this.#heights.committed(channel, outcome.blockNumber);
    currentRequestBlocks()?.committed(channel, outcome.blockNumber);
    return {
      transactionId: outcome.transactionId,
      blockNumber: outcome.blockNumber.toString(),
      data: parse(outcome.result) as T,
    };
  }

  /**
   * Waits until this organisation's peer has committed the block the request's `Fabric-Min-Block` names for
   * `channel`, so that a read (or a write's simulation) sees a write made through another organisation's gateway.
   * @throws {@link ApiError} `PEER_BEHIND` when it has not within the wait.
   */
  async #reachRequiredBlock(user: SigningUser, channel: string): Promise<void> {
    const block = currentRequestBlocks()?.requiredOn(channel);
    if (block !== undefined) {
      await this.#heights.reach(channel, block, (name) => this.#fabric.blockHeight(user, name));
    }
  }
}

/** The chaincode's page (`records`, `fetchedRecordsCount`, `bookmark`) as an API page. */
export function toPage<T>(page: LedgerPage<T>): ApiPage<T> {
  return {
    items: [...page.records],
    count: page.records.length,
    bookmark: page.bookmark === '' ? null : page.bookmark,
  };
}

function request(
  channel: string,
  transaction: TransactionName,
  args: readonly string[],
  options: CallOptions,
): TransactionRequest {
  return {
    channel,
    transaction,
    arguments: args,
    ...(options.transientData === undefined ? {} : { transientData: options.transientData }),
    ...(options.endorsingOrganizations === undefined
      ? {}
      : { endorsingOrganizations: options.endorsingOrganizations }),
  };
}

/** The chaincode's answer as JSON text, checked by its first character only (a full parse is what this avoids). */
function jsonText(bytes: Uint8Array): JsonText {
  const text = Buffer.from(bytes).toString('utf8');
  if (text === '') {
    return new JsonText('null');
  }
  if (!/^[[{"\d-]|^(true|false|null)$/.test(text)) {
    throw new ApiError({ code: 'INTERNAL', details: { reason: 'chaincode_result_not_json' } });
  }
  return new JsonText(text);
}

function parse(bytes: Uint8Array): unknown {
  const text = Buffer.from(bytes).toString('utf8');
  if (text === '') {
    return null;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // The chaincode always answers JSON; anything else is a deployment mismatch, not the client's fault.
    throw new ApiError({ code: 'INTERNAL', details: { reason: 'chaincode_result_not_json' }, cause: error });
  }
}
