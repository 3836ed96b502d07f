import { useState } from 'react';
import { getAgreement } from '../../api/agreements';
import { api } from '../../api/client';
import { must } from '../../api/refusal';
import type { Agreement } from '../../api/types';
import { href } from '../../app/router';
import { MUNICIPAL_STAFF, PROVIDER_ROLES, useSession } from '../../app/session-context';
import { amountColumn, DataTable } from '../../components/DataTable';
import { DateText, LinesTable, LoadedView, MomentText, Money, StatusBadge } from '../../components/display';
import { ErrorSummary, Success } from '../../components/Refusal';
import { useLanguage, useTexts } from '../../i18n/language';
import { pendingTermination, pendingVersion, versionInForce } from '../../lib/agreement-facts';
import { formatMonth, todayInDenmark } from '../../lib/format';
import { describeChange } from '../../lib/history';
import { useAction, useLoad } from '../../lib/use-load';
import { usePeople } from '../../lib/use-people';
import { useRegistry } from '../../lib/use-registry';
import { Signer } from '../../components/Signer';
import { EInvoiceLinks } from '../../components/EInvoiceLinks';
import { SettlementSection } from './SettlementSection';
import { SignButton, type Signable } from './SignButton';

/** An agreement's page: terms per version, who signed what, history, status reports, settlements, invoices. */
export function AgreementScreen({ agreementId }: { agreementId: string }) {
  const { domain } = useSession();
  const loaded = useLoad(() => getAgreement(domain, agreementId), [domain, agreementId]);
  return (
    <LoadedView loaded={loaded}>
      {(agreement) => <AgreementPage agreement={agreement} reload={loaded.reload} />}
    </LoadedView>
  );
}

function AgreementPage({ agreement, reload }: { agreement: Agreement; reload: () => void }) {
  const t = useTexts();
  const { session } = useSession();
  const { nameOf } = useRegistry();
  const today = todayInDenmark();
  const inForce = versionInForce(agreement, today);
  const role = session.person.role;
  const municipal = MUNICIPAL_STAFF.includes(role);
  return (
    <>
      <h1>
        {t.agreement.title(t.kinds[agreement.kind], agreement.id)} <StatusBadge status={agreement.status} />
      </h1>
      <dl className="facts">
        <dt>{t.common.provider}</dt>
        <dd>{nameOf(agreement.providerMspId)}</dd>
        <dt>{t.agreement.municipality}</dt>
        <dd>{nameOf(agreement.municipalityMspId)}</dd>
        <dt>{t.agreement.child}</dt>
        <dd>
          {municipal ? (
            <a href={href('children', agreement.childPseudonym)}>{agreement.childPseudonym.slice(0, 16)}…</a>
          ) : (
            `${agreement.childPseudonym.slice(0, 16)}…`
          )}
        </dd>
        <dt>{t.agreement.startDate}</dt>
        <dd>
          <DateText date={agreement.startDate} />
        </dd>
        {agreement.activatedOn !== undefined && (
          <>
            <dt>{t.agreement.activeFrom}</dt>
            <dd>
              <DateText date={agreement.activatedOn} />
            </dd>
          </>
        )}
        {(agreement.relatedAgreementIds ?? []).length > 0 && (
          <>
            <dt>{t.agreement.related}</dt>
            <dd>
              {(agreement.relatedAgreementIds ?? []).map((id) => (
                <a key={id} href={href('agreements', id)} className="mr-4">
                  {id}
                </a>
              ))}
            </dd>
          </>
        )}
      </dl>
      <Actions agreement={agreement} reload={reload} />
      {inForce !== undefined && <LinesTable lines={inForce.terms.lines} caption={t.agreement.inForce} />}
      <Versions agreement={agreement} />
      <Terminations agreement={agreement} />
      {agreement.status !== 'draft' && agreement.status !== 'awaiting_signatures' && (
        <>
          <Obligations agreement={agreement} />
          <StatusReports agreement={agreement} />
          <SettlementSection agreement={agreement} />
          <Invoices agreement={agreement} />
          <p className="einvoice-links">
            <EInvoiceLinks agreement={agreement} />
          </p>
        </>
      )}
      <History agreementId={agreement.id} />
    </>
  );
}

/** What a person may do on an agreement's page. */
type ActionName =
  | 'submit'
  | 'withdraw'
  | 'amend'
  | 'terminate'
  | 'withdraw-termination'
  | 'sign'
  | 'sign-termination'
  | 'report'
  | 'invoice';

