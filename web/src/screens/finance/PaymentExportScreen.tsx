import { useEffect, useRef, useState } from 'react';
import {
  exportPayments,
  paymentExportCsvUrl,
  paymentExports,
  payables,
  type PayableItem,
  type PaymentExport,
} from '../../api/einvoice';
import { href } from '../../app/router';
import { useSession } from '../../app/session-context';
import { amountColumn, DataTable } from '../../components/DataTable';
import { DateText, LoadedView, MomentText, Money } from '../../components/display';
import { InputField } from '../../components/InputField';
import { MonthField } from '../../components/MonthField';
import { ErrorSummary, Success } from '../../components/Refusal';
import { SelectField } from '../../components/SelectField';
import { useLanguage, useTexts } from '../../i18n/language';
import { formatKroner, formatMonth } from '../../lib/format';
import { previousMonth } from '../../lib/months';
import { useAction, useLoad } from '../../lib/use-load';
import { useRegistry } from '../../lib/use-registry';

/** What the finance officer is about to export: the list as it was when they asked. */
interface PendingExport {
  readonly exportId: string;
  readonly providerMspId: string;
  readonly month: string;
  readonly items: readonly PayableItem[];
}

/** A payment file's id suggestion: month, provider and a short random tail (ids are unique per domain). */
export function suggestedExportId(providerMspId: string, month: string): string {
  const tail = Math.random().toString(36).slice(2, 7).toUpperCase();
  return `BF-${month}-${providerMspId.replace(/MSP$/, '')}-${tail}`.slice(0, 64);
}

const sumOf = (items: readonly PayableItem[]): number => items.reduce((sum, item) => sum + item.amount, 0);

/**
 * Finance: what is payable per provider and month, a payment file for the finance system (after a confirmation),
 * its CSV, and the earlier files. An invoice in a file is marked exported on the ledger and never taken again.
 */
export function PaymentExportScreen({
  providerMspId: initialProvider,
  month: initialMonth,
}: {
  providerMspId?: string | undefined;
  month?: string | undefined;
}) {
  const t = useTexts();
  const { domain } = useSession();
  const { registry } = useRegistry();
  const [chosen, setChosen] = useState(initialProvider);
  const providerMspId = chosen ?? registry?.providers[0]?.mspId ?? '';
  const [month, setMonth] = useState(
    initialMonth !== undefined && /^\d{4}-\d{2}$/.test(initialMonth) ? initialMonth : previousMonth(),
  );
  const [created, setCreated] = useState<PaymentExport>();
  // The choice is kept in the address (without a new screen: focus stays in the field), so a reload keeps it.
  useEffect(() => {
    if (providerMspId !== '') window.history.replaceState(null, '', href('payments', providerMspId, month));
  }, [providerMspId, month]);
  const exports = useLoad(() => paymentExports(domain), [domain]);
  return (
    <>
      <h1>{t.payments.title}</h1>
      <p className="font-lead">{t.payments.intro}</p>
      <div className="payment-choice">
        <SelectField
          id="payment-provider"
          label={t.payments.provider}
          value={providerMspId}
          onValueChange={(value) => {
            setChosen(value);
            setCreated(undefined);
          }}
        >
          {(registry?.providers ?? []).map((provider) => (
            <option key={provider.mspId} value={provider.mspId}>
              {provider.name ?? provider.mspId}
            </option>
          ))}
        </SelectField>
        <MonthField
          id="payment-month"
          label={t.payments.month}
          month={month}
          onMonth={(value) => {
            setMonth(value);
            setCreated(undefined);
          }}
        />
      </div>
      {created !== undefined && <CreatedExport record={created} />}
      {providerMspId !== '' && (
        <Payables
          key={`${providerMspId}-${month}`}
          providerMspId={providerMspId}
          month={month}
          onDone={(record) => {
            if (record !== undefined) setCreated(record);
            exports.reload();
          }}
        />
      )}
      <section aria-labelledby="exports-heading">
        <h2 id="exports-heading">{t.payments.earlier}</h2>
        <LoadedView loaded={exports}>{(list) => <ExportList exports={list} />}</LoadedView>
      </section>
    </>
  );
}

/** The payable invoices of one provider and month, and the way to a payment file for them. */
function Payables({
  providerMspId,
  month,
  onDone,
}: {
  providerMspId: string;
  month: string;
  /** After an export was tried: the record, or `undefined` when it was refused. */
  onDone: (record: PaymentExport | undefined) => void;
}) {
  const t = useTexts();
  const { language } = useLanguage();
  const { domain } = useSession();
  const { nameOf } = useRegistry();
  const items = useLoad(() => payables(domain, providerMspId, month), [domain, providerMspId, month]);
  const [pending, setPending] = useState<PendingExport>();
  const create = useAction((request: PendingExport) =>
    exportPayments(domain, {
      exportId: request.exportId,
      providerMspId: request.providerMspId,
      month: request.month,
    }),
  );
  const caption = t.payments.payableCaption(nameOf(providerMspId), formatMonth(month, language));
  return (
    <section aria-labelledby="payables-heading">
      <h2 id="payables-heading">{caption}</h2>
      {create.error !== undefined && <ErrorSummary error={create.error} />}
      <LoadedView loaded={items}>
        {(list) =>
          list.length === 0 ? (
            <p data-testid="nothing-payable">{t.payments.nothingPayable}</p>
          ) : (
            <>
              <PayableTable items={list} caption={caption} />
              {pending === undefined && (
                <CreateExport
                  providerMspId={providerMspId}
                  month={month}
                  onAsk={(exportId) => {
                    setPending({ exportId, providerMspId, month, items: list });
                  }}
                />
              )}
            </>
          )
        }
      </LoadedView>
      {pending !== undefined && (
        <ConfirmExport
          pending={pending}
          running={create.running}
          onCancel={() => {
            setPending(undefined);
          }}
          onConfirm={() => {
            void create.run(pending).then((record) => {
              setPending(undefined);
              items.reload();
              onDone(record);
            });
          }}
        />
      )}
    </section>
  );
}

