import type { KeyObject } from 'node:crypto';

/** A person's (or the gateway's own) Fabric identity: what a transaction is signed with. */
export interface SigningUser {
  /** Stable key of this identity (enrolment id and certificate fingerprint); a renewed certificate is a new key. */
  readonly key: string;
  readonly mspId: string;
  /** The X.509 enrolment certificate issued by the organisation's Fabric CA, PEM. */
  readonly certificatePem: string;
  /** Never logged, never returned. */
  readonly privateKey: KeyObject;
}
