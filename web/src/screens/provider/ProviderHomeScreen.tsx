import { listAll } from '../../api/agreements';
import { href } from '../../app/router';
import { useSession } from '../../app/session-context';
import { AgreementLink } from '../../components/AgreementLink';
import { DataTable } from '../../components/DataTable';
import { EInvoiceLinks } from '../../components/EInvoiceLinks';
import { DateText, LoadedView, StatusBadge } from '../../components/display';
import { useTexts } from '../../i18n/language';
import { useLoad } from '../../lib/use-load';

/** A provider's agreements, with the way to reports and invoices. */
export function ProviderHomeScreen() {
  const t = useTexts();
  const { domain } = useSession();
  const loaded = useLoad(
    () => listAll(domain, ['awaiting_signatures', 'active', 'terminated', 'expired']),
    [domain],
  );
  return (
    <>
      <h1>{t.provider.title}</h1>
      <p className="font-lead">{t.provider.intro}</p>
      <LoadedView loaded={loaded}>
        {(agreements) =>
          agreements.length === 0 ? (
            <p>{t.home.noAgreements}</p>
          ) : (
            <DataTable
              caption={t.provider.title}
              captionHidden
              columns={[t.common.agreement, t.common.start, t.common.status, t.agreement.actions]}
            >
              {agreements.map((agreement) => (
                <tr key={agreement.id}>
                  <th scope="row">
                    <AgreementLink agreement={agreement} />
                  </th>
                  <td>
                    <DateText date={agreement.startDate} />
                  </td>
                  <td>
                    <StatusBadge status={agreement.status} />
                  </td>
                  <td>
                    {agreement.status === 'active' && (
                      <a href={href('agreements', agreement.id, 'report')} className="mr-4">
                        {t.agreement.report}
                      </a>
                    )}
                    {(agreement.status === 'active' || agreement.status === 'terminated') && (
                      <a href={href('agreements', agreement.id, 'invoice')} className="mr-4">
                        {t.agreement.newInvoice}
                      </a>
                    )}
                    <EInvoiceLinks agreement={agreement} />
                  </td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </LoadedView>
    </>
  );
}
