import type { KeyObject } from 'node:crypto';
import { hash, signers, type Hash, type Signer } from '@hyperledger/fabric-gateway';
import { canSignLowS, signLowS } from '../identity/ecdsa';

/** What fabric-gateway's `connect` takes to sign as one identity: the signer and the hash it expects. */
export interface TransactionSigning {
  readonly signer: Signer;
  readonly hash: Hash;
}

/**
 * Signs transactions with Node's own (OpenSSL) ECDSA instead of fabric-gateway's pure-JavaScript one, which costs
 * about eight times the CPU per signature (0.7 against 0.09 ms measured here) — on a read, a fifth of the gateway's
 * work. The signature is the kind fabric-gateway's own makes and Fabric requires: ECDSA over SHA-256 of the
 * message, DER-encoded, with a low S (a peer refuses a high S, against signature malleability). Any other key type
 * keeps fabric-gateway's signer.
 */
export function transactionSigning(privateKey: KeyObject): TransactionSigning {
  if (!canSignLowS(privateKey)) {
    return { signer: signers.newPrivateKeySigner(privateKey), hash: hash.sha256 };
  }
  return {
    // The message arrives unhashed (hash.none): OpenSSL hashes and signs it in one call.
    hash: hash.none,
    signer: (message) => Promise.resolve(signLowS(message, privateKey, 'sha256')),
  };
}
