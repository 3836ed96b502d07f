import { createHash } from 'node:crypto';
import type { Context } from 'fabric-contract-api';

/** Who submitted the transaction, as far as the chaincode may know it. */
export interface Caller {
  /** MSP id of the caller's organisation. */
  readonly mspId: string;
  /**
   * `sha256:<hex>` of the identity's `x509::<subject>::<issuer>` id: stable across certificate renewal (so one
   * person never counts as two signers) and free of the person's name, so it may be written to the ledger.
   */
  readonly certId: string;
  /** The `role` attribute the organisation's Fabric CA put into the certificate, if any. */
  readonly role: string | null;
  /** An organisation administrator: Fabric CA type `admin` (`hf.Type`) or NodeOU `OU=admin` in the subject. */
  readonly isAdmin: boolean;
  /** The subject's common name: the enrolment id Fabric CA issued the certificate to (binds a guardian). */
  readonly enrollmentId: string;
}

/** Reads the caller from the client identity the shim built from the signed proposal. */
export function callerOf(ctx: Context): Caller {
  const identity = ctx.clientIdentity;
  const id = identity.getID();
  return {
    mspId: identity.getMSPID(),
    certId: `sha256:${createHash('sha256').update(id, 'utf8').digest('hex')}`,
    role: identity.getAttributeValue('role'),
    isAdmin: identity.getAttributeValue('hf.Type') === 'admin' || subjectHasAdminOu(id),
    enrollmentId: subjectCommonName(id),
  };
}

function subjectCommonName(id: string): string {
  const subject = id.split('::')[1] ?? '';
  const cn = subject.split('/').find((part) => part.startsWith('CN='));
  return cn === undefined ? '' : cn.slice('CN='.length);
}

/** `getID()` is `x509::/C=../OU=admin/CN=..::/C=../CN=ca...`; only the subject part counts. */
function subjectHasAdminOu(id: string): boolean {
  const subject = id.split('::')[1] ?? '';
  return subject.split('/').some((part) => part === 'OU=admin');
}
