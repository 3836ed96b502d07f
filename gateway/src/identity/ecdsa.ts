import { sign, type KeyObject } from 'node:crypto';
import { sequence, unsignedInteger } from './der';

/** Group orders of the curves Fabric CAs issue keys on. */
const CURVE_ORDERS: Readonly<
  Record<string, { readonly order: bigint; readonly hash: string; readonly size: number }>
> = {
  prime256v1: {
    order: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
    hash: 'sha256',
    size: 32,
  },
  secp384r1: {
    order:
      0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
    hash: 'sha384',
    size: 48,
  },
};

/**
 * Signs `data` with an EC private key and returns a DER signature whose S is in the lower half of the group order.
 * Fabric (and the Fabric CA's token check) reject "high-S" signatures to rule out signature malleability, and
 * OpenSSL does not normalise S by itself. `hash` defaults to the curve's own (SHA-256 for P-256, SHA-384 for P-384);
 * Fabric transactions are signed over SHA-256 whatever the curve.
 * @throws Error if the key is not an EC key on P-256 or P-384.
 */
export function signLowS(data: Uint8Array, privateKey: KeyObject, hash?: 'sha256'): Buffer {
  const curve = privateKey.asymmetricKeyDetails?.namedCurve;
  const params = curve === undefined ? undefined : CURVE_ORDERS[curve];
  if (privateKey.asymmetricKeyType !== 'ec' || params === undefined) {
    throw new Error('only P-256 and P-384 EC keys are supported');
  }
  const raw = sign(hash ?? params.hash, data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
  const r = raw.subarray(0, params.size);
  let s = BigInt(`0x${raw.subarray(params.size).toString('hex')}`);
  if (s > params.order / 2n) {
    s = params.order - s;
  }
  const sBytes = Buffer.from(s.toString(16).padStart(params.size * 2, '0'), 'hex');
  return sequence(unsignedInteger(r), unsignedInteger(sBytes));
}

/** The signature algorithm identifier matching {@link signLowS} for a key. */
export function signatureAlgorithmOid(privateKey: KeyObject): string {
  return privateKey.asymmetricKeyDetails?.namedCurve === 'secp384r1'
    ? '1.2.840.10045.4.3.3' // ecdsa-with-SHA384
    : '1.2.840.10045.4.3.2'; // ecdsa-with-SHA256
}

/** Whether {@link signLowS} can sign with this key. */
export function canSignLowS(privateKey: KeyObject): boolean {
  const curve = privateKey.asymmetricKeyDetails?.namedCurve;
  return privateKey.asymmetricKeyType === 'ec' && curve !== undefined && curve in CURVE_ORDERS;
}
