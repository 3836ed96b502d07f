/** Helpers for tests that play agreements on the real network. */
import { type ChaincodeEvent, GatewayError, type Network } from '@hyperledger/fabric-gateway';
import { createHash } from 'node:crypto';
import { gatewayFor, organisation, type OrgKey, topology } from './network';

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

/** The first Sunday on or after a date. */
export function firstSundayFrom(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + ((7 - day.getUTCDay()) % 7));
  return day.toISOString().slice(0, 10);
}

/** Visits in `isoMonth` on a rhythm of every `weeks` weeks from `anchor`, counted by stepping through the calendar. */
export function visitsInMonth(anchor: string, weeks: number, isoMonth: string): number {
  let count = 0;
  for (const day = new Date(`${anchor}T00:00:00Z`); day.toISOString().slice(0, 7) <= isoMonth;) {
    count += day.toISOString().slice(0, 7) === isoMonth ? 1 : 0;
    day.setUTCDate(day.getUTCDate() + 7 * weeks);
  }
  return count;
}

/** The story's visitation line: 4 hours every second Sunday, one visit per occurrence, from the first Sunday. */
export function visitationLine(start: string, unitPrice: number): Record<string, unknown> {
  return {
    id: 'visits',
    kind: 'supported_visitation',
    pricing: 'per_unit',
    unit: 'visit',
    unitPrice,
    agreedQuantity: 1,
    quantityPeriod: 'occurrence',
    schedule: { anchorDate: firstSundayFrom(start), every: 'week', interval: 2 },
    startDate: start,
  };
}

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
    // The story's placement: a missing status report is released only when the caseworker accepts it.
    obligations: [{ id: 'status-report', releasedBy: 'acceptance' }],
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

/** SHA-256 (hex) of a made-up document: what a status report puts on the ledger instead of the document. */
export function documentHash(document: string): string {
  return createHash('sha256').update(document, 'utf8').digest('hex');
}

