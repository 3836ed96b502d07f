import { useState } from 'react';
import { api } from '../../api/client';
import { must } from '../../api/refusal';
import { href, navigate } from '../../app/router';
import { useSession } from '../../app/session-context';
import { FormHeading } from '../../components/FormHeading';
import { InputField } from '../../components/InputField';
import { RadioChoice } from '../../components/RadioChoice';
import { ErrorSummary } from '../../components/Refusal';
import { SubmitForm } from '../../components/SubmitForm';
import { useTexts } from '../../i18n/language';
import { todayInDenmark } from '../../lib/format';
import { useAction } from '../../lib/use-load';

/** Proposing a mutual termination, or giving the municipality's notice. */
export function TerminationScreen({ agreementId }: { agreementId: string }) {
  const t = useTexts();
  const { domain } = useSession();
  const [mode, setMode] = useState<'mutual' | 'notice'>('mutual');
  const [effectiveDate, setEffectiveDate] = useState(todayInDenmark());
  const propose = useAction(async () => {
    await must(
      api.POST('/api/v1/{domain}/agreements/{agreementId}/terminations', {
        params: { path: { domain, agreementId } },
        body: mode === 'mutual' ? { mode, effectiveDate } : { mode },
      }),
    );
    navigate('agreements', agreementId);
  });
  return (
    <>
      <FormHeading
        back={
          <a className="back-link" href={href('agreements', agreementId)}>
            {agreementId}
          </a>
        }
        title={t.terminate.title}
        intro={t.terminate.intro}
      />
      {propose.error !== undefined && <ErrorSummary error={propose.error} />}
      <SubmitForm
        noValidate
        onSend={() => {
          void propose.run();
        }}
      >
        <RadioChoice
          legend={t.terminate.mode}
          name="mode"
          options={['mutual', 'notice'] as const}
          value={mode}
          labelOf={(option) => (option === 'mutual' ? t.terminate.mutual : t.terminate.notice)}
          onChoose={setMode}
        />
        {mode === 'mutual' && (
          <InputField
            id="effective-date"
            label={t.terminate.effectiveDate}
            width="input-width-s"
            type="date"
            value={effectiveDate}
            onValueChange={setEffectiveDate}
          />
        )}
        <button type="submit" className="button button-primary" disabled={propose.running}>
          {t.terminate.propose}
        </button>
      </SubmitForm>
    </>
  );
}
