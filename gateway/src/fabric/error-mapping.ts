import { status as GrpcStatus } from '@grpc/grpc-js';
import { CommitError, GatewayError, StatusCode } from '@hyperledger/fabric-gateway';
import { ApiError } from '../errors/api-error';
import { parseRefusal, type Refusal } from '../errors/catalogue';

/** A step of the Fabric transaction flow, as named in metrics, logs and error details. */
export type FabricStage = 'evaluate' | 'endorse' | 'submit' | 'commit_status' | 'commit';

/** Seconds a client should wait before retrying after the peer was unreachable. */
export const PEER_UNAVAILABLE_RETRY_AFTER_S = 5;
/** Seconds a client should wait before retrying when the peer or the gateway is at its concurrency limit. */
export const BUSY_RETRY_AFTER_S = 1;

/**
 * Commit failures caused by a concurrent transaction in the same block. ENDORSEMENT_POLICY_FAILURE belongs here
 * because a key with a key-level endorsement policy that an earlier transaction of the block re-set cannot be
 * validated for a later one (Fabric's ValidationParameterUpdatedError); a genuine policy failure fails again on
 * the re-run and is then reported as COMMIT_FAILED, not as a conflict.
 */
export type RetryReason =
  | 'MVCC_READ_CONFLICT'
  | 'PHANTOM_READ_CONFLICT'
  | 'ENDORSEMENT_POLICY_FAILURE'
  /** The endorsing peers answered differently: one had not yet committed the block the other had read. */
  | 'ENDORSEMENT_MISMATCH';

/** What to do about a failure in the Fabric flow. */
export type FabricFailure =
  /** The transaction lost an MVCC race; running it again with a new transaction id may succeed. */
  | {
      readonly kind: 'retry';
      readonly reason: RetryReason;
      readonly transactionId: string;
    }
  | { readonly kind: 'fail'; readonly error: ApiError };

/**
 * Decides what a failure at one stage of the Fabric flow means for the client. Business errors raised by the
 * chaincode are recognised by the catalogue's serialised envelope in the peer's message or error details, never by
 * their prose; transport failures are told apart by their gRPC status code; commit failures by their validation
 * code.
 */
export function classifyFabricFailure(error: unknown, stage: FabricStage): FabricFailure {
  if (error instanceof ApiError) {
    return { kind: 'fail', error };
  }
  if (error instanceof CommitError) {
    return classifyCommit(error.code, error.transactionId);
  }
  if (error instanceof GatewayError) {
    const transactionId = transactionIdOf(error);
    const refusal = refusalIn(error);
    if (refusal) {
      return { kind: 'fail', error: ApiError.fromRefusal(refusal, transactionId) };
    }
    if (stage === 'endorse' && transactionId !== undefined && isEndorsementMismatch(error)) {
      return { kind: 'retry', reason: 'ENDORSEMENT_MISMATCH', transactionId };
    }
    return { kind: 'fail', error: transportError(error, stage, transactionId) };
  }
  return {
    kind: 'fail',
    error: new ApiError({ code: 'INTERNAL', details: { stage }, cause: error }),
  };
}

/**
 * Classifies a transaction that was ordered but did not commit as valid.
 * @param code - the transaction validation code from the commit status.
 */
export function classifyCommit(code: number, transactionId: string): FabricFailure {
  if (code === StatusCode.MVCC_READ_CONFLICT) {
    return { kind: 'retry', reason: 'MVCC_READ_CONFLICT', transactionId };
  }
  if (code === StatusCode.PHANTOM_READ_CONFLICT) {
    return { kind: 'retry', reason: 'PHANTOM_READ_CONFLICT', transactionId };
  }
  if (code === StatusCode.ENDORSEMENT_POLICY_FAILURE) {
    return { kind: 'retry', reason: 'ENDORSEMENT_POLICY_FAILURE', transactionId };
  }
  return { kind: 'fail', error: commitFailed(code, transactionId) };
}

/** A transaction that committed as invalid for a reason a re-run does not cure. */
export function commitFailed(code: number, transactionId: string, attempts?: number): ApiError {
  return new ApiError({
    code: 'COMMIT_FAILED',
    details: {
      stage: 'commit',
      validationCode: code,
      validationStatus: validationStatusName(code),
      ...(attempts === undefined ? {} : { attempts }),
    },
    transactionId,
  });
}

