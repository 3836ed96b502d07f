import type { SigningUser } from '../fabric/signing-user';
import type { Logger } from '../observability/logger';
import type { Ledger } from '../services/ledger';
import { MAX_PAGE_SIZE, TX, type Page } from '@fabric-agreements/api';
import {
  addMonthsToMonth,
  compareMonths,
  lastDayInForce,
  monthOf,
  type Agreement,
  type IsoMonth,
} from 'agreements-chaincode/core';

/** What a {@link DeadlineScheduler} is built from. */
export interface DeadlineSchedulerOptions {
  readonly ledger: Ledger;
  readonly domains: readonly string[];
  /** The gateway's service identity (a party's administrator, as the deadline transactions allow). */
  readonly identity: () => Promise<SigningUser>;
  readonly intervalMs: number;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/** What one run did. */
export interface SchedulerRun {
  readonly agreements: number;
  readonly deadlineWrites: number;
  readonly settlementWrites: number;
  readonly failures: number;
}

/** A run's counts while it runs. */
type RunTotals = { -readonly [Count in keyof SchedulerRun]: number };

/** Statuses whose agreements may still have a month to record: active ones, and those that ended lately. */
const SCHEDULED_STATUSES = ['active', 'terminated', 'expired'] as const;

/**
 * How many ended months back a run records for agreements that terminated or expired: enough to catch up on the
 * last month(s) of agreements that ended since an earlier run, even after the scheduler was down for a while.
 */
export const ENDED_LOOKBACK_MONTHS = 3;

/**
 * Runs the time-driven transactions on a schedule: for every active agreement of every domain, the deadline rules
 * (expiry, overdue reports) and the recording of last month's settlement. Both transactions are idempotent; each is
 * first evaluated and only submitted when it would change the ledger, so an idle network gets no empty blocks and
 * several gateways running the same schedule at worst repeat a write the chaincode turns into a no-op.
 */
export class DeadlineScheduler {
  readonly #options: DeadlineSchedulerOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<SchedulerRun> | undefined;

  constructor(options: Readonly<DeadlineSchedulerOptions>) {
    this.#options = options;
  }

  start(): void {
    if (this.#options.intervalMs <= 0 || this.#timer !== undefined) {
      return;
    }
    // A random first delay spreads several gateways' runs apart.
    const first = Math.round(Math.random() * Math.min(this.#options.intervalMs, 60_000));
    this.#timer = setTimeout(() => {
      this.#tick();
    }, first);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  /** One pass over every domain (also callable directly, e.g. from tests or an operator). */
  async runOnce(): Promise<SchedulerRun> {
    const totals: RunTotals = { agreements: 0, deadlineWrites: 0, settlementWrites: 0, failures: 0 };
    const user = await this.#options.identity();
    const month = previousMonth(this.#options.now?.() ?? new Date());
    for (const domain of this.#options.domains) {
      for await (const agreement of this.#scheduledAgreements(user, domain)) {
        const months = monthsToRecord(agreement, month);
        if (agreement.status !== 'active' && months.length === 0) {
          continue;
        }
        totals.agreements++;
        await this.#runAgreement(user, domain, agreement, months, totals);
      }
    }
    return totals;
  }

  /** An agreement's deadline rules (when active) and its months' settlements; a failure is counted, not thrown. */
  async #runAgreement(
    user: SigningUser,
    domain: string,
    agreement: Agreement,
    months: readonly IsoMonth[],
    totals: RunTotals,
  ): Promise<void> {
    try {
      if (agreement.status === 'active' && (await this.#applyDeadlines(user, domain, agreement))) {
        totals.deadlineWrites++;
      }
      for (const settled of months) {
        if (await this.#recordSettlement(user, domain, agreement, settled)) {
          totals.settlementWrites++;
        }
      }
    } catch (error) {
      totals.failures++;
      this.#options.logger.warn(
        { domain, agreementId: agreement.id, code: errorCode(error) },
        'scheduled deadline transaction failed',
      );
    }
  }

  #tick(): void {
    this.#running = this.runOnce()
      .then((run) => {
        this.#options.logger.info({ ...run }, 'scheduled deadline run finished');
        return run;
      })
      .catch((error: unknown) => {
        this.#options.logger.error(
          { error: error instanceof Error ? error.name : 'unknown', code: errorCode(error) },
          'scheduled run failed',
        );
        return { agreements: 0, deadlineWrites: 0, settlementWrites: 0, failures: 1 };
      })
      .finally(() => {
        if (this.#timer !== undefined) {
          this.#timer = setTimeout(() => {
            this.#tick();
          }, this.#options.intervalMs);
          this.#timer.unref();
        }
      });
  }

  async *#scheduledAgreements(user: SigningUser, domain: string): AsyncGenerator<Agreement> {
    for (const status of SCHEDULED_STATUSES) {
      let bookmark = '';
      do {
        const page = await this.#options.ledger.query<Page<Agreement>>(
          user,
          domain,
          TX.listAgreementsByStatus,
          [status, MAX_PAGE_SIZE.toString(), bookmark],
        );
        yield* page.records;
        bookmark = page.records.length === 0 ? '' : page.bookmark;
      } while (bookmark !== '');
    }
  }

  async #applyDeadlines(user: SigningUser, domain: string, agreement: Agreement): Promise<boolean> {
    const { ledger } = this.#options;
    const agreementId = agreement.id;
    const preview = await ledger.query<{ changed: boolean }>(user, domain, TX.applyDeadlines, [agreementId]);
    if (!preview.changed) {
      return false;
    }
    await ledger.write(user, domain, TX.applyDeadlines, [agreementId], partiesOf(agreement));
    return true;
  }

  async #recordSettlement(
    user: SigningUser,
    domain: string,
    agreement: Agreement,
    month: string,
  ): Promise<boolean> {
    const { ledger } = this.#options;
    const agreementId = agreement.id;
    const current = await ledger.query<{ recorded: { revision: number } | null }>(
      user,
      domain,
      TX.getSettlement,
      [agreementId, month],
    );
    const preview = await ledger.query<{ revision: number }>(user, domain, TX.recordSettlement, [
      agreementId,
      month,
    ]);
    if (current.recorded !== null && preview.revision === current.recorded.revision) {
      return false;
    }
    await ledger.write(user, domain, TX.recordSettlement, [agreementId, month], partiesOf(agreement));
    return true;
  }
}

