import type { SigningUser } from '../fabric/signing-user';
import type { Logger } from '../observability/logger';
import type { Ledger } from '../services/ledger';
import { TX } from '../services/transactions';

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

interface ActiveAgreement {
  readonly id: string;
  readonly startDate: string;
}

interface Page {
  readonly records: readonly ActiveAgreement[];
  readonly bookmark?: string;
}

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
    const totals = { agreements: 0, deadlineWrites: 0, settlementWrites: 0, failures: 0 };
    const user = await this.#options.identity();
    const month = previousMonth(this.#options.now?.() ?? new Date());
    for (const domain of this.#options.domains) {
      for await (const { id: agreementId, startDate } of this.#activeAgreements(user, domain)) {
        totals.agreements++;
        try {
          totals.deadlineWrites += (await this.#applyDeadlines(user, domain, agreementId)) ? 1 : 0;
          // Months before the agreement began have nothing to settle.
          if (startDate.slice(0, 7) <= month) {
            totals.settlementWrites += (await this.#recordSettlement(user, domain, agreementId, month))
              ? 1
              : 0;
          }
        } catch (error) {
          totals.failures++;
          const code =
            typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unknown';
          this.#options.logger.warn({ domain, agreementId, code }, 'scheduled deadline transaction failed');
        }
      }
    }
    return totals;
  }

  #tick(): void {
    this.#running = this.runOnce()
      .then((run) => {
        this.#options.logger.info({ ...run }, 'scheduled deadline run finished');
        return run;
      })
      .catch((error: unknown) => {
        this.#options.logger.error(
          { error: error instanceof Error ? error.name : 'unknown' },
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

  async *#activeAgreements(user: SigningUser, domain: string): AsyncGenerator<ActiveAgreement> {
    let bookmark = '';
    do {
      const page = await this.#options.ledger.query<Page>(user, domain, TX.listAgreementsByStatus, [
        'active',
        '100',
        bookmark,
      ]);
      yield* page.records;
      bookmark = page.records.length === 0 ? '' : (page.bookmark ?? '');
    } while (bookmark !== '');
  }

  async #applyDeadlines(user: SigningUser, domain: string, agreementId: string): Promise<boolean> {
    const { ledger } = this.#options;
    const preview = await ledger.query<{ changed: boolean }>(user, domain, TX.applyDeadlines, [agreementId]);
    if (!preview.changed) {
      return false;
    }
    await ledger.write(user, domain, TX.applyDeadlines, [agreementId]);
    return true;
  }

  async #recordSettlement(
    user: SigningUser,
    domain: string,
    agreementId: string,
    month: string,
  ): Promise<boolean> {
    const { ledger } = this.#options;
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
    await ledger.write(user, domain, TX.recordSettlement, [agreementId, month]);
    return true;
  }
}

/** `YYYY-MM` of the month before `date` (UTC). */
export function previousMonth(date: Date): string {
  const first = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 1, 1));
  return first.toISOString().slice(0, 7);
}
