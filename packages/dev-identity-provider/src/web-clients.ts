import { readFileSync } from 'node:fs';

/**
 * An organisation's gateway as an OAuth client of the web login: a confidential client (it keeps its secret and the
 * tokens server-side) using the authorization code flow with PKCE.
 */
export interface WebClient {
  /** `gateway-<org>`. */
  readonly clientId: string;
  /** `gateway-<org>-dev-secret` (development only). */
  readonly secret: string;
  /** Organisation key: only this organisation's people may log in through this client. */
  readonly org: string;
  /** The organisation's name, shown on the login page. */
  readonly orgName: string;
  /** `<origin>/auth/callback` for each origin the gateway may be reached at. */
  readonly redirectUris: readonly string[];
  /** `<origin>/` for each origin: where the browser lands after logging out. */
  readonly postLogoutRedirectUris: readonly string[];
}

interface TopologyOrganisation {
  readonly key: string;
  readonly displayName?: string;
  readonly host?: string;
  readonly gatewayPort: number;
}

/**
 * One web client per organisation of network/topology.json, for the origins its gateway is reached at:
 * `http://localhost:<gatewayPort>` and `http://<host>:<gatewayPort>` (the organisation's listen address). These are
 * the URLs `gateway/tools/org-env.mjs` gives the gateways as `GATEWAY_PUBLIC_URL` (localhost).
 * @throws Error if the file is missing or malformed.
 */
export function readWebClients(topologyFile: string): readonly WebClient[] {
  const topology = JSON.parse(readFileSync(topologyFile, 'utf8')) as {
    host?: string;
    organisations?: readonly TopologyOrganisation[];
  };
  const organisations = topology.organisations;
  if (organisations === undefined || !Array.isArray(organisations)) {
    throw new Error(`${topologyFile} has no "organisations" array`);
  }
  return organisations.map((org: TopologyOrganisation) => {
    const host = org.host ?? topology.host ?? '127.0.0.1';
    const origins = [...new Set(['localhost', host])].map(
      (name) => `http://${name}:${org.gatewayPort.toString()}`,
    );
    return {
      clientId: `gateway-${org.key}`,
      secret: `gateway-${org.key}-dev-secret`,
      org: org.key,
      orgName: org.displayName ?? org.key,
      redirectUris: origins.map((origin) => `${origin}/auth/callback`),
      postLogoutRedirectUris: origins.map((origin) => `${origin}/`),
    };
  });
}
