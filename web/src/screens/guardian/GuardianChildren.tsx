import { api } from '../../api/client';
import { must } from '../../api/refusal';
import { href } from '../../app/router';
import { useSession } from '../../app/session-context';
import { DataTable } from '../../components/DataTable';
import { LoadedView, MomentText } from '../../components/display';
import { useTexts } from '../../i18n/language';
import { useLoad } from '../../lib/use-load';

/** The children the municipality bound the logged-in guardian to (zero, one or many), each opening its log. */
export function GuardianChildren() {
  const t = useTexts();
  const { domain } = useSession();
  const children = useLoad(
    () => must(api.GET('/api/v1/{domain}/me/children', { params: { path: { domain } } })),
    [domain],
  );
  return (
    <section aria-labelledby="guardian-children">
      <h2 id="guardian-children">{t.children.heading}</h2>
      <LoadedView loaded={children}>
        {({ children: list }) =>
          list.length === 0 ? (
            <p>{t.children.none}</p>
          ) : (
            <>
              <p>{t.children.intro}</p>
              <DataTable
                caption={t.children.heading}
                captionHidden
                columns={[
                  t.children.childColumn,
                  t.children.reference,
                  t.children.since,
                  t.children.logColumn,
                ]}
              >
                {list.map((child, index) => (
                  <tr key={child.childPseudonym}>
                    <th scope="row">{t.children.child(index + 1)}</th>
                    <td className="hash">{child.childPseudonym}</td>
                    <td>
                      <MomentText at={child.boundAt} />
                    </td>
                    <td>
                      <a href={href('guardian', child.childPseudonym)}>
                        {t.children.open(t.children.child(index + 1).toLowerCase())}
                      </a>
                    </td>
                  </tr>
                ))}
              </DataTable>
            </>
          )
        }
      </LoadedView>
    </section>
  );
}
