import { createHash } from 'node:crypto';
import type { Caller } from '@fabric-agreements/api';
import type { Context } from 'fabric-contract-api';

export type { Caller };

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
