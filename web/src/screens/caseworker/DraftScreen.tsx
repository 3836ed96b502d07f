import { useState } from 'react';
import { api } from '../../api/client';
import { ApiRefusal, must } from '../../api/refusal';
import type { AgreementKind, ServiceLine } from '../../api/types';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session-context';
import { describedBy } from '../../components/display';
import { InputField } from '../../components/InputField';
import { LineEditor } from '../../components/LineEditor';
import { PricePreview } from '../../components/PricePreview';
import { RadioChoice } from '../../components/RadioChoice';
import { ErrorSummary } from '../../components/Refusal';
import { SelectField } from '../../components/SelectField';
import { SubmitForm } from '../../components/SubmitForm';
import { useTexts } from '../../i18n/language';
import { todayInDenmark } from '../../lib/format';
import { lineKindsOf, newLine, toServiceLine, type LineDraft, type LineField } from '../../lib/line-draft';
import { useAction } from '../../lib/use-load';
import { useRegistry } from '../../lib/use-registry';

const KINDS: readonly AgreementKind[] = ['placement', 'visitation', 'add_on'];

function suggestedId(kind: AgreementKind): string {
  const prefix = { placement: 'anb', visitation: 'sam', add_on: 'till' }[kind];
  return `${prefix}-${todayInDenmark().replace(/-/g, '')}-${Math.random().toString(36).slice(2, 6)}`;
}

type Texts = ReturnType<typeof useTexts>;
interface FormError {
  id: string;
  text: string;
}

/** The agreement's own fields that are missing or malformed. */
function headerErrors(
  fields: { id: string; provider: string; child: string; startDate: string },
  t: Texts,
): FormError[] {
  const errors: FormError[] = [];
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(fields.id))
    errors.push({ id: 'agreement-id', text: t.draft.errors.id });
  if (fields.provider === '') errors.push({ id: 'provider', text: t.draft.errors.provider });
  if (fields.child.trim() === '') errors.push({ id: 'child', text: t.draft.errors.child });
  if (fields.startDate === '') errors.push({ id: 'start-date', text: t.draft.errors.startDate });
  return errors;
}

/** Every error of the form (linked from the summary), and each line's errors by field. */
function draftErrors(
  fields: { id: string; provider: string; child: string; startDate: string },
  lines: readonly LineDraft[],
  converted: readonly ReturnType<typeof toServiceLine>[],
  t: Texts,
): { formErrors: FormError[]; lineErrors: Partial<Record<LineField, string>>[] } {
  const texts: Readonly<Record<LineField, string>> = {
    id: t.draft.errors.lineId,
    price: t.draft.errors.amount,
    quantity: t.draft.errors.quantity,
    interval: t.draft.errors.interval,
    anchorDate: t.draft.errors.startDate,
    startDate: t.draft.errors.startDate,
    reEvaluationDate: t.draft.errors.reEvaluation,
  };
  const lineErrors = converted.map((result) => {
    const errors: Partial<Record<LineField, string>> = {};
    for (const field of Object.keys(result.problems ?? {}) as LineField[]) errors[field] = texts[field];
    return errors;
  });
  const formErrors = headerErrors(fields, t);
  lineErrors.forEach((errors, index) => {
    for (const [field, text] of Object.entries(errors)) {
      formErrors.push({
        id: `line-${(lines[index]?.key ?? 0).toString()}-${field}`,
        text: `${t.draft.line(index + 1)}: ${text}`,
      });
    }
  });
  return { formErrors, lineErrors };
}

/** The draft as `POST …/agreements` takes it: optional fields only when given, obligations but for an add-on. */
function draftBody(draft: {
  id: string;
  kind: AgreementKind;
  municipalityMspId: string;
  providerMspId: string;
  childPseudonym: string;
  startDate: string;
  expectedEnd: string;
  lines: ServiceLine[];
  related: string;
  releasedBy: 'submission' | 'acceptance';
}) {
  const { expectedEnd, related, releasedBy, ...required } = draft;
  return {
    ...required,
    ...(expectedEnd === '' ? {} : { expectedEndDate: expectedEnd }),
    ...(related === '' ? {} : { relatedAgreementIds: [related] }),
    ...(draft.kind === 'add_on' ? {} : { obligations: [{ id: 'status-report', releasedBy }] }),
  };
}

