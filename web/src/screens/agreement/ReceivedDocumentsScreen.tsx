import { getAgreement } from '../../api/agreements';
import { applicationResponseUrl, receivedDocuments, type ReceivedDocumentView } from '../../api/einvoice';
import type { Agreement } from '../../api/types';
import { href } from '../../app/router';
import { PROVIDER_ROLES, useSession } from '../../app/session-context';
import { AgreementLink } from '../../components/AgreementLink';
import { lineReasonText } from '../../components/ApplicationResponseView';
import { amountColumn, DataTable } from '../../components/DataTable';
import { LoadedView, MomentText, Money } from '../../components/display';
import { FormHeading } from '../../components/FormHeading';
import type { Texts } from '../../i18n/da';
import { useLanguage, useTexts } from '../../i18n/language';
import { formatMonth } from '../../lib/format';
import { useLoad } from '../../lib/use-load';

/** The status badge of each verdict. */
const BADGE = {
  accepted: 'badge badge-success',
  partially_accepted: 'badge badge-warning',
  rejected: 'badge badge-error',
} as const;

/** An agreement's received OIOUBL documents: each with its verdict, the reason per rejected line, and its answer. */
export function ReceivedDocumentsScreen({ agreementId }: { agreementId: string }) {
  const { domain } = useSession();
  const loaded = useLoad(async () => {
    const [agreement, documents] = await Promise.all([
      getAgreement(domain, agreementId),
      receivedDocuments(domain, agreementId),
    ]);
    return { agreement, documents };
  }, [domain, agreementId]);
  return (
    <LoadedView loaded={loaded}>
      {({ agreement, documents }) => <ReceivedDocuments agreement={agreement} documents={documents} />}
    </LoadedView>
  );
}

/** The verdict, month, amount and rejected lines of one document, whichever kind it is. */
interface DocumentFacts {
  readonly status: keyof typeof BADGE | undefined;
  readonly month: string | undefined;
  readonly amount: number | undefined;
  readonly rejected: readonly { readonly serviceLineId: string; readonly reason?: string | undefined }[];
}

function factsOf(view: ReceivedDocumentView): DocumentFacts {
  const invoice = view.invoice ?? undefined;
  const creditNote = view.creditNote ?? undefined;
  if (invoice !== undefined) {
    const { validation } = invoice;
    return {
      status: validation.status,
      month: validation.month,
      amount: validation.totals.payable,
      rejected: validation.lines.filter((line) => line.status === 'rejected'),
    };
  }
  if (creditNote !== undefined) {
    return {
      status: creditNote.status,
      month: creditNote.month,
      amount: creditNote.totals.credited,
      rejected: creditNote.lines.filter((line) => line.status === 'rejected'),
    };
  }
  return { status: undefined, month: undefined, amount: undefined, rejected: [] };
}

/** Every service line's kind in any version, by id (a document may name a line a later version changed). */
function lineKinds(agreement: Agreement, t: Texts): ReadonlyMap<string, string> {
  return new Map(
    agreement.versions.flatMap((version) =>
      version.terms.lines.map((line) => [line.id, t.lineKinds[line.kind]]),
    ),
  );
}

function ReceivedDocuments({
  agreement,
  documents,
}: {
  agreement: Agreement;
  documents: readonly ReceivedDocumentView[];
}) {
  const t = useTexts();
  const { domain, session } = useSession();
  const provider = PROVIDER_ROLES.includes(session.person.role);
  const sorted = [...documents].sort((a, b) =>
    (b.document.receivedAt ?? '').localeCompare(a.document.receivedAt ?? ''),
  );
  return (
    <>
      <FormHeading
        back={<AgreementLink agreement={agreement} className="back-link" />}
        title={t.einvoice.documentsTitle}
        intro={t.einvoice.documentsIntro}
      />
      {provider && (agreement.status === 'active' || agreement.status === 'terminated') && (
        <p>
          <a className="button button-secondary" href={href('agreements', agreement.id, 'einvoice')}>
            {t.einvoice.sendLink}
          </a>
        </p>
      )}
      {sorted.length === 0 ? (
        <p>{t.einvoice.noDocuments}</p>
      ) : (
        <div className="table--responsive-scroll">
          <DataTable
            caption={t.einvoice.documentsTitle}
            captionHidden
            className="table table--zebra figures"
            columns={[
              t.einvoice.document,
              t.einvoice.month,
              t.einvoice.received,
              t.common.status,
              amountColumn(`${t.einvoice.payable} / ${t.einvoice.credited.toLowerCase()}`),
              t.einvoice.reason,
              t.einvoice.answer,
            ]}
          >
            {sorted.map((view) => (
              <DocumentRow
                key={view.document.documentId}
                view={view}
                kinds={lineKinds(agreement, t)}
                download={applicationResponseUrl(domain, agreement.id, view.document.documentId)}
              />
            ))}
          </DataTable>
        </div>
      )}
    </>
  );
}

function DocumentRow({
  view,
  kinds,
  download,
}: {
  view: ReceivedDocumentView;
  kinds: ReadonlyMap<string, string>;
  download: string;
}) {
  const t = useTexts();
  const { language } = useLanguage();
  const { document } = view;
  const facts = factsOf(view);
  return (
    <tr data-document={document.documentId}>
      <th scope="row">
        {t.einvoice.documentCaption(t.einvoice.types[document.type], document.documentId)}
        {document.creditedInvoiceId !== undefined && (
          <span className="form-hint d-block">
            {t.einvoice.creditedInvoice} {document.creditedInvoiceId}
          </span>
        )}
      </th>
      <td>{facts.month === undefined ? '–' : formatMonth(facts.month, language)}</td>
      <td>
        <MomentText at={document.receivedAt} />
      </td>
      <td>
        {facts.status === undefined ? (
          '–'
        ) : (
          <span className={BADGE[facts.status]}>{t.validationStatus[facts.status]}</span>
        )}
      </td>
      <td className="amount">{facts.amount === undefined ? '–' : <Money ore={facts.amount} />}</td>
      <td>
        {facts.rejected.length === 0 ? (
          '–'
        ) : (
          <ul className="m-0">
            {facts.rejected.map((line, index) => (
              <li key={`${line.serviceLineId}-${index.toString()}`} data-reason={line.reason}>
                <strong>{kinds.get(line.serviceLineId) ?? line.serviceLineId}</strong>:{' '}
                {lineReasonText(t, line.reason, t.einvoice.lineRejected)}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        <a href={download} download={`ApplicationResponse-${document.documentId}.xml`}>
          {t.einvoice.answer} <span className="sr-only">{document.documentId}</span> (XML)
        </a>
      </td>
    </tr>
  );
}
