import { status as GrpcStatus } from '@grpc/grpc-js';
import { CommitError, GatewayError, StatusCode } from '@hyperledger/fabric-gateway';
import { ApiError, type ApiErrorDetails } from '../errors/api-error';
import { parseRefusal, type ApiErrorCode, type Refusal } from '../errors/catalogue';

/** A step of the Fabric transaction flow, as named in metrics, logs and error details. */
export type FabricStage = 'evaluate' | 'endorse' | 'submit' | 'commit_status' | 'commit';

/** Seconds a client should wait before retrying after the peer was unreachable. */
export const PEER_UNAVAILABLE_RETRY_AFTER_S = 5;
/** Seconds a client should wait before retrying when the peer or the gateway is at its concurrency limit. */
export const BUSY_RETRY_AFTER_S = 1;
/** Seconds before retrying when another organisation's peer was down: a restart and gossip take this long. */
export const ENDORSER_UNAVAILABLE_RETRY_AFTER_S = 10;
/** Seconds before retrying when the ordering service had no leader: a raft election takes 5–7 s. */
export const ORDERING_UNAVAILABLE_RETRY_AFTER_S = 5;
/** Seconds before asking again about a write whose outcome is unknown (with the same Idempotency-Key). */
export const OUTCOME_UNKNOWN_RETRY_AFTER_S = 5;

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

/** Who asked: the gateway's own organisation and the endorsing organisations the proposal named, if any. */
export interface FailureContext {
  readonly ownMspId?: string;
  readonly endorsingOrganisations?: readonly string[];
}

/** What to do about a failure in the Fabric flow. */
export type FabricFailure =
  /** The transaction lost an MVCC race; running it again with a new transaction id may succeed. */
  | {
      readonly kind: 'retry';
      readonly reason: RetryReason;
      readonly transactionId: string;
      /** The answer when no attempt is left: what the lagging peer said, if it said something. */
      readonly lastAnswer?: ApiError;
    }
  | { readonly kind: 'fail'; readonly error: ApiError };

/**
 * Decides what a failure at one stage of the Fabric flow means for the client. Business errors raised by the
 * chaincode are recognised by the catalogue's serialised envelope in the peer's message or error details, never by
 * their prose; transport failures are told apart by their gRPC status code; commit failures by their validation
 * code.
 */
export function classifyFabricFailure(
  error: unknown,
  stage: FabricStage,
  asked: FailureContext = {},
): FabricFailure {
  const { ownMspId } = asked;
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
      const answer = ApiError.fromRefusal(refusal, transactionId);
      if (stage === 'endorse' && transactionId !== undefined && refusedOnlyElsewhere(error, ownMspId)) {
        return { kind: 'retry', reason: 'ENDORSEMENT_MISMATCH', transactionId, lastAnswer: answer };
      }
      return { kind: 'fail', error: answer };
    }
    if (stage === 'endorse' && transactionId !== undefined && isEndorsementMismatch(error)) {
      return { kind: 'retry', reason: 'ENDORSEMENT_MISMATCH', transactionId };
    }
    return { kind: 'fail', error: transportError(error, stage, transactionId, asked) };
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

/**
 * Whether only another organisation's peer refused a proposal the own peer simulated: right after a commit that peer
 * may not have the block yet (it still sees the agreement as a draft, or not at all), so a new proposal moments later
 * may pass. A refusal by the own peer, or one without endorser details, is the answer as it stands.
 */