/** Drafting an agreement from a template, with the monthly price computed live. */
export function DraftScreen({ childPseudonym = '' }: { childPseudonym?: string | undefined }) {
  const t = useTexts();
  const { domain, session } = useSession();
  const { registry } = useRegistry();
  const [kind, setKind] = useState<AgreementKind>('placement');
  const [id, setId] = useState(() => suggestedId('placement'));
  const [provider, setProvider] = useState('');
  const [child, setChild] = useState(childPseudonym);
  const [startDate, setStartDate] = useState(todayInDenmark());
  const [expectedEnd, setExpectedEnd] = useState('');
  const [related, setRelated] = useState('');
  const [releasedBy, setReleasedBy] = useState<'submission' | 'acceptance'>('submission');
  const [lines, setLines] = useState<LineDraft[]>(() => [newLine('placement', 'stay', todayInDenmark(), 1)]);
  const [showErrors, setShowErrors] = useState(false);

  const converted = lines.map((line) => toServiceLine(kind, line));
  const valid: ServiceLine[] = converted.flatMap((result) =>
    result.line === undefined ? [] : [result.line],
  );
  const { formErrors, lineErrors } = draftErrors({ id, provider, child, startDate }, lines, converted, t);
  const shownError = (field: string) =>
    showErrors ? formErrors.find((error) => error.id === field)?.text : undefined;

  const save = useAction(async () => {
    const written = await must(
      api.POST('/api/v1/{domain}/agreements', {
        params: { path: { domain } },
        body: draftBody({
          id,
          kind,
          municipalityMspId: session.person.mspId,
          providerMspId: provider,
          childPseudonym: child.trim(),
          startDate,
          expectedEnd,
          lines: valid,
          related,
          releasedBy,
        }),
      }),
    );
    navigate('agreements', written.data.id);
    return written;
  });

  const changeKind = (next: AgreementKind) => {
    setKind(next);
    setId(suggestedId(next));
    const first = lineKindsOf(next)[0];
    setLines(first === undefined ? [] : [newLine(next, first.kind, startDate, Date.now())]);
  };

  return (
    <>
      <h1>{t.draft.title}</h1>
      <p className="font-lead">{t.draft.intro}</p>
      {showErrors && formErrors.length > 0 && (
        <ErrorSummary error={new ApiRefusal('REQUEST_INVALID', 400)} fieldLinks={formErrors} />
      )}
      {save.error !== undefined && <ErrorSummary error={save.error} />}
      <div className="row">
        <SubmitForm
          className="col-12 col-lg-7"
          noValidate
          onSend={() => {
            setShowErrors(true);
            if (formErrors.length === 0) void save.run();
          }}
        >
          <SelectField
            id="template"
            label={t.draft.template}
            value={kind}
            onValueChange={(value) => {
              changeKind(value as AgreementKind);
            }}
          >
            {KINDS.map((value) => (
              <option key={value} value={value}>
                {t.kinds[value]}
              </option>
            ))}
          </SelectField>
          <InputField
            id="agreement-id"
            label={t.draft.id}
            hint={t.draft.idHint}
            error={shownError('agreement-id')}
            width="input-width-l"
            value={id}
            aria-describedby={describedBy('agreement-id', true, undefined)}
            onValueChange={setId}
          />
          <SelectField
            id="provider"
            label={t.draft.provider}
            error={shownError('provider')}
            value={provider}
            onValueChange={setProvider}
          >
            <option value="">{t.draft.chooseProvider}</option>
            {(registry?.providers ?? []).map((org) => (
              <option key={org.mspId} value={org.mspId}>
                {org.name ?? org.mspId}
              </option>
            ))}
          </SelectField>
          <InputField
            id="child"
            label={t.draft.childRef}
            hint={t.draft.childRefHint}
            error={shownError('child')}
            width="input-width-xl"
            value={child}
            aria-describedby={describedBy('child', true, undefined)}
            onValueChange={setChild}
          />
          <InputField
            id="start-date"
            label={t.draft.startDate}
            width="input-width-s"
            type="date"
            value={startDate}
            onValueChange={(next) => {
              // Lines that began with the agreement keep beginning with it.
              setLines(
                lines.map((line) =>
                  line.startDate === startDate
                    ? {
                        ...line,
                        startDate: next,
                        anchorDate: line.anchorDate === startDate ? next : line.anchorDate,
                      }
                    : line,
                ),
              );
              setStartDate(next);
            }}
          />
          <InputField
            id="expected-end"
            label={t.draft.expectedEnd}
            width="input-width-s"
            type="date"
            value={expectedEnd}
            onValueChange={setExpectedEnd}
          />
          {kind !== 'placement' && (
            <InputField
              id="related"
              label={t.draft.related}
              hint={t.draft.relatedHint}
              width="input-width-l"
              value={related}
              aria-describedby="related-hint"
              onValueChange={setRelated}
            />
          )}
          {kind !== 'add_on' && (
            <RadioChoice
              legend={t.draft.releasedBy}
              name="released-by"
              idPrefix="released"
              options={['submission', 'acceptance'] as const}
              value={releasedBy}
              labelOf={(option) =>
                option === 'submission' ? t.draft.releasedBySubmission : t.draft.releasedByAcceptance
              }
              onChoose={setReleasedBy}
            />
          )}
          <h2>{t.draft.lines}</h2>
          {lines.map((line, index) => (
            <LineEditor
              key={line.key}
              template={kind}
              line={line}
              index={index}
              errors={showErrors ? (lineErrors[index] ?? {}) : {}}
              onChange={(next) => {
                setLines(lines.map((other) => (other.key === line.key ? next : other)));
              }}
              {...(lines.length > 1
                ? {
                    onRemove: () => {
                      setLines(lines.filter((other) => other.key !== line.key));
                    },
                  }
                : {})}
            />
          ))}
          <div className="actions">
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                const first = lineKindsOf(kind)[0];
                if (first !== undefined)
                  setLines([
                    ...lines,
                    {
                      ...newLine(kind, first.kind, startDate, Date.now()),
                      id: `${first.kind.replace(/_/g, '-')}-${(lines.length + 1).toString()}`,
                    },
                  ]);
              }}
            >
              {t.draft.addLine}
            </button>
            <button type="submit" className="button button-primary" disabled={save.running}>
              {t.draft.save}
            </button>
          </div>
        </SubmitForm>
        <div className="col-12 col-lg-5">
          <PricePreview lines={valid} tiers={registry?.tiers ?? []} />
        </div>
      </div>
    </>
  );
}
