import { useEffect, useMemo, useState } from 'react';
import {
  judgedReference,
  readApplicationResponse,
  readDocumentLines,
  type ApplicationResponseView as AnswerView,
  type DocumentLine,
} from '../lib/application-response';
import type { Texts } from '../i18n/da';
import { useLanguage, useTexts, type Language } from '../i18n/language';
import { formatDate, formatKroner } from '../lib/format';
import { amountColumn, DataTable } from './DataTable';

/** The sentence for a line's reason code: the product's text, else the Danish explanation the answer carries. */
export function lineReasonText(t: Texts, code: string | undefined, fallback = ''): string {
  if (code === undefined) return fallback;
  const texts: Readonly<Record<string, string>> = { ...t.invoiceReasons, ...t.creditNoteReasons };
  return texts[code] ?? fallback;
}

/** A document's amount ("95000.00") in kroner as the reader writes them. */
function amountText(amount: string, language: Language): string {
  const kroner = Number(amount);
  return amount === '' || !Number.isFinite(kroner) ? '–' : formatKroner(Math.round(kroner * 100), language);
}

/** The document's verdict as a word, and the dkfds alert it is shown in. */
function verdictOf(t: Texts, answer: AnswerView): { word: string; alert: string } {
  switch (answer.response.reference) {
    case 'ACCEPTED':
      return { word: t.einvoice.verdicts.ACCEPTED, alert: 'alert-success' };
    case 'PARTIALLY_ACCEPTED':
      return { word: t.einvoice.verdicts.PARTIALLY_ACCEPTED, alert: 'alert-warning' };
    case 'REJECTED':
      return { word: t.einvoice.verdicts.REJECTED, alert: 'alert-error' };
    default:
      return { word: t.einvoice.verdicts.refused, alert: 'alert-error' };
  }
}

/** A link that downloads the answer's XML from memory (a refused document's answer is not on the ledger). */
function useXmlDownload(xml: string): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    const created = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
    setUrl(created);
    return () => {
      URL.revokeObjectURL(created);
    };
  }, [xml]);
  return url;
}

/**
 * An OIOUBL ApplicationResponse, shown line by line: the verdict on the document and, for every line of the sent
 * document (or every line the answer rejects, when the document is not at hand), accepted or rejected and why; a link
 * to download the answer's XML for the provider's finance system.
 */
export function ApplicationResponseView({
  answer: xml,
  document,
  headingId = 'answer-heading',
}: {
  /** The ApplicationResponse's XML. */
  answer: string;
  /** The sent document's XML, to name its lines. */
  document?: string | undefined;
  headingId?: string;
}) {
  const t = useTexts();
  const { language } = useLanguage();
  const answer = useMemo(() => readApplicationResponse(xml), [xml]);
  const lines = useMemo(() => (document === undefined ? [] : readDocumentLines(document)), [document]);
  const download = useXmlDownload(xml);
  if (answer === undefined) return null;
  const verdict = verdictOf(t, answer);
  const judged = judgedReference(answer);
  return (
    <section
      className={`alert ${verdict.alert}`}
      aria-labelledby={headingId}
      data-verdict={answer.response.reference}
    >
      <div className="alert-body">
        <h2 id={headingId} className="alert-heading h3">
          {t.einvoice.answerHeading(answer.documentId)}: {verdict.word}
        </h2>
        {judged !== undefined ? (
          <p className="alert-text">{t.einvoice.verdictText[judged]}</p>
        ) : (
          // The answer's own explanation, as the provider's finance system receives it (in Danish).
          <p className="alert-text" lang="da">
            {answer.response.description}
          </p>
        )}
        <p className="alert-text form-hint">
          {t.einvoice.answerId(answer.id, formatDate(answer.issueDate, language))} · {answer.response.code}
          {judged === undefined && <> · {t.errorSummary.code(answer.response.reference)}</>}
        </p>
        {judged !== undefined && <AnswerLines answer={answer} lines={lines} />}
        {download !== undefined && (
          <p className="alert-text">
            <a href={download} download={`ApplicationResponse-${answer.documentId}.xml`}>
              {t.einvoice.download}
            </a>
          </p>
        )}
      </div>
    </section>
  );
}

/** The document's lines with the answer's verdict on each; only the answer's line responses without the document. */
function AnswerLines({ answer, lines }: { answer: AnswerView; lines: readonly DocumentLine[] }) {
  const t = useTexts();
  const { language } = useLanguage();
  const responses = new Map(answer.lines.map((line) => [line.lineId, line]));
  const rows: readonly DocumentLine[] =
    lines.length > 0
      ? lines
      : answer.lines.map((line) => ({ lineId: line.lineId, item: '', name: '', amount: '' }));
  if (rows.length === 0) return null;
  return (
    <DataTable
      caption={t.einvoice.lines}
      className="table table--compact figures"
      columns={[
        t.einvoice.line,
        t.einvoice.item,
        t.einvoice.text,
        amountColumn(t.einvoice.amount),
        t.einvoice.result,
        t.einvoice.reason,
      ]}
    >
      {rows.map((line) => {
        const rejection = responses.get(line.lineId);
        return (
          <tr key={line.lineId} data-line-status={rejection === undefined ? 'accepted' : 'rejected'}>
            <th scope="row">{line.lineId}</th>
            <td>{line.item === '' ? '–' : line.item}</td>
            <td>{line.name === '' ? '–' : line.name}</td>
            <td className="amount">{amountText(line.amount, language)}</td>
            <td>
              {rejection === undefined ? (
                <span className="badge badge-success">{t.einvoice.lineAccepted}</span>
              ) : (
                <span className="badge badge-error">{t.einvoice.lineRejected}</span>
              )}
            </td>
            <td data-reason={rejection?.reference}>
              {rejection === undefined ? '–' : lineReasonText(t, rejection.reference, rejection.description)}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
