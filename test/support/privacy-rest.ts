/**
 * The organisations' REST gateways as the story's people call them: a token from the development identity
 * provider, then the personal-data routes. Used by the privacy proofs so that the gateways' own processes (and
 * their logs) handle the canaries too.
 */
import { type DevAccessToken, fetchDevAccessToken } from 'dev-identity-provider/dev-token';
import { organisation, type OrgKey, topology } from './network';
import { CHANNEL } from './privacy-data';
import { ConsistencyTokens, MIN_BLOCK_HEADER } from '../../scripts/demo/consistency-tokens';

const ISSUER = process.env.DEV_OIDC_ISSUER ?? 'http://localhost:4000';
const TIMEOUT_MS = 60_000;

interface PeerOrganisationWithGateway {
  readonly gatewayPort?: number;
}

/** The base URL of an organisation's REST gateway (`gatewayPort` of network/topology.json). */
export function gatewayUrl(org: OrgKey): string {
  const port = (organisation(org) as PeerOrganisationWithGateway).gatewayPort;
  if (port === undefined) throw new Error(`network/topology.json gives ${org} no gatewayPort`);
  return `http://${topology.host}:${port}`;
}

/** An HTTP answer: status and parsed JSON body (or the text if it is not JSON). */
export interface RestAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
}

const tokens = new Map<string, DevAccessToken>();
/**
 * The `Fabric-Min-Block` of every write made through any gateway, sent with every later call: a read through one
 * organisation's gateway right after a write through another's (a provider's logged read, then the guardian's view
 * of the access log) answers from at least that write's block.
 */
const consistency = new ConsistencyTokens();

/** A bearer token for a person of the story from the development identity provider, reused until near expiry. */
export async function tokenFor(user: string): Promise<string> {
  let cached = tokens.get(user);
  if (cached === undefined || cached.expiresAt < Date.now() + 60_000) {
    cached = await fetchDevAccessToken(ISSUER, user);
    tokens.set(user, cached);
  }
  return cached.token;
}

/** Calls a gateway route as `user` of `org` (with `requestId` as its `X-Request-Id`, which the gateway logs). */
export async function call(
  org: OrgKey,
  user: string,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
  requestId?: string,
): Promise<RestAnswer> {
  const minBlocks = consistency.header();
  const response = await fetch(`${gatewayUrl(org)}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await tokenFor(user)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(requestId === undefined ? {} : { 'x-request-id': requestId }),
      ...(minBlocks === undefined ? {} : { [MIN_BLOCK_HEADER]: minBlocks }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  consistency.remember(response.headers.get(MIN_BLOCK_HEADER));
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    // Not JSON: keep the text.
  }
  return { status: response.status, body: parsed, text };
}

/**
 * Fails with a clear message unless the identity provider and the REST gateways of `orgs` answer and are ready:
 * the privacy proofs write through them on purpose, so an unreachable gateway is an error, not a reason to skip.
 * @throws Error naming what is not reachable and how to start it.
 */
export async function requireGateways(orgs: readonly OrgKey[]): Promise<void> {
  const problems: string[] = [];
  for (const org of orgs) {
    try {
      const response = await fetch(`${gatewayUrl(org)}/readyz`, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) problems.push(`${org} gateway ${gatewayUrl(org)}/readyz answered ${response.status}`);
    } catch (error) {
      problems.push(`${org} gateway ${gatewayUrl(org)} is not reachable (${String(error)})`);
    }
  }
  try {
    await tokenFor('sara');
  } catch (error) {
    problems.push(`identity provider ${ISSUER}: ${String(error)}`);
  }
  if (problems.length > 0) {
    throw new Error(
      `the REST gateways are required for this proof (start them: bash scripts/gateway.sh start):\n${problems.join('\n')}`,
    );
  }
}

const childPath = (pseudonym: string): string => `/api/v1/${CHANNEL}/children/${pseudonym}`;

/** Stores the shared record (municipal staff, through the municipality's gateway). */
export function putShared(pseudonym: string, providerMspId: string, record: object, user = 'sara') {
  return call(
    'municipality',
    user,
    'PUT',
    `${childPath(pseudonym)}/personal-data/shared/${providerMspId}`,
    record,
  );
}

/** Stores the municipality's own record (CPR number, case facts). */
/**
 * The child's pseudonym for a CPR number from the municipality's gateway: an audited lookup (recorded on the
 * ledger with the purpose before it answers), as the municipal record of a child must carry that child's number.
 */
export async function pseudonymOf(cpr: string, user = 'sara', purpose = 'case_handling'): Promise<string> {
  const answer = await call('municipality', user, 'POST', `/api/v1/${CHANNEL}/child-pseudonyms`, {
    cpr,
    purpose,
  });
  const pseudonym = (answer.body as { data?: { childPseudonym?: unknown } } | undefined)?.data
    ?.childPseudonym;
  if (answer.status !== 200 || typeof pseudonym !== 'string') {
    throw new Error(`the pseudonym lookup answered ${answer.status.toString()}`);
  }
  return pseudonym;
}

export function putMunicipal(pseudonym: string, record: object, user = 'sara') {
  return call('municipality', user, 'PUT', `${childPath(pseudonym)}/personal-data/municipal`, record);
}

/** A logged read through `org`'s gateway. */
export function readPersonal(
  org: OrgKey,
  user: string,
  pseudonym: string,
  providerMspId: string,
  purpose: string,
) {
  return call(org, user, 'POST', `${childPath(pseudonym)}/personal-data/reads`, { providerMspId, purpose });
}

/** The transaction id a write answered with. */
export function transactionIdOf(answer: RestAnswer): string {
  const id = (answer.body as { transactionId?: unknown } | null)?.transactionId;
  if (answer.status !== 200 || typeof id !== 'string') {
    throw new Error(`expected a committed write, got HTTP ${answer.status}: ${answer.text}`);
  }
  return id;
}
