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
import {
  placementDraft as storyPlacementDraft,
  visitationDraft as storyVisitationDraft,
  visitationLine,
} from 'agreements-case-story';
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

/** The story's placement (stay, school, a taxi for three months) between the harness's organisations. */
export function placementDraft(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const parties = { municipalityMspId: KOMMUNE, providerMspId: OESTERVOLD };
  const draft = {
    id: 'placement-1',
    start: START,
    childPseudonym: CHILD,
    parties,
    releaseOnAcceptance: false,
  };
  return { ...storyPlacementDraft(draft), ...overrides };
}

/**
 * The visitation agreement with the consultancy, related to the placement; here priced as half a visit a week
 * instead of by the story's schedule (`schedule: undefined` leaves it out of the JSON the harness sends).
 */
export function visitationDraft(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const parties = { municipalityMspId: KOMMUNE, providerMspId: SAMVAER };
  const draft = {
    id: 'visitation-1',
    start: START,
    childPseudonym: CHILD,
    parties,
    placementId: 'placement-1',
  };
  const perWeek = {
    ...visitationLine(START),
    agreedQuantity: 0.5,
    quantityPeriod: 'week',
    schedule: undefined,
  };
  return { ...storyVisitationDraft(draft), lines: [perWeek], ...overrides };
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
