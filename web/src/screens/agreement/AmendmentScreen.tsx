import { useState } from 'react';
import { getAgreement } from '../../api/agreements';
import { api } from '../../api/client';
import { ApiRefusal, must } from '../../api/refusal';
import type { Agreement, AmendmentChange } from '../../api/types';
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
  const [lineId, setLineId] = useState(lines.find((l) => l.pricing === 'per_unit')?.id ?? lines[0]?.id ?? '');
  const [value, setValue] = useState('');
  const converted = toServiceLine(agreement.kind, {
    ...line,
    startDate: line.startDate === '' ? effectiveFrom : line.startDate,
  });
  const change = (): AmendmentChange | undefined => {
    if (type === 'add_line') return converted.line === undefined ? undefined : { type, line: converted.line };
    if (type === 'change_quantity') {
      const quantity = parseQuantity(value);
      return quantity === undefined ? undefined : { type, serviceLineId: lineId, agreedQuantity: quantity };
    }
    const price = parseKroner(value);
    return price === undefined ? undefined : { type, serviceLineId: lineId, price };
  };
  const propose = useAction(async () => {
    const changed = change();
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
            <>
              <SelectField id="change-line" label={t.amend.line} value={lineId} onValueChange={setLineId}>
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
                onValueChange={setValue}
              />
            </>
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
