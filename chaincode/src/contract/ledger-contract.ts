import { Contract, type Context } from 'fabric-contract-api';
import { Refusal } from '@fabric-agreements/api';
import { requireEndorserAmongWriters, requireProposalTimeNearPeerClock } from './endorsing-peer';
import { toClientError } from './failure';

type TransactionName = Parameters<Contract['aroundTransaction']>[1];
type AroundTransaction = (ctx: Context, fn: TransactionName, parameters: unknown) => Promise<unknown>;

/**
 * What every contract of this chaincode shares: one place where a failed transaction's error is made safe for the
 * client and the peer log, and where every proposal's timestamp is checked against the endorsing peer's clock. `aroundTransaction` is the hook that wraps the transaction function itself
 * (`beforeTransaction` runs before it and cannot see its errors). Argument-count errors raised by fabric-shim before
 * any hook runs stay the shim's own plain text.
 */
export abstract class LedgerContract extends Contract {
  // Typed `Promise<void>` by fabric-contract-api, but the transaction's result passes through it to the client.
  override async aroundTransaction(ctx: Context, fn: TransactionName, parameters: unknown): Promise<void> {
    try {
      requireProposalTimeNearPeerClock(ctx.stub);
      const around = super.aroundTransaction.bind(this) as AroundTransaction;
      const result = await around(ctx, fn, parameters);
      requireEndorserAmongWriters(ctx.stub);
      return result as undefined;
    } catch (error) {
      throw toClientError(error, ctx.stub.getTxID());
    }
  }

  /** A function name this contract does not expose; the name itself is not echoed. */
  override unknownTransaction(): Promise<void> {
    return Promise.reject(
      new Refusal('NOT_FOUND', 'the contract has no such transaction', { reason: 'unknown_transaction' }),
    );
  }
}
