import { useState } from 'react';
import { listAll } from '../../api/agreements';
import { api } from '../../api/client';
import { must } from '../../api/refusal';
import type { Agreement } from '../../api/types';
import { href, navigate } from '../../app/router';
import { useSession } from '../../app/session-context';
import { AgreementLink } from '../../components/AgreementLink';
import { DataTable } from '../../components/DataTable';
import { describedBy, LoadedView, StatusBadge } from '../../components/display';
import { InputField } from '../../components/InputField';
import { ErrorSummary } from '../../components/Refusal';
import { SelectField } from '../../components/SelectField';
import { SubmitForm } from '../../components/SubmitForm';
import { useTexts } from '../../i18n/language';
import { useAction, useLoad } from '../../lib/use-load';

/** The caseworker's start: every child with agreements, and finding a child by CPR number (an audited lookup). */
export function HomeScreen() {
  const t = useTexts();
  const { domain, session } = useSession();
  const loaded = useLoad(() => listAll(domain), [domain]);
  return (
    <>
      <h1>{t.home.title}</h1>
      <p className="font-lead">{t.home.intro}</p>
      {session.person.role === 'caseworker' && <FindChild />}
      <LoadedView loaded={loaded}>{(agreements) => <Children agreements={agreements} />}</LoadedView>
    </>
  );
}

function Children({ agreements }: { agreements: readonly Agreement[] }) {
  const t = useTexts();
  const byChild = new Map<string, Agreement[]>();
  for (const agreement of agreements) {
    byChild.set(agreement.childPseudonym, [...(byChild.get(agreement.childPseudonym) ?? []), agreement]);
  }
  if (byChild.size === 0) {
    return <p>{t.home.noAgreements}</p>;
  }
  return (
    <div className="table--responsive-scroll">
      <DataTable caption={t.home.title} captionHidden columns={[t.home.childRef, t.common.agreements]}>
        {[...byChild.entries()].map(([child, list]) => (
          <tr key={child}>
            <th scope="row">
              <a href={href('children', child)}>{child.slice(0, 12)}…</a>
              <br />
              <span className="form-hint">{t.home.agreementsCount(list.length)}</span>
            </th>
            <td>
              <ul className="m-0">
                {list.map((agreement) => (
                  <li key={agreement.id}>
                    <AgreementLink agreement={agreement} /> <StatusBadge status={agreement.status} />
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

function FindChild() {
  const t = useTexts();
  const { domain } = useSession();
  const [cpr, setCpr] = useState('');
  const [purpose, setPurpose] = useState('case_handling');
  const lookup = useAction(async () => {
    const answer = await must(
      api.POST('/api/v1/{domain}/child-pseudonyms', {
        params: { path: { domain } },
        body: { cpr: cpr.replace(/\D/g, ''), purpose },
      }),
    );
    navigate('children', answer.data.childPseudonym);
    return answer;
  });
  return (
    <section className="summary-card mb-7" aria-labelledby="find-child">
      <h2 id="find-child" className="h3">
        {t.home.findChild}
      </h2>
      {lookup.error !== undefined && <ErrorSummary error={lookup.error} />}
      <SubmitForm
        onSend={() => {
          void lookup.run();
        }}
      >
        <InputField
          id="cpr"
          label={t.home.cpr}
          hint={t.home.cprHint}
          width="input-width-s"
          inputMode="numeric"
          autoComplete="off"
          value={cpr}
          aria-describedby={describedBy('cpr', true, undefined)}
          onValueChange={setCpr}
        />
        <SelectField id="purpose" label={t.home.purpose} value={purpose} onValueChange={setPurpose}>
          {['case_handling', 'payment', 'supervision'].map((code) => (
            <option key={code} value={code}>
              {t.purposes[code]}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button button-primary" disabled={lookup.running}>
          {t.home.find}
        </button>
      </SubmitForm>
    </section>
  );
}
