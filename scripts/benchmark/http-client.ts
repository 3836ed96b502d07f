/**
 * The REST side's HTTP client: Node's own `http`/`https` with a keep-alive agent, one connection per worker held open
 * between requests — what a load generator (autocannon, k6, JMeter) does, and cheaper on the client's CPU than
 * `fetch`, whose WHATWG streams and header objects cost about as much per request as the gateway's own work. On a
 * machine where client, gateway and peer share the cores, the client's CPU is taken from the side it measures.
 */
import * as http from 'node:http';
import * as https from 'node:https';

/** A response: its status and its body as text. */
export interface HttpAnswer {
  readonly status: number;
  readonly text: string;
  readonly headers: http.IncomingHttpHeaders;
}

/** Keep-alive requests to one origin. */
export class PooledHttpClient {
  readonly #origin: URL;
  readonly #agent: http.Agent;
  readonly #request: typeof http.request;

  constructor(baseUrl: string) {
    this.#origin = new URL(baseUrl);
    const secure = this.#origin.protocol === 'https:';
    // No socket limit: a closed loop of n workers opens n connections once and reuses them ('lifo' keeps the
    // warm ones busy).
    const options = { keepAlive: true, scheduling: 'lifo' as const };
    this.#agent = secure ? new https.Agent(options) : new http.Agent(options);
    this.#request = secure ? https.request : http.request;
  }

  /** Sends one request; resolves with the whole answer (any status), rejects only on a transport failure. */
  send(
    method: string,
    path: string,
    headers: Readonly<Record<string, string>>,
    body?: string,
  ): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const request = this.#request(
        {
          protocol: this.#origin.protocol,
          hostname: this.#origin.hostname,
          port: this.#origin.port,
          method,
          path,
          agent: this.#agent,
          headers:
            body === undefined
              ? headers
              : { ...headers, 'content-length': Buffer.byteLength(body).toString() },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            resolve({
              status: response.statusCode ?? 0,
              text: Buffer.concat(chunks).toString('utf8'),
              headers: response.headers,
            });
          });
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  /** Closes the pooled connections. */
  close(): void {
    this.#agent.destroy();
  }
}
