import { TokenVerifier, type TokenVerifierOptions } from 'agreements-gateway/auth/token-verifier';

/**
 * A token check as the municipality's gateway makes it (its claims, roles, access-token type and scope, no clock
 * tolerance) against this issuer's keys; `options` may change any of it.
 */
export function municipalityVerifier(
  options: Pick<TokenVerifierOptions, 'issuer' | 'audience' | 'keys'> & Partial<TokenVerifierOptions>,
): TokenVerifier {
  return new TokenVerifier({
    expectedOrg: 'municipality',
    usernameClaim: 'sub',
    orgClaim: 'org',
    roleClaim: 'role',
    clockToleranceSeconds: 0,
    tokenTypes: ['at+jwt'],
    requiredScope: 'agreements',
    clientIds: [],
    allowedRoles: ['caseworker', 'centre_head', 'director', 'guardian', 'auditor'],
    ...options,
  });
}
