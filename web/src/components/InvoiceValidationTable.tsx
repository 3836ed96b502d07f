import type { InvoiceRecord, ServiceLine } from '../api/types';
import { useLanguage, useTexts } from '../i18n/language';
import { formatKroner, formatMonth, formatQuantity } from '../lib/format';
import { amountColumn, DataTable } from './DataTable';
import { Money } from './display';

/** Each line of a validated invoice: accepted or rejected and why, with what was expected. */
export function InvoiceValidationTable({
  invoice,
  lines = [],
}: {
  invoice: InvoiceRecord;
  lines?: readonly ServiceLine[];
}) {
  const t = useTexts();
  const { language } = useLanguage();
  const { validation } = invoice;
  const alert =
    validation.status === 'accepted'
      ? 'alert-success'
      : validation.status === 'rejected'
        ? 'alert-error'
        : 'alert-warning';
  return (
    <section className={`alert ${alert}`} aria-labelledby="validation-heading" role="status">
      <div className="alert-body">
        <h2 id="validation-heading" className="alert-heading h3">
          {t.invoice.result} {invoice.invoiceId} ({formatMonth(validation.month, language)}):{' '}
          {t.validationStatus[validation.status]}
        </h2>
        <DataTable
          caption={t.invoice.result}
          captionHidden
          className="table table--compact figures"
          columns={[
            t.common.service,
            t.common.status,
            amountColumn(t.invoice.claimed),
            amountColumn(t.invoice.approved),
            t.invoice.reason,
          ]}
          footer={
            <tr>
              <th scope="row" colSpan={2}>
                {t.common.total}
              </th>
              <td className="amount">
                <Money ore={validation.totals.claimed} />
              </td>
              <td className="amount">
                <Money ore={validation.totals.approved} />
              </td>
              <td>
                {t.invoice.held}: <Money ore={validation.totals.held} />, {t.invoice.payable.toLowerCase()}:{' '}
                <Money ore={validation.totals.payable} />
              </td>
            </tr>
          }
        >
          {validation.lines.map((line, index) => (
            <tr key={`${line.serviceLineId}-${index.toString()}`}>
              <th scope="row">
                {(() => {
                  const kind = lines.find((agreed) => agreed.id === line.serviceLineId)?.kind;
                  return kind === undefined ? line.serviceLineId : t.lineKinds[kind];
                })()}
              </th>
              <td>{t.validationStatus[line.status]}</td>
              <td className="amount">
                <Money ore={line.claimed} />
              </td>
              <td className="amount">
                <Money ore={line.approved} />
              </td>
              <td data-reason={line.reason}>
                {line.reason === undefined ? '–' : t.invoiceReasons[line.reason]}
                {line.expected !== undefined && (
                  <>
                    {' '}
                    {t.invoice.expected(
                      [
                        line.expected.amount !== undefined
                          ? formatKroner(line.expected.amount, language)
                          : undefined,
                        line.expected.unitPrice !== undefined
                          ? `${formatKroner(line.expected.unitPrice, language)} / ${t.units.hour}`
                          : undefined,
                        line.expected.allowedQuantity !== undefined
                          ? `${t.common.quantity.toLowerCase()} ≤ ${formatQuantity(line.expected.allowedQuantity, language)}`
                          : undefined,
                      ]
                        .filter((text): text is string => text !== undefined)
                        .join(', '),
                    )}
                  </>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      </div>
    </section>
  );
}
