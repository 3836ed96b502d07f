import type { Agreement } from '../api/types';

/**
 * An active placement between the municipality and the placement site, as the gateway answers it, with what a test
 * needs on top (`versions`, `obligations`, …).
 */
export function activeAgreement(overrides: Partial<Agreement> = {}): Agreement {
  return {
    id: 'anb-1',
    kind: 'placement',
    municipalityMspId: 'MunicipalityMSP',
    providerMspId: 'PlacementSiteMSP',
    childPseudonym: 'child-1',
    startDate: '2026-01-01',
    status: 'active',
    versions: [],
    ...overrides,
  };
}
