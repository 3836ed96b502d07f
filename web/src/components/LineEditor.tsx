import type { AgreementKind, LineKind } from '../api/types';
import { useTexts } from '../i18n/language';
import { lineKindsOf, ruleOf, type LineDraft, type LineField } from '../lib/line-draft';
import { describedBy, Field } from './display';
import { InputField } from './InputField';
import { SelectField } from './SelectField';

/** One service line's fields, as the template allows them. */
export function LineEditor({
  template,
  line,
  index,
  errors,
  onChange,
  onRemove,
}: {
  template: AgreementKind;
  line: LineDraft;
  index: number;
  errors: Partial<Record<LineField, string>>;
  onChange: (line: LineDraft) => void;
  onRemove?: () => void;
}) {
  const t = useTexts();
  const rule = ruleOf(template, line.kind);
  const id = (field: string) => `line-${line.key.toString()}-${field}`;
  const set = (patch: Partial<LineDraft>) => {
    onChange({ ...line, ...patch });
  };
  const text = (
    field: LineField & keyof LineDraft,
    label: string,
    options: { hint?: string; type?: string; width?: string } = {},
  ) => (
    <Field id={id(field)} label={label} hint={options.hint} error={errors[field]}>
      <input
        id={id(field)}
        type={options.type ?? 'text'}
        className={`form-input ${options.width ?? 'input-width-s'}`}
        value={line[field]}
        inputMode={options.type === undefined ? 'decimal' : undefined}
        aria-invalid={errors[field] !== undefined}
        aria-describedby={describedBy(id(field), options.hint !== undefined, errors[field])}
        onChange={(event) => {
          set({ [field]: event.target.value });
        }}
      />
    </Field>
  );
  return (
    <fieldset className="line-fieldset">
      <legend className="h4">{t.draft.line(index + 1)}</legend>
      <SelectField
        id={id('kind')}
        label={t.draft.lineKind}
        value={line.kind}
        onValueChange={(value) => {
          const kind = value as LineKind;
          set({
            kind,
            id: kind.replace(/_/g, '-'),
            quantityPeriod: ruleOf(template, kind)?.quantityPeriods[0] ?? 'week',
          });
        }}
      >
        {lineKindsOf(template).map((kindRule) => (
          <option key={kindRule.kind} value={kindRule.kind}>
            {t.lineKinds[kindRule.kind]}
          </option>
        ))}
      </SelectField>
      {text('id', t.draft.lineId, { width: 'input-width-m' })}
      {rule?.pricing === 'per_unit' ? (
        <>
          {text('price', t.draft.unitPrice(t.units[rule.unit ?? 'hour']))}
          {text('quantity', t.draft.quantity, { width: 'input-width-xs' })}
          <SelectField
            id={id('period')}
            label={t.draft.quantityPeriod}
            value={line.quantityPeriod}
            onValueChange={(value) => {
              set({ quantityPeriod: value as LineDraft['quantityPeriod'] });
            }}
          >
            {rule.quantityPeriods.map((period) => (
              <option key={period} value={period}>
                {t.periods[period]}
              </option>
            ))}
          </SelectField>
          {line.quantityPeriod === 'occurrence' && (
            <>
              {text('interval', t.draft.everyWeeks, { width: 'input-width-xs' })}
              {text('anchorDate', t.draft.anchorDate, { type: 'date' })}
            </>
          )}
        </>
      ) : (
        text('price', t.draft.monthlyPrice)
      )}
      {text('startDate', t.draft.lineStart, { type: 'date' })}
      <InputField
        id={id('endDate')}
        label={t.draft.lineEnd}
        width="input-width-s"
        type="date"
        value={line.endDate}
        onValueChange={(value) => {
          set({ endDate: value });
        }}
      />
      {rule?.requiresReEvaluation === true &&
        text('reEvaluationDate', t.draft.reEvaluation, { type: 'date' })}
      {onRemove !== undefined && (
        <button type="button" className="button button-secondary" onClick={onRemove}>
          {t.draft.removeLine(index + 1)}
        </button>
      )}
    </fieldset>
  );
}
