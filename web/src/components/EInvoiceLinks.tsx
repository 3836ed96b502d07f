import type { Agreement } from '../api/types';
import { href } from '../app/router';
import { PROVIDER_ROLES, useSession } from '../app/session-context';
import { useTexts } from '../i18n/language';

/**
 * The way to an agreement's e-invoicing screens, once it can be invoiced: its received OIOUBL documents, and for the
 * provider's staff sending one (while invoices can still be sent: active or terminated). Links only; the caller
 * places them.
 */
export function EInvoiceLinks({ agreement }: { agreement: Pick<Agreement, 'id' | 'status'> }) {
  const t = useTexts();
  const { session } = useSession();
  if (agreement.status === 'draft' || agreement.status === 'awaiting_signatures') return null;
  const canSend =
    PROVIDER_ROLES.includes(session.person.role) &&
    (agreement.status === 'active' || agreement.status === 'terminated');
  return (
    <>
      {canSend && (
        <a href={href('agreements', agreement.id, 'einvoice')} className="mr-4">
          {t.einvoice.sendLink}
        </a>
      )}
      <a href={href('agreements', agreement.id, 'documents')}>{t.einvoice.documentsLink}</a>
    </>
  );
}
