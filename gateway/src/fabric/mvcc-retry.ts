import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiError } from '../errors/api-error';
import { commitConflict, type RetryReason } from './error-mapping';

/** One run of a transaction: committed with a value, or lost a race with a concurrent transaction. */
export type AttemptOutcome<T> =
  | { readonly kind: 'committed'; readonly value: T }
  | {
      readonly kind: 'conflict';
      readonly transactionId: string;
      readonly reason?: RetryReason;
      /** Thrown instead of a conflict when this was the last attempt (a lagging peer's refusal stands). */
      readonly lastAnswer?: ApiError;
    };

/** Jittered, growing pause so that two clients that collided do not collide again in lock-step. */
export function conflictBackoffMs(attempt: number): number {
  return Math.round((25 + Math.random() * 75) * attempt);
}

/**
 * Runs `attempt` until it commits, at most `maxAttempts` times; each attempt must build a new proposal (and so a
 * new transaction id), since Fabric rejects a transaction id it has seen.
 * @throws {@link ApiError} `COMMIT_CONFLICT` (409) naming the last transaction id when every attempt lost an MVCC
 * race; `COMMIT_FAILED` (502) when the endorsement policy kept failing.
 */
export async function withMvccRetry<T>(
  attempt: () => Promise<AttemptOutcome<T>>,
  maxAttempts: number,
  backoffMs: (attempt: number) => number = conflictBackoffMs,
): Promise<{ readonly value: T; readonly attempts: number }> {
  for (let number = 1; ; number++) {
    const outcome = await attempt();
    if (outcome.kind === 'committed') {
      return { value: outcome.value, attempts: number };
    }
    if (number >= maxAttempts) {
      throw outcome.lastAnswer ?? commitConflict(outcome.transactionId, number, outcome.reason);
    }
    await sleep(backoffMs(number));
  }
}
