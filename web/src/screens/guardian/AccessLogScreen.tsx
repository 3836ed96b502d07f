import { api } from '../../api/client';
import { must } from '../../api/refusal';
import { href } from '../../app/router';
import { useSession } from '../../app/session-context';
import { DataTable } from '../../components/DataTable';
import { LoadedView, MomentText } from '../../components/display';
import { useTexts } from '../../i18n/language';
import { useLoad } from '../../lib/use-load';
import { usePeople } from '../../lib/use-people';
import { GuardianChildren } from './GuardianChildren';

/**
 * The guardian's view: their children (the ones the municipality bound them to), and for the child chosen who read
 * or stored its data, when and why.
 */
export function AccessLogScreen({ childPseudonym }: { childPseudonym?: string | undefined }) {
  const t = useTexts();
  return (
    <>
      <h1>{t.guardian.title}</h1>
      <p className="font-lead">{t.guardian.intro}</p>
      {childPseudonym === undefined ? (
        <GuardianChildren />
      ) : (
        <>
          <p>
            <a className="back-link" href={href('guardian')}>
              {t.children.back}
            </a>
          </p>
          <h2>{t.children.logOf(childPseudonym)}</h2>
          <AccessLog childPseudonym={childPseudonym} />
        </>
      )}
    </>
  );
}

function AccessLog({ childPseudonym }: { childPseudonym: string }) {
  const t = useTexts();
  const { domain } = useSession();
  const { whoIs } = usePeople();
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
            caption={t.children.logOf(childPseudonym)}
            captionHidden
            columns={[t.common.when, t.common.who, t.common.status, t.common.why]}
          >
            {page.items.map((entry) => (
              <tr key={entry.accessId}>
                <td>
                  <MomentText at={entry.at} />
                </td>
                <td>{whoIs(entry)}</td>
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
