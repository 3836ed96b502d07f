import type { Signature } from '../api/types';
import { useTexts } from '../i18n/language';
import { useMyCertId } from '../lib/use-me';
import { useRegistry } from '../lib/use-registry';
import { MomentText } from './display';

/**
 * Who signed, as the ledger knows them: a role at an organisation (the certificate id is a fingerprint, not a
 * name), "you" for the person's own signature, and when.
 */
export function Signer({ signature }: { signature: Signature }) {
  const t = useTexts();
  const { nameOf } = useRegistry();
  const mine = useMyCertId() === signature.certId;
  return (
    <>
      {t.roles[signature.role] ?? signature.role}, {nameOf(signature.mspId)}
      {mine && <strong> ({t.common.you})</strong>} – <MomentText at={signature.signedAt} />
    </>
  );
}