function PayableTable({ items, caption }: { items: readonly PayableItem[]; caption: string }) {
  const t = useTexts();
  const { language } = useLanguage();
  return (
    <div className="table--responsive-scroll">
      <DataTable
        caption={caption}
        captionHidden
        className="table table--zebra figures"
        columns={[
          t.payments.invoice,
          t.payments.agreement,
          t.common.month,
          t.payments.dueDate,
          amountColumn(t.payments.amount),
        ]}
        footer={
          <tr>
            <th scope="row" colSpan={4}>
              {t.payments.total}
            </th>
            <td className="amount" data-testid="payable-total">
              <strong>
                <Money ore={sumOf(items)} />
              </strong>
            </td>
          </tr>
        }
      >
        {items.map((item) => (
          <tr key={`${item.agreementId}-${item.invoiceId}`}>
            <th scope="row">{item.invoiceId}</th>
            <td>
              <a href={href('agreements', item.agreementId, 'documents')}>{item.agreementId}</a>
            </td>
            <td>{formatMonth(item.month, language)}</td>
            <td>
              <DateText date={item.dueDate} />
            </td>
            <td className="amount">
              <Money ore={item.amount} />
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

/** The payment file's id (suggested, editable) and the button that asks for confirmation. */
function CreateExport({
  providerMspId,
  month,
  onAsk,
}: {
  providerMspId: string;
  month: string;
  onAsk: (exportId: string) => void;
}) {
  const t = useTexts();
  const [exportId, setExportId] = useState(() => suggestedExportId(providerMspId, month));
  return (
    <>
      <InputField
        id="export-id"
        label={t.payments.exportId}
        hint={t.payments.exportIdHint}
        width="input-width-l"
        maxLength={64}
        value={exportId}
        onValueChange={setExportId}
      />
      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            onAsk(exportId.trim());
          }}
        >
          {t.payments.create}
        </button>
      </div>
    </>
  );
}

/** The confirmation step: what will be exported, and that it cannot be exported again. */
function ConfirmExport({
  pending,
  running,
  onConfirm,
  onCancel,
}: {
  pending: PendingExport;
  running: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useTexts();
  const { language } = useLanguage();
  const { nameOf } = useRegistry();
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus goes to the question once, when it opens (not on every refresh the event stream causes).
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <div className="alert alert-warning" role="region" aria-labelledby="confirm-export-heading">
      <div className="alert-body">
        <h3 id="confirm-export-heading" className="alert-heading" tabIndex={-1} ref={heading}>
          {t.payments.confirmHeading}: {pending.exportId}
        </h3>
        <p className="alert-text">
          {t.payments.confirmText(
            pending.items.length,
            formatKroner(sumOf(pending.items), language),
            nameOf(pending.providerMspId),
            formatMonth(pending.month, language),
          )}
        </p>
        <div className="actions">
          <button type="button" className="button button-primary" disabled={running} onClick={onConfirm}>
            {t.payments.confirm}
          </button>
          <button type="button" className="button button-secondary" disabled={running} onClick={onCancel}>
            {t.common.cancel}
          </button>
        </div>
      </div>
    </div>
  );
}

/** The payment file just created: its record and the CSV for the finance system. */
function CreatedExport({ record }: { record: PaymentExport }) {
  const t = useTexts();
  const { domain } = useSession();
  return (
    <section aria-labelledby="created-export-heading">
      <Success text={t.payments.created(record.exportId)} />
      <h2 id="created-export-heading">{t.payments.record(record.exportId)}</h2>
      <PayableTable items={record.items} caption={t.payments.record(record.exportId)} />
      <p>
        <a
          className="button button-secondary"
          href={paymentExportCsvUrl(domain, record.exportId)}
          download={`betalinger-${record.exportId}.csv`}
          data-testid="created-export-csv"
        >
          {t.payments.download(record.exportId)}
        </a>
      </p>
    </section>
  );
}

/** The earlier payment files, newest first, each with its CSV. */
function ExportList({ exports }: { exports: readonly PaymentExport[] }) {
  const t = useTexts();
  const { language } = useLanguage();
  const { domain } = useSession();
  const { nameOf } = useRegistry();
  if (exports.length === 0) return <p>{t.payments.noExports}</p>;
  return (
    <div className="table--responsive-scroll">
      <DataTable
        caption={t.payments.earlier}
        captionHidden
        className="table table--zebra figures"
        columns={[
          t.payments.exportColumn,
          t.payments.provider,
          t.payments.month,
          t.payments.exportedAt,
          t.payments.invoices,
          amountColumn(t.payments.total),
          t.payments.file,
        ]}
      >
        {exports.map((record) => (
          <tr key={record.exportId} data-export={record.exportId}>
            <th scope="row">{record.exportId}</th>
            <td>{nameOf(record.providerMspId)}</td>
            <td>{formatMonth(record.month, language)}</td>
            <td>
              <MomentText at={record.exportedAt} />
            </td>
            <td>{record.items.map((item) => item.invoiceId).join(', ')}</td>
            <td className="amount">
              <Money ore={record.total} />
            </td>
            <td>
              <a
                href={paymentExportCsvUrl(domain, record.exportId)}
                download={`betalinger-${record.exportId}.csv`}
              >
                CSV <span className="sr-only">{record.exportId}</span>
              </a>
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