/** The caseworker's actions: submit a draft, withdraw what is pending, amend or terminate what is active. */
function caseworkerActions(agreement: Agreement): ActionName[] {
  const pending = pendingVersion(agreement) !== undefined;
  const termination = pendingTermination(agreement) !== undefined;
  const names: ActionName[] = [];
  if (agreement.status === 'draft') names.push('submit');
  if (pending) names.push('withdraw');
  if (agreement.status === 'active' && !pending && !termination) names.push('amend', 'terminate');
  if (termination) names.push('withdraw-termination');
  return names;
}

/** Everyone else's: sign what is pending; a provider reports and invoices. */
function otherActions(agreement: Agreement, role: string): ActionName[] {
  const names: ActionName[] = [];
  if (pendingVersion(agreement) !== undefined) names.push('sign');
  if (pendingTermination(agreement) !== undefined) names.push('sign-termination');
  if (PROVIDER_ROLES.includes(role) && agreement.status === 'active') names.push('report');
  if (PROVIDER_ROLES.includes(role) && ['active', 'terminated'].includes(agreement.status))
    names.push('invoice');
  return names;
}

/** What the person may do now, by role and the agreement's state. */
function Actions({ agreement, reload }: { agreement: Agreement; reload: () => void }) {
  const t = useTexts();
  const { domain, session } = useSession();
  const role = session.person.role;
  const path = { domain, agreementId: agreement.id };
  const submit = useAction(() =>
    must(api.POST('/api/v1/{domain}/agreements/{agreementId}/submission', { params: { path } })),
  );
  const withdraw = useAction(() =>
    must(api.DELETE('/api/v1/{domain}/agreements/{agreementId}/pending-version', { params: { path } })),
  );
  const withdrawTermination = useAction(() =>
    must(api.DELETE('/api/v1/{domain}/agreements/{agreementId}/terminations/pending', { params: { path } })),
  );
  const error = submit.error ?? withdraw.error ?? withdrawTermination.error;
  const done = submit.done ?? withdraw.done ?? withdrawTermination.done;
  const names = role === 'caseworker' ? caseworkerActions(agreement) : otherActions(agreement, role);
  if (names.length === 0 && error === undefined) return null;
  const after = (action: Promise<unknown>) => {
    void action.then(reload);
  };
  const link = (name: ActionName, text: string, route: string) => (
    <a key={name} className="button button-secondary" href={href('agreements', agreement.id, route)}>
      {text}
    </a>
  );
  const sign = (name: ActionName, what: Signable | undefined) =>
    what === undefined ? null : <SignButton key={name} agreement={agreement} what={what} onSigned={reload} />;
  const pending = pendingVersion(agreement);
  const termination = pendingTermination(agreement);
  const render: Readonly<Record<ActionName, () => React.ReactNode>> = {
    submit: () => (
      <button
        key="submit"
        type="button"
        className="button button-primary"
        disabled={submit.running}
        onClick={() => {
          after(submit.run());
        }}
      >
        {t.agreement.submit}
      </button>
    ),
    withdraw: () => (
      <button
        key="withdraw"
        type="button"
        className="button button-secondary"
        onClick={() => {
          after(withdraw.run());
        }}
      >
        {t.agreement.withdraw}
      </button>
    ),
    amend: () => link('amend', t.agreement.amend, 'amend'),
    terminate: () => link('terminate', t.agreement.terminate, 'terminate'),
    'withdraw-termination': () => (
      <button
        key="withdraw-termination"
        type="button"
        className="button button-secondary"
        onClick={() => {
          after(withdrawTermination.run());
        }}
      >
        {t.agreement.withdraw}
      </button>
    ),
    sign: () => sign('sign', pending && { kind: 'version', number: pending.number }),
    'sign-termination': () =>
      sign('sign-termination', termination && { kind: 'termination', number: termination.number }),
    report: () => link('report', t.agreement.report, 'report'),
    invoice: () => link('invoice', t.agreement.newInvoice, 'invoice'),
  };
  return (
    <section aria-labelledby="actions-heading">
      <h2 id="actions-heading" className="sr-only">
        {t.agreement.actions}
      </h2>
      {error !== undefined && <ErrorSummary error={error} />}
      {done !== undefined && <Success text={t.common.done} />}
      <div className="actions">{names.map((name) => render[name]())}</div>
    </section>
  );
}

