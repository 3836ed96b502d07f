/**
 * A small Server-Sent Events client over fetch for end-to-end tests: it keeps every message of one connection and
 * lets a test wait (bounded) until the messages it expects have arrived or the server has ended the stream.
 */
import {
  domainPath,
  GATEWAY_URL,
  type GatewayOrg,
  type PersonName,
  tokenFor,
  waitUntilReady,
} from './gateways';

/** One SSE message (comments and heartbeats are not messages). */
export interface SseMessage {
  readonly id: string | undefined;
  readonly event: string;
  readonly data: string;
}

/** What to connect with. */
export interface SseOptions {
  readonly as: PersonName;
  /** Resume after this event (sent as the `Last-Event-ID` header). */
  readonly lastEventId?: string;
  /** Query string, e.g. `types=AgreementDrafted`. */
  readonly query?: string;
}

/** One connection to an event stream. */
export class SseConnection {
  /** Every message received, in order. */
  readonly messages: SseMessage[] = [];
  readonly #abort = new AbortController();
  #ended = false;
  #failure: unknown;
  #connected = false;
  readonly #finished: Promise<void>;

  private constructor(body: ReadableStream<Uint8Array>) {
    this.#finished = this.#read(body);
  }

  /**
   * Opens the stream at `path` on `org`'s gateway and waits for the response headers.
   * @throws Error if the gateway does not answer 200 with `text/event-stream`.
   */
  static async open(org: GatewayOrg, path: string, options: SseOptions): Promise<SseConnection> {
    const headers: Record<string, string> = {
      accept: 'text/event-stream',
      authorization: `Bearer ${await tokenFor(options.as)}`,
    };
    if (options.lastEventId !== undefined) {
      headers['last-event-id'] = options.lastEventId;
    }
    const url = `${GATEWAY_URL[org]}${path}${options.query === undefined ? '' : `?${options.query}`}`;
    const abort = new AbortController();
    const response = await fetch(url, { headers, signal: abort.signal });
    if (
      response.status !== 200 ||
      !(response.headers.get('content-type') ?? '').startsWith('text/event-stream')
    ) {
      const text = await response.text();
      throw new Error(`event stream refused: HTTP ${response.status} ${text.slice(0, 300)}`);
    }
    if (response.body === null) {
      throw new Error('event stream without a body');
    }
    const connection = new SseConnection(response.body);
    connection.#abort.signal.addEventListener('abort', () => {
      abort.abort();
    });
    return connection;
  }

  /** Whether the server has sent its opening comment (the subscription is in place). */
  get connected(): boolean {
    return this.#connected;
  }

  /** Whether the server has ended the stream. */
  get ended(): boolean {
    return this.#ended;
  }

  /** The id of the last message received. */
  get lastEventId(): string | undefined {
    for (let i = this.messages.length - 1; i >= 0; i--) {
      const id = this.messages[i]?.id;
      if (id !== undefined) return id;
    }
    return undefined;
  }

  /**
   * Waits until `condition` holds (checked after each message and when the stream ends).
   * @throws Error when `timeoutMs` passes first, or the stream ends or fails without the condition holding.
   */
  async waitFor(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (this.#failure !== undefined) {
        throw new Error(`event stream failed while waiting for ${what}`, { cause: this.#failure });
      }
      if (this.#ended) {
        throw new Error(`event stream ended while waiting for ${what}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`no ${what} within ${timeoutMs} ms (${this.messages.length} messages so far)`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Waits until the server ends the stream (e.g. the gateway shuts down). */
  async waitForEnd(timeoutMs = 60_000): Promise<void> {
    await Promise.race([
      this.#finished,
      new Promise((_resolve, reject) =>
        setTimeout(() => {
          reject(new Error(`the event stream did not end within ${timeoutMs} ms`));
        }, timeoutMs).unref(),
      ),
    ]);
  }

  /** Closes the connection from the client's side. */
  close(): void {
    this.#abort.abort();
  }

  async #read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true }).replace(/\r\n?/g, '\n');
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          this.#frame(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
      }
    } catch (error) {
      if (!this.#abort.signal.aborted) {
        // A gateway going away mid-stream is an end, not a test failure; anything else is kept.
        if (!(error instanceof TypeError)) {
          this.#failure = error;
        }
      }
    } finally {
      this.#ended = true;
    }
  }

  /** One frame: `field: value` lines; a frame of comments only is a heartbeat or the opening comment. */
  #frame(frame: string): void {
    let id: string | undefined;
    let event = 'message';
    const data: string[] = [];
    for (const line of frame.split('\n')) {
      if (line.startsWith(':')) {
        this.#connected = true;
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) {
      this.messages.push({ id, event, data: data.join('\n') });
    }
  }
}

/**
 * Karin's (the placement site's) stream of `types`, opened once both parties' gateways are ready and connected: what
 * the provider is told of the municipality's acts.
 */
export async function placementSiteStream(types: readonly string[]): Promise<SseConnection> {
  for (const org of ['municipality', 'placement'] as const) await waitUntilReady(org);
  const stream = await SseConnection.open('placement', domainPath('/events'), {
    as: 'karin',
    query: `types=${types.join(',')}`,
  });
  await stream.waitFor(() => stream.connected, 'the opening comment');
  return stream;
}
