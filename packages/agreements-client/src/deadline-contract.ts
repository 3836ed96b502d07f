import type { CallOptions, WriteOptions } from './chaincode-connection';
import { ContractClient, pageArguments, type PageRequest } from './contract-client';
import type { Agreement, Deadline, HeldInstalments, Page } from './records';

/** What a deadline run found and changed for one agreement. */
export interface DeadlinesApplied {
  readonly agreementId: string;
  readonly status: Agreement['status'];
  readonly overdueReports: readonly unknown[];
  readonly changed: boolean;
}

/** `DeadlineContract`: overdue reports, ended agreements and the instalments missing reports hold. */
export class DeadlineContractClient extends ContractClient<'DeadlineContract'> {
  applyDeadlines(agreementId: string, options?: WriteOptions): Promise<DeadlinesApplied> {
    return this.submitToAgreement('applyDeadlines', agreementId, [agreementId], options);
  }

  /** The agreement's deadlines up to `horizonDays` ahead (the chaincode's default when left out). */
  getUpcomingDeadlines(
    agreementId: string,
    horizonDays?: number,
    options?: CallOptions,
  ): Promise<Deadline[]> {
    const horizon = horizonDays === undefined ? '' : String(horizonDays);
    return this.evaluate('getUpcomingDeadlines', [agreementId, horizon], options);
  }

  listUpcomingDeadlines(horizonDays?: number, page?: PageRequest): Promise<Page<Deadline>> {
    const horizon = horizonDays === undefined ? '' : String(horizonDays);
    return this.evaluate('listUpcomingDeadlines', [horizon, ...pageArguments(page)]);
  }

  getHeldInstalments(agreementId: string, options?: CallOptions): Promise<HeldInstalments> {
    return this.evaluate('getHeldInstalments', [agreementId], options);
  }
}
