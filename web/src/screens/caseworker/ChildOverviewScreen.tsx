import { api } from '../../api/client';
import { must } from '../../api/refusal';
import type { ChildOverview } from '../../api/types';
import { href } from '../../app/router';
import { useSession } from '../../app/session-context';
import { AgreementLink } from '../../components/AgreementLink';
import { amountColumn, DataTable } from '../../components/DataTable';
import { DateText, LoadedView, Money, StatusBadge } from '../../components/display';
import { useLanguage, useTexts } from '../../i18n/language';
import { isInForce, versionInForce } from '../../lib/agreement-facts';
import { formatDate, formatMonth, todayInDenmark } from '../../lib/format';
import { monthlyValue } from '../../lib/price';
import { useLoad } from '../../lib/use-load';
import { useRegistry } from '../../lib/use-registry';
import { ChildDataSection } from './ChildDataSection';

/** Everything about one child at a glance: what is in force, what is due, what is held and why. */
export function ChildOverviewScreen({ childPseudonym }: { childPseudonym: string }) {
  const t = useTexts();
  const { domain, session } = useSession();
  const loaded = useLoad(
    () =>
      must(
        api.GET('/api/v1/{domain}/children/{childPseudonym}/overview', {
          params: { path: { domain, childPseudonym } },
        }),
      ),
    [domain, childPseudonym],
  );
  return (
    <>
      <h1>{t.overview.title}</h1>
      <p className="form-hint">{t.overview.childRef(childPseudonym)}</p>
      <div className="actions">
        <a className="button button-primary" href={href('new', childPseudonym)}>
          {t.home.newAgreementFor}
        </a>
      </div>
      <LoadedView loaded={loaded}>{(overview) => <Overview overview={overview} />}</LoadedView>
      {session.person.role === 'caseworker' && <ChildDataSection childPseudonym={childPseudonym} />}
    </>
  );
}

function Overview({ overview }: { overview: ChildOverview }) {
  const t = useTexts();
  const { language } = useLanguage();
  const { nameOf } = useRegistry();
  const today = todayInDenmark();
  const inForce = overview.agreements.filter(({ agreement }) => isInForce(agreement, today));
  const deadlines = overview.agreements
    .flatMap(({ deadlines: list }) => list)
    .sort((a, b) => a.date.localeCompare(b.date));
  const held = overview.agreements.flatMap(({ heldInstalments }) => heldInstalments.instalments);
  const kindOf = (agreementId: string, lineId: string) => {
    const agreement = overview.agreements.find((entry) => entry.agreement.id === agreementId)?.agreement;
    const line = agreement?.versions.flatMap((version) => version.terms.lines).find((l) => l.id === lineId);
    return line === undefined ? lineId : t.lineKinds[line.kind];
  };
  return (
    <>
      {overview.truncated && <p className="alert alert-warning">{t.overview.truncated}</p>}
      <h2>{t.overview.inForceToday}</h2>
      {inForce.length === 0 ? (
        <p>{t.overview.notInForce}</p>
      ) : (
        <div className="card-grid">
          {inForce.map(({ agreement }) => {
            const version = versionInForce(agreement, today);
            return (
              <article className="summary-card" key={agreement.id} aria-labelledby={`card-${agreement.id}`}>
                <h3 id={`card-${agreement.id}`}>
                  <AgreementLink agreement={agreement} />
                </h3>
                <p className="m-0">{nameOf(agreement.providerMspId)}</p>
                <p className="m-0">
                  {t.overview.monthlyToday}:{' '}
                  <strong>
                    <Money ore={version === undefined ? 0 : monthlyValue(version.terms.lines)} />
                  </strong>
                </p>
                <ul className="mt-3">
                  {version?.terms.lines
                    .filter((line) => line.startDate <= today && (line.endDate ?? '9999') >= today)
                    .map((line) => (
                      <li key={line.id}>{t.lineKinds[line.kind]}</li>
                    ))}
                </ul>
              </article>
            );
          })}
        </div>
      )}

      <h2>{t.overview.deadlines}</h2>
      {deadlines.length === 0 ? (
        <p>{t.overview.noDeadlines}</p>
      ) : (
        <DataTable
          caption={t.overview.deadlines}
          captionHidden
          columns={[t.common.date, t.common.agreement, t.common.status]}
        >
          {deadlines.map((deadline, index) => (
            <tr key={`${deadline.agreementId}-${deadline.kind}-${index.toString()}`}>
              <td>
                <DateText date={deadline.date} />
              </td>
              <td>
                <a href={href('agreements', deadline.agreementId)}>{deadline.agreementId}</a>
              </td>
              <td>
                {deadline.kind === 'report_overdue' ? (
                  <span className="badge badge-error">{t.deadlineKinds[deadline.kind]}</span>
                ) : (
                  t.deadlineKinds[deadline.kind]
                )}
                {deadline.periodNumber !== undefined &&
                  ` (${t.agreement.period.toLowerCase()} ${deadline.periodNumber.toString()})`}
                {deadline.serviceLineId !== undefined &&
                  ` – ${kindOf(deadline.agreementId, deadline.serviceLineId)}`}
              </td>
            </tr>
          ))}
        </DataTable>
      )}

      <h2>{t.overview.held}</h2>
      {held.length === 0 ? (
        <p>{t.overview.noHeld}</p>
      ) : (
        <DataTable
          caption={t.overview.held}
          captionHidden
          className="table table--zebra figures"
          columns={[
            t.common.month,
            t.common.agreement,
            t.common.service,
            amountColumn(t.common.amount),
            t.common.why,
          ]}
          footer={
            <tr>
              <th scope="row" colSpan={3}>
                {t.overview.heldTotal}
              </th>
              <td className="amount">
                <strong>
                  <Money ore={overview.heldTotal} />
                </strong>
              </td>
              <td />
            </tr>
          }
        >
          {held.map((instalment) => (
            <tr key={`${instalment.agreementId}-${instalment.month}-${instalment.serviceLineId}`}>
              <td>{formatMonth(instalment.month, language)}</td>
              <td>
                <a href={href('agreements', instalment.agreementId)}>{instalment.agreementId}</a>
              </td>
              <td>{kindOf(instalment.agreementId, instalment.serviceLineId)}</td>
              <td className="amount">
                <Money ore={instalment.held} />
              </td>
              <td>
                {(instalment.heldBy ?? [])
                  .map((by) => t.overview.heldBecause(by.periodNumber, formatDate(by.dueDate, language)))
                  .join('; ')}
              </td>
            </tr>
          ))}
        </DataTable>
      )}

      <h2>{t.overview.allAgreements}</h2>
      <DataTable
        caption={t.overview.allAgreements}
        captionHidden
        columns={[t.common.agreement, t.common.provider, t.common.start, t.common.status]}
      >
        {overview.agreements.map(({ agreement }) => (
          <tr key={agreement.id}>
            <th scope="row">
              <AgreementLink agreement={agreement} />
            </th>
            <td>{nameOf(agreement.providerMspId)}</td>
            <td>
              <DateText date={agreement.startDate} />
            </td>
            <td>
              <StatusBadge status={agreement.status} />
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
