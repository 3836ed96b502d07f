import type { Agreement } from '../api/types';
import { href } from '../app/router';
import { PROVIDER_ROLES, useSession } from '../app/session-context';
import { useTexts } from '../i18n/language';

/**
 * The way to an agreement's e-invoicing screens: its received OIOUBL documents, and for the provider's staff sending
 * one (while invoices can still be sent: active or terminated).
 */
export function EInvoiceLinks({ agreement }: { agreement: Pick<Agreement, 'id' | 'status'> }) {
  const t = useTexts();
  const { session } = useSession();
  const canSend =
    PROVIDER_ROLES.includes(session.person.role) &&
    (agreement.status === 'active' || agreement.status === 'terminated');
  return (
    <p className="einvoice-links">
      <a href={href('agreements', agreement.id, 'documents')} className="mr-4">
        {t.einvoice.documentsLink}
      </a>
      {canSend && <a href={href('agreements', agreement.id, 'einvoice')}>{t.einvoice.sendLink}</a>}
    </p>
  );
}
