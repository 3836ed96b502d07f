import type { Agreement } from '../api/types';
import { href } from '../app/router';
import { useTexts } from '../i18n/language';

/** A link to an agreement, named by its kind and id ("Anbringelse A-1"). */
export function AgreementLink({
  agreement,
  className,
}: {
  agreement: Pick<Agreement, 'id' | 'kind'>;
  className?: string;
}) {
  const t = useTexts();
  return (
    <a className={className} href={href('agreements', agreement.id)}>
      {t.kinds[agreement.kind]} {agreement.id}
    </a>
  );
}
