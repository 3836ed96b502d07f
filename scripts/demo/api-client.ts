/**
 * A minimal client of one organisation's REST gateway, as a caseworker's or provider's system would write it: an
 * OAuth2 client-credentials token (refreshed before it expires), JSON in and out, an `Idempotency-Key` on every
 * write, and retries — with the same key — of the answers the API marks as transient.
 */
import { randomUUID } from 'node:crypto';
import { fetchClientCredentialsToken } from 'dev-identity-provider/dev-token';
import { type ConsistencyTokens, MIN_BLOCK_HEADER } from './consistency-tokens';

/** The gateway's answer to a write: the Fabric transaction and what it wrote. */
export interface Written<T> {
  readonly transactionId: string;
  readonly blockNumber: string;
  readonly data: T;
}

/** An RFC 9457 problem document the gateway answered with; `code` is the stable error code. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly requestId: string | undefined;

  constructor(
    method: string,
    path: string,
    problem: { status: number; code: string; details?: Record<string, unknown>; requestId?: string },
  ) {
    super(`${method} ${path}: ${problem.status.toString()} ${problem.code}`);
    this.name = 'ApiProblem';
    this.status = problem.status;
    this.code = problem.code;
    this.details = problem.details ?? {};
    this.requestId = problem.requestId;
  }
}

/** Where a person's system finds the gateway and the identity provider, and who the person is. */
export interface ApiClientOptions {
  /** The organisation's gateway, e.g. `http://localhost:3000`. */
  readonly baseUrl: URL;
  /** The identity provider's token endpoint. */
  readonly tokenUrl: URL;
  /** OAuth2 client id and secret of the person (the development provider has one client per person). */
  readonly clientId: string;
  readonly clientSecret: string;
  /** How long transient failures of one call are retried before it gives up (default 30 s: a gateway restart). */
  readonly retryForMs?: number;
  /**
   * The `Fabric-Min-Block` tokens this client shares with the systems it hands writes to: it sends them with every
   * request and adds those of its own writes, so a read never answers from before a write it was told of.
   */
  readonly consistency?: ConsistencyTokens;
}

/** Codes worth retrying with the same idempotency key: nothing was written, or the write is safe to re-run. */
const TRANSIENT_CODES = new Set([
  'COMMIT_CONFLICT',
  'ENDORSEMENT_FAILED',
  'SUBMIT_FAILED',
  'PEER_UNAVAILABLE',
  'PEER_BUSY',
  'TOO_MANY_IN_FLIGHT',
  'RATE_LIMITED',
  'SHUTTING_DOWN',
  'IDEMPOTENCY_IN_PROGRESS',
  'IDENTITY_PROVIDER_UNAVAILABLE',
  'FABRIC_TIMEOUT',
  'ENDORSER_UNAVAILABLE',
  'ORDERING_UNAVAILABLE',
  // This organisation's peer has not yet committed the block the request named.
  'PEER_BEHIND',
  // Safe to re-send with the same key: the gateway answers a committed write with its result.
  'WRITE_OUTCOME_UNKNOWN',
]);
const TOKEN_MARGIN_MS = 30_000;

/** One person's connection to their organisation's gateway. */
export class ApiClient {
  readonly #options: Readonly<ApiClientOptions>;
  #token: { value: string; expiresAt: number } | undefined;

  constructor(options: Readonly<ApiClientOptions>) {
    this.#options = options;
  }

  /**
   * `GET path` and its JSON body.
   * @throws {@link ApiProblem} for an error answer that is not transient, or still transient after every attempt.
   */
  async get<T>(path: string): Promise<T> {
    return (await this.#call('GET', path, undefined)) as T;
  }

  /** `POST path` with a JSON body (or none) and a fresh idempotency key. @throws {@link ApiProblem} */
  async post<T>(path: string, body?: unknown): Promise<T> {
    return (await this.#call('POST', path, body, randomUUID())) as T;
  }

  /** `PUT path` with a JSON body. @throws {@link ApiProblem} */
  async put<T>(path: string, body: unknown): Promise<T> {
    return (await this.#call('PUT', path, body)) as T;
  }

  async #call(method: string, path: string, body: unknown, idempotencyKey?: string): Promise<unknown> {
    const giveUpAt = Date.now() + (this.#options.retryForMs ?? 30_000);
    for (let attempt = 1; ; attempt++) {
      const lastAttempt = Date.now() >= giveUpAt;
      let response: Response;
      try {
        response = await this.#send(method, path, body, idempotencyKey);
      } catch (error) {
        // The gateway is restarting or briefly unreachable.
        if (lastAttempt) throw error;
        await sleep(backoffMs(attempt));
        continue;
      }
      const text = await response.text();
      if (response.ok) {
        this.#options.consistency?.remember(response.headers.get(MIN_BLOCK_HEADER));
        return text === '' ? undefined : (JSON.parse(text) as unknown);
      }
      const problem = new ApiProblem(method, path, parseProblem(response.status, text));
      const waitMs = retryDelayMs(problem.code, response, attempt);
      if (waitMs === undefined || lastAttempt) throw problem;
      if (problem.code === 'TOKEN_EXPIRED') this.#token = undefined;
      await sleep(waitMs);
    }
  }

  /** One request with the person's token, the idempotency key and the shared consistency tokens. */
  async #send(method: string, path: string, body: unknown, idempotencyKey?: string): Promise<Response> {
    const minBlocks = this.#options.consistency?.header();
    return fetch(new URL(path, this.#options.baseUrl), {
      method,
      headers: {
        authorization: `Bearer ${await this.#accessToken()}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }),
        ...(minBlocks === undefined ? {} : { [MIN_BLOCK_HEADER]: minBlocks }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  async #accessToken(): Promise<string> {
    if (this.#token !== undefined && Date.now() < this.#token.expiresAt - TOKEN_MARGIN_MS) {
      return this.#token.value;
    }
    const { clientId, clientSecret, tokenUrl } = this.#options;
    const { token, expiresAt } = await fetchClientCredentialsToken(tokenUrl, clientId, clientSecret);
    this.#token = { value: token, expiresAt };
    return token;
  }
}

function parseProblem(
  status: number,
  text: string,
): { status: number; code: string; details?: Record<string, unknown>; requestId?: string } {
  try {
    const body = JSON.parse(text) as {
      code?: unknown;
      details?: Record<string, unknown>;
      requestId?: string;
    };
    if (typeof body.code === 'string') {
      return { ...body, status, code: body.code };
    }
  } catch {
    // not a problem document; fall through
  }
  return { status, code: `HTTP_${status.toString()}` };
}

/**
 * How long to wait before trying an error answer again (with the same idempotency key), or `undefined` when it is
 * final: at once with a new token after TOKEN_EXPIRED; a transient one after its `Retry-After` (at most 5 s), else
 * after a growing back-off.
 */
function retryDelayMs(code: string, response: Response, attempt: number): number | undefined {
  if (code === 'TOKEN_EXPIRED') return 0;
  if (!TRANSIENT_CODES.has(code)) return undefined;
  const retryAfter = Number(response.headers.get('retry-after') ?? NaN);
  return Number.isFinite(retryAfter) ? Math.min(retryAfter * 1000, 5_000) : backoffMs(attempt);
}

function backoffMs(attempt: number): number {
  return Math.min(250 * 2 ** attempt, 4_000);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
