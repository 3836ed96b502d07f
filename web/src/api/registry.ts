import { api } from './client';
import { must } from './refusal';
import type { DelegationTier, Organisation, RegistryView } from './types';

function isOrganisation(value: unknown): value is Organisation {
  return typeof value === 'object' && value !== null && 'mspId' in value && typeof value.mspId === 'string';
}

function tiersOf(rule: unknown): readonly DelegationTier[] {
  if (typeof rule === 'object' && rule !== null && 'tiers' in rule && Array.isArray(rule.tiers)) {
    return rule.tiers as DelegationTier[];
  }
  return [];
}

/** The domain's registry: municipality, providers and the delegation rule's tiers. */
export async function loadRegistry(domain: string): Promise<RegistryView> {
  const registry = await must(api.GET('/api/v1/{domain}/registry', { params: { path: { domain } } }));
  const municipality: unknown = registry.municipality;
  const providers: unknown[] = registry.providers;
  return {
    municipality: isOrganisation(municipality) ? municipality : null,
    providers: providers.filter(isOrganisation),
    tiers: tiersOf(registry.delegationRule),
  };
}
