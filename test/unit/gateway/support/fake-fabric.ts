import type { Network } from '@hyperledger/fabric-gateway';
import type {
  FabricClient,
  SubmitResult,
  TransactionRequest,
} from '../../../../gateway/src/fabric/fabric-client';
import type { SigningUser } from '../../../../gateway/src/fabric/signing-user';

/** One call the gateway made to the ledger. */
export interface RecordedCall {
  readonly kind: 'evaluate' | 'submit';
  readonly user: string;
  readonly request: TransactionRequest;
}

/** The organisation registry every fake domain has unless a test answers GetRegistry itself. */
export const FAKE_REGISTRY = {
  municipality: { mspId: 'MunicipalityMSP', kind: 'municipality' },
  providers: [
    { mspId: 'PlacementSiteMSP', kind: 'placement_site' },
    { mspId: 'ConsultancyMSP', kind: 'consultancy' },
  ],
  delegationRule: null,
};

/** Answers a transaction with a JSON-serialisable result, or throws. */
export type FakeAnswer = (request: TransactionRequest) => unknown;

/** A {@link FabricClient} without a network: records calls and answers from a table keyed by transaction name. */
export class FakeFabric implements FabricClient {
  readonly calls: RecordedCall[] = [];
  /** The calls that wrote (submits), in order. */
  get submits(): RecordedCall[] {
    return this.calls.filter((call) => call.kind === 'submit');
  }

  readonly answers = new Map<string, FakeAnswer>();
  reachable = true;
  #transactions = 0;

  evaluate(user: SigningUser, request: TransactionRequest): Promise<Uint8Array> {
    this.calls.push({ kind: 'evaluate', user: user.key, request });
    return Promise.resolve().then(() => this.#answer(request));
  }

  submit(user: SigningUser, request: TransactionRequest): Promise<SubmitResult> {
    this.calls.push({ kind: 'submit', user: user.key, request });
    return Promise.resolve().then(() => {
      const result = this.#answer(request);
      this.#transactions++;
      return {
        result,
        transactionId: `tx-${this.#transactions.toString()}`,
        blockNumber: 41n + BigInt(this.#transactions),
        attempts: 1,
      };
    });
  }

  network(): Network {
    throw new Error('no event streams in unit tests');
  }

  isPeerReachable(): Promise<boolean> {
    return Promise.resolve(this.reachable);
  }

  close(): void {
    // Nothing to close.
  }

  #answer(request: TransactionRequest): Uint8Array {
    const answer = this.answers.get(request.transaction);
    const value =
      answer === undefined
        ? request.transaction === 'OrganisationContract:GetRegistry'
          ? FAKE_REGISTRY
          : {}
        : answer(request);
    return Buffer.from(JSON.stringify(value));
  }
}
