/** Small display pieces every screen uses: money, dates, status badges, loading and failure. */
import { DataTable } from './DataTable';
import type { ReactNode } from 'react';
import type { Agreement, ServiceLine } from '../api/types';
import { useLanguage, useTexts } from '../i18n/language';
import { formatDate, formatKroner, formatMoment, formatQuantity } from '../lib/format';
import type { Loaded } from '../lib/use-load';
import { ErrorSummary } from './Refusal';

export function Money({ ore }: { ore: number }) {
  const { language } = useLanguage();
  return <>{formatKroner(ore, language)}</>;
}

export function DateText({ date }: { date: string | undefined }) {
  const { language } = useLanguage();
  return <>{formatDate(date, language)}</>;
}

export function MomentText({ at }: { at: string | undefined }) {
  const { language } = useLanguage();
  return <>{formatMoment(at, language)}</>;
}

const STATUS_BADGE: Readonly<Record<Agreement['status'], string>> = {
  draft: 'badge',
  awaiting_signatures: 'badge badge-warning',
  active: 'badge badge-success',
  terminated: 'badge badge-error',
  expired: 'badge',
};

export function StatusBadge({ status }: { status: Agreement['status'] }) {
  const t = useTexts();
  return <span className={STATUS_BADGE[status]}>{t.status[status]}</span>;
}

/** A service line's price in words: "95.000,00 kr. pr. måned" or "444,00 kr. pr. time, 6 pr. uge". */
export function LinePrice({ line }: { line: ServiceLine }) {
  const t = useTexts();
  const { language } = useLanguage();
  if (line.pricing === 'monthly') {
    return (
      <>
        {formatKroner(line.monthlyPrice, language)} {t.common.perMonth}
      </>
    );
  }
  const every =
    line.schedule !== undefined && line.schedule.interval > 1
      ? ` (${formatQuantity(line.schedule.interval, language)}. ${line.schedule.every === 'week' ? (language === 'da' ? 'uge' : 'week') : language === 'da' ? 'måned' : 'month'})`
      : '';
  return (
    <>
      {formatKroner(line.unitPrice, language)} / {t.units[line.unit]},{' '}
      {formatQuantity(line.agreedQuantity, language)} {t.periods[line.quantityPeriod]}
      {every}
    </>
  );
}

/** The lines of a version as a table. */
export function LinesTable({
  lines,
  caption,
  before,
}: {
  lines: readonly ServiceLine[];
  caption: string;
  /** The lines of the version in force: new and changed lines are marked against them. */
  before?: readonly ServiceLine[] | undefined;
}) {
  const t = useTexts();
  const mark = (line: ServiceLine) => {
    if (before === undefined) return null;
    const old = before.find((other) => other.id === line.id);
    if (old === undefined) return <span className="badge badge-info ml-2">{t.common.added}</span>;
    return JSON.stringify(old) === JSON.stringify(line) ? null : (
      <span className="badge badge-warning ml-2">{t.common.changed}</span>
    );
  };
  return (
    <div className="table--responsive-scroll">
      <DataTable
        caption={caption}
        className="table table--compact figures"
        columns={[t.common.service, t.common.price, t.common.from, t.common.to]}
      >
        {lines.map((line) => (
          <tr key={line.id}>
            <th scope="row">
              {t.lineKinds[line.kind]} <span className="form-hint">({line.id})</span>
              {mark(line)}
            </th>
            <td>
              <LinePrice line={line} />
            </td>
            <td>
              <DateText date={line.startDate} />
            </td>
            <td>
              {line.endDate !== undefined || line.reEvaluationDate !== undefined ? (
                <DateText date={line.endDate ?? line.reEvaluationDate} />
              ) : (
                '–'
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

/** What a screen shows while it loads, when it failed, or its content. */
export function LoadedView<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  const t = useTexts();
  if (loaded.data === undefined) {
    if (loaded.error !== undefined) {
      return (
        <>
          <ErrorSummary error={loaded.error} />
          <button type="button" className="button button-secondary" onClick={loaded.reload}>
            {t.app.retry}
          </button>
        </>
      );
    }
    return <p role="status">{t.app.loading}</p>;
  }
  return <>{children(loaded.data)}</>;
}

/** The label + input pair of dkfds, with hint and error message wired to the input. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  const t = useTexts();
  return (
    <div className={error === undefined ? 'form-group' : 'form-group form-error'}>
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      {hint !== undefined && (
        <span className="form-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error !== undefined && (
        <span className="form-error-message" id={`${id}-error`}>
          <span className="sr-only">{t.errorSummary.prefix} </span>
          {error}
        </span>
      )}
      {children}
    </div>
  );
}

/** `aria-describedby` for an input inside a {@link Field}. */
export function describedBy(id: string, hint: boolean, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : undefined, error !== undefined ? `${id}-error` : undefined].filter(
    (value): value is string => value !== undefined,
  );
  return ids.length > 0 ? ids.join(' ') : undefined;
}
