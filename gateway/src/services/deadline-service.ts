import type { SigningUser } from '../fabric/signing-user';
import type { Requester } from './requester';
import { toPage, type Ledger, type WriteResult } from './ledger';
import { TX, type ApiPage, type Page } from '@fabric-agreements/api';

/** Deadlines: what falls due, what overdue reports hold, and applying the deadline rules to an agreement. */
export class DeadlineService {
  readonly #ledger: Ledger;

  constructor(ledger: Ledger) {
    this.#ledger = ledger;
  }

  async upcoming(
    caller: Requester,
    domain: string,
    agreementId: string,
    horizonDays?: number,
  ): Promise<unknown> {
    const args = [agreementId, horizonDays?.toString() ?? ''];
    return this.#ledger.query(await caller.identity(), domain, TX.getUpcomingDeadlines, args);
  }

  async upcomingForAll(
    caller: Requester,
    domain: string,
    horizonDays: number | undefined,
    page: { readonly pageSize?: number; readonly bookmark?: string },
  ): Promise<ApiPage<unknown>> {
    const args = [horizonDays?.toString() ?? '', page.pageSize?.toString() ?? '', page.bookmark ?? ''];
    const result = await this.#ledger.query<Page<unknown>>(
      await caller.identity(),
      domain,
      TX.listUpcomingDeadlines,
      args,
    );
    return toPage(result);
  }

  async heldInstalments(caller: Requester, domain: string, agreementId: string): Promise<unknown> {
    return this.#ledger.query(await caller.identity(), domain, TX.getHeldInstalments, [agreementId]);
  }

  /** Applies the deadline rules to one agreement as `user` (a person, or the gateway's scheduler). */
  async apply(user: SigningUser, domain: string, agreementId: string): Promise<WriteResult<unknown>> {
    return this.#ledger.writeAgreement(user, domain, agreementId, TX.applyDeadlines, [agreementId]);
  }
}
