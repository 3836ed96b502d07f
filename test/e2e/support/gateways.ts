/**
 * HTTP access to the running REST gateways for end-to-end tests: the gateways' addresses, bearer tokens from the
 * development identity provider, one request function, and the checks every error response must pass.
 */
import { expect } from 'chai';
import { type DevAccessToken, fetchDevAccessToken } from 'dev-identity-provider/dev-token';
import { responseChecker } from './response-check';
import { gatewayUrl, readTopology } from '../../../scripts/lib/topology-reader.cjs';

export type GatewayOrg = 'municipality' | 'placement' | 'consultancy';

/** The gateways' base URLs (ports from network/topology.json); `E2E_<ORG>_URL` overrides one. */
const topology = readTopology();
export const GATEWAY_URL: Readonly<Record<GatewayOrg, string>> = {
  municipality: process.env.E2E_MUNICIPALITY_URL ?? gatewayUrl(topology, 'municipality'),
  placement: process.env.E2E_PLACEMENT_URL ?? gatewayUrl(topology, 'placement'),
  consultancy: process.env.E2E_CONSULTANCY_URL ?? gatewayUrl(topology, 'consultancy'),
};

/** The development identity provider (packages/dev-identity-provider). */
export const OIDC_ISSUER = (process.env.DEV_OIDC_ISSUER ?? 'http://localhost:4000').replace(/\/$/, '');

/** The story's people and the organisation (gateway) each belongs to (network/users.json). */
export const PEOPLE = {
  sara: 'municipality',
  mads: 'municipality',
  lene: 'municipality',
  jonas: 'municipality',
  anne: 'municipality',
  birthe: 'municipality',
  karin: 'placement',
  ole: 'consultancy',
} as const satisfies Readonly<Record<string, GatewayOrg>>;
export type PersonName = keyof typeof PEOPLE;

/** The domain (channel) the tests play on. */
export const DOMAIN = 'placements';

const tokens = new Map<PersonName, DevAccessToken>();

/**
 * The identity provider of the person's organisation: `E2E_<ORG>_OIDC_ISSUER` when set (with each organisation on
 * its own host, each has its own), else the one development provider.
 */
function issuerOf(user: PersonName): string {
  const own = process.env[`E2E_${PEOPLE[user].toUpperCase()}_OIDC_ISSUER`];
  return own === undefined || own === '' ? OIDC_ISSUER : own.replace(/\/$/, '');
}

/**
 * A bearer token for `user` from the development provider's client-credentials grant (each user is a confidential
 * client with secret `<name>-dev-secret`); cached until a minute before it expires.
 */
export async function tokenFor(user: PersonName): Promise<string> {
  const cached = tokens.get(user);
  if (cached !== undefined && cached.expiresAt - 60_000 > Date.now()) {
    return cached.token;
  }
  const fresh = await fetchDevAccessToken(issuerOf(user), user);
  tokens.set(user, fresh);
  return fresh.token;
}

/** What a test sends. */
export interface RequestOptions {
  /** Authenticate as this person (token from the development provider). */
  readonly as?: PersonName;
  /** Or send exactly this `Authorization` header value. */
  readonly authorization?: string;
  /** A JSON body (serialised here, `content-type: application/json`). */
  readonly json?: unknown;
  /** Or a raw body, sent as is with the given headers. */
  readonly raw?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What a test gets back: status, headers, the parsed body (if JSON) and the raw text. */
export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  readonly text: string;
}

/** One request to a gateway. `path` starts with `/`. */
export async function call(
  org: GatewayOrg,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse> {
  // A connection of its own: a test that blocks the event loop for a while (the operations tests run scripts with
  // execFileSync) would otherwise send its next request on a pooled connection the gateway had closed meanwhile,
  // before undici has seen the close ("other side closed").
  const headers: Record<string, string> = { connection: 'close', ...options.headers };
  if (options.as !== undefined) {
    headers.authorization = `Bearer ${await tokenFor(options.as)}`;
  } else if (options.authorization !== undefined) {
    headers.authorization = options.authorization;
  }
  let body: string | undefined = options.raw;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${GATEWAY_URL[org]}${path}`, { method, headers, body });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  const parsed = contentType.includes('json') && text !== '' ? (JSON.parse(text) as unknown) : undefined;
  const checker = await responseChecker(GATEWAY_URL[org]);
  expect(
    checker.issues(method, path, response.status, contentType, parsed),
    `${method} ${path} → ${response.status.toString()} as the OpenAPI document describes it`,
  ).to.deep.equal([]);
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/** `call` as the person, on the person's own organisation's gateway. */
export function callAs(
  user: PersonName,
  method: string,
  path: string,
  options: Omit<RequestOptions, 'as'> = {},
): Promise<ApiResponse> {
  return call(PEOPLE[user], method, path, { ...options, as: user });
}

/** A path under the test domain: `domainPath('/agreements')` → `/api/v1/placements/agreements`. */
export function domainPath(path: string): string {
  return `/api/v1/${DOMAIN}${path}`;
}

/** The RFC 9457 envelope every error response carries (gateway/src/errors/api-error.ts). */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly requestId?: string;
  readonly transactionId?: string;
}

const PROBLEM_KEYS = ['type', 'title', 'status', 'code', 'detail', 'details', 'requestId', 'transactionId'];

/**
 * Asserts that `response` is the error `status`/`code` in the one envelope every error has: problem+json, exactly
 * the envelope's fields, `type` derived from the code, the request id echoed from the header, and no stack trace.
 * @returns the problem document.
 */
export function expectProblem(response: ApiResponse, status: number, code: string): Problem {
  const context = `${response.status} ${response.text.slice(0, 500)}`;
  expect(response.status, context).to.equal(status);
  expect(response.headers.get('content-type'), context).to.match(/^application\/problem\+json/);
  expect(response.headers.get('cache-control'), context).to.equal('no-store');
  const problem = response.body as Problem;
  expect(problem, context).to.be.an('object');
  expect(
    Object.keys(problem).filter((key) => !PROBLEM_KEYS.includes(key)),
    context,
  ).to.deep.equal([]);
  expect(problem.code, context).to.equal(code);
  expect(problem.status, context).to.equal(status);
  expect(problem.type, context).to.equal(`urn:fabric-agreements:error:${code}`);
  expect(problem.title, context).to.be.a('string').and.not.equal('');
  expect(problem.detail, context).to.be.a('string');
  expect(problem.details, context).to.be.an('object');
  expect(problem.requestId, context).to.be.a('string').and.equal(response.headers.get('x-request-id'));
  expect(response.text, 'no stack trace in an error body').not.to.match(
    /\bat .+\(.*:\d+:\d+\)|\.ts:\d+|stack/i,
  );
  return problem;
}

/** Waits until the gateway's readiness check passes (after a start or restart). */
export async function waitUntilReady(org: GatewayOrg, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`${GATEWAY_URL[org]}/readyz`);
      await response.body?.cancel();
      if (response.status === 200) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      throw new Error(`the ${org} gateway did not become ready within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
