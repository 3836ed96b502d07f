import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { buildOperations, buildServices } from 'agreements-gateway/gateway';
import { EventAudience } from 'agreements-gateway/events/event-audience';
import type { Principal } from 'agreements-gateway/auth/principal';
import { createApp, type WebDependencies } from 'agreements-gateway/http/app';
import { StreamSlots } from 'agreements-gateway/http/stream-slots';
import { IdempotencyStore } from 'agreements-gateway/http/idempotency-store';
import { COMPONENT_SCHEMAS } from 'agreements-gateway/http/openapi/components';
import { createLogger } from 'agreements-gateway/observability/logger';
import { GatewayMetrics } from 'agreements-gateway/observability/metrics';
import { FakeFabric } from './fake-fabric';
import { municipalityVerifier } from './municipality-verifier';

export const ISSUER = 'https://idp.test';
/** The test municipality's pseudonym key. */
export const TEST_PSEUDONYM_KEY = Buffer.alloc(32, 7);
export const AUDIENCE = 'urn:fabric-agreements:gateway';

/** A gateway app over a {@link FakeFabric}, listening on a random local port. */
export interface TestApp {
  readonly baseUrl: string;
  readonly fabric: FakeFabric;
  /** Every log line the app wrote (at level info and above). */
  readonly logLines: string[];
  /** A valid access token for a user of the municipality (or `org`). */
  token(
    username: string,
    role: string,
    options?: { org?: string; audience?: string; expiresIn?: number },
  ): Promise<string>;
  close(): Promise<void>;
}

/** Starts an app; `bodyLimitBytes` defaults to 4 KiB so that 413 is cheap to provoke. */
export async function startTestApp(
  options: {
    bodyLimitBytes?: number;
    /** Whose view of the event streams the app serves (default the municipality's). */
    eventViewerMspId?: string;
    /** Checks bearer tokens instead of the app's own local key set (e.g. against a real identity provider). */
    verify?: (authorization: string | undefined) => Promise<Principal>;
    /** The browser's side, built once the app's address is known. */
    web?: (baseUrl: string) => WebDependencies;
    /** How long a request waits for the block its `Fabric-Min-Block` names (default 5 s). */
    minBlockWaitMs?: number;
  } = {},
): Promise<TestApp> {
  // Listening first, so that the web side can be given the address its login returns to.
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port.toString()}`;
  const logLines: string[] = [];
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }] });
  const verifier = municipalityVerifier({ issuer: ISSUER, audience: AUDIENCE, keys: jwks });
  const fabric = new FakeFabric();
  const signingKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
  const shutdown = new AbortController();
  const app = createApp({
    orgKey: 'municipality',
    mspId: 'MunicipalityMSP',
    channels: ['placements', 'prevention'],
    version: 'test',
    bodyLimitBytes: options.bodyLimitBytes ?? 4096,
    rateLimitPerMinute: 10_000,
    validateResponses: false,
    logger: createLogger(
      'info',
      {},
      {
        write: (line: string) => {
          logLines.push(line);
        },
      },
    ),
    metrics: new GatewayMetrics(),
    authenticate: options.verify ?? ((authorization) => verifier.verify(authorization)),
    identityOf: (principal) =>
      Promise.resolve({
        key: principal.username,
        mspId: 'MunicipalityMSP',
        certificatePem: '',
        privateKey: signingKey,
      }),
    operations: buildOperations(
      buildServices(fabric, {
        chaincodeName: 'agreements',
        ownMspId: 'MunicipalityMSP',
        pseudonymKey: TEST_PSEUDONYM_KEY,
        pseudonymLookupRoles: ['caseworker', 'centre_head', 'director'],
        ...(options.minBlockWaitMs === undefined ? {} : { minBlockWaitMs: options.minBlockWaitMs }),
        eventAudience: new EventAudience(options.eventViewerMspId ?? 'MunicipalityMSP', () =>
          Promise.resolve('MunicipalityMSP'),
        ),
      }),
      {
        orgKey: 'municipality',
        mspId: 'MunicipalityMSP',
        channels: ['placements', 'prevention'],
        readiness: async () => {
          const peer = (await fabric.isPeerReachable()) ? 'ok' : 'failing';
          return { ready: peer === 'ok', checks: { peer } };
        },
      },
      shutdown.signal,
      new StreamSlots({ perUser: 2, total: 3 }),
    ),
    components: COMPONENT_SCHEMAS,
    idempotency: new IdempotencyStore({
      dir: path.join(mkdtempSync(path.join(tmpdir(), 'gw-idem-')), 'store'),
    }),
    isShuttingDown: () => false,
    ...(options.web === undefined ? {} : { web: options.web(baseUrl) }),
  });
  server.on('request', app);
  return {
    baseUrl,
    fabric,
    logLines,
    token: (username, role, tokenOptions = {}) =>
      new SignJWT({ org: tokenOptions.org ?? 'municipality', role, scope: 'agreements', client_id: username })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: 'at+jwt' })
        .setSubject(username)
        .setIssuer(ISSUER)
        .setAudience(tokenOptions.audience ?? AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(tokenOptions.expiresIn ?? Math.floor(Date.now() / 1000) + 300)
        .sign(privateKey),
    close: () =>
      new Promise((resolve) => {
        shutdown.abort();
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
