import { api } from '../api/client';
import { must } from '../api/refusal';
import { useSession } from '../app/session-context';
import { useLoad } from './use-load';

/** The person's certificate id on the ledger (signatures name people by it), once known. */
export function useMyCertId(): string | undefined {
  const { domain } = useSession();
  const { data } = useLoad(
    () => must(api.GET('/api/v1/{domain}/me', { params: { path: { domain } } })),
    [domain],
  );
  return data?.certId;
}
