import { createPrivateKey, type KeyObject } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

/** What the wallet keeps about one enrolled identity, besides its key. */
export interface WalletEntry {
  readonly enrollmentId: string;
  readonly mspId: string;
  readonly role: string;
  readonly certificatePem: string;
}

/** An identity as loaded from the wallet. */
export interface StoredIdentity extends WalletEntry {
  readonly privateKey: KeyObject;
}

/** Enrolment ids the wallet (and the CA) accept: they become file names, so no separators and no leading dot. */
export const ENROLLMENT_ID = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/**
 * Keys and certificates of enrolled users on local disk: a 0700 directory outside the repository, one 0600 key file
 * and one 0600 certificate record per user, each written atomically. Keys never leave this module except as
 * {@link KeyObject}s, which do not print their contents.
 */
export class FileWallet {
  readonly #dir: string;
  #ready: Promise<void> | undefined;

  constructor(dir: string) {
    this.#dir = dir;
  }

  /** The identity stored for `enrollmentId`, or `undefined`. */
  async get(enrollmentId: string): Promise<StoredIdentity | undefined> {
    await this.#ensureDir();
    let entryJson: string;
    let keyPem: string;
    try {
      [entryJson, keyPem] = await Promise.all([
        readFile(this.#file(enrollmentId, 'json'), 'utf8'),
        readFile(this.#file(enrollmentId, 'key'), 'utf8'),
      ]);
    } catch (error) {
      if (isNotFound(error)) {
        return undefined;
      }
      throw error;
    }
    const entry = JSON.parse(entryJson) as WalletEntry;
    return { ...entry, privateKey: createPrivateKey(keyPem) };
  }

  /** Stores (or replaces) an identity. */
  async put(entry: WalletEntry, privateKey: KeyObject): Promise<void> {
    await this.#ensureDir();
    const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    // Key first: a record never points at a missing key.
    await writeAtomically(this.#file(entry.enrollmentId, 'key'), keyPem);
    await writeAtomically(this.#file(entry.enrollmentId, 'json'), `${JSON.stringify(entry, null, 2)}\n`);
  }

  #file(enrollmentId: string, kind: 'key' | 'json'): string {
    if (!ENROLLMENT_ID.test(enrollmentId)) {
      throw new Error('invalid enrolment id');
    }
    return path.join(this.#dir, `${enrollmentId}.${kind === 'key' ? 'key.pem' : 'json'}`);
  }

  #ensureDir(): Promise<void> {
    this.#ready ??= (async () => {
      await mkdir(this.#dir, { recursive: true, mode: 0o700 });
      await chmod(this.#dir, 0o700);
    })();
    return this.#ready;
  }
}

async function writeAtomically(file: string, content: string): Promise<void> {
  const temporary = `${file}.${process.pid.toString()}.${Date.now().toString()}.tmp`;
  await writeFile(temporary, content, { mode: 0o600, flag: 'wx' });
  await rename(temporary, file);
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}
