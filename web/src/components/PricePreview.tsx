import type { DelegationTier, ServiceLine } from '../api/types';
import { useTexts } from '../i18n/language';
import { describeTier, lineMonthlyValue, monthlyValue, tierForValue } from '../lib/price';
import { Money } from './display';

/**
 * The draft's price per month, line by line, as the caseworker types, and who must sign at that amount. The total
 * is a polite live region so a screen reader hears the new price after a change.
 */
export function PricePreview({
  lines,
  tiers,
}: {
  lines: readonly ServiceLine[];
  tiers: readonly DelegationTier[];
}) {
  const t = useTexts();
  const total = monthlyValue(lines);
  const tier = tierForValue(tiers, total);
  return (
    <section className="price-preview" aria-labelledby="price-heading">
      <h2 id="price-heading" className="h3">
        {t.draft.price}
      </h2>
      <table className="table table--compact figures">
        <caption className="sr-only">{t.draft.price}</caption>
        <tbody>
          {lines.map((line) => (
            <tr key={line.id}>
              <th scope="row">{t.draft.priceLine(t.lineKinds[line.kind])}</th>
              <td className="amount">
                <Money ore={lineMonthlyValue(line) ?? 0} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="m-0">{t.draft.priceTotal}</p>
      <p className="price-total m-0" aria-live="polite" data-testid="price-total">
        <Money ore={total} />
      </p>
      <p className="form-hint">{t.draft.priceNote}</p>
      <p className="m-0">
        {t.draft.tier}: <strong>{describeTier(tier, t)}</strong>
      </p>
    </section>
  );
}
