import { useState } from 'react';
import { api } from '../../api/client';
import { ApiRefusal, must } from '../../api/refusal';
import type { DelegationTier } from '../../api/types';
import { useSession } from '../../app/session-context';
import { DataTable } from '../../components/DataTable';
import { LoadedView, Money, MomentText } from '../../components/display';
import { ErrorSummary, Success } from '../../components/Refusal';
import { SubmitForm } from '../../components/SubmitForm';
import { useTexts } from '../../i18n/language';
import { draftOf, newTier, replaced, ruleInput, without, type TierDraft } from '../../lib/delegation-draft';
import { describeTier } from '../../lib/price';
import { useAction, useLoad } from '../../lib/use-load';
import { TierEditor } from './TierEditor';

/** The rule in force as the registry holds it (the document types it only as an object). */
interface RuleInForce {
  readonly version: number;
  readonly tiers: readonly DelegationTier[];
  readonly adoptedAt?: string;
}

function ruleOf(registry: { readonly delegationRule?: unknown }): RuleInForce | undefined {
  const rule = registry.delegationRule;
  return typeof rule === 'object' && rule !== null && 'tiers' in rule && 'version' in rule
    ? (rule as RuleInForce)
    : undefined;
}

/**
 * The director adopts a new version of the municipality's delegation rule (who signs for the municipality, by an
 * agreement's monthly value): the rule in force, and an editor that starts from it. The chaincode checks the rule;
 * a refusal shows as its sentence with the code and the field.
 */
export function DelegationRuleScreen() {
  const t = useTexts();
  const { domain, session } = useSession();
  // Wrapped, so that "no rule adopted yet" is loaded data rather than "still loading".
  const loaded = useLoad(async () => {
    const registry = await must(api.GET('/api/v1/{domain}/registry', { params: { path: { domain } } }));
    return { rule: ruleOf(registry) };
  }, [domain]);
  // Kept here: the editor starts afresh from each new version, and the message must outlive it.
  const [adopted, setAdopted] = useState<number>();
  return (
    <>
      <h1>{t.delegation.title}</h1>
      <p className="font-lead">{t.delegation.intro}</p>
      {session.person.role !== 'director' && <p>{t.delegation.notDirector}</p>}
      <LoadedView loaded={loaded}>
        {({ rule }) => (
          <>
            {adopted !== undefined && <Success text={t.delegation.adopted(adopted)} />}
            <CurrentRule rule={rule} />
            {session.person.role === 'director' && (
              <RuleEditor
                key={rule?.version ?? 0}
                rule={rule}
                onAdopted={(version) => {
                  setAdopted(version);
                  loaded.reload();
                }}
              />
            )}
          </>
        )}
      </LoadedView>
    </>
  );
}

function CurrentRule({ rule }: { rule: RuleInForce | undefined }) {
  const t = useTexts();
  return (
    <section aria-labelledby="rule-in-force" className="mb-6">
      <h2 id="rule-in-force">
        {t.delegation.current}
        {rule !== undefined && <> – {t.delegation.version(rule.version)}</>}
      </h2>
      {rule?.adoptedAt !== undefined && (
        <p className="form-hint">
          <MomentText at={rule.adoptedAt} />
        </p>
      )}
      {rule === undefined ? (
        <p>{t.delegation.defaultRule}</p>
      ) : (
        <DataTable
          caption={t.delegation.current}
          captionHidden
          columns={[t.delegation.fromValue, t.delegation.whoSigns]}
        >
          {rule.tiers.map((tier) => (
            <tr key={tier.fromMonthlyValue}>
              <td>
                <Money ore={tier.fromMonthlyValue} />
              </td>
              <td>{describeTier(tier, t)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

function RuleEditor({
  rule,
  onAdopted,
}: {
  rule: RuleInForce | undefined;
  onAdopted: (version: number) => void;
}) {
  const t = useTexts();
  const { domain } = useSession();
  const [tiers, setTiers] = useState<TierDraft[]>(() =>
    rule === undefined ? [newTier('0')] : draftOf(rule.tiers),
  );
  const adopt = useAction(async () => {
    const body = ruleInput(tiers);
    const written = await must(
      api.PUT('/api/v1/{domain}/registry/delegation-rule', {
        params: { path: { domain } },
        body: body as never,
      }),
    );
    return (written.data as { version?: number }).version;
  });
  return (
    <section aria-labelledby="rule-editor">
      <h2 id="rule-editor">{t.delegation.editHeading}</h2>
      {adopt.error !== undefined && <ErrorSummary error={adopt.error} />}
      <ReasonHint error={adopt.error} />
      <SubmitForm
        onSend={() => {
          void adopt.run().then((version) => {
            if (version !== undefined) onAdopted(version);
          });
        }}
      >
        {tiers.map((tier, index) => (
          <TierEditor
            key={tier.key}
            tier={tier}
            index={index}
            onChange={(changed) => {
              setTiers(replaced(tiers, index, changed));
            }}
            onRemove={
              tiers.length > 1
                ? () => {
                    setTiers(without(tiers, index));
                  }
                : undefined
            }
          />
        ))}
        <div className="actions">
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setTiers([...tiers, newTier('')]);
            }}
          >
            {t.delegation.addTier}
          </button>
          <button type="submit" className="button button-primary" disabled={adopt.running}>
            {t.delegation.adopt}
          </button>
        </div>
      </SubmitForm>
    </section>
  );
}

/** The refusal's reason as a sentence about the rule, when the chaincode named one this screen knows. */
function ReasonHint({ error }: { error: unknown }) {
  const t = useTexts();
  const reason = error instanceof ApiRefusal ? error.details.reason : undefined;
  const sentence = typeof reason === 'string' ? t.delegation.reasons[reason] : undefined;
  return sentence === undefined ? null : <p className="form-error-message">{sentence}</p>;
}
