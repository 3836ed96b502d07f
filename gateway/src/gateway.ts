import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import * as path from 'node:path';
import { remoteJwks, TokenVerifier } from './auth/token-verifier';
import type { GatewayConfig } from './config';
import { EventAudience } from './events/event-audience';
import { ChaincodeEventListener } from './events/event-listener';
import { WebhookDispatcher } from './events/webhooks';
import { FabricClientImpl, type FabricClient } from './fabric/fabric-client';
import type { SigningUser } from './fabric/signing-user';
import { createApp } from './http/app';
import { StreamSlots } from './http/stream-slots';
import { IdempotencyStore } from './http/idempotency-store';
import { COMPONENT_SCHEMAS } from './http/openapi/components';
import { prepareSchemas } from '@fabric-agreements/oioubl';
import type { OperationSpec } from './http/operation';
import { agreementOperations } from './http/routes/agreement-routes';
import { childOperations } from './http/routes/child-routes';
import { peopleOperations } from './http/routes/people-routes';
import { PeopleDirectory } from './people/people-directory';
import { pseudonymOperations } from './http/routes/pseudonym-routes';
import { eventOperations } from './http/routes/event-routes';
import { moneyOperations } from './http/routes/money-routes';
import { einvoiceOperations } from './http/routes/einvoice-routes';
import { obligationOperations } from './http/routes/obligation-routes';
import { systemOperations, type Readiness } from './http/routes/system-routes';
import { EnrolmentService } from './identity/enrolment-service';
import { FabricCaClient } from './identity/fabric-ca-client';
import { FileWallet } from './identity/wallet';
import type { Logger } from './observability/logger';
import { GatewayMetrics } from './observability/metrics';
import { DeadlineScheduler } from './scheduler/deadline-scheduler';
import { AgreementService } from './services/agreement-service';
import { ChildService } from './services/child-service';
import { DeadlineService } from './services/deadline-service';
import { EventService } from './services/event-service';
import type { RegistryMembers } from './services/domain-membership';
import { Ledger } from './services/ledger';
import { PseudonymService } from './services/pseudonym-service';
import { RegistryService } from './services/registry-service';
import { SettlementService } from './services/settlement-service';
import { EInvoiceService } from './services/einvoice-service';
import { StatusReportService } from './services/status-report-service';
import { TX } from '@fabric-agreements/api';
import { createWebSide } from './web/web-side';

/** A started gateway. */
export interface RunningGateway {
  readonly server: Server;
  /** Stops accepting requests, lets in-flight ones finish (up to the grace period), then closes everything. */
  stop(): Promise<void>;
}

/** Everything the operations are built from; tests assemble their own. */
export interface ApiServices {
  readonly agreements: AgreementService;
  readonly reports: StatusReportService;
  readonly settlements: SettlementService;
  readonly einvoices: EInvoiceService;
  readonly deadlines: DeadlineService;
  readonly children: ChildService;
  readonly pseudonyms: PseudonymService;
  readonly registry: RegistryService;
  readonly events: EventService;
  readonly people: PeopleDirectory;
}

/** What the services are built from besides the Fabric client. */
export interface ServiceOptions {
  readonly chaincodeName: string;
  readonly ownMspId: string;
  /** The municipality's pseudonym key; without it the pseudonym operations are not served. */
  readonly pseudonymKey?: Buffer;
  /** Roles allowed to look children up by CPR number. */
  readonly pseudonymLookupRoles: readonly string[];
  /** Which events this organisation may learn of. */
  readonly eventAudience: EventAudience;
  /** How long a request waits for the peer to reach the block its `Fabric-Min-Block` names (default 5 s). */
  readonly minBlockWaitMs?: number;
  /** The organisation's people (names to show); nobody when absent. */
  readonly people?: PeopleDirectory;
}

