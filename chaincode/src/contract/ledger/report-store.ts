import type { StatusReport } from '../../core/obligations';
import type { Parties } from '../../core/parties';
import { keys, ranges } from './keys';
import type { LedgerState } from './state';

/** Status reports, owned by their agreement. */
export class ReportStore {
  readonly #state: LedgerState;

  constructor(state: LedgerState) {
    this.#state = state;
  }

  get(agreementId: string, obligationId: string, periodNumber: number): Promise<StatusReport | undefined> {
    return this.#state.get<StatusReport>(keys.statusReport(agreementId, obligationId, periodNumber));
  }

  put(report: StatusReport, parties: Parties): Promise<string> {
    const key = keys.statusReport(report.agreementId, report.obligationId, report.periodNumber);
    return this.#state.putOwned(key, report, parties);
  }

  /** Every status report of an agreement, by obligation and period. */
  async list(agreementId: string): Promise<readonly StatusReport[]> {
    const entries = await this.#state.scan<StatusReport>(ranges.statusReports(agreementId));
    return entries.map((entry) => entry.value);
  }
}