function refusedOnlyElsewhere(error: GatewayError, ownMspId: string | undefined): boolean {
  if (ownMspId === undefined) return false;
  const refusing = error.details.filter((detail) => parseRefusal(detail.message) !== undefined);
  return refusing.length > 0 && refusing.every((detail) => detail.mspId !== ownMspId);
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

/**
 * What a peer says (in the error details of the peer-to-peer call) when another peer could not be reached: gRPC's own
 * texts, and the gateway service's when discovery knows no live peer of an organisation.
 */
const UNREACHABLE_PEER =
  /code = Unavailable|connection refused|connection error|transport is closing|failed to find any endorsing peers|no combination of peers/i;

/** What the ordering service answers without a leader (no quorum, or an election under way). */
const ORDERING_NOT_READY = /SERVICE_UNAVAILABLE|no Raft leader|no orderers could successfully process/i;

/**
 * What grpc-js says when it cannot reach the organisation's own peer at all; an UNAVAILABLE the peer itself sends
 * (its gateway service could not reach another peer) says something else.
 */
const OWN_PEER_UNREACHABLE =
  /No connection established|ECONNREFUSED|ECONNRESET|Connection dropped|Name resolution failed|Failed to connect/i;

/** Whether an UNAVAILABLE came from the connection to the organisation's own peer rather than from the peer. */
function ownPeerUnreachable(error: GatewayError): boolean {
  return error.details.length === 0 && OWN_PEER_UNREACHABLE.test(textOf(error));
}

/** The error's message with its gRPC cause's message and details: where a peer says what it could not do. */
function textOf(error: GatewayError): string {
  const cause: unknown = error.cause;
  const causeText =
    typeof cause === 'object' && cause !== null
      ? [
          'message' in cause ? String(cause.message) : '',
          'details' in cause && typeof cause.details === 'string' ? cause.details : '',
        ].join(' ')
      : '';
  return `${error.message} ${causeText}`;
}

/**
 * What the peer's gateway service says when discovery knows no live peer of an organisation the proposal names as an
 * endorser (Fabric's `failed to find any endorsing peers for org(s): A, B`), with no per-endorser details.
 */
const MISSING_ORGANISATIONS = /endorsing peers for org\(s\): ([\w.-]+(?:, [\w.-]+)*)/;

/**
 * The organisations whose peers could not be reached: by the details of a failed endorsement, else by the peer's
 * message, else — once discovery has dropped the stopped peer, the peer says only that the policy cannot be met — the
 * endorsing organisations the write named other than the own one.
 */
function unreachableOrganisations(error: GatewayError, asked: FailureContext): string[] {
  const unreachable = error.details.filter((detail) => UNREACHABLE_PEER.test(detail.message));
  // An UNAVAILABLE the peer sends names the endorsers it tried in its details, whatever their wording.
  const named =
    unreachable.length > 0 || error.code !== (GrpcStatus.UNAVAILABLE as number) ? unreachable : error.details;
  if (named.length > 0) return [...new Set(named.map((detail) => detail.mspId))];
  const missing = MISSING_ORGANISATIONS.exec(textOf(error));
  if (missing?.[1] !== undefined) return [...new Set(missing[1].split(', '))];
  return (asked.endorsingOrganisations ?? []).filter((mspId) => mspId !== asked.ownMspId);
}

/** A transport failure as the rules below see it. */
interface TransportFailure {
  readonly stage: FabricStage;
  readonly asked: FailureContext;
  readonly error: GatewayError;
  /** Whether the gRPC status is one of these. */
  is(...statuses: GrpcStatus[]): boolean;
  /** Whether the error's message or one of its details says this. */
  said(pattern: RegExp): boolean;
  /** The client's error, with the stage and gRPC status in its details, the transaction id and the cause. */
  answer(code: ApiErrorCode, more?: { details?: ApiErrorDetails; retryAfterSeconds?: number }): ApiError;
}

/** Every ordering node refused or could not be reached: nothing was ordered, the same write may be sent again. */
function orderingNotReady(failure: TransportFailure): ApiError | undefined {
  if (
    failure.stage !== 'submit' ||
    !failure.is(GrpcStatus.UNAVAILABLE, GrpcStatus.ABORTED) ||
    !failure.said(ORDERING_NOT_READY)
  ) {
    return undefined;
  }
  return failure.answer('ORDERING_UNAVAILABLE', {
    details: { outcome: 'not_written' },
    retryAfterSeconds: ORDERING_UNAVAILABLE_RETRY_AFTER_S,
  });
}

/**
 * FAILED_PRECONDITION: the organisation's peer found no set of peers able to endorse; ABORTED with a detail saying a
 * peer could not be reached, or UNAVAILABLE sent by the peer itself: another organisation's peer is down. Its
 * operator, not ours, must act.
 */
function endorserUnreachable(failure: TransportFailure): ApiError | undefined {
  if (
    (failure.stage !== 'endorse' && failure.stage !== 'evaluate') ||
    !failure.is(GrpcStatus.FAILED_PRECONDITION, GrpcStatus.ABORTED, GrpcStatus.UNAVAILABLE)
  ) {
    return undefined;
  }
  const organisations = unreachableOrganisations(failure.error, failure.asked);
  const otherPeerDown = failure.is(GrpcStatus.UNAVAILABLE)
    ? !ownPeerUnreachable(failure.error)
    : failure.is(GrpcStatus.FAILED_PRECONDITION) || organisations.length > 0;
  return otherPeerDown ? endorserUnavailable(failure, organisations) : undefined;
}

function endorserUnavailable(failure: TransportFailure, organisations: readonly string[]): ApiError {
  return failure.answer('ENDORSER_UNAVAILABLE', {
    details: { organisations },
    retryAfterSeconds: ENDORSER_UNAVAILABLE_RETRY_AFTER_S,
  });
}

/**
 * The transaction may have been ordered: only its status is not known. A retry with the same Idempotency-Key looks
 * the transaction up by its id and answers with its result if it committed.
 */
function outcomeUnknown(failure: TransportFailure): ApiError | undefined {
  const unknown =
    (failure.stage === 'submit' && failure.is(GrpcStatus.DEADLINE_EXCEEDED)) ||
    (failure.stage === 'commit_status' &&
      !failure.is(GrpcStatus.PERMISSION_DENIED, GrpcStatus.UNAUTHENTICATED));
  if (!unknown) {
    return undefined;
  }
  return failure.answer('WRITE_OUTCOME_UNKNOWN', {
    details: { outcome: 'unknown' },
    retryAfterSeconds: OUTCOME_UNKNOWN_RETRY_AFTER_S,
  });
}

function peerUnavailable(failure: TransportFailure): ApiError | undefined {
  return failure.is(GrpcStatus.UNAVAILABLE)
    ? failure.answer('PEER_UNAVAILABLE', { retryAfterSeconds: PEER_UNAVAILABLE_RETRY_AFTER_S })
    : undefined;
}

function peerBusy(failure: TransportFailure): ApiError | undefined {
  return failure.is(GrpcStatus.RESOURCE_EXHAUSTED)
    ? failure.answer('PEER_BUSY', { retryAfterSeconds: BUSY_RETRY_AFTER_S })
    : undefined;
}

/**
 * The own peer was still waiting for another organisation's endorsement when the deadline ran out: a peer cut off by
 * the network (another host) never refuses, it just does not answer. Nothing was sent for ordering.
 */
function endorserSilent(failure: TransportFailure): ApiError | undefined {
  if (failure.stage !== 'endorse' || !failure.is(GrpcStatus.DEADLINE_EXCEEDED)) {
    return undefined;
  }
  const { endorsingOrganisations = [], ownMspId } = failure.asked;
  const others = endorsingOrganisations.filter((mspId) => mspId !== ownMspId);
  return others.length > 0 ? endorserUnavailable(failure, others) : undefined;
}

/** A deadline before submit: nothing was sent for ordering. */
function fabricTimeout(failure: TransportFailure): ApiError | undefined {
  return failure.is(GrpcStatus.DEADLINE_EXCEEDED)
    ? failure.answer('FABRIC_TIMEOUT', { details: { outcome: 'not_written' } })
    : undefined;
}

function accessDenied(failure: TransportFailure): ApiError | undefined {
  return failure.is(GrpcStatus.PERMISSION_DENIED, GrpcStatus.UNAUTHENTICATED)
    ? failure.answer('FABRIC_ACCESS_DENIED')
    : undefined;
}

/** The transport rules in order: the first that answers decides (a timeout at submit is unknown, not a timeout). */
const TRANSPORT_RULES: readonly ((failure: TransportFailure) => ApiError | undefined)[] = [
  orderingNotReady,
  endorserUnreachable,
  outcomeUnknown,
  peerUnavailable,
  peerBusy,
  endorserSilent,
  fabricTimeout,
  accessDenied,
];

function transportError(
  error: GatewayError,
  stage: FabricStage,
  transactionId: string | undefined,
  asked: FailureContext,
): ApiError {
  const failure: TransportFailure = {
    stage,
    asked,
    error,
    is: (...statuses) => statuses.map(Number).includes(error.code),
    said: (pattern) =>
      pattern.test(error.message) || error.details.some((detail) => pattern.test(detail.message)),
    answer: (code, more = {}) =>
      new ApiError({
        code,
        details: { stage, grpcStatus: grpcStatusName(error.code), ...more.details },
        retryAfterSeconds: more.retryAfterSeconds,
        transactionId,
        cause: error,
      }),
  };
  for (const rule of TRANSPORT_RULES) {
    const answer = rule(failure);
    if (answer) {
      return answer;
    }
  }
  return failure.answer(stage === 'submit' ? 'SUBMIT_FAILED' : 'ENDORSEMENT_FAILED');
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