/** Builds the services over a Fabric client. */
export function buildServices(fabric: FabricClient, options: Readonly<ServiceOptions>): ApiServices {
  const { chaincodeName, ownMspId, pseudonymKey } = options;
  const ledger = new Ledger(
    fabric,
    options.minBlockWaitMs === undefined ? {} : { minBlockWaitMs: options.minBlockWaitMs },
  );
  return {
    agreements: new AgreementService(ledger),
    reports: new StatusReportService(ledger),
    settlements: new SettlementService(ledger),
    einvoices: new EInvoiceService(ledger),
    deadlines: new DeadlineService(ledger),
    children: new ChildService({ ledger, ownMspId }),
    pseudonyms: new PseudonymService({
      ledger,
      ownMspId,
      pseudonymKey,
      lookupRoles: options.pseudonymLookupRoles,
    }),
    registry: new RegistryService(ledger),
    events: new EventService({ fabric, chaincodeName, audience: options.eventAudience }),
    people: options.people ?? PeopleDirectory.empty(ownMspId),
  };
}

/** Every REST operation, in the order the OpenAPI document lists them. */
export function buildOperations(
  services: ApiServices,
  system: Parameters<typeof systemOperations>[0],
  shutdown: AbortSignal,
  streamSlots: StreamSlots,
): OperationSpec[] {
  return [
    ...systemOperations(system, services.registry),
    ...agreementOperations(services.agreements),
    ...obligationOperations(services.reports, services.deadlines),
    ...moneyOperations(services.settlements),
    ...einvoiceOperations(services.einvoices),
    ...childOperations(services.children, services.pseudonyms),
    ...peopleOperations(services.children, services.people),
    ...pseudonymOperations(services.pseudonyms),
    ...eventOperations(services.events, shutdown, streamSlots),
  ];
}

/**
 * Starts the gateway: Fabric connection, identities, token verification, the HTTP server, the event listeners and
 * the scheduler.
 */
