import { sign, type KeyObject } from 'node:crypto';
import { hash, signers, type Hash, type Signer } from '@hyperledger/fabric-gateway';

/** What fabric-gateway's `connect` takes to sign as one identity: the signer and the hash it expects. */
export interface TransactionSigning {
  readonly signer: Signer;
  readonly hash: Hash;
}

/** Group orders of the curves Fabric CAs issue keys on (P-256 by default, P-384 optionally). */
const CURVE_ORDERS: Readonly<Record<string, { readonly order: bigint; readonly bytes: number }>> = {
  prime256v1: { order: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n, bytes: 32 },
  secp384r1: {
    order:
      0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
    bytes: 48,
  },
};

/**
 * Signs transactions with Node's own (OpenSSL) ECDSA instead of fabric-gateway's pure-JavaScript one, which costs
 * about ten times the CPU per signature — on a read, a sizeable share of the gateway's work. The signature is the
 * same kind Fabric requires: ECDSA over SHA-256 of the message, DER-encoded, with a low S (a peer refuses a high S,
 * against signature malleability). Any other key type keeps fabric-gateway's signer.
 */
export function transactionSigning(privateKey: KeyObject): TransactionSigning {
  const curve = privateKey.asymmetricKeyDetails?.namedCurve;
  const parameters =
    privateKey.asymmetricKeyType === 'ec' && curve !== undefined ? CURVE_ORDERS[curve] : undefined;
  if (parameters === undefined) {
    return { signer: signers.newPrivateKeySigner(privateKey), hash: hash.sha256 };
  }
  return {
    // The message arrives unhashed (hash.none): OpenSSL hashes and signs it in one call.
    hash: hash.none,
    signer: (message) => {
      const raw = sign('sha256', message, { key: privateKey, dsaEncoding: 'ieee-p1363' });
      return Promise.resolve(lowSDer(raw, parameters.order, parameters.bytes));
    },
  };
}

/** `r ‖ s` (IEEE P1363) → DER `SEQUENCE { INTEGER r, INTEGER s }`, with `s` replaced by `n − s` when above `n / 2`. */
export function lowSDer(raw: Uint8Array, order: bigint, bytes: number): Uint8Array {
  if (raw.length !== 2 * bytes) {
    throw new Error('unexpected ECDSA signature length');
  }
  const r = raw.subarray(0, bytes);
  let s = toBigInt(raw.subarray(bytes));
  if (s > order >> 1n) {
    s = order - s;
  }
  const rDer = derInteger(r);
  const sDer = derInteger(fromBigInt(s, bytes));
  // At most 2 × (2 + 49) bytes for P-384: the short length form always fits.
  return Uint8Array.from([0x30, rDer.length + sDer.length, ...rDer, ...sDer]);
}

function derInteger(unsigned: Uint8Array): number[] {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) {
    start++;
  }
  const value = [...unsigned.subarray(start)];
  // A set high bit would read as negative: DER prefixes a zero byte.
  if ((value[0] ?? 0) & 0x80) {
    value.unshift(0);
  }
  return [0x02, value.length, ...value];
}

function toBigInt(bytes: Uint8Array): bigint {
  return BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

function fromBigInt(value: bigint, bytes: number): Uint8Array {
  return Buffer.from(value.toString(16).padStart(bytes * 2, '0'), 'hex');
}