/** The error a client gets when every retry lost its race as well. */
export function commitConflict(transactionId: string, attempts: number, reason?: RetryReason): ApiError {
  if (reason === 'ENDORSEMENT_POLICY_FAILURE') {
    return commitFailed(StatusCode.ENDORSEMENT_POLICY_FAILURE, transactionId, attempts);
  }
  return new ApiError({
    code: 'COMMIT_CONFLICT',
    details: { stage: reason === 'ENDORSEMENT_MISMATCH' ? 'endorse' : 'commit', attempts },
    retryAfterSeconds: BUSY_RETRY_AFTER_S,
    transactionId,
  });
}

/**
 * Whether the peers' endorsements differed. Right after a commit, one organisation's peer may not have the block
 * yet; a new proposal moments later sees the same state on both, so this is retried like an MVCC conflict.
 */
function isEndorsementMismatch(error: GatewayError): boolean {
  return (
    error.code === (GrpcStatus.ABORTED as number) &&
    error.details.some((detail) => detail.message.includes(ENDORSEMENT_MISMATCH_DETAIL))
  );
}

/** The detail the peer's gateway service gives for endorsers whose proposal responses differ (Fabric 2.4+). */
const ENDORSEMENT_MISMATCH_DETAIL = 'ProposalResponsePayloads do not match';

/** The first catalogue error any node put into the error, or `undefined`. */
export function refusalIn(error: GatewayError): Refusal | undefined {
  const messages = [error.message, ...error.details.map((detail) => detail.message)];
  for (const message of messages) {
    const found = parseRefusal(message);
    if (found) {
      return found;
    }
  }
  return undefined;
}

function transportError(
  error: GatewayError,
  stage: FabricStage,
  transactionId: string | undefined,
): ApiError {
  const details = { stage, grpcStatus: grpcStatusName(error.code) };
  const is = (...statuses: GrpcStatus[]): boolean => statuses.map(Number).includes(error.code);
  if (is(GrpcStatus.UNAVAILABLE, GrpcStatus.FAILED_PRECONDITION)) {
    // FAILED_PRECONDITION: the peer's gateway found no set of peers able to endorse (one of them is down).
    return new ApiError({
      code: 'PEER_UNAVAILABLE',
      details,
      retryAfterSeconds: PEER_UNAVAILABLE_RETRY_AFTER_S,
      transactionId,
      cause: error,
    });
  }
  if (is(GrpcStatus.RESOURCE_EXHAUSTED)) {
    return new ApiError({
      code: 'PEER_BUSY',
      details,
      retryAfterSeconds: BUSY_RETRY_AFTER_S,
      transactionId,
      cause: error,
    });
  }
  if (is(GrpcStatus.DEADLINE_EXCEEDED)) {
    // After submit the outcome is unknown: the transaction may still commit under this id.
    const outcome = stage === 'submit' || stage === 'commit_status' ? 'unknown' : 'not_written';
    return new ApiError({
      code: 'FABRIC_TIMEOUT',
      details: { ...details, outcome },
      transactionId,
      cause: error,
    });
  }
  if (is(GrpcStatus.PERMISSION_DENIED, GrpcStatus.UNAUTHENTICATED)) {
    return new ApiError({ code: 'FABRIC_ACCESS_DENIED', details, transactionId, cause: error });
  }
  if (stage === 'commit_status') {
    // The transaction was sent for ordering; only its status could not be read.
    return new ApiError({
      code: 'PEER_UNAVAILABLE',
      details: { ...details, outcome: 'unknown' },
      retryAfterSeconds: PEER_UNAVAILABLE_RETRY_AFTER_S,
      transactionId,
      cause: error,
    });
  }
  return new ApiError({
    code: stage === 'submit' ? 'SUBMIT_FAILED' : 'ENDORSEMENT_FAILED',
    details,
    transactionId,
    cause: error,
  });
}

function transactionIdOf(error: GatewayError): string | undefined {
  return 'transactionId' in error && typeof error.transactionId === 'string'
    ? error.transactionId
    : undefined;
}

const GRPC_STATUS_NAMES = new Map<number, string>(
  Object.entries(GrpcStatus)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
    .map(([name, value]) => [value, name]),
);

function grpcStatusName(code: number): string {
  return GRPC_STATUS_NAMES.get(code) ?? `GRPC_${code}`;
}

const VALIDATION_STATUS_NAMES = new Map<number, string>(
  Object.entries(StatusCode).map(([name, value]) => [value as number, name]),
);

function validationStatusName(code: number): string {
  return VALIDATION_STATUS_NAMES.get(code) ?? `CODE_${code}`;
}
