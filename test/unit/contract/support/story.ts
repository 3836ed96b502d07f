import './quiet-logs';
import { expect } from 'chai';
import {
  AgreementContract,
  ChildDataContract,
  DeadlineContract,
  OrganisationContract,
  SettlementContract,
  StatusReportContract,
} from 'agreements-chaincode/contract';
import type { Agreement } from 'agreements-chaincode/core';
import { KOMMUNE, OESTERVOLD, people, SAMVAER, type TestNetwork } from './harness';

/** One instance of each contract, as the chaincode exports them. */
export const contracts = {
  organisations: new OrganisationContract(),
  agreements: new AgreementContract(),
  reports: new StatusReportContract(),
  settlements: new SettlementContract(),
  deadlines: new DeadlineContract(),
  childData: new ChildDataContract(),
} as const;

export const CHILD = 'child-7f3a9c';
export const START = '2026-01-01';

/** Registers the municipality and both providers, as the deploy script does. */
export async function registerOrganisations(network: TestNetwork): Promise<void> {
  await network.submit(contracts.organisations, 'RegisterMunicipality', people.kommuneAdmin, [
    JSON.stringify({ name: 'Høje-Taastrup Kommune' }),
  ]);
  await network.submit(contracts.organisations, 'RegisterProvider', people.kommuneAdmin, [
    JSON.stringify({ mspId: OESTERVOLD, kind: 'placement_site', name: 'Opholdsstedet Østervold' }),
  ]);
  await network.submit(contracts.organisations, 'RegisterProvider', people.kommuneAdmin, [
    JSON.stringify({ mspId: SAMVAER, kind: 'consultancy', name: 'Samvær ApS' }),
  ]);
}

/** The placement agreement's draft (stay, school, a taxi for three months), amounts in øre. */
export function placementDraft(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'placement-1',
    kind: 'placement',
    municipalityMspId: KOMMUNE,
    providerMspId: OESTERVOLD,
    childPseudonym: CHILD,
    startDate: START,
    lines: [
      { id: 'stay', kind: 'stay', pricing: 'monthly', monthlyPrice: 9_500_000, startDate: START },
      { id: 'school', kind: 'school', pricing: 'monthly', monthlyPrice: 2_400_000, startDate: START },
      {
        id: 'taxi',
        kind: 'transport',
        pricing: 'monthly',
        monthlyPrice: 950_000,
        startDate: START,
        endDate: '2026-03-31',
      },
    ],
    ...overrides,
  };
}

/** The visitation agreement with the consultancy, related to the placement. */
export function visitationDraft(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'visitation-1',
    kind: 'visitation',
    municipalityMspId: KOMMUNE,
    providerMspId: SAMVAER,
    childPseudonym: CHILD,
    startDate: START,
    relatedAgreementIds: ['placement-1'],
    lines: [
      {
        id: 'visits',
        kind: 'supported_visitation',
        pricing: 'per_unit',
        unit: 'visit',
        unitPrice: 515_100,
        agreedQuantity: 0.5,
        quantityPeriod: 'week',
        startDate: START,
      },
    ],
    ...overrides,
  };
}

/**
 * Drafts (by Sara), submits and signs an agreement: Jonas for the municipality, then the provider's signer.
 * Returns the active agreement.
 */
export async function activate(
  network: TestNetwork,
  draft: Record<string, unknown>,
  providerSigner: (typeof people)[keyof typeof people],
  at = '2025-12-20T10:00:00.000Z',
): Promise<Agreement> {
  const id = String(draft.id);
  await network.submit(contracts.agreements, 'DraftAgreement', people.sara, [JSON.stringify(draft)], { at });
  await network.submit(contracts.agreements, 'SubmitForSignatures', people.sara, [id], { at });
  await network.submit(contracts.agreements, 'SignAgreement', people.jonas, [id, '1'], { at });
  const signed = await network.submit<Agreement>(
    contracts.agreements,
    'SignAgreement',
    providerSigner,
    [id, '1'],
    {
      at,
    },
  );
  expect(signed.result.status).to.equal('active');
  return signed.result;
}
