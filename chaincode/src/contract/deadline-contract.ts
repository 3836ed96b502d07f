import { CONTRACT_NAMES } from '@fabric-agreements/api';
import { Context, Returns, Transaction } from 'fabric-contract-api';
import { expireIfEnded } from '../core/agreement';
import { canonicalJson } from '../core/canonical-json';
import { DEFAULT_HORIZON_DAYS, heldInstalments, upcomingDeadlines, type Deadline } from '../core/deadlines';
import { holdsInForce } from '../core/obligations';
import { listingScope, requirePartyMember } from './access';
import { idArgument, integerArgument, pageArguments } from './arguments';
import { txMoment } from './clock';
import { agreementEventBase, emitEvent } from './events';
import { callerOf } from './identity';
import { approvedAmountsByMonth } from './invoiced-amounts';
import { LedgerContract } from './ledger-contract';
import { settledAtOf, type OverdueReport } from './records';
import { Repository } from './repository';

/** Longest look-ahead a deadline query takes, in days. */
const MAX_HORIZON_DAYS = 366;

/**
 * Time-driven rules. Overdue reports and ended lines follow from the transaction timestamp alone; the deadline
 * transaction records what they imply (an agreement that has run out is marked `expired`, overdue reports are
 * marked) so that indexes and events follow. The gateway submits it on a schedule, one agreement per transaction
 * so that exactly that agreement's two parties endorse it; it is idempotent.
 */
export class DeadlineContract extends LedgerContract {
  constructor() {
    super(CONTRACT_NAMES.deadline);
  }

  /**
   * Applies the deadlines of one agreement as of this transaction: marks it `expired` once every line has ended,
   * and records which reports are missing past their grace period (holding what is settled now). Writes (and emits `DeadlinesApplied`) only if something changed.
   * Returns `{"agreementId", "status", "overdueReports": [{"obligationId", "periodNumber", "dueDate"}],
   * "changed": boolean}`. Caller: staff or an administrator of either party.
   * @throws Refusal `NOT_FOUND`, `FORBIDDEN`, `WRONG_ROLE`, `INVALID_ID`.
   */
  @Transaction()
  @Returns('string')
  async ApplyDeadlines(ctx: Context, agreementId: string): Promise<string> {
    const repository = new Repository(ctx.stub);
    const agreement = await repository.requireAgreement(idArgument(agreementId, 'agreementId'));
    requirePartyMember(agreement, callerOf(ctx));
    const at = txMoment(ctx.stub);
    const reports = await repository.listStatusReports(agreement.id);
    const next = expireIfEnded(agreement, at);
    const overdueReports: OverdueReport[] = holdsInForce(next, reports, at).map((hold) => ({
      obligationId: hold.obligationId,
      periodNumber: hold.number,
      dueDate: hold.dueDate,
      heldFrom: hold.heldFrom,
    }));
    const marks = await repository.getDeadlineMarks(agreement.id);
    const statusChanged = next.status !== agreement.status;
    const marksChanged = canonicalJson(marks?.overdueReports ?? []) !== canonicalJson(overdueReports);
    if (statusChanged) {
      await repository.saveAgreement(next, agreement);
    }
    if (marksChanged) {
      await repository.putDeadlineMarks(
        { agreementId: agreement.id, overdueReports, markedAt: at.instant },
        agreement,
      );
    }
    if (statusChanged || marksChanged) {
      emitEvent(ctx.stub, {
        type: 'DeadlinesApplied',
        ...agreementEventBase(next),
        overdueReports: overdueReports.length,
      });
    }
    return canonicalJson({
      agreementId: agreement.id,
      status: next.status,
      overdueReports,
      changed: statusChanged || marksChanged,
    });
  }

  /**
   * One agreement's deadlines from today up to `horizonDays` ahead ('' for 60), plus every overdue report:
   * `Deadline[]` sorted by date. Caller: staff or an administrator of either party.
   * @throws Refusal `NOT_FOUND`, `FORBIDDEN`, `WRONG_ROLE`, `VALIDATION_FAILED`.
   */
  @Transaction(false)
  @Returns('string')
  async GetUpcomingDeadlines(ctx: Context, agreementId: string, horizonDays: string): Promise<string> {
    const repository = new Repository(ctx.stub);
    const agreement = await repository.requireAgreement(idArgument(agreementId, 'agreementId'));
    requirePartyMember(agreement, callerOf(ctx));
    const reports = await repository.listStatusReports(agreement.id);
    return canonicalJson(
      upcomingDeadlines(agreement, reports, txMoment(ctx.stub), horizonArgument(horizonDays)),
    );
  }

  /**
   * Deadlines of a page of active agreements the caller may see (all for the municipality, its own for a
   * provider): `{"records": Deadline[], "fetchedRecordsCount": agreements read, "bookmark"}`.
   * @throws Refusal `FORBIDDEN`, `WRONG_ROLE`, `VALIDATION_FAILED`.
   */
  @Transaction(false)
  @Returns('string')
  async ListUpcomingDeadlines(
    ctx: Context,
    horizonDays: string,
    pageSize: string,
    bookmark: string,
  ): Promise<string> {
    const repository = new Repository(ctx.stub);
    const horizon = horizonArgument(horizonDays);
    const request = pageArguments(pageSize, bookmark);
    const scope = await listingScope(repository, callerOf(ctx));
    const page = await repository.listAgreements({ by: 'status', status: 'active', ...scope }, request);
    const at = txMoment(ctx.stub);
    const records: Deadline[] = [];
    for (const agreement of page.records) {
      records.push(
        ...upcomingDeadlines(agreement, await repository.listStatusReports(agreement.id), at, horizon),
      );
    }
    return canonicalJson({ records, fetchedRecordsCount: page.fetchedRecordsCount, bookmark: page.bookmark });
  }

  /**
   * What missing reports hold right now, month by month and line by line: `{"instalments": [{"agreementId",
   * "month", "serviceLineId", "held", "heldBy": [{"obligationId", "periodNumber", "dueDate", "heldFrom"}],
   * "settledAt"?}], "total"}` in øre; recorded months by the reports missing when they were recorded, the others
   * as if settled now. Caller: staff or an administrator of either
   * party.
   * @throws Refusal `NOT_FOUND`, `FORBIDDEN`, `WRONG_ROLE`.
   */
  @Transaction(false)
  @Returns('string')
  async GetHeldInstalments(ctx: Context, agreementId: string): Promise<string> {
    const repository = new Repository(ctx.stub);
    const agreement = await repository.requireAgreement(idArgument(agreementId, 'agreementId'));
    requirePartyMember(agreement, callerOf(ctx));
    const reports = await repository.listStatusReports(agreement.id);
    const approved = approvedAmountsByMonth(await repository.listInvoices(agreement.id));
    const settled = Object.fromEntries(
      (await repository.listSettlements(agreement.id)).map((record) => [record.month, settledAtOf(record)]),
    );
    return canonicalJson(heldInstalments(agreement, reports, txMoment(ctx.stub), approved, settled));
  }
}

function horizonArgument(horizonDays: string): number {
  return horizonDays === ''
    ? DEFAULT_HORIZON_DAYS
    : integerArgument(horizonDays, 'horizonDays', 0, MAX_HORIZON_DAYS);
}