function Versions({ agreement }: { agreement: Agreement }) {
  const t = useTexts();
  return (
    <section aria-labelledby="versions-heading">
      <h2 id="versions-heading">{t.agreement.versions}</h2>
      {[...agreement.versions].reverse().map((version) => (
        <details
          className="details"
          key={version.number}
          open={version.state !== 'agreed' || version.number === agreement.versions.length}
        >
          <summary className="details-summary">
            {t.agreement.versionHeading(version.number, t.versionState[version.state])} –{' '}
            {t.agreement.effectiveFrom.toLowerCase()} <DateText date={version.effectiveFrom} />
          </summary>
          <div className="details-text">
            <LinesTable
              lines={version.terms.lines}
              caption={t.agreement.versionHeading(version.number, t.versionState[version.state])}
              before={agreement.versions.find((other) => other.number === version.number - 1)?.terms.lines}
            />
            <h3 className="h5">{t.agreement.signatures}</h3>
            {version.signatures.length === 0 ? (
              <p>{t.agreement.noSignatures}</p>
            ) : (
              <ul>
                {version.signatures.map((signature) => (
                  <li key={signature.certId}>
                    <Signer signature={signature} />
                  </li>
                ))}
              </ul>
            )}
          </div>
        </details>
      ))}
    </section>
  );
}

