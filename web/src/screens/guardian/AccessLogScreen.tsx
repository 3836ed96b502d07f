import { useState } from 'react';
import { api } from '../../api/client';
import { must } from '../../api/refusal';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session-context';
import { DataTable } from '../../components/DataTable';
import { LoadedView, MomentText } from '../../components/display';
import { InputField } from '../../components/InputField';
import { SubmitForm } from '../../components/SubmitForm';
import { useTexts } from '../../i18n/language';
import { useLoad } from '../../lib/use-load';
import { useRegistry } from '../../lib/use-registry';

/**
 * The guardian's view: who read or stored their child's data, when and why. The API has no "my children" list for
 * a guardian yet, so the child's reference comes from the municipality's letter (or a link with it).
 */
export function AccessLogScreen({ childPseudonym }: { childPseudonym?: string | undefined }) {
  const t = useTexts();
  const [reference, setReference] = useState(childPseudonym ?? '');
  return (
    <>
      <h1>{t.guardian.title}</h1>
      <p className="font-lead">{t.guardian.intro}</p>
      {childPseudonym === undefined && <p>{t.guardian.missingApi}</p>}
      <SubmitForm
        className="mb-6"
        onSend={() => {
          if (reference.trim() !== '') navigate('guardian', reference.trim());
        }}
      >
        <InputField
          id="child-reference"
          label={t.guardian.childRef}
          width="input-width-xl"
          value={reference}
          onValueChange={setReference}
        />
        <button type="submit" className="button button-primary">
          {t.guardian.show}
        </button>
      </SubmitForm>
      {childPseudonym !== undefined && <AccessLog childPseudonym={childPseudonym} />}
    </>
  );
}

function AccessLog({ childPseudonym }: { childPseudonym: string }) {
  const t = useTexts();
  const { domain } = useSession();
  const { nameOf } = useRegistry();
  const log = useLoad(
    () =>
      must(
        api.GET('/api/v1/{domain}/children/{childPseudonym}/access-log', {
          params: { path: { domain, childPseudonym } },
        }),
      ),
    [domain, childPseudonym],
  );
  return (
    <LoadedView loaded={log}>
      {(page) =>
        page.items.length === 0 ? (
          <p>{t.guardian.empty}</p>
        ) : (
          <DataTable
            caption={t.guardian.title}
            captionHidden
            columns={[t.common.when, t.common.who, t.common.organisation, t.common.status, t.common.why]}
          >
            {page.items.map((entry) => (
              <tr key={entry.accessId}>
                <td>
                  <MomentText at={entry.at} />
                </td>
                <td>{t.roles[entry.role] ?? entry.role}</td>
                <td>{nameOf(entry.mspId)}</td>
                <td>{t.accessActions[entry.action]}</td>
                <td>{t.purposes[entry.purpose] ?? entry.purpose}</td>
              </tr>
            ))}
          </DataTable>
        )
      }
    </LoadedView>
  );
}
