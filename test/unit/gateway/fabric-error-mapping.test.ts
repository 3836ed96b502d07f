import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import {
  CommitError,
  EndorseError,
  GatewayError,
  StatusCode,
  type ErrorDetail,
} from '@hyperledger/fabric-gateway';
// Not exported as values by the package index, though thrown by it.
import { CommitStatusError } from '@hyperledger/fabric-gateway/dist/commitstatuserror';
import { SubmitError } from '@hyperledger/fabric-gateway/dist/submiterror';
import { expect } from 'chai';
import { Refusal, type ErrorCode } from '@fabric-agreements/api';
import { ApiError } from 'agreements-gateway/errors/api-error';
import {
  classifyFabricFailure,
  type FabricFailure,
  type FailureContext,
} from 'agreements-gateway/fabric/error-mapping';

function serviceError(code: GrpcStatus, details = 'details'): ServiceError {
  return Object.assign(new Error('transport'), { code, details, metadata: new Metadata() });
}

/** An endorsement failure as the peer's gateway reports a chaincode error: the envelope inside a detail. */
function endorseFailure(code: ErrorCode): EndorseError {
  const refusal = new Refusal(code, 'what went wrong', {
    agreementId: 'a-1',
    properties: ['0101164234'],
    reason: 'some_reason',
  });
  return new EndorseError({
    code: GrpcStatus.ABORTED,
    message: '10 ABORTED: failed to endorse transaction, see attached details for more info',
    details: [
      {
        address: 'peer0:7051',
        mspId: 'MunicipalityMSP',
        message: `chaincode response 500, ${refusal.message}`,
      },
      {
        address: 'peer0:9051',
        mspId: 'PlacementSiteMSP',
        message: `chaincode response 500, ${refusal.message}`,
      },
    ],
    cause: serviceError(GrpcStatus.ABORTED),
    transactionId: 'tx-1',
  });
}

function failed(failure: FabricFailure): ApiError {
  expect(failure.kind).to.equal('fail');
  return (failure as Extract<FabricFailure, { kind: 'fail' }>).error;
}