function Terminations({ agreement }: { agreement: Agreement }) {
  const t = useTexts();
  const terminations = agreement.terminations ?? [];
  if (terminations.length === 0) return null;
  return (
    <section aria-labelledby="terminations-heading">
      <h2 id="terminations-heading">{t.agreement.terminations}</h2>
      {terminations.map((termination) => (
        <div key={termination.number} className="summary-card mb-5">
          <p className="m-0">
            <strong>{t.terminationState[termination.state]}</strong> – {t.terminationCause[termination.cause]}
            {termination.causeAgreementId !== undefined && ` (${termination.causeAgreementId})`}
          </p>
          <p className="m-0">
            {t.agreement.effectiveDate}: <DateText date={termination.effectiveDate} />
          </p>
          {termination.signatures.length > 0 && (
            <ul>
              {termination.signatures.map((signature) => (
                <li key={signature.certId}>
                  <Signer signature={signature} />
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </section>
  );
}

function Obligations({ agreement }: { agreement: Agreement }) {
  const t = useTexts();
  const { language } = useLanguage();
  const { domain } = useSession();
  const path = { domain, agreementId: agreement.id };
  const deadlines = useLoad(
    () => must(api.GET('/api/v1/{domain}/agreements/{agreementId}/deadlines', { params: { path } })),
    [domain, agreement.id],
  );
  const held = useLoad(
    () => must(api.GET('/api/v1/{domain}/agreements/{agreementId}/held-instalments', { params: { path } })),
    [domain, agreement.id],
  );
  return (
    <div className="row">
      <section className="col-12 col-md-6" aria-labelledby="deadlines-heading">
        <h2 id="deadlines-heading">{t.agreement.deadlines}</h2>
        <LoadedView loaded={deadlines}>
          {(list) =>
            list.length === 0 ? (
              <p>{t.overview.noDeadlines}</p>
            ) : (
              <ul>
                {list.map((deadline, index) => (
                  <li key={index}>
                    <DateText date={deadline.date} />: {t.deadlineKinds[deadline.kind]}
                    {deadline.serviceLineId !== undefined && ` (${deadline.serviceLineId})`}
                  </li>
                ))}
              </ul>
            )
          }
        </LoadedView>
      </section>
      <section className="col-12 col-md-6" aria-labelledby="held-heading">
        <h2 id="held-heading">{t.agreement.held}</h2>
        <LoadedView loaded={held}>
          {(value) =>
            value.instalments.length === 0 ? (
              <p>{t.overview.noHeld}</p>
            ) : (
              <ul>
                {value.instalments.map((instalment) => (
                  <li key={`${instalment.month}-${instalment.serviceLineId}`}>
                    {formatMonth(instalment.month, language)}, {instalment.serviceLineId}:{' '}
                    <Money ore={instalment.held} />
                  </li>
                ))}
              </ul>
            )
          }
        </LoadedView>
      </section>
    </div>
  );
}

function StatusReports({ agreement }: { agreement: Agreement }) {
  const t = useTexts();
  const { domain, session } = useSession();
  const path = { domain, agreementId: agreement.id };
  const reports = useLoad(
    () => must(api.GET('/api/v1/{domain}/agreements/{agreementId}/status-reports', { params: { path } })),
    [domain, agreement.id],
  );
  const [message, setMessage] = useState<string>();
  const accept = useAction((obligationId: string, periodNumber: number, version: number) =>
    must(
      api.POST(
        '/api/v1/{domain}/agreements/{agreementId}/status-reports/{obligationId}/{periodNumber}/acceptance',
        {
          params: { path: { ...path, obligationId, periodNumber } },
          body: { version },
        },
      ),
    ),
  );
  return (
    <section aria-labelledby="reports-heading">
      <h2 id="reports-heading">{t.agreement.reports}</h2>
      {accept.error !== undefined && <ErrorSummary error={accept.error} />}
      {message !== undefined && <Success text={message} />}
      <LoadedView loaded={reports}>
        {(list) =>
          list.length === 0 ? (
            <p>{t.agreement.noReports}</p>
          ) : (
            <DataTable
              caption={t.agreement.reports}
              captionHidden
              columns={[t.agreement.period, t.agreement.due, t.agreement.submitted, t.agreement.accepted]}
            >
              {list.map((report) => {
                const latest = report.versions[report.versions.length - 1];
                const accepted = report.acceptances.length > 0;
                return (
                  <tr key={`${report.obligationId}-${report.periodNumber.toString()}`}>
                    <th scope="row">{report.periodNumber}</th>
                    <td>
                      <DateText date={report.dueDate} />
                    </td>
                    <td>
                      {latest === undefined ? (
                        t.agreement.notSubmitted
                      ) : (
                        <>
                          <MomentText at={latest.submittedAt} />
                          <br />
                          <span className="hash form-hint" title={t.agreement.documentHash}>
                            SHA-256 {latest.documentHash.slice(0, 16)}…
                          </span>
                        </>
                      )}
                    </td>
                    <td>
                      {accepted ? (
                        <span className="badge badge-success">{t.agreement.accepted}</span>
                      ) : latest !== undefined && session.person.role === 'caseworker' ? (
                        <button
                          type="button"
                          className="button button-secondary"
                          onClick={() => {
                            void accept
                              .run(report.obligationId, report.periodNumber, latest.version)
                              .then((written) => {
                                if (written !== undefined) {
                                  setMessage(t.common.done);
                                  reports.reload();
                                }
                              });
                          }}
                        >
                          {t.agreement.accept} {report.periodNumber}
                        </button>
                      ) : (
                        '–'
                      )}
                    </td>
                  </tr>
                );
              })}
            </DataTable>
          )
        }
      </LoadedView>
    </section>
  );
}

function Invoices({ agreement }: { agreement: Agreement }) {
  const t = useTexts();
  const { language } = useLanguage();
  const { domain } = useSession();
  const invoices = useLoad(
    () =>
      must(
        api.GET('/api/v1/{domain}/agreements/{agreementId}/invoices', {
          params: { path: { domain, agreementId: agreement.id } },
        }),
      ),
    [domain, agreement.id],
  );
  return (
    <section aria-labelledby="invoices-heading">
      <h2 id="invoices-heading">{t.agreement.invoices}</h2>
      <LoadedView loaded={invoices}>
        {(list) =>
          list.length === 0 ? (
            <p>{t.agreement.noInvoices}</p>
          ) : (
            <DataTable
              caption={t.agreement.invoices}
              captionHidden
              className="table table--zebra figures"
              columns={[
                t.agreement.invoice,
                t.common.month,
                t.common.status,
                amountColumn(t.invoice.claimed),
                amountColumn(t.invoice.payable),
              ]}
            >
              {list.map((invoice) => (
                <tr key={invoice.invoiceId}>
                  <th scope="row">{invoice.invoiceId}</th>
                  <td>{formatMonth(invoice.validation.month, language)}</td>
                  <td>
                    {invoice.state === undefined
                      ? t.validationStatus[invoice.validation.status]
                      : t.invoiceStates[invoice.state]}
                  </td>
                  <td className="amount">
                    <Money ore={invoice.validation.totals.claimed} />
                  </td>
                  <td className="amount">
                    <Money ore={invoice.validation.totals.payable} />
                  </td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </LoadedView>
    </section>
  );
}

function History({ agreementId }: { agreementId: string }) {
  const t = useTexts();
  const { whoIs } = usePeople();
  const { domain } = useSession();
  const history = useLoad(
    () =>
      must(
        api.GET('/api/v1/{domain}/agreements/{agreementId}/history', {
          params: { path: { domain, agreementId } },
        }),
      ),
    [domain, agreementId],
  );
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t.agreement.history}</h2>
      <LoadedView loaded={history}>
        {(entries) => (
          <ol>
            {entries.map((entry, index) => {
              // The ledger lists newest first; the change an entry made is read against the one before it in time.
              const oldestFirst =
                (entries[0]?.timestamp ?? '') <= (entries[entries.length - 1]?.timestamp ?? '');
              const previous = entries[oldestFirst ? index - 1 : index + 1];
              const after: Partial<Agreement> | undefined = entry.isDelete ? undefined : entry.agreement;
              const before: Partial<Agreement> | undefined = previous?.agreement;
              return (
                <li key={entry.txId}>
                  <MomentText at={entry.timestamp} /> – {describeChange(before, after, t, whoIs)}{' '}
                  <span className="form-hint">
                    ({t.agreement.transaction} {entry.txId.slice(0, 12)}…)
                  </span>
                </li>
              );
            })}
          </ol>
        )}
      </LoadedView>
    </section>
  );
}
