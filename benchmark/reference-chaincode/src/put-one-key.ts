import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';

/**
 * The least a write can be: one `PutState` of the value it is given, nothing read, no policy, no event. Reads are
 * one `GetState`. The benchmark deploys it on the same channel with the same endorsement policy as the agreements
 * chaincode, so that what is left of a ratio to it is the agreements chaincode's own cost.
 */
@Info({ title: 'PutOneKey', description: 'Benchmark reference: one key per write' })
export class PutOneKeyContract extends Contract {
  constructor() {
    super('PutOneKey');
  }

  @Transaction()
  async Put(ctx: Context, key: string, value: string): Promise<void> {
    await ctx.stub.putState(key, Buffer.from(value, 'utf8'));
  }

  @Transaction(false)
  @Returns('string')
  async Get(ctx: Context, key: string): Promise<string> {
    return Buffer.from(await ctx.stub.getState(key)).toString('utf8');
  }
}
