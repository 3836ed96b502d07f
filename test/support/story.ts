/** Helpers for tests that play agreements on the real network. */
import { GatewayError } from '@hyperledger/fabric-gateway';
import { gatewayFor, organisation, type OrgKey } from './network';

export const utf8 = new TextDecoder();

/** ISO date of the first day of the current month. */
export function firstDayOfThisMonth(now: Date = new Date()): string {
  return `${now.toISOString().slice(0, 7)}-01`;
}

/** The story's start: the first day of the month eleven months ago, so the story holds on any day. */
export function storyStart(now: Date = new Date()): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
  return d.toISOString().slice(0, 10);
}

/** ISO date `months` months after `date`'s month, on day `day`. */
export function monthDay(start: string, monthOffset: number, day: number): string {
  const [y, m] = start.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + monthOffset, day));
  return d.toISOString().slice(0, 10);
}

export function month(start: string, monthOffset: number): string {
  return monthDay(start, monthOffset, 1).slice(0, 7);
}

export const kroner = (n: number): number => n * 100;

/** The placement agreement of the case story: stay, school, and a taxi for the first three months. */
export interface DraftInput {
  readonly id: string;
  readonly [key: string]: unknown;
}

export function placementDraft(id: string, start: string, childPseudonym: string): DraftInput {
  return {
    id,
    kind: 'placement',
    municipalityMspId: organisation('municipality').mspId,
    providerMspId: organisation('placement').mspId,
    childPseudonym,
    startDate: start,
    lines: [
      { id: 'stay', kind: 'stay', pricing: 'monthly', monthlyPrice: kroner(95_000), startDate: start },
      { id: 'school', kind: 'school', pricing: 'monthly', monthlyPrice: kroner(24_000), startDate: start },
      {
        id: 'taxi',
        kind: 'transport',
        pricing: 'monthly',
        monthlyPrice: kroner(9_500),
        startDate: start,
        endDate: monthDay(start, 3, 0),
      },
    ],
  };
}

/** Everything an error says: its message and each endorser's detail (where chaincode errors travel). */
export function describeError(error: unknown): string {
  if (error instanceof GatewayError) {
    return [error.message, ...error.details.map((d) => `${d.mspId}: ${d.message}`)].join('\n');
  }
  return error instanceof Error ? error.message : String(error);
}

/** Runs `action`, which must fail, and returns what its error says. */
export async function txError(action: () => Promise<unknown>): Promise<string> {
  try {
    await action();
  } catch (error) {
    return describeError(error);
  }
  throw new Error('expected the transaction to be refused, but it succeeded');
}

export interface StoredAgreement {
  id: string;
  status: string;
  [key: string]: unknown;
}

/** The agreement as the municipality's caseworker reads it. */
export async function agreementOn(channel: string, id: string, org: OrgKey = 'municipality', user = 'sara') {
  const bytes = await gatewayFor(org, user)
    .getNetwork(channel)
    .getContract('agreements', 'AgreementContract')
    .evaluateTransaction('GetAgreement', id);
  return JSON.parse(utf8.decode(bytes)) as StoredAgreement;
}
