import { useState } from 'react';
import { listAll } from '../../api/agreements';
import { api } from '../../api/client';
import { must } from '../../api/refusal';
import type { Agreement, InvoiceRecord, Settlement } from '../../api/types';
import { href } from '../../app/router';
import { useSession } from '../../app/session-context';
import { amountColumn, DataTable } from '../../components/DataTable';
import { LoadedView, Money } from '../../components/display';
import { InputField } from '../../components/InputField';
import { MonthField } from '../../components/MonthField';
import { ErrorSummary, Success } from '../../components/Refusal';
import { useLanguage, useTexts } from '../../i18n/language';
import { formatMonth, todayInDenmark } from '../../lib/format';
import { previousMonth } from '../../lib/months';
import { useAction, useLoad } from '../../lib/use-load';
import { useRegistry } from '../../lib/use-registry';

interface InvoiceRow {
  readonly agreement: Agreement;
  readonly invoice: InvoiceRecord;
}

/** Finance: invoices to attest and pay, paid ones, and each month's settlements by provider. */
export function FinanceScreen() {
  const t = useTexts();
  const { domain } = useSession();
  const agreements = useLoad(() => listAll(domain, ['active', 'terminated', 'expired']), [domain]);
  return (
    <>
      <h1>{t.finance.title}</h1>
      <p className="font-lead">{t.finance.intro}</p>
      <LoadedView loaded={agreements}>
        {(list) => (
          <>
            <Invoices agreements={list} />
            <Settlements agreements={list} />
          </>
        )}
      </LoadedView>
    </>
  );
}

function Invoices({ agreements }: { agreements: readonly Agreement[] }) {
  const t = useTexts();
  const { domain } = useSession();
  const invoices = useLoad(async () => {
    const lists = await Promise.all(
      agreements.map(async (agreement) =>
        (
          await must(
            api.GET('/api/v1/{domain}/agreements/{agreementId}/invoices', {
              params: { path: { domain, agreementId: agreement.id } },
            }),
          )
        ).map((invoice): InvoiceRow => ({ agreement, invoice })),
      ),
    );
    return lists.flat();
  }, [domain, agreements]);
  // The confirmation lives here, not in the invoice's row: the row moves to the next list when the list reloads.
  const [confirmation, setConfirmation] = useState<string>();
  const onDone = (text: string): void => {
    setConfirmation(text);
    invoices.reload();
  };
  return (
    <>
      {confirmation !== undefined && <Success text={confirmation} />}
      <LoadedView loaded={invoices}>
        {(rows) => (
          <>
            <InvoiceList
              heading={t.finance.toAttest}
              rows={rows.filter((row) => row.invoice.state === 'validated')}
              action="attest"
              onDone={onDone}
            />
            <InvoiceList
              heading={t.finance.toPay}
              rows={rows.filter((row) => row.invoice.state === 'approved')}
              action="pay"
              onDone={onDone}
            />
            <InvoiceList
              heading={t.finance.paid}
              rows={rows.filter((row) => row.invoice.state === 'paid')}
              onDone={onDone}
            />
          </>
        )}
      </LoadedView>
    </>
  );
}

