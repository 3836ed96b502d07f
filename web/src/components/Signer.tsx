import type { Signature } from '../api/types';
import { useTexts } from '../i18n/language';
import { useMyCertId } from '../lib/use-me';
import { usePeople } from '../lib/use-people';
import { MomentText } from './display';

/**
 * Who signed: the person (a name for the organisation's own people, a login with organisation for others, role and
 * organisation on records written before logins were recorded), "you" for the person's own signature, and when.
 */
export function Signer({ signature }: { signature: Signature }) {
  const t = useTexts();
  const { whoIs } = usePeople();
  const mine = useMyCertId() === signature.certId;
  return (
    <>
      {whoIs(signature)}
      {mine && <strong> ({t.common.you})</strong>} – <MomentText at={signature.signedAt} />
    </>
  );
}
