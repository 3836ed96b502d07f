import { useState } from 'react';
import { getAgreement } from '../../api/agreements';
import { api } from '../../api/client';
import { ApiRefusal, must } from '../../api/refusal';
import type { Agreement, Invoice, InvoiceRecord, ServiceLine } from '../../api/types';
import { useSession } from '../../app/session-context';
import { AgreementLink } from '../../components/AgreementLink';
import { LoadedView } from '../../components/display';
import { FormHeading } from '../../components/FormHeading';
import { InputField } from '../../components/InputField';
import { InvoiceValidationTable } from '../../components/InvoiceValidationTable';
import { ErrorSummary } from '../../components/Refusal';
import { SubmitForm } from '../../components/SubmitForm';
import { useTexts } from '../../i18n/language';
import { latestVersion } from '../../lib/agreement-facts';
import { parseKroner, parseQuantity } from '../../lib/format';
import { previousMonth } from '../../lib/months';
import { useAction, useLoad } from '../../lib/use-load';

/** Submitting an invoice for one month, and the validation of each of its lines. */
export function InvoiceScreen({ agreementId }: { agreementId: string }) {
  const { domain } = useSession();
  const loaded = useLoad(() => getAgreement(domain, agreementId), [domain, agreementId]);
  return <LoadedView loaded={loaded}>{(agreement) => <InvoiceForm agreement={agreement} />}</LoadedView>;
}

interface LineInput {
  readonly include: boolean;
  readonly quantity: string;
  readonly amount: string;
}

function toKronerText(ore: number): string {
  return (ore / 100).toFixed(2).replace('.', ',');
}

function InvoiceForm({ agreement }: { agreement: Agreement }) {
  const t = useTexts();
  const { domain } = useSession();
  const lines: readonly ServiceLine[] = latestVersion(agreement)?.terms.lines ?? [];
  const [invoiceId, setInvoiceId] = useState(`F-${Date.now().toString(36).toUpperCase()}`);
  const [month, setMonth] = useState(previousMonth());
  const [inputs, setInputs] = useState<Readonly<Record<string, LineInput>>>(() =>
    Object.fromEntries(
      lines.map((line) => [
        line.id,
        {
          include: true,
          quantity: '',
          amount: line.pricing === 'monthly' ? toKronerText(line.monthlyPrice) : '',
        },
      ]),
    ),
  );
  const [result, setResult] = useState<InvoiceRecord>();
  const [tried, setTried] = useState(false);
  const chosen = lines.filter((line) => inputs[line.id]?.include === true);
  const submit = useAction(async () => {
    const invoiceLines: Invoice['lines'] = chosen.map((line) => {
      const input = inputs[line.id] ?? { include: true, quantity: '', amount: '' };
      if (line.pricing === 'monthly') {
        const amount = parseKroner(input.amount);
        if (amount === undefined) throw new ApiRefusal('REQUEST_INVALID', 400, { field: line.id });
        return { serviceLineId: line.id, amount };
      }
      const quantity = parseQuantity(input.quantity);
      if (quantity === undefined) throw new ApiRefusal('REQUEST_INVALID', 400, { field: line.id });
      return { serviceLineId: line.id, quantity, unitPrice: line.unitPrice };
    });
    const written = await must(
      api.POST('/api/v1/{domain}/agreements/{agreementId}/invoices', {
        params: { path: { domain, agreementId: agreement.id } },
        body: { invoiceId, month, lines: invoiceLines },
      }),
    );
    setResult(written.data);
    return written;
  });
  const set = (id: string, patch: Partial<LineInput>) => {
    setInputs({
      ...inputs,
      [id]: { ...(inputs[id] ?? { include: false, quantity: '', amount: '' }), ...patch },
    });
  };
  return (
    <>
      <FormHeading
        back={<AgreementLink agreement={agreement} className="back-link" />}
        title={t.invoice.title}
        intro={t.invoice.intro}
      />
      {tried && chosen.length === 0 && (
        <ErrorSummary
          error={new ApiRefusal('REQUEST_INVALID', 400)}
          fieldLinks={[{ id: `include-${lines[0]?.id ?? ''}`, text: t.invoice.errors.lines }]}
        />
      )}
      {submit.error !== undefined && <ErrorSummary error={submit.error} />}
      {result !== undefined && <InvoiceValidationTable invoice={result} lines={lines} />}
      <SubmitForm
        noValidate
        onSend={() => {
          setTried(true);
          setResult(undefined);
          if (chosen.length > 0) void submit.run();
        }}
      >
        <InputField
          id="invoice-id"
          label={t.invoice.id}
          width="input-width-m"
          value={invoiceId}
          onValueChange={setInvoiceId}
        />
        <InputField
          id="invoice-month"
          label={t.invoice.month}
          width="input-width-s"
          type="month"
          value={month}
          onValueChange={setMonth}
        />
        <fieldset>
          <legend className="h3">{t.invoice.lines}</legend>
          {lines.map((line) => {
            const input = inputs[line.id] ?? { include: false, quantity: '', amount: '' };
            return (
              <div className="line-fieldset" key={line.id}>
                <div className="form-group-checkbox">
                  <input
                    type="checkbox"
                    className="form-checkbox"
                    id={`include-${line.id}`}
                    checked={input.include}
                    onChange={(event) => {
                      set(line.id, { include: event.target.checked });
                    }}
                  />
                  <label htmlFor={`include-${line.id}`}>
                    {t.invoice.include(`${t.lineKinds[line.kind]} (${line.id})`)}
                  </label>
                </div>
                {input.include &&
                  (line.pricing === 'monthly' ? (
                    <InputField
                      id={`amount-${line.id}`}
                      label={t.invoice.amount}
                      width="input-width-s"
                      inputMode="decimal"
                      value={input.amount}
                      onValueChange={(value) => {
                        set(line.id, { amount: value });
                      }}
                    />
                  ) : (
                    <InputField
                      id={`quantity-${line.id}`}
                      label={`${t.invoice.quantity} (${t.units[line.unit]})`}
                      width="input-width-xs"
                      inputMode="decimal"
                      value={input.quantity}
                      onValueChange={(value) => {
                        set(line.id, { quantity: value });
                      }}
                    />
                  ))}
              </div>
            );
          })}
        </fieldset>
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={submit.running}>
            {t.invoice.submit}
          </button>
        </div>
      </SubmitForm>
    </>
  );
}
