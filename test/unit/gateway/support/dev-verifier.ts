import { remoteJwks, TokenVerifier } from 'agreements-gateway/auth/token-verifier';

/**
 * The token check of `org`'s gateway against a development identity provider at `issuer` (its JWKS fetched over
 * HTTP), with the gateway's default claims, type, scope and `roles`.
 */
export function devVerifier(
  issuer: string,
  audience: string,
  org: string,
  roles: readonly string[],
): TokenVerifier {
  return new TokenVerifier({
    issuer,
    audience,
    keys: remoteJwks(new URL(`${issuer}/jwks`)),
    expectedOrg: org,
    usernameClaim: 'sub',
    orgClaim: 'org',
    roleClaim: 'role',
    clockToleranceSeconds: 5,
    tokenTypes: ['at+jwt'],
    requiredScope: 'agreements',
    clientIds: [],
    allowedRoles: roles,
  });
}
