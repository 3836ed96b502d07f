import { useState } from 'react';
import { getAgreement } from '../../api/agreements';
import { api } from '../../api/client';
import { ApiRefusal, must } from '../../api/refusal';
import type { Agreement, AmendmentChange, ServiceLine } from '../../api/types';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session-context';
import { AgreementLink } from '../../components/AgreementLink';
import { LinesTable, LoadedView } from '../../components/display';
import { FormHeading } from '../../components/FormHeading';
import { InputField } from '../../components/InputField';
import { LineEditor } from '../../components/LineEditor';
import { PricePreview } from '../../components/PricePreview';
import { RadioChoice } from '../../components/RadioChoice';
import { ErrorSummary } from '../../components/Refusal';
import { SelectField } from '../../components/SelectField';
import { SubmitForm } from '../../components/SubmitForm';
import { useTexts } from '../../i18n/language';
import { latestVersion } from '../../lib/agreement-facts';
import { parseKroner, parseQuantity, todayInDenmark } from '../../lib/format';
import { lineKindsOf, newLine, toServiceLine, type LineDraft } from '../../lib/line-draft';
import { useAction, useLoad } from '../../lib/use-load';
import { useRegistry } from '../../lib/use-registry';

type ChangeType = 'add_line' | 'change_quantity' | 'change_price';

/** Proposing an amendment: a new line (the add-on), fewer or more hours, or a new price. */
export function AmendmentScreen({ agreementId }: { agreementId: string }) {
  const { domain } = useSession();
  const loaded = useLoad(() => getAgreement(domain, agreementId), [domain, agreementId]);
  return <LoadedView loaded={loaded}>{(agreement) => <AmendmentForm agreement={agreement} />}</LoadedView>;
}

/** The line a change starts on: the first per-unit line, else the first line. */
function firstLineId(lines: readonly ServiceLine[]): string {
  return lines.find((l) => l.pricing === 'per_unit')?.id ?? lines[0]?.id ?? '';
}

/** The change as the API takes it, or `undefined` when what was typed does not convert. */
function changeOf(
  type: ChangeType,
  line: ServiceLine | undefined,
  lineId: string,
  value: string,
): AmendmentChange | undefined {
  if (type === 'add_line') return line === undefined ? undefined : { type, line };
  if (type === 'change_quantity') {
    const quantity = parseQuantity(value);
    return quantity === undefined ? undefined : { type, serviceLineId: lineId, agreedQuantity: quantity };
  }
  const price = parseKroner(value);
  return price === undefined ? undefined : { type, serviceLineId: lineId, price };
}

/** Which line changes, and its new quantity or price. */
function LineChangeFields({
  type,
  lines,
  lineId,
  value,
  onLineId,
  onValue,
}: {
  type: ChangeType;
  lines: readonly ServiceLine[];
  lineId: string;
  value: string;
  onLineId: (lineId: string) => void;
  onValue: (value: string) => void;
}) {
  const t = useTexts();
  return (
    <>
      <SelectField id="change-line" label={t.amend.line} value={lineId} onValueChange={onLineId}>
        {lines
          .filter((l) => type === 'change_price' || l.pricing === 'per_unit')
          .map((l) => (
            <option key={l.id} value={l.id}>
              {t.lineKinds[l.kind]} ({l.id})
            </option>
          ))}
      </SelectField>
      <InputField
        id="change-value"
        label={type === 'change_quantity' ? t.amend.newQuantity : t.amend.newPrice}
        width="input-width-s"
        inputMode="decimal"
        value={value}
        onValueChange={onValue}
      />
    </>
  );
}

function AmendmentForm({ agreement }: { agreement: Agreement }) {
  const t = useTexts();
  const { domain } = useSession();
  const { registry } = useRegistry();
  const current = latestVersion(agreement);
  const lines = current?.terms.lines ?? [];
  const [effectiveFrom, setEffectiveFrom] = useState(todayInDenmark());
  const [type, setType] = useState<ChangeType>('add_line');
  const kinds = lineKindsOf(agreement.kind);
  const [line, setLine] = useState<LineDraft>(() =>
    newLine(agreement.kind, kinds[kinds.length - 1]?.kind ?? 'school_support', todayInDenmark(), 1),
  );
  const [lineId, setLineId] = useState(() => firstLineId(lines));
  const [value, setValue] = useState('');
  const converted = toServiceLine(agreement.kind, {
    ...line,
    startDate: line.startDate === '' ? effectiveFrom : line.startDate,
  });
  const propose = useAction(async () => {
    const changed = changeOf(type, converted.line, lineId, value);
    if (changed === undefined) throw new ApiRefusal('REQUEST_INVALID', 400);
    await must(
      api.POST('/api/v1/{domain}/agreements/{agreementId}/amendments', {
        params: { path: { domain, agreementId: agreement.id } },
        body: { effectiveFrom, changes: [changed] },
      }),
    );
    navigate('agreements', agreement.id);
  });
  const preview = type === 'add_line' && converted.line !== undefined ? [...lines, converted.line] : lines;
  return (
    <>
      <FormHeading
        back={<AgreementLink agreement={agreement} className="back-link" />}
        title={t.amend.title}
        intro={t.amend.intro}
      />
      {propose.error !== undefined && <ErrorSummary error={propose.error} />}
      <LinesTable lines={lines} caption={t.agreement.inForce} />
      <div className="row">
        <SubmitForm
          className="col-12 col-lg-7"
          noValidate
          onSend={() => {
            void propose.run();
          }}
        >
          <InputField
            id="effective-from"
            label={t.amend.effectiveFrom}
            width="input-width-s"
            type="date"
            value={effectiveFrom}
            onValueChange={setEffectiveFrom}
          />
          <RadioChoice
            legend={t.amend.change}
            name="change"
            options={['add_line', 'change_quantity', 'change_price'] as const}
            value={type}
            labelOf={(option) =>
              ({
                add_line: t.amend.addLine,
                change_quantity: t.amend.changeQuantity,
                change_price: t.amend.changePrice,
              })[option]
            }
            onChoose={setType}
          />
          {type === 'add_line' ? (
            <LineEditor
              template={agreement.kind}
              line={line}
              index={lines.length}
              errors={{}}
              onChange={setLine}
            />
          ) : (
            <LineChangeFields
              type={type}
              lines={lines}
              lineId={lineId}
              value={value}
              onLineId={setLineId}
              onValue={setValue}
            />
          )}
          <button type="submit" className="button button-primary" disabled={propose.running}>
            {t.amend.propose}
          </button>
        </SubmitForm>
        <div className="col-12 col-lg-5">
          <PricePreview lines={preview} tiers={registry?.tiers ?? []} />
        </div>
      </div>
    </>
  );
}