describe('Fabric failure mapping', () => {
  const businessCases: readonly [ErrorCode, number][] = [
    ['VALIDATION_FAILED', 400],
    ['INVALID_ID', 400],
    ['INVALID_DATE', 400],
    ['FORBIDDEN', 403],
    ['WRONG_ROLE', 403],
    ['NOT_FOUND', 404],
    ['CONFLICT', 409],
    ['ALREADY_SIGNED', 409],
    ['SIDE_ALREADY_COMPLETE', 409],
    ['VERSION_MISMATCH', 409],
    ['PENDING_PROPOSAL_EXISTS', 409],
    ['REPORT_ALREADY_ACCEPTED', 409],
    ['PRECONDITION_FAILED', 422],
    ['INVALID_STATE', 422],
  ];
  for (const [code, status] of businessCases) {
    it(`maps the chaincode's ${code} to ${status.toString()} with the same code`, () => {
      const error = failed(classifyFabricFailure(endorseFailure(code), 'endorse'));
      expect(error.status).to.equal(status);
      expect(error.code).to.equal(code);
      expect(error.detail).to.equal('what went wrong');
      // What the client sent (an id it chose, names of properties) is not repeated; the reason is.
      expect(error.details).to.deep.equal({ reason: 'some_reason' });
      expect(error.transactionId).to.equal('tx-1');
    });
  }

  it('finds the envelope in an evaluation error message too', () => {
    const envelope = new Refusal('NOT_FOUND', 'no agreement with this id', { agreementId: 'x' }).message;
    const error = new GatewayError({
      code: GrpcStatus.UNKNOWN,
      message: `2 UNKNOWN: evaluate call to endorser returned error: chaincode response 500, ${envelope}`,
      details: [],
      cause: serviceError(GrpcStatus.UNKNOWN),
    });
    expect(failed(classifyFabricFailure(error, 'evaluate')).status).to.equal(404);
  });

  it('does not read prose: a chaincode error without an envelope is an endorsement failure', () => {
    const error = new EndorseError({
      code: GrpcStatus.ABORTED,
      details: [{ address: 'peer0', mspId: 'M', message: 'chaincode response 500, agreement not found' }],
      cause: serviceError(GrpcStatus.ABORTED),
      transactionId: 'tx-2',
    });
    const mapped = failed(classifyFabricFailure(error, 'endorse'));
    expect(mapped.code).to.equal('ENDORSEMENT_FAILED');
    expect(mapped.status).to.equal(502);
  });

  it('retries endorsements that differ because one peer has not committed the latest block yet', () => {
    const error = new EndorseError({
      code: GrpcStatus.ABORTED,
      details: [{ address: 'peer0:9051', mspId: 'P', message: 'ProposalResponsePayloads do not match' }],
      cause: serviceError(GrpcStatus.ABORTED),
      transactionId: 'tx-4',
    });
    expect(classifyFabricFailure(error, 'endorse')).to.deep.equal({
      kind: 'retry',
      reason: 'ENDORSEMENT_MISMATCH',
      transactionId: 'tx-4',
    });
  });

  it("retries a refusal only another organisation's peer gave (it lags a block), keeping the refusal as the last answer", () => {
    const refusal = new Refusal('INVALID_STATE', 'not allowed while the agreement is draft').message;
    const error = new EndorseError({
      code: GrpcStatus.ABORTED,
      details: [{ address: 'peer0:9051', mspId: 'P', message: `chaincode response 500, ${refusal}` }],
      cause: serviceError(GrpcStatus.ABORTED),
      transactionId: 'tx-5',
    });
    const failure = classifyFabricFailure(error, 'endorse', { ownMspId: 'M' });
    expect(failure).to.include({ kind: 'retry', reason: 'ENDORSEMENT_MISMATCH', transactionId: 'tx-5' });
    expect(failure.kind === 'retry' ? failure.lastAnswer?.code : undefined).to.equal('INVALID_STATE');
  });

  it("answers at once a refusal the organisation's own peer gave", () => {
    const refusal = new Refusal('INVALID_STATE', 'not allowed while the agreement is draft').message;
    const error = new EndorseError({
      code: GrpcStatus.ABORTED,
      details: [{ address: 'peer0:7051', mspId: 'M', message: `chaincode response 500, ${refusal}` }],
      cause: serviceError(GrpcStatus.ABORTED),
      transactionId: 'tx-6',
    });
    const failure = classifyFabricFailure(error, 'endorse', { ownMspId: 'M' });
    expect(failure.kind === 'fail' ? failure.error.code : failure.kind).to.equal('INVALID_STATE');
  });

  it('answers 503 with Retry-After when the peer is unavailable', () => {
    const error = new EndorseError({
      code: GrpcStatus.UNAVAILABLE,
      details: [],
      cause: serviceError(
        GrpcStatus.UNAVAILABLE,
        'No connection established. Last error: Error: connect ECONNREFUSED 127.0.0.1:7051',
      ),
      transactionId: 'tx-3',
    });
    const mapped = failed(classifyFabricFailure(error, 'endorse'));
    expect(mapped.status).to.equal(503);
    expect(mapped.code).to.equal('PEER_UNAVAILABLE');
    expect(mapped.retryAfterSeconds).to.be.greaterThan(0);
  });

  it("answers 429 when the peer's gateway is at its concurrency limit", () => {
    const error = new GatewayError({
      code: GrpcStatus.RESOURCE_EXHAUSTED,
      details: [],
      cause: serviceError(GrpcStatus.RESOURCE_EXHAUSTED),
    });
    const mapped = failed(classifyFabricFailure(error, 'evaluate'));
    expect(mapped.status).to.equal(429);
    expect(mapped.code).to.equal('PEER_BUSY');
    expect(mapped.retryAfterSeconds).to.equal(1);
  });

  it('answers 504 on a deadline, and says whether the write may still land', () => {
    const endorse = failed(
      classifyFabricFailure(
        new EndorseError({
          code: GrpcStatus.DEADLINE_EXCEEDED,
          details: [],
          cause: serviceError(GrpcStatus.DEADLINE_EXCEEDED),
          transactionId: 't',
        }),
        'endorse',
      ),
    );
    expect(endorse.status).to.equal(504);
    expect(endorse.details.outcome).to.equal('not_written');
    const commitStatus = failed(
      classifyFabricFailure(
        new CommitStatusError({
          code: GrpcStatus.DEADLINE_EXCEEDED,
          details: [],
          cause: serviceError(GrpcStatus.DEADLINE_EXCEEDED),
          transactionId: 't',
        }),
        'commit_status',
      ),
    );
    expect(commitStatus.status).to.equal(503);
    expect(commitStatus.code).to.equal('WRITE_OUTCOME_UNKNOWN');
    expect(commitStatus.details.outcome).to.equal('unknown');
    expect(commitStatus.retryAfterSeconds).to.be.greaterThan(0);
    expect(commitStatus.transactionId).to.equal('t');
  });

  it('a submit that ran out of time may still commit: 503 WRITE_OUTCOME_UNKNOWN with the transaction id', () => {
    const mapped = failed(
      classifyFabricFailure(
        new SubmitError({
          code: GrpcStatus.DEADLINE_EXCEEDED,
          details: [],
          cause: serviceError(GrpcStatus.DEADLINE_EXCEEDED),
          transactionId: 'tx-late',
        }),
        'submit',
      ),
    );
    expect([mapped.status, mapped.code, mapped.transactionId]).to.deep.equal([
      503,
      'WRITE_OUTCOME_UNKNOWN',
      'tx-late',
    ]);
    expect(mapped.retryAfterSeconds).to.be.greaterThan(0);
  });

  it('an ordering service without quorum or leader answers 503 ORDERING_UNAVAILABLE, not the peer', () => {
    for (const code of [GrpcStatus.UNAVAILABLE, GrpcStatus.ABORTED]) {
      const mapped = failed(
        classifyFabricFailure(
          new SubmitError({
            code,
            details: [
              {
                address: 'orderer0:7050',
                mspId: 'OrdererMSP',
                message:
                  'received unsuccessful response from orderer: status=SERVICE_UNAVAILABLE, info=no Raft leader',
              },
            ],
            cause: serviceError(code),
            transactionId: 'tx-o',
          }),
          'submit',
        ),
      );
      expect([mapped.status, mapped.code]).to.deep.equal([503, 'ORDERING_UNAVAILABLE']);
      expect(mapped.details.outcome).to.equal('not_written');
      expect(mapped.retryAfterSeconds).to.be.greaterThan(0);
    }
  });

  /** Every way another organisation's peer turns out to be missing. */
  const unreachableEndorsers: readonly {
    readonly what: string;
    readonly code: GrpcStatus;
    readonly details?: ErrorDetail[];
    /** What the peer's own message says. */
    readonly said?: string;
    readonly asked?: FailureContext;
    readonly organisations: readonly string[];
  }[] = [
    {
      what: 'an endorsement aborted because the other peer refused the connection',
      code: GrpcStatus.ABORTED,
      details: [
        {
          address: '127.0.0.1:9051',
          mspId: 'PlacementSiteMSP',
          message:
            'rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp 127.0.0.1:9051: connect: connection refused"',
        },
      ],
      organisations: ['PlacementSiteMSP'],
    },
    {
      what: 'no set of peers able to endorse (FAILED_PRECONDITION)',
      code: GrpcStatus.FAILED_PRECONDITION,
      organisations: [],
    },
    {
      what: 'discovery dropped the stopped peer, and the peer names its organisation only in its message',
      code: GrpcStatus.FAILED_PRECONDITION,
      said: 'failed to find any endorsing peers for org(s): PlacementSiteMSP',
      asked: { ownMspId: 'MunicipalityMSP', endorsingOrganisations: ['MunicipalityMSP', 'ConsultancyMSP'] },
      organisations: ['PlacementSiteMSP'],
    },
    {
      what: 'the peer names no organisation: the endorsers the write named, other than the own one',
      code: GrpcStatus.FAILED_PRECONDITION,
      said: 'no combination of peers can be derived',
      asked: { ownMspId: 'MunicipalityMSP', endorsingOrganisations: ['MunicipalityMSP', 'PlacementSiteMSP'] },
      organisations: ['PlacementSiteMSP'],
    },
    {
      what: 'UNAVAILABLE sent by the own peer about another',
      code: GrpcStatus.UNAVAILABLE,
      details: [{ address: '127.0.0.1:9051', mspId: 'PlacementSiteMSP', message: 'endorser unavailable' }],
      said: 'failed to endorse transaction',
      organisations: ['PlacementSiteMSP'],
    },
    {
      // Another host cut off by the network does not refuse; the own peer waits for it until the deadline.
      what: "an endorsement past its deadline while another organisation's peer was asked",
      code: GrpcStatus.DEADLINE_EXCEEDED,
      asked: {
        ownMspId: 'PlacementSiteMSP',
        endorsingOrganisations: ['MunicipalityMSP', 'PlacementSiteMSP'],
      },
      organisations: ['MunicipalityMSP'],
    },
  ];
  for (const { what, code, details = [], said, asked, organisations } of unreachableEndorsers) {
    it(`${what}: 503 ENDORSER_UNAVAILABLE naming [${organisations.join(', ')}], with Retry-After`, () => {
      const error = new EndorseError({
        code,
        details,
        cause: serviceError(code, said),
        transactionId: 'tx-e',
      });
      const mapped = failed(classifyFabricFailure(error, 'endorse', asked));
      expect([mapped.status, mapped.code]).to.deep.equal([503, 'ENDORSER_UNAVAILABLE']);
      expect(mapped.details.organisations).to.deep.equal(organisations);
      expect(mapped.retryAfterSeconds).to.be.greaterThan(0);
    });
  }

  it('maps a failed submit to 502 with the transaction id', () => {
    const error = new SubmitError({
      code: GrpcStatus.INTERNAL,
      details: [],
      cause: serviceError(GrpcStatus.INTERNAL),
      transactionId: 'tx-4',
    });
    const mapped = failed(classifyFabricFailure(error, 'submit'));
    expect(mapped.code).to.equal('SUBMIT_FAILED');
    expect(mapped.status).to.equal(502);
    expect(mapped.transactionId).to.equal('tx-4');
  });

  it('retries MVCC and phantom read conflicts, and fails other invalid commits', () => {
    const mvcc = new CommitError({ code: StatusCode.MVCC_READ_CONFLICT, transactionId: 'tx-5' });
    expect(classifyFabricFailure(mvcc, 'commit')).to.deep.equal({
      kind: 'retry',
      reason: 'MVCC_READ_CONFLICT',
      transactionId: 'tx-5',
    });
    const phantom = new CommitError({ code: StatusCode.PHANTOM_READ_CONFLICT, transactionId: 'tx-6' });
    expect(classifyFabricFailure(phantom, 'commit').kind).to.equal('retry');
    // A concurrent transaction in the block re-set the key-level policy: also cured by a re-run.
    const policy = new CommitError({ code: StatusCode.ENDORSEMENT_POLICY_FAILURE, transactionId: 'tx-7' });
    expect(classifyFabricFailure(policy, 'commit').kind).to.equal('retry');
    const badPayload = new CommitError({ code: StatusCode.BAD_PAYLOAD, transactionId: 'tx-8' });
    const mapped = failed(classifyFabricFailure(badPayload, 'commit'));
    expect(mapped.code).to.equal('COMMIT_FAILED');
    expect(mapped.status).to.equal(502);
    expect(mapped.details.validationStatus).to.equal('BAD_PAYLOAD');
  });

  it('passes ApiErrors through and turns anything else into INTERNAL without its message', () => {
    const own = new ApiError({ code: 'TOO_MANY_IN_FLIGHT' });
    expect(failed(classifyFabricFailure(own, 'endorse'))).to.equal(own);
    const mapped = failed(classifyFabricFailure(new TypeError('secret detail'), 'evaluate'));
    expect(mapped.code).to.equal('INTERNAL');
    expect(mapped.status).to.equal(500);
    expect(JSON.stringify(mapped.toProblem())).not.to.contain('secret detail');
  });
});