/** Days in a `YYYY-MM` month. */
export function daysInMonth(isoMonth: string): number {
  const [y, m] = isoMonth.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** `round_half_up(numerator / denominator)` for non-negative integers, computed exactly. */
export function roundHalfUp(numerator: bigint, denominator: bigint): number {
  return Number((2n * numerator + denominator) / (2n * denominator));
}

/** The story's proration of a monthly price: `round_half_up(monthly × active_days / days_in_month)`. */
export function prorate(monthly: number, activeDays: number, days: number): number {
  return roundHalfUp(BigInt(monthly) * BigInt(activeDays), BigInt(days));
}

/**
 * A per-week line for `activeDays`: the allowance `per_week × active_days / 7` as results show it (rounded down to
 * hundredths), and the most it may cost, `round_half_up(per_week × active_days / 7 × unit price)`.
 */
export function perWeekAllowance(
  perWeek: number,
  activeDays: number,
  unitPrice: number,
): { shownQuantity: number; hundredths: number; maximum: number } {
  const exactHundredths = BigInt(Math.round(perWeek * 100)) * BigInt(activeDays);
  const hundredths = Number(exactHundredths / 7n);
  return {
    shownQuantity: hundredths / 100,
    hundredths,
    maximum: roundHalfUp(exactHundredths * BigInt(unitPrice), 700n),
  };
}

/** The catalogue code (`ALREADY_SIGNED`, `FORBIDDEN`, …) in a refused transaction's error text, if any. */
export function refusalCode(text: string): string | undefined {
  return /\{"refusal":\{"code":"([A-Z_]+)"/.exec(text)?.[1];
}

/** Runs `action`, which the chaincode must refuse, and returns the refusal's catalogue code and full text. */
export async function refusal(
  action: () => Promise<unknown>,
): Promise<{ code: string | undefined; text: string }> {
  const text = await txError(action);
  return { code: refusalCode(text), text };
}

/**
 * Waits (bounded) until every member peer of `channel` has committed transaction `txId`: the commit status comes
 * from the submitter's own peer, and another organisation's peer may receive the block a moment later.
 */
export async function committedEverywhere(channel: string, txId: string, timeoutMs = 15_000): Promise<void> {
  const members = topology.domains.find((d) => d.channel === channel)?.members ?? [];
  const deadline = Date.now() + timeoutMs;
  for (const key of members as OrgKey[]) {
    // A fresh Gateway each time: it only wraps the shared connection, which closeAll() may have replaced.
    const qscc = gatewayFor(key, 'Admin').getNetwork(channel).getContract('qscc');
    for (;;) {
      try {
        await qscc.evaluateTransaction('GetTransactionByID', channel, txId);
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }
}

/** A person of the story acting through their own organisation's peer on one channel. */
export interface Person {
  readonly org: OrgKey;
  readonly user: string;
  readonly network: Network;
  /** Submits and waits for a successful commit; returns the transaction's result parsed as JSON. */
  submit(
    contract: string,
    fn: string,
    args: readonly string[],
    endorsers: readonly string[],
  ): Promise<unknown>;
  /** Evaluates on the person's own peer; returns the result parsed as JSON. */
  evaluate(contract: string, fn: string, ...args: string[]): Promise<unknown>;
}

export function person(org: OrgKey, user: string, channel = 'placements'): Person {
  const network = gatewayFor(org, user).getNetwork(channel);
  return {
    org,
    user,
    network,
    async submit(contract, fn, args, endorsers) {
      const submitted = await network.getContract('agreements', contract).submitAsync(fn, {
        arguments: [...args],
        endorsingOrganizations: [...endorsers],
      });
      const status = await submitted.getStatus();
      if (!status.successful) throw new Error(`${fn} did not commit: validation code ${status.code}`);
      await committedEverywhere(channel, status.transactionId);
      return JSON.parse(utf8.decode(submitted.getResult())) as unknown;
    },
    async evaluate(contract, fn, ...args) {
      const result = await network.getContract('agreements', contract).evaluateTransaction(fn, ...args);
      return JSON.parse(utf8.decode(result)) as unknown;
    },
  };
}

/**
 * The chaincode event of one committed transaction, read from its block with `getChaincodeEvents`; gives up after
 * `timeoutMs`.
 */
export async function chaincodeEventOf(
  network: Network,
  blockNumber: bigint,
  transactionId: string,
  timeoutMs = 15_000,
): Promise<ChaincodeEvent> {
  const events = await network.getChaincodeEvents('agreements', { startBlock: blockNumber });
  const wait = { timedOut: false };
  const timer = setTimeout(() => {
    wait.timedOut = true;
    events.close();
  }, timeoutMs);
  try {
    for await (const event of events) {
      if (event.transactionId === transactionId) return event;
    }
  } catch (error) {
    if (!wait.timedOut) throw error;
  } finally {
    clearTimeout(timer);
    events.close();
  }
  throw new Error(`no chaincode event of ${transactionId} from block ${blockNumber} within ${timeoutMs} ms`);
}

/** The parts of the ledger's JSON the integration tests read. */
export interface SignatureView {
  readonly certId: string;
  readonly role: string;
  readonly side: 'municipality' | 'provider';
  readonly agreementVersion: number;
}

export interface ServiceLineView {
  readonly id: string;
  readonly kind: string;
  readonly pricing: 'monthly' | 'per_unit';
  readonly monthlyPrice?: number;
  readonly unitPrice?: number;
  readonly agreedQuantity?: number;
  readonly quantityPeriod?: 'week' | 'month' | 'occurrence';
  readonly startDate: string;
  readonly endDate?: string;
  readonly reEvaluationDate?: string;
}

export interface VersionView {
  readonly number: number;
  readonly state: 'draft' | 'awaiting_signatures' | 'agreed' | 'withdrawn';
  readonly effectiveFrom: string;
  readonly terms: { readonly lines: readonly ServiceLineView[]; readonly expectedEndDate?: string };
  readonly signatures: readonly SignatureView[];
}

export interface TerminationView {
  readonly number: number;
  readonly state: 'proposed' | 'agreed' | 'withdrawn';
  readonly effectiveDate: string;
  readonly cause: 'agreed' | 'related_agreement_terminated';
  readonly causeAgreementId?: string;
  readonly signatures: readonly SignatureView[];
}

export interface AgreementView {
  readonly id: string;
  readonly kind: string;
  readonly status: 'draft' | 'awaiting_signatures' | 'active' | 'terminated' | 'expired';
  readonly startDate: string;
  readonly childPseudonym: string;
  readonly relatedAgreementIds: readonly string[];
  readonly obligations: readonly {
    readonly id: string;
    readonly everyMonths: number;
    readonly obligatedSide: string;
    readonly gatedLineKinds: readonly string[];
  }[];
  readonly versions: readonly VersionView[];
  readonly terminations: readonly TerminationView[];
  readonly activatedAt?: string;
}

export interface AgreementModificationView {
  readonly txId: string;
  readonly timestamp: string;
  readonly isDelete: boolean;
  readonly agreement: AgreementView | null;
}

export interface HeldByView {
  readonly obligationId: string;
  readonly periodNumber: number;
  readonly dueDate: string;
}

export interface SettlementLineView {
  readonly serviceLineId: string;
  readonly kind: string;
  readonly pricing: 'monthly' | 'per_unit';
  readonly basis: 'prorated' | 'allowance' | 'invoiced';
  readonly activeDays: number;
  readonly unitPrice?: number;
  readonly allowedQuantity?: number;
  readonly due: number;
  readonly held: number;
  readonly payable: number;
  readonly heldDays: number;
  readonly heldBy: readonly HeldByView[];
}

export interface SettlementView {
  readonly agreementId: string;
  readonly month: string;
  readonly daysInMonth: number;
  readonly settledAt: string;
  readonly settledOn: string;
  readonly lines: readonly SettlementLineView[];
  readonly totals: { readonly due: number; readonly held: number; readonly payable: number };
}

export interface StatusReportView {
  readonly obligationId: string;
  readonly periodNumber: number;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly dueDate: string;
  readonly versions: readonly { readonly version: number; readonly documentHash: string }[];
  readonly acceptances: readonly { readonly version: number }[];
}

export interface InvoiceLineResultView {
  readonly serviceLineId: string;
  readonly status: 'accepted' | 'rejected';
  readonly reason?: string;
  readonly claimed: number;
  readonly approved: number;
  readonly held: number;
  readonly payable: number;
  readonly expected?: {
    readonly amount?: number;
    readonly unitPrice?: number;
    readonly allowedQuantity?: number;
  };
}

export interface InvoiceRecordView {
  readonly invoiceId: string;
  readonly validation: {
    readonly month: string;
    readonly status: 'accepted' | 'partially_accepted' | 'rejected';
    readonly lines: readonly InvoiceLineResultView[];
    readonly totals: {
      readonly claimed: number;
      readonly approved: number;
      readonly held: number;
      readonly payable: number;
    };
  };
}
