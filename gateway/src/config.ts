import { accessSync, constants, statSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';

/** Per-stage gRPC deadlines towards the peer, in milliseconds. */
export interface StageDeadlines {
  readonly evaluateMs: number;
  readonly endorseMs: number;
  readonly submitMs: number;
  readonly commitStatusMs: number;
  /** How long a request waits for the peer to reach the block its `Fabric-Min-Block` header names. */
  readonly minBlockWaitMs: number;
}

/** `production` refuses every development shortcut at start (see {@link loadConfig}). */
export const GATEWAY_MODES = ['production', 'development'] as const;
export type GatewayMode = (typeof GATEWAY_MODES)[number];

/** The kinds of organisation, as network/topology.json names them (`kind`, or `providerKind` for providers). */
export const ORGANISATION_KINDS = ['municipality', 'placement_site', 'consultancy'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** The roles each kind of organisation gives its people, unless `GATEWAY_ALLOWED_ROLES` says otherwise. */
export const DEFAULT_ROLES: Readonly<Record<OrganisationKind, readonly string[]>> = {
  municipality: ['caseworker', 'centre_head', 'director', 'guardian', 'auditor'],
  placement_site: ['provider_staff'],
  consultancy: ['consultant'],
};

/** Roles allowed to turn a CPR number into a child's pseudonym, unless `GATEWAY_PSEUDONYM_LOOKUP_ROLES` says otherwise. */
export const DEFAULT_LOOKUP_ROLES: readonly string[] = ['caseworker', 'centre_head', 'director'];

/** Everything the gateway needs to run, read once from the environment at start. */
export interface GatewayConfig {
  /** `GATEWAY_MODE`, or `production` when `NODE_ENV=production`; `development` otherwise. */
  readonly mode: GatewayMode;
  /** This gateway's organisation: its key in network/topology.json and its MSP id. */
  readonly org: { readonly key: string; readonly mspId: string };
  readonly peer: {
    /** `host:port` of the organisation's peer (its Fabric Gateway service). */
    readonly endpoint: string;
    /** TLS server name to expect when it differs from the endpoint's host. */
    readonly hostAlias: string | undefined;
    /** PEM file of the CA that issued the peer's TLS certificate. */
    readonly tlsCaCertPath: string;
    /**
     * The TLS client certificate and key (PEM files, issued by the organisation's CA) presented to the peer, which
     * requires one (mutual TLS); both or neither.
     */
    readonly tlsClient: { readonly certPath: string; readonly keyPath: string } | undefined;
  };
  readonly ca: {
    /** Base URL of the organisation's Fabric CA, e.g. `https://localhost:7054`. */
    readonly url: URL;
    readonly caName: string;
    /** PEM file the CA's TLS certificate is verified against. */
    readonly tlsCertPath: string;
    /** MSP folder (signcerts/, keystore/) of the CA identity allowed to register users. */
    readonly registrarMspDir: string;
  };
  /** Domain channels this organisation serves. */
  readonly channels: readonly string[];
  readonly chaincodeName: string;
  readonly oidc: {
    readonly issuer: string;
    readonly audience: string;
    readonly jwksUrl: URL;
    /** Claim naming the person; becomes their Fabric CA enrolment id. */
    readonly usernameClaim: string;
    /** Claim holding the organisation key the person belongs to. */
    readonly orgClaim: string;
    /** Claim holding the person's role (caseworker, centre_head, …). */
    readonly roleClaim: string;
    readonly clockToleranceSeconds: number;
    /** Accepted JWT `typ` headers (RFC 9068: `at+jwt`), so that an ID token is never taken for an access token. */
    readonly tokenTypes: readonly string[];
    /** Scope every access token must carry; `undefined` checks none. */
    readonly requiredScope: string | undefined;
    /** OAuth clients whose tokens are accepted (`client_id` / `azp`); empty accepts any client of the issuer. */
    readonly clientIds: readonly string[];
  };
  /** Roles this organisation's people may have; a token with another role is refused (403). */
  readonly allowedRoles: readonly string[];
  /** Roles allowed to look a child's pseudonym up from a CPR number (municipality). */
  readonly pseudonymLookupRoles: readonly string[];
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly bodyLimitBytes: number;
    readonly rateLimitPerMinute: number;
    /** Validate every response against the OpenAPI document and log mismatches (development aid). */
    readonly validateResponses: boolean;
    /** Certificate and key of the gateway's own HTTPS listener; `undefined` listens on plain HTTP. */
    readonly tls: { readonly certPath: string; readonly keyPath: string } | undefined;
    /** Express `trust proxy` setting for a TLS-terminating proxy in front (e.g. `loopback`); `false` trusts none. */
    readonly trustedProxy: string | false;
  };
  readonly deadlines: StageDeadlines;
  readonly limits: {
    /** Submits allowed in flight at once; keep well below the peer's `gatewayService` concurrency limit. */
    readonly maxInFlightSubmits: number;
    /** How long a submit may wait for a free slot before the client gets 429. */
    readonly submitQueueWaitMs: number;
    /** Extra attempts, each with a new transaction id, after an MVCC read conflict. */
    readonly mvccRetries: number;
  };
  /** Where users' keys and certificates are kept (0700 directory, 0600 files); never inside the repository. */
  readonly walletDir: string;
  /** Where event checkpoints and idempotency records are kept. */
  readonly stateDir: string;
  readonly logLevel: LogLevel;
  readonly shutdownGraceMs: number;
  readonly events: {
    /** Block the event listener starts from when it has no checkpoint yet. */
    readonly startBlock: bigint;
    readonly webhookUrls: readonly URL[];
    /** HMAC-SHA256 key for webhook signatures; required when webhook URLs are set. */
    readonly webhookSecret: string | undefined;
    /** Open event streams one user may hold (more: 429). */
    readonly maxStreamsPerUser: number;
    /** Open event streams of all users together (more: 503). */
    readonly maxStreams: number;
  };
  readonly scheduler: {
    /** 0 switches the scheduler off. */
    readonly intervalMs: number;
  };
  /** Enrolment id of the gateway's own CA identity (type client, role=service) for scheduled work and readiness. */
  readonly serviceIdentity: string;
  /** File holding the key of the children's keyed pseudonyms (municipality only; at least 32 bytes). */
  readonly pseudonymKeyPath: string | undefined;
  readonly web: WebConfig;
}

/** The web application: where it is served from and how its people log in (gateway/README.md, "Web login"). */
export interface WebConfig {
  /** The organisation's name as people know it (`GATEWAY_ORG_NAME`); the key when unset. */
  readonly orgName: string;
  /** Origin the browser reaches this gateway at (`GATEWAY_PUBLIC_URL`); the login's redirect URI lies below it. */
  readonly publicUrl: URL | undefined;
  /** The gateway as a confidential OAuth client of the authorization code flow; `undefined`: no browser login. */
  readonly client: { readonly id: string; readonly secret: string } | undefined;
  /** Folder of the built application (`index.html` and its assets); a placeholder page is served without one. */
  readonly root: string | undefined;
  /** A session unused this long ends. */
  readonly sessionIdleMs: number;
  /** A session ends this long after its login, used or not. */
  readonly sessionAbsoluteMs: number;
  /** Sessions held at once; beyond it the least recently used ends. */
  readonly maxSessions: number;
  /**
   * The organisation's people, in network/users.json's format (`GATEWAY_PEOPLE_FILE`; in development mode
   * network/users.json by default): the names screens show for its own people's enrolment ids.
   */
  readonly peopleFile: string | undefined;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Thrown when the environment does not describe a runnable gateway; lists every problem at once. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`invalid gateway configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Options that are not configuration but facts about where the gateway runs. */
export interface LoadConfigOptions {
  /** The repository root: the wallet and state directories must lie outside it. */
  readonly projectRoot?: string;
  /** Home directory for the default data locations (defaults to the OS user's). */
  readonly homeDir?: string;
}

const CHANNEL_NAME = /^[a-z][a-z0-9.-]{0,248}$/;
const ORG_KEY = /^[a-z][a-z0-9-]{0,62}$/;
const MSP_ID = /^[A-Za-z0-9._-]{1,64}$/;
const ENDPOINT = /^[A-Za-z0-9.-]+:\d{1,5}$/;
const CLAIM_NAME = /^[A-Za-z0-9_.:/-]{1,100}$/;
const ROLE = /^[a-z][a-z0-9_]{0,62}$/;
const TOKEN_TYPE = /^[A-Za-z0-9.+/-]{1,100}$/;
const CLIENT_ID = /^[A-Za-z0-9_.:@/-]{1,200}$/;

/**
 * Reads and validates the gateway's configuration from environment variables (see gateway/README.md).
 * @throws {@link ConfigError} listing every missing or invalid variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv, options: LoadConfigOptions = {}): GatewayConfig {
  const read = new EnvReader(env);
  const orgKey = read.matching('GATEWAY_ORG', ORG_KEY, 'an organisation key such as "municipality"');
  const dataHome = env.XDG_DATA_HOME ?? path.join(options.homeDir ?? homedir(), '.local', 'share');
  const dataRoot = path.join(dataHome, 'fabric-agreements');
  const orgDir = orgKey || 'unknown';

  const mode = read.oneOf(
    'GATEWAY_MODE',
    GATEWAY_MODES,
    env.NODE_ENV?.trim() === 'production' ? 'production' : 'development',
  );
  const allowedRoles = readAllowedRoles(read);
  const tls = readTlsPresence(read);
  const requiredScope = read.optional('GATEWAY_OIDC_REQUIRED_SCOPE') ?? 'agreements';

  const config: GatewayConfig = {
    mode,
    org: {
      key: orgKey,
      mspId: read.matching('GATEWAY_MSP_ID', MSP_ID, 'an MSP id such as "MunicipalityMSP"'),
    },
    peer: {
      endpoint: read.matching('GATEWAY_PEER_ENDPOINT', ENDPOINT, 'host:port, e.g. "localhost:7051"'),
      hostAlias: read.optional('GATEWAY_PEER_HOST_ALIAS'),
      tlsCaCertPath: read.readableFile('GATEWAY_PEER_TLS_CA_CERT'),
      tlsClient: read.filePair('GATEWAY_PEER_TLS_CLIENT_CERT', 'GATEWAY_PEER_TLS_CLIENT_KEY'),
    },
    ca: {
      url: read.url('GATEWAY_CA_URL', ['https:']),
      caName: read.required('GATEWAY_CA_NAME'),
      tlsCertPath: read.readableFile('GATEWAY_CA_TLS_CERT'),
      registrarMspDir: read.directory('GATEWAY_CA_REGISTRAR_MSP_DIR'),
    },
    channels: read.list('GATEWAY_CHANNELS', CHANNEL_NAME, 'channel names such as "placements,prevention"'),
    chaincodeName: read.matching(
      'GATEWAY_CHAINCODE',
      /^[A-Za-z0-9_-]{1,64}$/,
      'a chaincode name',
      'agreements',
    ),
    oidc: readOidcConfig(read, requiredScope),
    allowedRoles,
    pseudonymLookupRoles:
      read.optionalList('GATEWAY_PSEUDONYM_LOOKUP_ROLES', ROLE, 'role names such as "caseworker"') ??
      DEFAULT_LOOKUP_ROLES,
    http: readHttpConfig(read, tls),
    deadlines: {
      evaluateMs: read.integer('GATEWAY_EVALUATE_TIMEOUT_MS', 5_000, 100, 600_000),
      endorseMs: read.integer('GATEWAY_ENDORSE_TIMEOUT_MS', 15_000, 100, 600_000),
      // Longer than a raft leader election (5–7 s with Fabric's defaults), so a write rides through one.
      submitMs: read.integer('GATEWAY_SUBMIT_TIMEOUT_MS', 15_000, 100, 600_000),
      commitStatusMs: read.integer('GATEWAY_COMMIT_STATUS_TIMEOUT_MS', 60_000, 100, 600_000),
      minBlockWaitMs: read.integer('GATEWAY_MIN_BLOCK_WAIT_MS', 5_000, 0, 60_000),
    },
    limits: {
      maxInFlightSubmits: read.integer('GATEWAY_MAX_INFLIGHT_SUBMITS', 64, 1, 10_000),
      submitQueueWaitMs: read.integer('GATEWAY_SUBMIT_QUEUE_WAIT_MS', 2_000, 0, 60_000),
      mvccRetries: read.integer('GATEWAY_MVCC_RETRIES', 3, 0, 10),
    },
    walletDir: read.absolutePath('GATEWAY_WALLET_DIR', path.join(dataRoot, 'wallet', orgDir)),
    stateDir: read.absolutePath('GATEWAY_STATE_DIR', path.join(dataRoot, 'state', orgDir)),
    logLevel: read.oneOf('GATEWAY_LOG_LEVEL', LOG_LEVELS, 'info'),
    shutdownGraceMs: read.integer('GATEWAY_SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    events: {
      startBlock: BigInt(read.integer('GATEWAY_EVENTS_START_BLOCK', 0, 0, Number.MAX_SAFE_INTEGER)),
      webhookUrls: read.urlList('GATEWAY_WEBHOOK_URLS', ['https:', 'http:']),
      webhookSecret: read.optional('GATEWAY_WEBHOOK_SECRET'),
      maxStreamsPerUser: read.integer('GATEWAY_EVENT_STREAMS_PER_USER', 4, 1, 1_000),
      maxStreams: read.integer('GATEWAY_EVENT_STREAMS_MAX', 200, 1, 100_000),
    },
    scheduler: { intervalMs: read.integer('GATEWAY_SCHEDULER_INTERVAL_MS', 3_600_000, 0, 86_400_000) },
    serviceIdentity: read.matching(
      'GATEWAY_SERVICE_IDENTITY',
      /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/,
      'an enrolment id',
      `gateway-${orgDir}`,
    ),
    pseudonymKeyPath: read.optional('GATEWAY_PSEUDONYM_KEY_FILE'),
    web: readWebConfig(read, orgKey, options.projectRoot, mode),
  };

  checkConfig(read, config, options.projectRoot);
  read.throwIfProblems();
  return config;
}

/** Which roles may call the gateway: the listed ones, else the organisation kind's defaults. */
function readAllowedRoles(read: EnvReader): readonly string[] {
  const orgKind = read.optional('GATEWAY_ORG_KIND');
  if (orgKind !== undefined && !(ORGANISATION_KINDS as readonly string[]).includes(orgKind)) {
    read.problem(`GATEWAY_ORG_KIND must be one of ${ORGANISATION_KINDS.join(', ')}`);
  }
  const kindRoles = orgKind === undefined ? undefined : DEFAULT_ROLES[orgKind as OrganisationKind];
  const allowedRoles = read.optionalList('GATEWAY_ALLOWED_ROLES', ROLE, 'role names such as "caseworker"');
  if (allowedRoles === undefined && kindRoles === undefined) {
    read.problem('GATEWAY_ALLOWED_ROLES or GATEWAY_ORG_KIND is required (which roles may call this gateway)');
  }
  return allowedRoles ?? kindRoles ?? [];
}

/** Whether the gateway serves HTTPS: both TLS files named, or neither. */
function readTlsPresence(read: EnvReader): boolean {
  const tlsCert = read.optional('GATEWAY_TLS_CERT_FILE');
  const tlsKey = read.optional('GATEWAY_TLS_KEY_FILE');
  if ((tlsCert === undefined) !== (tlsKey === undefined)) {
    read.problem('GATEWAY_TLS_CERT_FILE and GATEWAY_TLS_KEY_FILE go together');
  }
  return tlsCert !== undefined && tlsKey !== undefined;
}

function readOidcConfig(read: EnvReader, requiredScope: string): GatewayConfig['oidc'] {
  return {
    issuer: read.url('GATEWAY_OIDC_ISSUER', ['https:', 'http:']).href.replace(/\/$/, ''),
    audience: read.required('GATEWAY_OIDC_AUDIENCE'),
    jwksUrl: read.url('GATEWAY_OIDC_JWKS_URL', ['https:', 'http:']),
    usernameClaim: read.matching('GATEWAY_OIDC_USERNAME_CLAIM', CLAIM_NAME, 'a claim name', 'sub'),
    orgClaim: read.matching('GATEWAY_OIDC_ORG_CLAIM', CLAIM_NAME, 'a claim name', 'org'),
    roleClaim: read.matching('GATEWAY_OIDC_ROLE_CLAIM', CLAIM_NAME, 'a claim name', 'role'),
    clockToleranceSeconds: read.integer('GATEWAY_OIDC_CLOCK_TOLERANCE_S', 5, 0, 300),
    tokenTypes: read.optionalList(
      'GATEWAY_OIDC_TOKEN_TYPES',
      TOKEN_TYPE,
      'JWT typ values such as "at+jwt"',
    ) ?? ['at+jwt'],
    requiredScope: requiredScope === 'none' ? undefined : requiredScope,
    clientIds: read.optionalList('GATEWAY_OIDC_CLIENT_IDS', CLIENT_ID, 'OAuth client ids') ?? [],
  };
}

function readHttpConfig(read: EnvReader, tls: boolean): GatewayConfig['http'] {
  return {
    host: read.optional('GATEWAY_LISTEN_HOST') ?? '127.0.0.1',
    port: read.integer('GATEWAY_PORT', 3000, 1, 65535),
    bodyLimitBytes: read.integer('GATEWAY_BODY_LIMIT_BYTES', 256 * 1024, 1024, 16 * 1024 * 1024),
    rateLimitPerMinute: read.integer('GATEWAY_RATE_LIMIT_PER_MINUTE', 6000, 1, 10_000_000),
    validateResponses: read.boolean('GATEWAY_VALIDATE_RESPONSES', false),
    tls: tls
      ? {
          certPath: read.readableFile('GATEWAY_TLS_CERT_FILE'),
          keyPath: read.readableFile('GATEWAY_TLS_KEY_FILE'),
        }
      : undefined,
    trustedProxy: read.optional('GATEWAY_TRUSTED_PROXY') ?? false,
  };
}

/** The checks that span settings, once they are all read. */
function checkConfig(read: EnvReader, config: GatewayConfig, projectRoot: string | undefined): void {
  if (config.events.webhookUrls.length > 0 && (config.events.webhookSecret ?? '').length < 32) {
    read.problem('GATEWAY_WEBHOOK_SECRET must be at least 32 characters when GATEWAY_WEBHOOK_URLS is set');
  }
  if (config.pseudonymKeyPath !== undefined) {
    checkPseudonymKey(read, config.pseudonymKeyPath);
  }
  if (config.mode === 'production') {
    for (const problem of productionProblems(config)) {
      read.problem(problem);
    }
  }
  if (config.deadlines.submitMs > config.deadlines.commitStatusMs) {
    read.problem('GATEWAY_SUBMIT_TIMEOUT_MS must not exceed GATEWAY_COMMIT_STATUS_TIMEOUT_MS');
  }
  if (projectRoot !== undefined) {
    checkOutsideRepository(read, config, projectRoot);
  }
}

function checkPseudonymKey(read: EnvReader, keyPath: string): void {
  try {
    if (statSync(keyPath).size < 32) {
      read.problem('GATEWAY_PSEUDONYM_KEY_FILE must hold at least 32 bytes of key');
    }
  } catch {
    read.problem(`GATEWAY_PSEUDONYM_KEY_FILE (${keyPath}) does not exist`);
  }
}

function checkOutsideRepository(read: EnvReader, config: GatewayConfig, projectRoot: string): void {
  for (const [name, dir] of [
    ['GATEWAY_WALLET_DIR', config.walletDir],
    ['GATEWAY_STATE_DIR', config.stateDir],
  ] as const) {
    if (isInside(dir, projectRoot)) {
      read.problem(
        `${name} (${dir}) must lie outside the repository (${projectRoot}): keys never go near git`,
      );
    }
  }
}

/** The web login's OAuth client and the public origin the login returns to: both or neither. */
function readWebClient(read: EnvReader): Pick<WebConfig, 'client' | 'publicUrl'> {
  const clientId = read.optional('GATEWAY_WEB_CLIENT_ID');
  const clientSecret = read.optional('GATEWAY_WEB_CLIENT_SECRET');
  const publicUrl =
    read.optional('GATEWAY_PUBLIC_URL') === undefined
      ? undefined
      : read.url('GATEWAY_PUBLIC_URL', ['https:', 'http:']);
  if ((clientId === undefined) !== (clientSecret === undefined)) {
    read.problem('GATEWAY_WEB_CLIENT_ID and GATEWAY_WEB_CLIENT_SECRET go together');
  }
  if (clientId !== undefined && !CLIENT_ID.test(clientId)) {
    read.problem('GATEWAY_WEB_CLIENT_ID must be an OAuth client id');
  }
  if (clientId !== undefined && publicUrl === undefined) {
    read.problem('GATEWAY_PUBLIC_URL is required with GATEWAY_WEB_CLIENT_ID (the login returns to it)');
  }
  if (publicUrl !== undefined && !isOrigin(publicUrl)) {
    read.problem('GATEWAY_PUBLIC_URL must be an origin, such as "https://aftaler.example.dk"');
  }
  return {
    publicUrl,
    client:
      clientId === undefined || clientSecret === undefined
        ? undefined
        : { id: clientId, secret: clientSecret },
  };
}

/** Scheme, host and port only: no path, query or fragment. */
function isOrigin(url: URL): boolean {
  return url.pathname === '/' && url.search === '' && url.hash === '';
}

function readWebConfig(
  read: EnvReader,
  orgKey: string,
  projectRoot: string | undefined,
  mode: GatewayMode,
): WebConfig {
  const { client, publicUrl } = readWebClient(read);
  const sessionIdleMs = read.integer('GATEWAY_SESSION_IDLE_S', 1_800, 60, 86_400) * 1000;
  const sessionAbsoluteMs = read.integer('GATEWAY_SESSION_MAX_S', 36_000, 300, 604_800) * 1000;
  if (sessionIdleMs > sessionAbsoluteMs) {
    read.problem('GATEWAY_SESSION_IDLE_S must not exceed GATEWAY_SESSION_MAX_S');
  }
  const defaultRoot = projectRoot === undefined ? undefined : path.join(projectRoot, 'web', 'dist');
  // The story's people are development data: production names its own file or shows logins.
  const defaultPeople =
    projectRoot === undefined || mode !== 'development'
      ? undefined
      : path.join(projectRoot, 'network', 'users.json');
  return {
    orgName: read.optional('GATEWAY_ORG_NAME') ?? orgKey,
    publicUrl,
    client,
    root: read.optional('GATEWAY_WEB_ROOT') ?? defaultRoot,
    sessionIdleMs,
    sessionAbsoluteMs,
    maxSessions: read.integer('GATEWAY_SESSIONS_MAX', 10_000, 1, 1_000_000),
    peopleFile: read.optional('GATEWAY_PEOPLE_FILE') ?? defaultPeople,
  };
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * What production mode refuses: tokens or keys fetched over plain HTTP (anyone on the path could swap the keys),
 * an identity provider on this host (the development provider, which hands out tokens for a known secret), and a
 * listener that speaks plain HTTP to the network with no TLS-terminating proxy declared in front of it.
 */
function productionProblems(config: GatewayConfig): string[] {
  const problems: string[] = [];
  const issuer = URL.parse(config.oidc.issuer);
  if (issuer?.protocol !== 'https:') {
    problems.push('production mode: GATEWAY_OIDC_ISSUER must be an https URL');
  }
  if (config.oidc.jwksUrl.protocol !== 'https:') {
    problems.push('production mode: GATEWAY_OIDC_JWKS_URL must be an https URL');
  }
  if (
    (issuer !== null && LOOPBACK_HOSTS.has(issuer.hostname)) ||
    LOOPBACK_HOSTS.has(config.oidc.jwksUrl.hostname)
  ) {
    problems.push(
      "production mode: the identity provider is on this host (the development provider?); point GATEWAY_OIDC_* at the organisation's identity provider",
    );
  }
  if (config.http.tls === undefined && config.http.trustedProxy === false) {
    problems.push(
      'production mode: set GATEWAY_TLS_CERT_FILE and GATEWAY_TLS_KEY_FILE, or GATEWAY_TRUSTED_PROXY for the TLS-terminating proxy in front',
    );
  }
  if (config.web.publicUrl !== undefined && config.web.publicUrl.protocol !== 'https:') {
    problems.push('production mode: GATEWAY_PUBLIC_URL must be an https URL (session cookies are Secure)');
  }
  if (config.events.webhookUrls.some((url) => url.protocol !== 'https:')) {
    problems.push('production mode: GATEWAY_WEBHOOK_URLS must be https URLs');
  }
  return problems;
}

/** Whether `candidate` is `root` or lies below it. */
export function isInside(candidate: string, root: string): boolean {
  const relative = path.relative(path.resolve(root), path.resolve(candidate));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Collects every problem with the environment instead of stopping at the first. */
class EnvReader {
  readonly #env: NodeJS.ProcessEnv;
  readonly #problems: string[] = [];

  constructor(env: NodeJS.ProcessEnv) {
    this.#env = env;
  }

  problem(text: string): void {
    this.#problems.push(text);
  }

  throwIfProblems(): void {
    if (this.#problems.length > 0) {
      throw new ConfigError(this.#problems);
    }
  }

  optional(name: string): string | undefined {
    const value = this.#env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  required(name: string): string {
    const value = this.optional(name);
    if (value === undefined) {
      this.problem(`${name} is required`);
      return '';
    }
    return value;
  }

  matching(name: string, pattern: RegExp, expected: string, fallback?: string): string {
    const value = fallback === undefined ? this.required(name) : (this.optional(name) ?? fallback);
    if (value !== '' && !pattern.test(value)) {
      this.problem(`${name} must be ${expected}`);
    }
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.optional(name) ?? fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      this.problem(`${name} must be one of ${allowed.join(', ')}`);
      return fallback;
    }
    return value as T;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === undefined) {
      return fallback;
    }
    if (!/^\d+$/.test(raw)) {
      this.problem(`${name} must be a whole number between ${min} and ${max}`);
      return fallback;
    }
    const value = Number(raw);
    if (value < min || value > max) {
      this.problem(`${name} must be between ${min} and ${max}`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.optional(name)?.toLowerCase();
    if (raw === undefined) {
      return fallback;
    }
    if (['true', '1', 'yes'].includes(raw)) {
      return true;
    }
    if (['false', '0', 'no'].includes(raw)) {
      return false;
    }
    this.problem(`${name} must be true or false`);
    return fallback;
  }

  url(name: string, protocols: readonly string[]): URL {
    const raw = this.required(name);
    return this.#parseUrl(name, raw, protocols) ?? new URL('http://invalid.invalid');
  }

  urlList(name: string, protocols: readonly string[]): URL[] {
    const raw = this.optional(name);
    if (raw === undefined) {
      return [];
    }
    return raw
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '')
      .flatMap((item) => this.#parseUrl(name, item, protocols) ?? []);
  }

  optionalList(name: string, pattern: RegExp, expected: string): string[] | undefined {
    return this.optional(name) === undefined ? undefined : this.list(name, pattern, expected);
  }

  list(name: string, pattern: RegExp, expected: string): string[] {
    const raw = this.required(name);
    const items = raw
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
    if (raw !== '' && (items.length === 0 || !items.every((item) => pattern.test(item)))) {
      this.problem(`${name} must be a comma-separated list of ${expected}`);
    }
    if (new Set(items).size !== items.length) {
      this.problem(`${name} lists a value twice`);
    }
    return items;
  }

  readableFile(name: string): string {
    const file = this.required(name);
    if (file === '') {
      return file;
    }
    try {
      accessSync(file, constants.R_OK);
      if (!statSync(file).isFile()) {
        this.problem(`${name} (${file}) is not a file`);
      }
    } catch {
      this.problem(`${name} (${file}) does not exist or is not readable`);
    }
    return path.resolve(file);
  }

  /** Two files that are given together or not at all. */
  filePair(first: string, second: string): { certPath: string; keyPath: string } | undefined {
    const given = [this.optional(first), this.optional(second)];
    if (given.every((value) => value === undefined)) {
      return undefined;
    }
    if (given.some((value) => value === undefined)) {
      this.problem(`${first} and ${second} are given together or not at all`);
      return undefined;
    }
    return { certPath: this.readableFile(first), keyPath: this.readableFile(second) };
  }

  directory(name: string): string {
    const dir = this.required(name);
    if (dir === '') {
      return dir;
    }
    try {
      if (!statSync(dir).isDirectory()) {
        this.problem(`${name} (${dir}) is not a directory`);
      }
    } catch {
      this.problem(`${name} (${dir}) does not exist`);
    }
    return path.resolve(dir);
  }

  absolutePath(name: string, fallback: string): string {
    const value = this.optional(name) ?? fallback;
    if (!path.isAbsolute(value)) {
      this.problem(`${name} must be an absolute path`);
    }
    return path.resolve(value);
  }

  #parseUrl(name: string, raw: string, protocols: readonly string[]): URL | undefined {
    if (raw === '') {
      return undefined;
    }
    const url = URL.parse(raw);
    if (url === null) {
      this.problem(`${name} (${raw}) is not a URL`);
      return undefined;
    }
    if (!protocols.includes(url.protocol)) {
      this.problem(`${name} must use ${protocols.join(' or ')}`);
      return undefined;
    }
    return url;
  }
}
