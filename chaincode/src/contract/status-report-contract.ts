import { Context, Returns, Transaction } from 'fabric-contract-api';
import type { Agreement } from '../core/agreement';
import { canonicalJson } from '../core/canonical-json';
import { CONTRACT_NAMES, Refusal } from '@fabric-agreements/api';
import { requireId } from '../core/ids';
import { parseStatusReportSubmission, parseVersionNumber } from '../core/inputs';
import {
  acceptStatusReport,
  MAX_REPORT_PERIODS,
  submitStatusReport,
  type StatusReport,
} from '../core/obligations';
import { requireInteger, requireRecord } from '../core/validation';
import { actorOf, requirePartyMember } from './access';
import { idArgument, jsonArgument } from './arguments';
import { txMoment } from './clock';
import { agreementEventBase, emitEvent } from './events';
import { callerOf } from './identity';
import { LedgerContract } from './ledger-contract';
import { Repository } from './repository';

/**
 * Status reports: the obligated provider submits a document's SHA-256 for a period, the caseworker accepts it,
 * which releases the instalments its absence held.
 */
export class StatusReportContract extends LedgerContract {
  constructor() {
    super(CONTRACT_NAMES.statusReport);
  }

  /**
   * Records a report version for a period. Caller: staff of the obligated party.
   * Input: `{"obligationId": "status-report", "periodNumber": n, "documentHash": sha256hex, "correction"?: bool}`.
   * Resubmitting the latest hash returns the report unchanged and writes nothing.
   * @throws Refusal `NOT_FOUND`, `INVALID_STATE`, `FORBIDDEN`, `WRONG_ROLE`, `PRECONDITION_FAILED` (period not
   * started), `REPORT_ALREADY_ACCEPTED`, `VALIDATION_FAILED`.
   */
  @Transaction()
  @Returns('string')
  async SubmitStatusReport(ctx: Context, agreementId: string, reportJson: string): Promise<string> {
    const repository = new Repository(ctx.stub);
    const agreement = await repository.requireAgreement(idArgument(agreementId, 'agreementId'));
    requirePartyMember(agreement, callerOf(ctx));
    const submission = parseStatusReportSubmission(jsonArgument(reportJson, 'report'));
    const existing = await repository.getStatusReport(
      agreement.id,
      submission.obligationId,
      submission.periodNumber,
    );
    const report = submitStatusReport(
      agreement,
      existing,
      submission,
      actorOf(callerOf(ctx)),
      txMoment(ctx.stub),
    );
    return storeReport(ctx, repository, agreement, report, existing, 'StatusReportSubmitted');
  }

  /**
   * The caseworker accepts the latest version of a report. Caller: municipal staff.
   * Input: `{"obligationId": string, "periodNumber": n, "version": n}`. Accepting the accepted version again
   * writes nothing.
   * @throws Refusal `NOT_FOUND` (agreement or report), `FORBIDDEN`, `WRONG_ROLE`, `VERSION_MISMATCH`,
   * `VALIDATION_FAILED`.
   */
  @Transaction()
  @Returns('string')
  async AcceptStatusReport(ctx: Context, agreementId: string, acceptanceJson: string): Promise<string> {
    const repository = new Repository(ctx.stub);
    const agreement = await repository.requireAgreement(idArgument(agreementId, 'agreementId'));
    requirePartyMember(agreement, callerOf(ctx));
    const input = requireRecord(jsonArgument(acceptanceJson, 'acceptance'), 'acceptance', [
      'obligationId',
      'periodNumber',
      'version',
    ]);
    const obligationId = requireId(input.obligationId, 'obligationId');
    const periodNumber = requireInteger(input.periodNumber, 'periodNumber', 1, MAX_REPORT_PERIODS);
    const version = parseVersionNumber(input.version);
    const existing = await repository.getStatusReport(agreement.id, obligationId, periodNumber);
    if (existing === undefined) {
      throw new Refusal('NOT_FOUND', 'no report has been submitted for this period', {
        obligationId,
        periodNumber,
      });
    }
    const report = acceptStatusReport(
      agreement,
      existing,
      version,
      actorOf(callerOf(ctx)),
      txMoment(ctx.stub),
    );
    return storeReport(ctx, repository, agreement, report, existing, 'StatusReportAccepted');
  }

  /**
   * Every status report of an agreement, by obligation and period. Caller: staff (or an administrator) of either
   * party.
   * @throws Refusal `NOT_FOUND`, `FORBIDDEN`, `WRONG_ROLE`.
   */
  @Transaction(false)
  @Returns('string')
  async ListStatusReports(ctx: Context, agreementId: string): Promise<string> {
    const repository = new Repository(ctx.stub);
    const agreement = await repository.requireAgreement(idArgument(agreementId, 'agreementId'));
    requirePartyMember(agreement, callerOf(ctx));
    return canonicalJson(await repository.listStatusReports(agreement.id));
  }
}

async function storeReport(
  ctx: Context,
  repository: Repository,
  agreement: Agreement,
  report: StatusReport,
  existing: StatusReport | undefined,
  type: 'StatusReportSubmitted' | 'StatusReportAccepted',
): Promise<string> {
  const json = canonicalJson(report);
  if (existing !== undefined && json === canonicalJson(existing)) {
    return json;
  }
  await repository.putStatusReport(report, agreement);
  emitEvent(ctx.stub, {
    type,
    ...agreementEventBase(agreement),
    obligationId: report.obligationId,
    periodNumber: report.periodNumber,
    reportVersion: report.versions.at(-1)?.version ?? 0,
  });
  return json;
}