function InvoiceList({
  heading,
  rows,
  action,
  onDone,
}: {
  heading: string;
  rows: readonly InvoiceRow[];
  action?: 'attest' | 'pay';
  onDone: (confirmation: string) => void;
}) {
  const t = useTexts();
  const { language } = useLanguage();
  const { nameOf } = useRegistry();
  const id = heading.replace(/\W+/g, '-').toLowerCase();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {rows.length === 0 ? (
        <p>{t.finance.none}</p>
      ) : (
        <DataTable
          caption={heading}
          captionHidden
          className="table table--zebra figures"
          columns={[
            t.agreement.invoice,
            t.common.provider,
            t.common.month,
            amountColumn(t.invoice.payable),
            action !== undefined && t.agreement.actions,
          ]}
        >
          {rows.map(({ agreement, invoice }) => (
            <tr key={`${agreement.id}-${invoice.invoiceId}`}>
              <th scope="row">
                {invoice.invoiceId}
                <br />
                <a className="form-hint" href={href('agreements', agreement.id)}>
                  {agreement.id}
                </a>
              </th>
              <td>{nameOf(agreement.providerMspId)}</td>
              <td>{formatMonth(invoice.validation.month, language)}</td>
              <td className="amount">
                <Money ore={invoice.payment?.amount ?? invoice.validation.totals.payable} />
              </td>
              {action !== undefined && (
                <td>
                  <InvoiceAction agreement={agreement} invoice={invoice} action={action} onDone={onDone} />
                </td>
              )}
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

function InvoiceAction({
  agreement,
  invoice,
  action,
  onDone,
}: {
  agreement: Agreement;
  invoice: InvoiceRecord;
  action: 'attest' | 'pay';
  onDone: (confirmation: string) => void;
}) {
  const t = useTexts();
  const { domain } = useSession();
  const [reference, setReference] = useState(`BET-${invoice.invoiceId}`);
  const [paidOn, setPaidOn] = useState(todayInDenmark());
  const path = { domain, agreementId: agreement.id, invoiceId: invoice.invoiceId };
  const run = useAction(() =>
    action === 'attest'
      ? must(
          api.POST('/api/v1/{domain}/agreements/{agreementId}/invoices/{invoiceId}/attestation', {
            params: { path },
          }),
        )
      : must(
          api.POST('/api/v1/{domain}/agreements/{agreementId}/invoices/{invoiceId}/payment', {
            params: { path },
            body: { reference, paidOn },
          }),
        ),
  );
  const key = `${agreement.id}-${invoice.invoiceId}`;
  return (
    <>
      {run.error !== undefined && <ErrorSummary error={run.error} />}
      {action === 'pay' && (
        <>
          <InputField
            id={`reference-${key}`}
            label={t.finance.reference}
            width="input-width-m"
            value={reference}
            onValueChange={setReference}
          />
          <InputField
            id={`paid-on-${key}`}
            label={t.finance.paidOn}
            width="input-width-s"
            type="date"
            value={paidOn}
            onValueChange={setPaidOn}
          />
        </>
      )}
      <button
        type="button"
        className="button button-primary"
        disabled={run.running}
        onClick={() => {
          void run.run().then((written) => {
            if (written !== undefined)
              onDone(action === 'attest' ? t.finance.attested : t.finance.paymentRecorded);
          });
        }}
      >
        {action === 'attest' ? t.finance.attest(invoice.invoiceId) : t.finance.pay(invoice.invoiceId)}
      </button>
    </>
  );
}

function Settlements({ agreements }: { agreements: readonly Agreement[] }) {
  const t = useTexts();
  const { language } = useLanguage();
  const { domain } = useSession();
  const { nameOf } = useRegistry();
  const [month, setMonth] = useState(previousMonth());
  const settlements = useLoad(async () => {
    const results = await Promise.allSettled(
      agreements.map((agreement) =>
        must(
          api.GET('/api/v1/{domain}/agreements/{agreementId}/settlements/{month}', {
            params: { path: { domain, agreementId: agreement.id, month } },
          }),
        ),
      ),
    );
    const byProvider = new Map<string, { agreement: Agreement; settlement: Settlement }[]>();
    results.forEach((result, index) => {
      const agreement = agreements[index];
      if (
        result.status !== 'fulfilled' ||
        agreement === undefined ||
        result.value.settlement.lines.length === 0
      )
        return;
      byProvider.set(agreement.providerMspId, [
        ...(byProvider.get(agreement.providerMspId) ?? []),
        { agreement, settlement: result.value.settlement },
      ]);
    });
    return [...byProvider.entries()];
  }, [domain, agreements, month]);
  return (
    <section aria-labelledby="settlements-heading">
      <h2 id="settlements-heading">{t.finance.settlements}</h2>
      <MonthField id="finance-month" label={t.finance.showMonth} month={month} onMonth={setMonth} />
      <LoadedView loaded={settlements}>
        {(providers) =>
          providers.length === 0 ? (
            <p>{t.finance.none}</p>
          ) : (
            <DataTable
              caption={formatMonth(month, language)}
              className="table table--zebra figures"
              columns={[
                t.common.provider,
                t.common.agreement,
                amountColumn(t.agreement.due_),
                amountColumn(t.agreement.heldCol),
                amountColumn(t.agreement.payable),
              ]}
            >
              {providers.flatMap(([provider, list]) => [
                ...list.map(({ agreement, settlement }, index) => (
                  <tr key={agreement.id}>
                    {index === 0 ? (
                      <th scope="rowgroup" rowSpan={list.length + 1}>
                        {nameOf(provider)}
                      </th>
                    ) : null}
                    <td>
                      <a href={href('agreements', agreement.id)}>{agreement.id}</a>
                    </td>
                    <td className="amount">
                      <Money ore={settlement.totals.due} />
                    </td>
                    <td className="amount">
                      <Money ore={settlement.totals.held} />
                    </td>
                    <td className="amount">
                      <Money ore={settlement.totals.payable} />
                    </td>
                  </tr>
                )),
                <tr key={`${provider}-total`}>
                  <td>
                    <strong>{t.common.total}</strong>
                  </td>
                  <td className="amount">
                    <strong>
                      <Money ore={list.reduce((sum, x) => sum + x.settlement.totals.due, 0)} />
                    </strong>
                  </td>
                  <td className="amount">
                    <strong>
                      <Money ore={list.reduce((sum, x) => sum + x.settlement.totals.held, 0)} />
                    </strong>
                  </td>
                  <td className="amount">
                    <strong>
                      <Money ore={list.reduce((sum, x) => sum + x.settlement.totals.payable, 0)} />
                    </strong>
                  </td>
                </tr>,
              ])}
            </DataTable>
          )
        }
      </LoadedView>
    </section>
  );
}
