import {
  createCipheriv,
  createDecipheriv,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { Refusal } from './errors';

/**
 * Personal data leaves the chaincode only sealed to a one-time key of the reader: whatever a transaction returns can
 * be ordered into a block (a member may submit what we meant to be evaluated, and an invalid transaction is still
 * written), so the response itself must be useless to everyone but the reader.
 *
 * The scheme is ECIES with node's crypto: the reader sends a fresh P-256 public key (SPKI DER, base64) in the
 * transient map; the chaincode makes its own fresh P-256 key, derives a 256-bit key with HKDF-SHA-256 from the ECDH
 * secret, and encrypts with AES-256-GCM, binding the context (which read) as associated data.
 */

/** Transient-map key of the reader's one-time public key. */
export const TRANSIENT_READER_KEY = 'reader_key';

/** The algorithm label a sealed box carries (for readers to refuse anything else). */
export const SEALED_BOX_ALGORITHM = 'ECDH-ES-P256+HKDF-SHA256+A256GCM';

// A string, not a Buffer: this module is also bundled into the web application, where nothing may touch Buffer at load.
const HKDF_INFO = 'fabric-agreements sealed personal data v1';

/** A sealed payload as it travels in a proposal response (all binary fields base64). */
export interface SealedBox {
  readonly alg: string;
  /** The chaincode's one-time public key, SPKI DER. */
  readonly epk: string;
  readonly salt: string;
  readonly iv: string;
  readonly ciphertext: string;
  readonly tag: string;
}

/**
 * The reader's P-256 public key from base64 SPKI DER.
 * @throws Refusal `VALIDATION_FAILED` (field `transient.reader_key`) if it is not one.
 */
export function readerPublicKey(base64: string): KeyObject {
  const field = `transient.${TRANSIENT_READER_KEY}`;
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
  } catch {
    return notAPublicKey(field);
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    return notAPublicKey(field);
  }
  return key;
}

/** Seals `plaintext` to `readerKey`; `context` (e.g. the access id) must be given again to open it. */
export function seal(plaintext: string, readerKey: KeyObject, context: string): SealedBox {
  const ephemeral = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const salt = randomBytes(32);
  const key = deriveKey(diffieHellman({ privateKey: ephemeral.privateKey, publicKey: readerKey }), salt);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    alg: SEALED_BOX_ALGORITHM,
    epk: ephemeral.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/**
 * Opens a box sealed to the reader's one-time key.
 * @throws Error if the box is malformed, of another algorithm, for another context, or tampered with.
 */
export function open(box: SealedBox, readerPrivateKey: KeyObject, context: string): string {
  if (box.alg !== SEALED_BOX_ALGORITHM) {
    throw new Error('sealed box of an unknown algorithm');
  }
  const sender = createPublicKey({ key: Buffer.from(box.epk, 'base64'), format: 'der', type: 'spki' });
  const key = deriveKey(
    diffieHellman({ privateKey: readerPrivateKey, publicKey: sender }),
    Buffer.from(box.salt, 'base64'),
  );
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(box.iv, 'base64'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(box.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(box.ciphertext, 'base64')), decipher.final()]).toString(
    'utf8',
  );
}

/** A fresh one-time key pair for one read; the public half goes to the chaincode as base64 SPKI DER. */
export function oneTimeReaderKey(): { readonly privateKey: KeyObject; readonly publicKeyBase64: string } {
  const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    privateKey: pair.privateKey,
    publicKeyBase64: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  };
}

/** What binds a sealed read to its access: a box for one read cannot be passed off as another's. */
export function sealContext(childPseudonym: string, accessId: string): string {
  return `${childPseudonym}/${accessId}`;
}

function deriveKey(secret: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, salt, HKDF_INFO, 32));
}

function notAPublicKey(field: string): never {
  throw new Refusal('VALIDATION_FAILED', `${field}: must be a P-256 public key (SPKI DER, base64)`, {
    field,
    reason: 'not_a_public_key',
  });
}
