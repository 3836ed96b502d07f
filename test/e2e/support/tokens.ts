/**
 * Bearer tokens the development identity provider would never issue: expired, wrongly signed, for another audience
 * or from another issuer. Each starts from a real token of the provider (so every other claim is right) and
 * changes one thing; all but the wrongly signed one are signed with the provider's own key, so the gateway's
 * refusal can only come from the one claim that changed.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  decodeJwt,
  decodeProtectedHeader,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  SignJWT,
} from 'jose';

/** Where the development provider keeps its signing key (packages/dev-identity-provider/src/main.ts). */
export function devSigningKeyFile(): string {
  const dataHome = process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share');
  return process.env.DEV_OIDC_KEY_FILE ?? join(dataHome, 'fabric-agreements', 'dev-oidc', 'signing-key.json');
}

type SigningKey = Parameters<SignJWT['sign']>[0];

async function devSigningKey(): Promise<{ key: SigningKey; kid: string | undefined }> {
  const jwk = JSON.parse(readFileSync(devSigningKeyFile(), 'utf8')) as JWK;
  return { key: await importJWK(jwk, 'ES256'), kid: jwk.kid };
}

/** Re-signs `token`'s claims with `changes` applied (`undefined` removes a claim). */
async function resign(
  token: string,
  changes: Readonly<JWTPayload>,
  signWith: { readonly key: SigningKey; readonly kid: string | undefined },
): Promise<string> {
  const header = decodeProtectedHeader(token);
  const claims: JWTPayload = { ...decodeJwt(token), ...changes };
  return new SignJWT(claims)
    .setProtectedHeader({
      alg: 'ES256',
      ...(header.typ === undefined ? {} : { typ: header.typ }),
      ...(signWith.kid === undefined ? {} : { kid: signWith.kid }),
    })
    .sign(signWith.key);
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** The same token, expired an hour ago (well beyond any clock tolerance). */
export async function expiredVersionOf(token: string): Promise<string> {
  const now = nowSeconds();
  return resign(token, { iat: now - 7_200, nbf: now - 7_200, exp: now - 3_600 }, await devSigningKey());
}

/** The same token for another audience. */
export async function otherAudienceVersionOf(token: string): Promise<string> {
  return resign(token, { aud: 'urn:some-other-service' }, await devSigningKey());
}

/** The same token claiming another issuer. */
export async function otherIssuerVersionOf(token: string): Promise<string> {
  return resign(token, { iss: 'http://impostor.example' }, await devSigningKey());
}

/**
 * The same token signed with a key of our own, under the provider's key id: the gateway finds the provider's key
 * and the signature does not verify.
 */
export async function forgedVersionOf(token: string): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256');
  return resign(token, {}, { key: privateKey, kid: decodeProtectedHeader(token).kid });
}
