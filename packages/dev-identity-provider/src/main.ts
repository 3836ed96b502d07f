/**
 * Development identity provider: `node packages/dev-identity-provider/dist/main.js` (what `scripts/gateway.sh`
 * starts). Lets the case story's people log in to the web application and issues tokens to scripts and tests; see
 * packages/dev-identity-provider/README.md. Never run it in production.
 */
import { createServer } from 'node:http';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { loadOrCreateSigningKey } from './dev-provider';
import { readDevUsers } from './dev-users';
import { createDevIdentityHandler } from './server';
import { readWebClients } from './web-clients';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
/** The repository root, from `src/` (tsx) and `dist/` alike. */
const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Where the provider listens. */
interface ListenAddress {
  readonly port: number;
  readonly host: string;
}

/** The provider's settings from the environment (see the README). */
interface DevIdentitySettings extends ListenAddress {
  readonly issuer: string;
  readonly audience: string;
  readonly usersFile: string;
  readonly topologyFile: string;
  readonly keyFile: string;
  readonly tokenTtlSeconds: number;
}

/** @throws Error in production mode: a development provider must never issue tokens there. */
function refuseProduction(env: NodeJS.ProcessEnv): void {
  if (env.NODE_ENV === 'production' || env.GATEWAY_MODE === 'production') {
    throw new Error(
      'the development identity provider does not run in production mode (NODE_ENV/GATEWAY_MODE)',
    );
  }
}

/** @throws Error for a port that is not one, or a host off loopback without `DEV_OIDC_ALLOW_REMOTE=true`. */
function listenAddress(env: NodeJS.ProcessEnv): ListenAddress {
  const port = Number(env.DEV_OIDC_PORT ?? '4000');
  const host = env.DEV_OIDC_HOST ?? '127.0.0.1';
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error('DEV_OIDC_PORT must be a port number');
  }
  if (!LOOPBACK.has(host) && env.DEV_OIDC_ALLOW_REMOTE !== 'true') {
    throw new Error(
      'the development identity provider listens on loopback only (set DEV_OIDC_ALLOW_REMOTE=true to override)',
    );
  }
  return { port, host };
}

function settingsOf(env: NodeJS.ProcessEnv): DevIdentitySettings {
  refuseProduction(env);
  const { port, host } = listenAddress(env);
  const dataHome = env.XDG_DATA_HOME ?? path.join(homedir(), '.local', 'share');
  return {
    port,
    host,
    issuer: (env.DEV_OIDC_ISSUER ?? `http://localhost:${port.toString()}`).replace(/\/$/, ''),
    audience: env.DEV_OIDC_AUDIENCE ?? 'urn:fabric-agreements:gateway',
    usersFile: env.DEV_OIDC_USERS_FILE ?? path.join(PROJECT_ROOT, 'network', 'users.json'),
    topologyFile: env.DEV_OIDC_TOPOLOGY_FILE ?? path.join(PROJECT_ROOT, 'network', 'topology.json'),
    keyFile:
      env.DEV_OIDC_KEY_FILE ?? path.join(dataHome, 'fabric-agreements', 'dev-oidc', 'signing-key.json'),
    tokenTtlSeconds: Number(env.DEV_OIDC_TOKEN_TTL_S ?? '900'),
  };
}

async function main(): Promise<void> {
  const { port, host, issuer, audience, usersFile, topologyFile, keyFile, tokenTtlSeconds } = settingsOf(
    process.env,
  );
  const users = readDevUsers(usersFile);
  const webClients = readWebClients(topologyFile);
  const server = createServer(
    createDevIdentityHandler({
      issuer,
      audience,
      users,
      webClients,
      signingKey: await loadOrCreateSigningKey(keyFile),
      tokenTtlSeconds,
    }),
  );
  server.listen(port, host, () => {
    process.stdout.write(
      `${JSON.stringify({
        msg: 'development OIDC provider listening',
        issuer,
        audience,
        jwks: `${issuer}/jwks`,
        token: `${issuer}/token`,
        users: users.map((user) => `${user.name}@${user.org} (${user.role})`),
        webClients: webClients.map((client) => client.clientId),
      })}\n`,
    );
  });
  const stop = (): void => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
