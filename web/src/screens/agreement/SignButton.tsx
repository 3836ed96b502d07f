import { api } from '../../api/client';
import { must } from '../../api/refusal';
import type { Agreement } from '../../api/types';
import { useSession } from '../../app/session-context';
import { ErrorSummary, Success } from '../../components/Refusal';
import { useTexts } from '../../i18n/language';
import { useAction } from '../../lib/use-load';

/** What a signature applies to: one version, or one proposed termination. */
export interface Signable {
  readonly kind: 'version' | 'termination';
  readonly number: number;
}

/** Signs a version or a termination with the person's own certificate; shows the refusal as a sentence. */
export function SignButton({
  agreement,
  what,
  onSigned,
}: {
  agreement: Agreement;
  what: Signable;
  onSigned: () => void;
}) {
  const t = useTexts();
  const { domain } = useSession();
  const sign = useAction(() => {
    const path = { domain, agreementId: agreement.id };
    return what.kind === 'version'
      ? must(
          api.POST('/api/v1/{domain}/agreements/{agreementId}/versions/{version}/signatures', {
            params: { path: { ...path, version: what.number } },
          }),
        )
      : must(
          api.POST('/api/v1/{domain}/agreements/{agreementId}/terminations/{terminationNumber}/signatures', {
            params: { path: { ...path, terminationNumber: what.number } },
          }),
        );
  });
  const label =
    what.kind === 'termination'
      ? t.inbox.termination
      : what.number === 1
        ? t.inbox.firstVersion
        : t.inbox.amendment(what.number);
  return (
    <div>
      {sign.error !== undefined && <ErrorSummary error={sign.error} />}
      {sign.done !== undefined ? (
        <Success text={t.inbox.signed} />
      ) : (
        <button
          type="button"
          className="button button-primary"
          disabled={sign.running}
          onClick={() => {
            void sign.run().then((written) => {
              if (written !== undefined) onSigned();
            });
          }}
        >
          {t.inbox.sign(`${label.toLowerCase()} – ${agreement.id}`)}
        </button>
      )}
    </div>
  );
}
