import { expect } from 'chai';
import { ApiError } from 'agreements-gateway/errors/api-error';
import { withMvccRetry, type AttemptOutcome } from 'agreements-gateway/fabric/mvcc-retry';
import { SubmitSlots } from 'agreements-gateway/fabric/submit-slots';

describe('MVCC read conflict retry', () => {
  const noPause = (): number => 0;

  it('re-runs a transaction that lost an MVCC race, each time under a new transaction id', async () => {
    const ids: string[] = [];
    const outcomes: AttemptOutcome<string>[] = [
      { kind: 'conflict', transactionId: 'tx-1' },
      { kind: 'conflict', transactionId: 'tx-2' },
      { kind: 'committed', value: 'tx-3' },
    ];
    const result = await withMvccRetry(
      () => {
        const next = outcomes.shift();
        if (next === undefined) {
          throw new Error('too many attempts');
        }
        ids.push(next.kind === 'conflict' ? next.transactionId : next.value);
        return Promise.resolve(next);
      },
      4,
      noPause,
    );
    expect(result).to.deep.equal({ value: 'tx-3', attempts: 3 });
    expect(new Set(ids).size).to.equal(3);
  });

  it('gives up after the bound with 409 COMMIT_CONFLICT naming the last transaction', async () => {
    let attempts = 0;
    try {
      await withMvccRetry(
        () => {
          attempts++;
          return Promise.resolve({ kind: 'conflict', transactionId: `tx-${attempts.toString()}` } as const);
        },
        3,
        noPause,
      );
      expect.fail('expected a conflict');
    } catch (error) {
      expect(error).to.be.instanceOf(ApiError);
      const apiError = error as ApiError;
      expect(apiError.code).to.equal('COMMIT_CONFLICT');
      expect(apiError.status).to.equal(409);
      expect(apiError.transactionId).to.equal('tx-3');
      expect(apiError.retryAfterSeconds).to.equal(1);
    }
    expect(attempts).to.equal(3);
  });

  it('reports an endorsement policy that keeps failing as COMMIT_FAILED, not as a conflict', async () => {
    try {
      await withMvccRetry(
        () =>
          Promise.resolve({
            kind: 'conflict',
            transactionId: 'tx-p',
            reason: 'ENDORSEMENT_POLICY_FAILURE',
          } as const),
        2,
        noPause,
      );
      expect.fail('expected a failure');
    } catch (error) {
      expect((error as ApiError).code).to.equal('COMMIT_FAILED');
      expect((error as ApiError).details).to.include({
        validationStatus: 'ENDORSEMENT_POLICY_FAILURE',
        attempts: 2,
      });
    }
  });

  it('does not retry other failures', async () => {
    let attempts = 0;
    const failure = new ApiError({ code: 'NOT_FOUND' });
    try {
      await withMvccRetry(
        () => {
          attempts++;
          return Promise.reject(failure);
        },
        5,
        noPause,
      );
    } catch (error) {
      expect(error).to.equal(failure);
    }
    expect(attempts).to.equal(1);
  });
});

describe('in-flight submit cap', () => {
  it('hands out at most its capacity and refuses immediately when told not to wait', async () => {
    const slots = new SubmitSlots(2);
    const first = await slots.acquire(0);
    const second = await slots.acquire(0);
    expect(first).to.be.a('function');
    expect(second).to.be.a('function');
    expect(await slots.acquire(0)).to.equal(undefined);
    expect(slots.inUse).to.equal(2);
    first?.();
    first?.(); // a second release is harmless
    expect(slots.inUse).to.equal(1);
    second?.();
    expect(slots.inUse).to.equal(0);
  });

  it('passes a released slot to the first waiter', async () => {
    const slots = new SubmitSlots(1);
    const holder = await slots.acquire(0);
    const waiter = slots.acquire(1_000);
    expect(slots.waiting).to.equal(1);
    holder?.();
    const granted = await waiter;
    expect(granted).to.be.a('function');
    expect(slots.inUse).to.equal(1);
    granted?.();
    expect(slots.inUse).to.equal(0);
  });

  it('gives up waiting after the wait limit', async () => {
    const slots = new SubmitSlots(1);
    await slots.acquire(0);
    const started = Date.now();
    expect(await slots.acquire(30)).to.equal(undefined);
    expect(Date.now() - started).to.be.at.least(25);
    expect(slots.waiting).to.equal(0);
  });
});
