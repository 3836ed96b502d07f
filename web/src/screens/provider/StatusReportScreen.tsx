import { useState } from 'react';
import { addMonths } from 'agreements-chaincode/core/calendar-date';
import { getAgreement } from '../../api/agreements';
import { api } from '../../api/client';
import { ApiRefusal, must } from '../../api/refusal';
import type { Agreement } from '../../api/types';
import { useSession } from '../../app/session-context';
import { AgreementLink } from '../../components/AgreementLink';
import { LoadedView } from '../../components/display';
import { DocumentFingerprint } from '../../components/DocumentFingerprint';
import { FormHeading } from '../../components/FormHeading';
import { ErrorSummary, Success } from '../../components/Refusal';
import { SelectField } from '../../components/SelectField';
import { SubmitForm } from '../../components/SubmitForm';
import { useLanguage, useTexts } from '../../i18n/language';
import { formatDate, todayInDenmark } from '../../lib/format';
import { useAction, useLoad } from '../../lib/use-load';

/** Submitting a status report: the document's SHA-256, computed in the browser, and nothing else. */
export function StatusReportScreen({ agreementId }: { agreementId: string }) {
  const { domain } = useSession();
  const loaded = useLoad(() => getAgreement(domain, agreementId), [domain, agreementId]);
  return <LoadedView loaded={loaded}>{(agreement) => <StatusReportForm agreement={agreement} />}</LoadedView>;
}

/** The periods of an obligation that have begun by today, with their first and last day. */
function periodsOf(agreement: Agreement, everyMonths: number, today: string) {
  const periods: { number: number; start: string; end: string }[] = [];
  for (let number = 1; number <= 40; number++) {
    const start = addMonths(agreement.startDate, (number - 1) * everyMonths);
    if (start > today) break;
    const next = addMonths(agreement.startDate, number * everyMonths);
    const end = new Date(Date.parse(`${next}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    periods.push({ number, start, end });
  }
  return periods;
}

export function StatusReportForm({ agreement }: { agreement: Agreement }) {
  const t = useTexts();
  const { language } = useLanguage();
  const { domain } = useSession();
  const obligations = agreement.obligations ?? [];
  const [obligationId, setObligationId] = useState(obligations[0]?.id ?? 'status-report');
  const obligation = obligations.find((o) => o.id === obligationId);
  const periods = periodsOf(agreement, obligation?.everyMonths ?? 3, todayInDenmark());
  const [period, setPeriod] = useState(periods[periods.length - 1]?.number ?? 1);
  const [hash, setHash] = useState<string>();
  const [correction, setCorrection] = useState(false);
  const [tried, setTried] = useState(false);
  const submit = useAction(async () => {
    if (hash === undefined) throw new ApiRefusal('REQUEST_INVALID', 400);
    return must(
      api.POST('/api/v1/{domain}/agreements/{agreementId}/status-reports', {
        params: { path: { domain, agreementId: agreement.id } },
        body: {
          obligationId,
          periodNumber: period,
          documentHash: hash,
          ...(correction ? { correction: true } : {}),
        },
      }),
    );
  });
  const missingFile = tried && hash === undefined;
  return (
    <>
      <FormHeading
        back={<AgreementLink agreement={agreement} className="back-link" />}
        title={t.report.title}
        intro={t.report.intro}
      />
      <ReportOutcome
        missingFile={missingFile}
        error={hash === undefined ? undefined : submit.error}
        submitted={submit.done !== undefined}
      />
      <SubmitForm
        noValidate
        onSend={() => {
          setTried(true);
          if (hash !== undefined) void submit.run();
        }}
      >
        <ObligationField obligations={obligations} value={obligationId} onValueChange={setObligationId} />
        <SelectField
          id="period"
          label={t.report.period}
          value={period}
          onValueChange={(value) => {
            setPeriod(Number(value));
          }}
        >
          {periods.map((p) => (
            <option key={p.number} value={p.number}>
              {p.number}: {formatDate(p.start, language)} – {formatDate(p.end, language)}
            </option>
          ))}
        </SelectField>
        <DocumentFingerprint onHash={setHash} error={missingFile ? t.report.errors.file : undefined} />
        <div className="form-group-checkbox">
          <input
            type="checkbox"
            className="form-checkbox"
            id="correction"
            checked={correction}
            onChange={(event) => {
              setCorrection(event.target.checked);
            }}
          />
          <label htmlFor="correction">{t.report.correction}</label>
        </div>
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={submit.running}>
            {t.report.submit}
          </button>
        </div>
      </SubmitForm>
    </>
  );
}

/** The form's outcome: the missing document, the gateway's refusal, or that the report is submitted. */
function ReportOutcome({
  missingFile,
  error,
  submitted,
}: {
  missingFile: boolean;
  error: unknown;
  submitted: boolean;
}) {
  const t = useTexts();
  return (
    <>
      {missingFile && (
        <ErrorSummary
          error={new ApiRefusal('REQUEST_INVALID', 400)}
          fieldLinks={[{ id: 'document', text: t.report.errors.file }]}
        />
      )}
      {error !== undefined && <ErrorSummary error={error} />}
      {submitted && <Success text={t.report.submitted} />}
    </>
  );
}

/** Which obligation the report answers, when the agreement has more than one. */
function ObligationField({
  obligations,
  value,
  onValueChange,
}: {
  obligations: readonly { readonly id: string }[];
  value: string;
  onValueChange: (id: string) => void;
}) {
  const t = useTexts();
  if (obligations.length < 2) return null;
  return (
    <SelectField id="obligation" label={t.report.obligation} value={value} onValueChange={onValueChange}>
      {obligations.map((o) => (
        <option key={o.id} value={o.id}>
          {o.id}
        </option>
      ))}
    </SelectField>
  );
}
