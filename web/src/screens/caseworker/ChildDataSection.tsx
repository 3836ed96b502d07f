import { useState } from 'react';
import { api } from '../../api/client';
import { must } from '../../api/refusal';
import { useSession } from '../../app/session-context';
import { InputField } from '../../components/InputField';
import { ErrorSummary, Success } from '../../components/Refusal';
import { SelectField } from '../../components/SelectField';
import { SubmitForm } from '../../components/SubmitForm';
import { useTexts } from '../../i18n/language';
import { useAction } from '../../lib/use-load';
import { useRegistry } from '../../lib/use-registry';

/**
 * The child's personal data, for the caseworker: what the municipality shares with a provider (stored in their
 * private collection, never on the ledger), a logged read of it (the read is on the child's access log first), and
 * letting a guardian see that access log.
 */
export function ChildDataSection({ childPseudonym }: { childPseudonym: string }) {
  const t = useTexts();
  const { domain } = useSession();
  const { registry } = useRegistry();
  const providers = registry?.providers ?? [];
  const [provider, setProvider] = useState('');
  const [name, setName] = useState('');
  const [school, setSchool] = useState('');
  const [shown, setShown] = useState<Readonly<Record<string, unknown>>>();
  const chosen = provider === '' ? (providers[0]?.mspId ?? '') : provider;
  const path = { domain, childPseudonym };
  const store = useAction(() =>
    must(
      api.PUT('/api/v1/{domain}/children/{childPseudonym}/personal-data/shared/{providerMspId}', {
        params: { path: { ...path, providerMspId: chosen } },
        body: { name, ...(school === '' ? {} : { school }) },
      }),
    ),
  );
  const read = useAction(async () => {
    const answer = await must(
      api.POST('/api/v1/{domain}/children/{childPseudonym}/personal-data/reads', {
        params: { path },
        body: { providerMspId: chosen, purpose: 'case_handling' },
      }),
    );
    setShown(answer.child);
    return answer;
  });
  const error = store.error ?? read.error;
  return (
    <section aria-labelledby="child-data-heading" className="mt-8">
      <h2 id="child-data-heading">{t.childData.title}</h2>
      <p>{t.childData.intro}</p>
      {error !== undefined && <ErrorSummary error={error} />}
      {store.done !== undefined && <Success text={t.common.done} />}
      <div className="row">
        <SubmitForm
          className="col-12 col-md-6"
          onSend={() => {
            void store.run();
          }}
        >
          <SelectField
            id="data-provider"
            label={t.common.provider}
            value={chosen}
            onValueChange={setProvider}
          >
            {providers.map((org) => (
              <option key={org.mspId} value={org.mspId}>
                {org.name ?? org.mspId}
              </option>
            ))}
          </SelectField>
          <InputField
            id="data-name"
            label={t.childData.name}
            width="input-width-l"
            autoComplete="off"
            value={name}
            onValueChange={setName}
          />
          <InputField
            id="data-school"
            label={t.childData.school}
            width="input-width-l"
            autoComplete="off"
            value={school}
            onValueChange={setSchool}
          />
          <div className="actions">
            <button type="submit" className="button button-secondary" disabled={store.running || name === ''}>
              {t.childData.store}
            </button>
            <button
              type="button"
              className="button button-secondary"
              disabled={read.running}
              onClick={() => {
                void read.run();
              }}
            >
              {t.childData.read}
            </button>
          </div>
          {shown !== undefined && <SharedData shown={shown} />}
        </SubmitForm>
        <GuardianBinding childPseudonym={childPseudonym} />
      </div>
    </section>
  );
}

/** What a logged read returned, field by field. */
function SharedData({ shown }: { shown: Readonly<Record<string, unknown>> }) {
  const t = useTexts();
  const labels: Readonly<Record<string, string>> = { name: t.childData.name, school: t.childData.school };
  return (
    <dl className="facts" aria-live="polite">
      {Object.entries(shown).map(([key, value]) => (
        <div key={key} className="facts-pair">
          <dt>{labels[key] ?? key}</dt>
          <dd>{Array.isArray(value) ? value.join(', ') : String(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Letting a guardian (their login at the municipality) see this child's access log, or ending that (their other
 * children stay bound).
 */
function GuardianBinding({ childPseudonym }: { childPseudonym: string }) {
  const t = useTexts();
  const { domain } = useSession();
  const [guardian, setGuardian] = useState('');
  const path = { domain, childPseudonym, guardianId: guardian };
  const bind = useAction(() =>
    must(api.PUT('/api/v1/{domain}/children/{childPseudonym}/guardians/{guardianId}', { params: { path } })),
  );
  const unbind = useAction(() =>
    must(
      api.DELETE('/api/v1/{domain}/children/{childPseudonym}/guardians/{guardianId}', { params: { path } }),
    ),
  );
  const error: unknown = bind.error ?? unbind.error;
  return (
    <SubmitForm
      className="col-12 col-md-6"
      onSend={() => {
        if (guardian !== '') void bind.run();
      }}
    >
      {error !== undefined && <ErrorSummary error={error} />}
      {bind.done !== undefined && <Success text={t.common.done} />}
      {unbind.done !== undefined && (
        <Success text={unbind.done.data.ended ? t.childData.unbound : t.childData.notBound} />
      )}
      <InputField
        id="guardian-id"
        label={t.childData.guardian}
        hint={t.childData.guardianHint}
        width="input-width-m"
        autoComplete="off"
        aria-describedby="guardian-id-hint"
        value={guardian}
        onValueChange={setGuardian}
      />
      <button type="submit" className="button button-secondary" disabled={bind.running}>
        {t.childData.bind}
      </button>
      <button
        type="button"
        className="button button-tertiary"
        disabled={unbind.running}
        onClick={() => {
          if (guardian !== '') void unbind.run();
        }}
      >
        {t.childData.unbind}
      </button>
    </SubmitForm>
  );
}