export async function startGateway(
  config: GatewayConfig,
  logger: Logger,
  version: string,
): Promise<RunningGateway> {
  const metrics = new GatewayMetrics({ org: config.org.key });
  const fabric = new FabricClientImpl({
    peer: config.peer,
    chaincodeName: config.chaincodeName,
    deadlines: config.deadlines,
    limits: config.limits,
    observer: metrics,
  });

  const registrar = readRegistrar(config.ca.registrarMspDir);
  const ca = new FabricCaClient({
    url: config.ca.url,
    caName: config.ca.caName,
    tlsCaPem: readFileSync(config.ca.tlsCertPath, 'utf8'),
    registrar,
  });
  const enrolment = new EnrolmentService({
    ca,
    wallet: new FileWallet(config.walletDir),
    mspId: config.org.mspId,
    // The TLS client identity is a plain client too: no token may take it over.
    reservedIds: [
      registrar.enrollmentId,
      config.serviceIdentity,
      ...(config.peer.tlsClient === undefined
        ? []
        : [commonNameOf(readFileSync(config.peer.tlsClient.certPath, 'utf8'))]),
    ],
    caCertificatesPem: registrar.caCertificatesPem,
  });
  let serviceUser: Promise<SigningUser> | undefined;
  const serviceIdentity = (): Promise<SigningUser> => {
    serviceUser ??= enrolment.serviceIdentity(config.serviceIdentity).catch((error: unknown) => {
      serviceUser = undefined;
      throw error;
    });
    return serviceUser;
  };

  const tokens = new TokenVerifier({
    issuer: config.oidc.issuer,
    audience: config.oidc.audience,
    keys: remoteJwks(config.oidc.jwksUrl),
    expectedOrg: config.org.key,
    usernameClaim: config.oidc.usernameClaim,
    orgClaim: config.oidc.orgClaim,
    roleClaim: config.oidc.roleClaim,
    clockToleranceSeconds: config.oidc.clockToleranceSeconds,
    tokenTypes: config.oidc.tokenTypes,
    requiredScope: config.oidc.requiredScope,
    clientIds: config.oidc.clientIds,
    allowedRoles: config.allowedRoles,
  });

  const pseudonymKey =
    config.pseudonymKeyPath === undefined ? undefined : readFileSync(config.pseudonymKeyPath);
  const ledger = new Ledger(fabric);
  // Read with the gateway's own identity: the registry is the channel's, and webhooks have no caller.
  const eventAudience = new EventAudience(
    config.org.mspId,
    async (domain) =>
      (await ledger.query<RegistryMembers>(await serviceIdentity(), domain, TX.getRegistry)).municipality
        ?.mspId,
  );
  const services = buildServices(fabric, {
    eventAudience,
    chaincodeName: config.chaincodeName,
    ownMspId: config.org.mspId,
    ...(pseudonymKey === undefined ? {} : { pseudonymKey }),
    pseudonymLookupRoles: config.pseudonymLookupRoles,
    minBlockWaitMs: config.deadlines.minBlockWaitMs,
    people:
      config.web.peopleFile === undefined
        ? PeopleDirectory.empty(config.org.mspId)
        : PeopleDirectory.fromFile(config.web.peopleFile, config.org),
  });
  const shutdown = new AbortController();
  let shuttingDown = false;

  const readiness = cachedReadiness(async () => {
    const checks: Record<string, 'ok' | 'failing'> = {};
    checks.peer = (await fabric.isPeerReachable(1_000)) ? 'ok' : 'failing';
    for (const channel of config.channels) {
      checks[`chaincode:${channel}`] =
        checks.peer === 'ok' &&
        (await succeeds(async () => ledger.query(await serviceIdentity(), channel, TX.getRegistry), 3_000))
          ? 'ok'
          : 'failing';
    }
    return { ready: !shuttingDown && Object.values(checks).every((check) => check === 'ok'), checks };
  });

  // Loads libxml2 and compiles the OIOUBL schemas now, so that no request pays for it.
  await prepareSchemas();
  const operations = buildOperations(
    services,
    { orgKey: config.org.key, mspId: config.org.mspId, channels: config.channels, readiness },
    shutdown.signal,
    new StreamSlots({ perUser: config.events.maxStreamsPerUser, total: config.events.maxStreams }),
  );
  const idempotency = new IdempotencyStore({ dir: path.join(config.stateDir, 'idempotency') });
  const web = createWebSide(config, (authorization) => tokens.verify(authorization), logger);
  const app = createApp({
    orgKey: config.org.key,
    mspId: config.org.mspId,
    channels: config.channels,
    version,
    bodyLimitBytes: config.http.bodyLimitBytes,
    rateLimitPerMinute: config.http.rateLimitPerMinute,
    validateResponses: config.http.validateResponses,
    trustedProxy: config.http.trustedProxy,
    logger,
    metrics,
    authenticate: (authorization) => tokens.verify(authorization),
    identityOf: (principal) => enrolment.signingUserFor(principal),
    operations,
    components: COMPONENT_SCHEMAS,
    idempotency,
    isShuttingDown: () => shuttingDown,
    web: web.dependencies,
  });

  const webhooks =
    config.events.webhookUrls.length > 0 && config.events.webhookSecret !== undefined
      ? new WebhookDispatcher({
          urls: config.events.webhookUrls,
          secret: config.events.webhookSecret,
          logger,
        })
      : undefined;
  // The durable listener feeds the webhooks; SSE clients resume from the ledger by their own Last-Event-ID.
  const listeners =
    webhooks !== undefined
      ? config.channels.map(
          (channel) =>
            new ChaincodeEventListener({
              domain: channel,
              chaincodeName: config.chaincodeName,
              network: async () => fabric.network(await serviceIdentity(), channel),
              checkpointDir: path.join(config.stateDir, 'checkpoints'),
              startBlock: config.events.startBlock,
              logger,
              sink: async (event) => {
                metrics.chaincodeEvent(channel);
                // Webhooks are this organisation's: they get what its people may see on the stream.
                if (await eventAudience.admits(event)) {
                  await webhooks.deliver(event);
                }
              },
            }),
        )
      : [];
  const scheduler = new DeadlineScheduler({
    ledger,
    domains: config.channels,
    identity: serviceIdentity,
    intervalMs: config.scheduler.intervalMs,
    logger,
  });

  const tls = config.http.tls;
  const server: Server =
    tls === undefined
      ? createServer(app)
      : createTlsServer({ cert: readFileSync(tls.certPath), key: readFileSync(tls.keyPath) }, app);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.http.port, config.http.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  logger.info(
    {
      host: config.http.host,
      port: config.http.port,
      tls: tls !== undefined,
      mode: config.mode,
      mspId: config.org.mspId,
      domains: config.channels,
    },
    'gateway listening',
  );
  for (const listener of listeners) {
    listener.start();
  }
  scheduler.start();
  const sweeper = setInterval(() => void idempotency.sweep().catch(() => undefined), 3_600_000);
  sweeper.unref();

  return {
    server,
    stop: async () => {
      if (shuttingDown) {
        return;
      }
      shuttingDown = true;
      logger.info({ graceMs: config.shutdownGraceMs }, 'shutting down: finishing in-flight requests');
      shutdown.abort();
      clearInterval(sweeper);
      web.stop();
      const closed = new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
      server.closeIdleConnections();
      const grace = setTimeout(() => {
        server.closeAllConnections();
      }, config.shutdownGraceMs);
      await closed;
      clearTimeout(grace);
      await scheduler.stop();
      await Promise.all(listeners.map((listener) => listener.stop()));
      fabric.close();
      logger.info('gateway stopped');
    },
  };
}

