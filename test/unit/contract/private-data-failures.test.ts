/**
 * How Fabric's refusals of a private-data call reach the client: never quoted, and told apart by what the client
 * can do about them — nothing (FORBIDDEN), or retry once the peer has the value (PERSONAL_DATA_NOT_YET_AVAILABLE).
 */
import { expect } from 'chai';
import { isRefusal, type Refusal } from '@fabric-agreements/api';
import { ApiError } from 'agreements-gateway/errors/api-error';
import { privateDataCall } from 'agreements-chaincode/contract/failure';

async function refusalOf(fabricMessage: string): Promise<Refusal> {
  try {
    await privateDataCall('pair_MunicipalityMSP_PlacementSiteMSP', () =>
      Promise.reject(new Error(fabricMessage)),
    );
  } catch (error) {
    if (isRefusal(error)) return error;
    throw error;
  }
  throw new Error('the call did not fail');
}

describe('private-data failures', () => {
  it('a peer holding only the hash answers 503 PERSONAL_DATA_NOT_YET_AVAILABLE with Retry-After', async () => {
    const refusal = await refusalOf(
      'private data matching public hash version is not available. Public hash version = {BlockNum: 7, TxNum: 0}, Private data version = <nil>',
    );
    expect(refusal.code).to.equal('PERSONAL_DATA_NOT_YET_AVAILABLE');
    expect(refusal.details).to.deep.equal({
      reason: 'not_yet_reconciled',
      collection: 'pair_MunicipalityMSP_PlacementSiteMSP',
    });
    expect(refusal.message).to.not.include('BlockNum');
    const answer = ApiError.fromRefusal(refusal);
    expect([answer.status, answer.retryAfterSeconds]).to.deep.equal([503, 30]);
  });

  it('any other refusal by Fabric stays FORBIDDEN, without a Retry-After', async () => {
    const refusal = await refusalOf('tx creator does not have read access permission on privatedata');
    expect(refusal.code).to.equal('FORBIDDEN');
    const answer = ApiError.fromRefusal(refusal);
    expect([answer.status, answer.retryAfterSeconds]).to.deep.equal([403, undefined]);
  });
});