/**
 * The catalogue code of a failure: it says whether the run met a stopped peer or a defect; the message could quote
 * input, so it is never logged.
 */
function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unknown';
}

/** A scheduled write is endorsed by exactly the agreement's two parties, as every agreement write is. */
function partiesOf(agreement: Agreement): { readonly endorsingOrganizations: readonly string[] } {
  return { endorsingOrganizations: [agreement.municipalityMspId, agreement.providerMspId].sort() };
}

/**
 * `YYYY-MM` of the last month that has ended at `date` in Danish time (Europe/Copenhagen), the calendar the
 * chaincode settles in: a run at 00:30 on 1 March Danish time (23:30 UTC on 28 February) targets February.
 */
export function previousMonth(date: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Copenhagen',
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(date);
  const year = Number(parts.find((part) => part.type === 'year')?.value);
  const month = Number(parts.find((part) => part.type === 'month')?.value);
  return addMonthsToMonth(`${String(year)}-${String(month).padStart(2, '0')}`, -1);
}

/**
 * The ended months a run records for an agreement, up to `lastEnded`: an active agreement's last ended month; for
 * one that terminated or expired (or runs out a notice), each ended month in force within the last
 * {@link ENDED_LOOKBACK_MONTHS}, so its final month is recorded even when it ended between two runs. Months before
 * the start have nothing to settle; a terminated agreement's months after its effective date neither.
 */
export function monthsToRecord(agreement: Agreement, lastEnded: IsoMonth): readonly IsoMonth[] {
  const startMonth = monthOf(agreement.startDate);
  if (agreement.status === 'active') {
    return compareMonths(startMonth, lastEnded) <= 0 ? [lastEnded] : [];
  }
  if (agreement.status !== 'terminated' && agreement.status !== 'expired') {
    return [];
  }
  const lastDay = lastDayInForce(agreement);
  const endMonth = lastDay === undefined ? lastEnded : monthOf(lastDay);
  const months: IsoMonth[] = [];
  for (let back = ENDED_LOOKBACK_MONTHS - 1; back >= 0; back--) {
    const month = addMonthsToMonth(lastEnded, -back);
    if (compareMonths(month, startMonth) >= 0 && compareMonths(month, endMonth) <= 0) {
      months.push(month);
    }
  }
  return months;
}
