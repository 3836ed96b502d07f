import type { ChaincodeEvent, CloseableAsyncIterable, Network } from '@hyperledger/fabric-gateway';
import { randomBytes } from 'node:crypto';
import type { FabricClient, SubmitResult, TransactionRequest } from 'agreements-gateway/fabric/fabric-client';
import type { SigningUser } from 'agreements-gateway/fabric/signing-user';

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
  /** What `blockHeight` answers: the peer has committed every block below it. */
  height = 100n;
  /** How often the height was read. */
  heightLooks = 0;
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

  blockHeight(): Promise<bigint> {
    this.heightLooks++;
    return Promise.resolve(this.height);
  }

  /** Open fake event subscriptions; {@link emit} feeds every one. */
  readonly #subscribers = new Set<(event: ChaincodeEvent | undefined) => void>();

  /** Delivers a chaincode event to every open event stream. */
  emit(eventName: string, payload: unknown, blockNumber = 1n): void {
    const event: ChaincodeEvent = {
      blockNumber,
      transactionId: randomBytes(32).toString('hex'),
      chaincodeName: 'agreements',
      eventName,
      payload: Buffer.from(JSON.stringify(payload)),
    };
    for (const subscriber of this.#subscribers) {
      subscriber(event);
    }
  }

  /** How many event subscriptions are open. */
  get subscriptions(): number {
    return this.#subscribers.size;
  }

  network(): Network {
    const subscribers = this.#subscribers;
    const getChaincodeEvents = (): Promise<CloseableAsyncIterable<ChaincodeEvent>> => {
      const queue: (ChaincodeEvent | undefined)[] = [];
      let wake: (() => void) | undefined;
      const push = (event: ChaincodeEvent | undefined): void => {
        queue.push(event);
        wake?.();
      };
      subscribers.add(push);
      const close = (): void => {
        subscribers.delete(push);
        push(undefined);
      };
      return Promise.resolve({
        close,
        [Symbol.dispose]: close,
        async *[Symbol.asyncIterator]() {
          for (;;) {
            if (queue.length === 0) {
              await new Promise<void>((resolve) => (wake = resolve));
            }
            const next = queue.shift();
            if (next === undefined) {
              return;
            }
            yield next;
          }
        },
      });
    };
    return { getChaincodeEvents } as unknown as Network;
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
