import { listByStatus } from '../../api/agreements';
import type { Agreement, AgreementVersion, Signature } from '../../api/types';
import { PROVIDER_ROLES, useSession } from '../../app/session-context';
import { AgreementLink } from '../../components/AgreementLink';
import { DateText, LinesTable, LoadedView, Money } from '../../components/display';
import { useTexts } from '../../i18n/language';
import { pendingTermination, pendingVersion, versionInForce } from '../../lib/agreement-facts';
import { useState } from 'react';
import { Success } from '../../components/Refusal';
import { todayInDenmark } from '../../lib/format';
import { useMyCertId } from '../../lib/use-me';
import { describeTier, monthlyValue, tierForValue } from '../../lib/price';
import { useLoad } from '../../lib/use-load';
import { usePeople } from '../../lib/use-people';
import { useRegistry } from '../../lib/use-registry';
import { SignButton, type Signable } from '../agreement/SignButton';

interface Awaiting {
  readonly agreement: Agreement;
  readonly what: Signable;
  readonly signatures: readonly Signature[];
}

/** What awaits the person's signature: new agreements, amendments and terminations, with the deciding amount. */
export function InboxScreen() {
  const t = useTexts();
  const { domain, session } = useSession();
  const myCertId = useMyCertId();
  const [signed, setSigned] = useState<string>();
  const side = PROVIDER_ROLES.includes(session.person.role) ? 'provider' : 'municipality';
  const loaded = useLoad(async () => {
    const [awaiting, active] = await Promise.all([
      listByStatus(domain, 'awaiting_signatures'),
      listByStatus(domain, 'active'),
    ]);
    const items: Awaiting[] = [];
    for (const agreement of [...awaiting, ...active]) {
      const version = pendingVersion(agreement);
      if (version !== undefined)
        items.push({
          agreement,
          what: { kind: 'version', number: version.number },
          signatures: version.signatures,
        });
      const termination = pendingTermination(agreement);
      if (termination !== undefined)
        items.push({
          agreement,
          what: { kind: 'termination', number: termination.number },
          signatures: termination.signatures,
        });
    }
    return items.filter((item) => !item.signatures.some((signature) => signature.certId === myCertId));
  }, [domain, myCertId]);
  return (
    <>
      <h1>{t.inbox.title}</h1>
      <p className="font-lead">{t.inbox.intro}</p>
      {signed !== undefined && <Success text={`${t.inbox.signed} (${signed})`} />}
      <LoadedView loaded={loaded}>
        {(items) =>
          items.length === 0 ? (
            <p>{t.inbox.empty}</p>
          ) : (
            <>
              {items.map((item) => (
                <InboxItem
                  key={`${item.agreement.id}-${item.what.kind}-${item.what.number.toString()}`}
                  item={item}
                  side={side}
                  onSigned={() => {
                    setSigned(item.agreement.id);
                    loaded.reload();
                  }}
                />
              ))}
            </>
          )
        }
      </LoadedView>
    </>
  );
}

/** What the item asks to sign: the first version, an amendment or a termination. */
function headingOf(what: Signable, t: ReturnType<typeof useTexts>): string {
  if (what.kind === 'termination') return t.inbox.termination;
  return what.number === 1 ? t.inbox.firstVersion : t.inbox.amendment(what.number);
}

function InboxItem({
  item,
  side,
  onSigned,
}: {
  item: Awaiting;
  side: 'municipality' | 'provider';
  onSigned: () => void;
}) {
  const t = useTexts();
  const { nameOf } = useRegistry();
  const { whoIs } = usePeople();
  const { agreement, what } = item;
  const version =
    what.kind === 'version' ? agreement.versions.find((v) => v.number === what.number) : undefined;
  const termination =
    what.kind === 'termination' ? agreement.terminations?.find((x) => x.number === what.number) : undefined;
  const heading = headingOf(what, t);
  const headingId = `inbox-${agreement.id}-${what.kind}-${what.number.toString()}`;
  return (
    <article className="summary-card mb-6" aria-labelledby={headingId}>
      <h2 id={headingId} className="h3">
        {heading}: <AgreementLink agreement={agreement} />
      </h2>
      <p className="m-0">
        {t.common.provider}: {nameOf(agreement.providerMspId)}
      </p>
      {version !== undefined && (
        <VersionTerms agreement={agreement} version={version} heading={heading} side={side} />
      )}
      {termination !== undefined && (
        <p>
          {t.agreement.effectiveDate}: <DateText date={termination.effectiveDate} /> –{' '}
          {t.terminationCause[termination.cause]}
        </p>
      )}
      <p className="m-0">
        {t.inbox.signedSoFar}:{' '}
        {item.signatures.length === 0
          ? t.common.none
          : item.signatures.map((signature) => whoIs(signature)).join('; ')}
      </p>
      <div className="actions">
        <SignButton agreement={agreement} what={what} onSigned={onSigned} />
      </div>
    </article>
  );
}

/** The version's terms, its monthly value and — for the municipality — the tier of signers that value needs. */
function VersionTerms({
  agreement,
  version,
  heading,
  side,
}: {
  agreement: Agreement;
  version: AgreementVersion;
  heading: string;
  side: 'municipality' | 'provider';
}) {
  const t = useTexts();
  const { registry } = useRegistry();
  const lines = version.terms.lines;
  const value = monthlyValue(lines);
  return (
    <>
      <p className="m-0">
        {t.agreement.effectiveFrom}: <DateText date={version.effectiveFrom} />
      </p>
      <LinesTable
        lines={lines}
        caption={heading}
        before={version.number > 1 ? versionInForce(agreement, todayInDenmark())?.terms.lines : undefined}
      />
      <dl className="facts">
        <dt>{t.inbox.monthlyValue}</dt>
        <dd>
          <strong>
            <Money ore={value} />
          </strong>
        </dd>
        {side === 'municipality' && (
          <>
            <dt>{t.inbox.tier}</dt>
            <dd>{describeTier(tierForValue(registry?.tiers ?? [], value), t)}</dd>
          </>
        )}
      </dl>
    </>
  );
}
