import type { Agreement } from './agreement-model';
import { creditForTermination, type InvoiceLifecycle } from './attestation';
import type { Moment } from './calendar-date';
import { Refusal } from '@fabric-agreements/api';
import type { InvoiceValidation } from './invoice';
import { templateFor } from './templates';
import { cascadeTermination } from './termination';
import { agreedTermination } from './queries';
import { invalid } from './validation';

/**
 * How agreements bear on each other: an add-on or visitation names the placement it belongs to, and ends when that
 * one is terminated. The contract loads the agreements these rules look at and stores what they return.
 */

/**
 * Related agreements must exist, be of a kind the template may relate to, concern the same child and municipality,
 * and not have ended. `related` holds what the ledger has for each of `agreement.relatedAgreementIds`, in order.
 * (The draft's own checks cover the ids; these need the related agreements loaded.)
 * @throws Refusal `NOT_FOUND` or `VALIDATION_FAILED` for the first that fails.
 */
export function requireRelatable(agreement: Agreement, related: readonly (Agreement | undefined)[]): void {
  const template = templateFor(agreement.kind);
  agreement.relatedAgreementIds.forEach((relatedId, index) => {
    const other = related[index];
    if (other === undefined) {
      throw new Refusal('NOT_FOUND', 'a related agreement does not exist', { agreementId: relatedId });
    }
    if (!template.mayRelateTo.includes(other.kind)) {
      invalid(
        'relatedAgreementIds',
        'kind_not_allowed',
        `a ${agreement.kind} agreement cannot relate to this kind`,
        {
          agreementId: relatedId,
          allowed: [...template.mayRelateTo],
        },
      );
    }
    if (
      other.childPseudonym !== agreement.childPseudonym ||
      other.municipalityMspId !== agreement.municipalityMspId
    ) {
      invalid(
        'relatedAgreementIds',
        'other_child',
        'a related agreement concerns the same child and municipality',
        {
          agreementId: relatedId,
        },
      );
    }
    if (other.status === 'terminated' || other.status === 'expired') {
      invalid('relatedAgreementIds', 'related_ended', 'a related agreement has ended', {
        agreementId: relatedId,
      });
    }
  });
}

/** An agreement a cascade ended, with the state it was loaded in (to keep its indexes in step). */
export interface Ended {
  readonly next: Agreement;
  readonly previous: Agreement;
}

/**
 * Ends, on the terminated agreement's date, every agreement that depends on it, then those that depend on them,
 * breadth first. `dependentsOf` loads the agreements naming an id as related. Returns them in the order they ended.
 */
export async function endDependents(
  terminated: Agreement,
  at: Moment,
  dependentsOf: (agreementId: string) => Promise<readonly Agreement[]>,
): Promise<readonly Ended[]> {
  const ended: Ended[] = [];
  const seen = new Set([terminated.id]);
  const queue = [terminated];
  for (let cause = queue.shift(); cause !== undefined; cause = queue.shift()) {
    const candidates = (await dependentsOf(cause.id)).filter((candidate) => !seen.has(candidate.id));
    for (const next of cascadeTermination(cause, candidates, at)) {
      const previous = candidates.find((candidate) => candidate.id === next.id) ?? next;
      seen.add(next.id);
      ended.push({ next, previous });
      queue.push(next);
    }
  }
  return ended;
}

/**
 * The invoices a termination dated back reaches, with their credit flagged: each recorded invoice (validated,
 * approved or paid) with an accepted line the terminated agreement no longer carries in full gets the credit
 * `creditForTermination` computes. A credit already flagged for this termination is left as it is.
 */
export function invoicesToCredit<T extends InvoiceLifecycle & { readonly validation: InvoiceValidation }>(
  ended: Agreement,
  invoices: readonly T[],
  at: Moment,
): readonly T[] {
  const termination = agreedTermination(ended);
  if (termination === undefined) {
    return [];
  }
  return invoices.flatMap((record) => {
    if (record.credit?.terminationNumber === termination.number) {
      return [];
    }
    const credit = creditForTermination(ended, termination, record, record.validation, at);
    return credit === undefined ? [] : [{ ...record, credit }];
  });
}