/** The registrar's certificate, key and enrolment id, from an MSP folder (signcerts/, keystore/). */
function readRegistrar(mspDir: string): {
  certificatePem: string;
  privateKey: ReturnType<typeof createPrivateKey>;
  enrollmentId: string;
  caCertificatesPem: string[];
} {
  const certDir = path.join(mspDir, 'signcerts');
  const keyDir = path.join(mspDir, 'keystore');
  const certFile = readdirSync(certDir).find((name) => name.endsWith('.pem'));
  const keyFile = readdirSync(keyDir).find((name) => !name.startsWith('.'));
  if (certFile === undefined || keyFile === undefined) {
    throw new Error(`GATEWAY_CA_REGISTRAR_MSP_DIR (${mspDir}) needs signcerts/*.pem and keystore/*`);
  }
  const certificatePem = readFileSync(path.join(certDir, certFile), 'utf8');
  const commonName = commonNameOf(certificatePem);
  const caDir = path.join(mspDir, 'cacerts');
  const caCertificatesPem = existsSync(caDir)
    ? readdirSync(caDir)
        .filter((name) => name.endsWith('.pem'))
        .map((name) => readFileSync(path.join(caDir, name), 'utf8'))
    : [];
  return {
    certificatePem,
    privateKey: createPrivateKey(readFileSync(path.join(keyDir, keyFile))),
    enrollmentId: commonName,
    caCertificatesPem,
  };
}

function commonNameOf(certificatePem: string): string {
  return (/CN=([^,\n]+)/.exec(new X509Certificate(certificatePem).subject)?.[1] ?? '').trim();
}

/** Readiness computed at most every two seconds, however often probes ask. */
function cachedReadiness(compute: () => Promise<Readiness>): () => Promise<Readiness> {
  let last: { readonly at: number; readonly value: Promise<Readiness> } | undefined;
  return () => {
    const now = Date.now();
    if (last === undefined || now - last.at > 2_000) {
      last = { at: now, value: compute() };
    }
    return last.value;
  };
}

async function succeeds(run: () => Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => {
      resolve(false);
    }, timeoutMs);
  });
  try {
    return await Promise.race([
      run()
        .then(() => true)
        .catch(() => false),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
