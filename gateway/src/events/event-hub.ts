/** A chaincode event as the gateway passes it on (SSE, webhooks): ids and statuses only, never personal data. */
export interface LedgerEvent {
  /** `<blockNumber>.<transactionId>`: unique, as a transaction emits at most one event. */
  readonly id: string;
  readonly domain: string;
  readonly blockNumber: string;
  readonly transactionId: string;
  /** The chaincode's event type, e.g. `AgreementSigned`. */
  readonly type: string;
  readonly payload: unknown;
}

type Subscriber = (event: LedgerEvent) => void;

/**
 * Fans events of one domain out to live subscribers and keeps the most recent ones, so that a client reconnecting
 * with `Last-Event-ID` gets what it missed while the gateway was running.
 */
export class EventHub {
  readonly #capacity: number;
  readonly #recent: LedgerEvent[] = [];
  readonly #subscribers = new Set<Subscriber>();

  constructor(capacity = 1000) {
    this.#capacity = capacity;
  }

  publish(event: LedgerEvent): void {
    this.#recent.push(event);
    if (this.#recent.length > this.#capacity) {
      this.#recent.shift();
    }
    for (const subscriber of this.#subscribers) {
      subscriber(event);
    }
  }

  /**
   * Events after `lastEventId` still held (all held ones if it is unknown or absent), then every new one.
   * @returns a function that ends the subscription.
   */
  subscribe(subscriber: Subscriber, lastEventId?: string): () => void {
    const index =
      lastEventId === undefined ? -1 : this.#recent.findIndex((event) => event.id === lastEventId);
    const backlog = lastEventId === undefined ? [] : this.#recent.slice(index + 1);
    for (const event of backlog) {
      subscriber(event);
    }
    this.#subscribers.add(subscriber);
    return () => this.#subscribers.delete(subscriber);
  }

  get subscriberCount(): number {
    return this.#subscribers.size;
  }
}
