import { CONTRACT_NAMES } from '@fabric-agreements/api';
import { Returns, Transaction } from 'fabric-contract-api';
import { TransactionContext } from './context';
import { expireIfEnded } from '../core/agreement';
import { canonicalJson } from '../core/canonical-json';
import { DEFAULT_HORIZON_DAYS, heldInstalments, upcomingDeadlines, type Deadline } from '../core/deadlines';
import { holdsInForce } from '../core/obligations';
import { integerArgument, pageArguments } from './arguments';
import { agreementEventBase, emitEvent } from './events';
import { approvedAmountsByMonth } from '../core/invoiced-amounts';
import { LedgerContract } from './ledger-contract';
import { settledAtOf, type OverdueReport } from './records';

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
  async ApplyDeadlines(ctx: TransactionContext, agreementId: string): Promise<string> {
    const agreement = await ctx.partyAgreement(agreementId);
    const at = ctx.moment;
    const reports = await ctx.repository.reports.list(agreement.id);
    const next = expireIfEnded(agreement, at);
    const overdueReports: OverdueReport[] = holdsInForce(next, reports, at).map((hold) => ({
      obligationId: hold.obligationId,
      periodNumber: hold.number,
      dueDate: hold.dueDate,
      heldFrom: hold.heldFrom,
    }));
    const marks = await ctx.repository.deadlines.get(agreement.id);
    const statusChanged = next.status !== agreement.status;
    const marksChanged = canonicalJson(marks?.overdueReports ?? []) !== canonicalJson(overdueReports);
    if (statusChanged) {
      await ctx.repository.agreements.save(next, agreement);
    }
    if (marksChanged) {
      await ctx.repository.deadlines.put(
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
  async GetUpcomingDeadlines(
    ctx: TransactionContext,
    agreementId: string,
    horizonDays: string,
  ): Promise<string> {
    const agreement = await ctx.partyAgreement(agreementId);
    const reports = await ctx.repository.reports.list(agreement.id);
    return canonicalJson(upcomingDeadlines(agreement, reports, ctx.moment, horizonArgument(horizonDays)));
  }

  /**
   * Deadlines of a page of active agreements the caller may see (all for the municipality, its own for a
   * provider): `{"records": Deadline[], "fetchedRecordsCount": agreements read, "bookmark"}`.
   * @throws Refusal `FORBIDDEN`, `WRONG_ROLE`, `VALIDATION_FAILED`.
   */
  @Transaction(false)
  @Returns('string')
  async ListUpcomingDeadlines(
    ctx: TransactionContext,
    horizonDays: string,
    pageSize: string,
    bookmark: string,
  ): Promise<string> {
    const horizon = horizonArgument(horizonDays);
    const request = pageArguments(pageSize, bookmark);
    const scope = await ctx.listingScope();
    const page = await ctx.repository.agreements.list({ by: 'status', status: 'active', ...scope }, request);
    const at = ctx.moment;
    const records: Deadline[] = [];
    for (const agreement of page.records) {
      records.push(
        ...upcomingDeadlines(agreement, await ctx.repository.reports.list(agreement.id), at, horizon),
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
  async GetHeldInstalments(ctx: TransactionContext, agreementId: string): Promise<string> {
    const agreement = await ctx.partyAgreement(agreementId);
    const reports = await ctx.repository.reports.list(agreement.id);
    const approved = approvedAmountsByMonth(await ctx.repository.invoices.list(agreement.id));
    const settled = Object.fromEntries(
      (await ctx.repository.settlements.list(agreement.id)).map((record) => [
        record.month,
        settledAtOf(record),
      ]),
    );
    return canonicalJson(heldInstalments(agreement, reports, ctx.moment, approved, settled));
  }
}

function horizonArgument(horizonDays: string): number {
  return horizonDays === ''
    ? DEFAULT_HORIZON_DAYS
    : integerArgument(horizonDays, 'horizonDays', 0, MAX_HORIZON_DAYS);
}
