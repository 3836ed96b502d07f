import { MUNICIPAL_STAFF } from '../../app/session-context';
import { InputField } from '../../components/InputField';
import { SelectField } from '../../components/SelectField';
import { useTexts } from '../../i18n/language';
import {
  newAlternative,
  newRequirement,
  replaced,
  without,
  type AlternativeDraft,
  type RequirementDraft,
  type TierDraft,
} from '../../lib/delegation-draft';

/** One tier of the rule being drafted: from which monthly value, and its alternatives. */
export function TierEditor({
  tier,
  index,
  onChange,
  onRemove,
}: {
  tier: TierDraft;
  index: number;
  onChange: (tier: TierDraft) => void;
  onRemove: (() => void) | undefined;
}) {
  const t = useTexts();
  const id = `tier-${index.toString()}`;
  return (
    <fieldset className="line-fieldset">
      <legend className="h3">{t.delegation.tier(index + 1)}</legend>
      <InputField
        id={`${id}-from`}
        label={t.delegation.fromKroner}
        hint={index === 0 ? t.delegation.fromHint : undefined}
        width="input-width-s"
        inputMode="decimal"
        value={tier.fromKroner}
        onValueChange={(fromKroner) => {
          onChange({ ...tier, fromKroner });
        }}
      />
      {tier.alternatives.map((alternative, a) => (
        <AlternativeEditor
          key={alternative.key}
          id={`${id}-alt-${a.toString()}`}
          number={a + 1}
          alternative={alternative}
          onChange={(changed) => {
            onChange({ ...tier, alternatives: replaced(tier.alternatives, a, changed) });
          }}
          onRemove={
            tier.alternatives.length > 1
              ? () => {
                  onChange({ ...tier, alternatives: without(tier.alternatives, a) });
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
            onChange({ ...tier, alternatives: [...tier.alternatives, newAlternative()] });
          }}
        >
          {t.delegation.addAlternative}
        </button>
        {onRemove !== undefined && (
          <button type="button" className="button button-tertiary" onClick={onRemove}>
            {t.delegation.removeTier}
          </button>
        )}
      </div>
    </fieldset>
  );
}

function AlternativeEditor({
  id,
  number,
  alternative,
  onChange,
  onRemove,
}: {
  id: string;
  number: number;
  alternative: AlternativeDraft;
  onChange: (alternative: AlternativeDraft) => void;
  onRemove: (() => void) | undefined;
}) {
  const t = useTexts();
  const requirements = alternative.requirements;
  return (
    <fieldset className="mb-5">
      <legend className="h4">{t.delegation.alternative(number)}</legend>
      {requirements.map((requirement, r) => (
        <RequirementEditor
          key={requirement.key}
          id={`${id}-req-${r.toString()}`}
          requirement={requirement}
          onChange={(changed) => {
            onChange({ ...alternative, requirements: replaced(requirements, r, changed) });
          }}
          onRemove={
            requirements.length > 1
              ? () => {
                  onChange({ ...alternative, requirements: without(requirements, r) });
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
            onChange({ ...alternative, requirements: [...requirements, newRequirement('director')] });
          }}
        >
          {t.delegation.addRequirement}
        </button>
        {onRemove !== undefined && (
          <button type="button" className="button button-tertiary" onClick={onRemove}>
            {t.delegation.removeAlternative}
          </button>
        )}
      </div>
    </fieldset>
  );
}

function RequirementEditor({
  id,
  requirement,
  onChange,
  onRemove,
}: {
  id: string;
  requirement: RequirementDraft;
  onChange: (requirement: RequirementDraft) => void;
  onRemove: (() => void) | undefined;
}) {
  const t = useTexts();
  return (
    <div className="requirement-row">
      {requirement.people === undefined ? (
        <SelectField
          id={`${id}-role`}
          label={t.delegation.role}
          value={requirement.role ?? ''}
          onValueChange={(role) => {
            onChange({ ...requirement, role });
          }}
        >
          {MUNICIPAL_STAFF.map((role) => (
            <option key={role} value={role}>
              {t.roles[role] ?? role}
            </option>
          ))}
        </SelectField>
      ) : (
        <p>
          {t.delegation.namedKept}: {requirement.people.length.toString()}
        </p>
      )}
      <InputField
        id={`${id}-count`}
        label={t.delegation.count}
        width="input-width-xs"
        inputMode="numeric"
        value={requirement.count}
        onValueChange={(count) => {
          onChange({ ...requirement, count });
        }}
      />
      {onRemove !== undefined && (
        <button type="button" className="button button-tertiary" onClick={onRemove}>
          {t.delegation.removeRequirement}
        </button>
      )}
    </div>
  );
}
