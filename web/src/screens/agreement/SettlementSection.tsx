import { useState } from 'react';
import { api } from '../../api/client';
import { must } from '../../api/refusal';
import type { Agreement, Settlement } from '../../api/types';
import { MUNICIPAL_STAFF, useSession } from '../../app/session-context';
import { amountColumn, DataTable } from '../../components/DataTable';
import { DateText, LoadedView, Money } from '../../components/display';
import { MonthField } from '../../components/MonthField';
import { ErrorSummary } from '../../components/Refusal';
import { useLanguage, useTexts } from '../../i18n/language';
import { formatDate, formatMonth } from '../../lib/format';
import { previousMonth } from '../../lib/months';
import { useAction, useLoad } from '../../lib/use-load';

/** A month's settlement of one agreement: due, held (and why) and payable per line; recording it. */
export function SettlementSection({ agreement }: { agreement: Agreement }) {
  const t = useTexts();
  const { language } = useLanguage();
  const { domain, session } = useSession();
  const [month, setMonth] = useState(previousMonth());
  const path = { domain, agreementId: agreement.id, month };
  const view = useLoad(
    () =>
      must(api.GET('/api/v1/{domain}/agreements/{agreementId}/settlements/{month}', { params: { path } })),
    [domain, agreement.id, month],
  );
  const record = useAction(() =>
    must(api.POST('/api/v1/{domain}/agreements/{agreementId}/settlements/{month}', { params: { path } })),
  );
  return (
    <section aria-labelledby="settlement-heading">
      <h2 id="settlement-heading">{t.agreement.settlements}</h2>
      <MonthField
        id="settlement-month"
        label={t.agreement.settlementMonth}
        month={month}
        onMonth={setMonth}
      />
      {record.error !== undefined && <ErrorSummary error={record.error} />}
      <LoadedView loaded={view}>
        {({ settlement, recorded }) => (
          <>
            <SettlementTable
              settlement={settlement}
              caption={`${t.agreement.settlements} – ${formatMonth(month, language)}`}
            />
            <p>
              {recorded === null
                ? t.agreement.notRecorded
                : t.agreement.recorded(formatDate(recorded.recordedAt?.slice(0, 10), language))}
            </p>
            {recorded === null && MUNICIPAL_STAFF.includes(session.person.role) && (
              <button
                type="button"
                className="button button-secondary"
                disabled={record.running}
                onClick={() => {
                  void record.run().then(view.reload);
                }}
              >
                {t.agreement.record}
              </button>
            )}
          </>
        )}
      </LoadedView>
    </section>
  );
}

/** A settlement's lines and totals. */
export function SettlementTable({ settlement, caption }: { settlement: Settlement; caption: string }) {
  const t = useTexts();
  return (
    <DataTable
      caption={caption}
      className="table table--zebra figures"
      columns={[
        t.common.service,
        amountColumn(t.agreement.due_),
        amountColumn(t.agreement.heldCol),
        amountColumn(t.agreement.payable),
        t.common.why,
      ]}
      footer={
        <tr>
          <th scope="row">{t.common.total}</th>
          <td className="amount">
            <strong>
              <Money ore={settlement.totals.due} />
            </strong>
          </td>
          <td className="amount">
            <strong>
              <Money ore={settlement.totals.held} />
            </strong>
          </td>
          <td className="amount">
            <strong>
              <Money ore={settlement.totals.payable} />
            </strong>
          </td>
          <td />
        </tr>
      }
    >
      {settlement.lines.map((line) => (
        <tr key={line.serviceLineId}>
          <th scope="row">{line.kind === undefined ? line.serviceLineId : t.lineKinds[line.kind]}</th>
          <td className="amount">
            <Money ore={line.due} />
          </td>
          <td className="amount">
            <Money ore={line.held} />
          </td>
          <td className="amount">
            <Money ore={line.payable} />
          </td>
          <td>
            {(line.heldBy ?? []).map((by) => (
              <span key={`${by.obligationId}-${by.periodNumber.toString()}`}>
                {t.overview.heldBecause(by.periodNumber, '').replace(/\s*\(.*\)/, '')} (
                <DateText date={by.dueDate} />)
              </span>
            ))}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
