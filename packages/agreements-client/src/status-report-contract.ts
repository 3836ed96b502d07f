import type { CallOptions, WriteOptions } from './chaincode-connection';
import { ContractClient } from './contract-client';
import type { StatusReport, StatusReportSubmission } from './records';

/** What accepting a status report names: the obligation, its period and the version accepted. */
export interface StatusReportAcceptance {
  readonly obligationId: string;
  readonly periodNumber: number;
  readonly version: number;
}

/** `StatusReportContract`: reports due under an agreement's obligations (their documents' hashes only). */
export class StatusReportContractClient extends ContractClient<'StatusReportContract'> {
  submitStatusReport(
    agreementId: string,
    report: StatusReportSubmission,
    options?: WriteOptions,
  ): Promise<StatusReport> {
    return this.submitToAgreement(
      'submitStatusReport',
      agreementId,
      [agreementId, JSON.stringify(report)],
      options,
    );
  }

  acceptStatusReport(
    agreementId: string,
    acceptance: StatusReportAcceptance,
    options?: WriteOptions,
  ): Promise<StatusReport> {
    const args = [agreementId, JSON.stringify(acceptance)];
    return this.submitToAgreement('acceptStatusReport', agreementId, args, options);
  }

  listStatusReports(agreementId: string, options?: CallOptions): Promise<StatusReport[]> {
    return this.evaluate('listStatusReports', [agreementId], options);
  }
}
