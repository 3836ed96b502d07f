import type { Requester } from './requester';
import type { Ledger, WriteResult } from './ledger';
import { TX } from '@fabric-agreements/api';

/** Status reports: the provider submits a document hash for a period; the caseworker accepts a version. */
export class StatusReportService {
  readonly #ledger: Ledger;

  constructor(ledger: Ledger) {
    this.#ledger = ledger;
  }

  async submit(
    caller: Requester,
    domain: string,
    agreementId: string,
    report: unknown,
  ): Promise<WriteResult<unknown>> {
    const args = [agreementId, JSON.stringify(report)];
    return this.#ledger.writeAgreement(
      await caller.identity(),
      domain,
      agreementId,
      TX.submitStatusReport,
      args,
    );
  }

  async accept(
    caller: Requester,
    domain: string,
    agreementId: string,
    acceptance: { readonly obligationId: string; readonly periodNumber: number; readonly version: number },
  ): Promise<WriteResult<unknown>> {
    const args = [agreementId, JSON.stringify(acceptance)];
    return this.#ledger.writeAgreement(
      await caller.identity(),
      domain,
      agreementId,
      TX.acceptStatusReport,
      args,
    );
  }

  async list(caller: Requester, domain: string, agreementId: string): Promise<unknown> {
    return this.#ledger.query(await caller.identity(), domain, TX.listStatusReports, [agreementId]);
  }
}
