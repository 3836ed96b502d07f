import { loadRegistry } from '../api/registry';
import type { RegistryView } from '../api/types';
import { useSession } from '../app/session-context';
import { useLoad } from './use-load';

/** The domain's registry, and an organisation's name by MSP id (the id itself if the registry has no name). */
export function useRegistry(): { registry: RegistryView | undefined; nameOf: (mspId: string) => string } {
  const { domain } = useSession();
  const { data } = useLoad(() => loadRegistry(domain), [domain]);
  const nameOf = (mspId: string) =>
    [data?.municipality, ...(data?.providers ?? [])].find((org) => org?.mspId === mspId)?.name ?? mspId;
  return { registry: data, nameOf };
}
