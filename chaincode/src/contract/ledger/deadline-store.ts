import type { Parties } from '../../core/parties';
import type { DeadlineMarks } from '../records';
import { keys } from './keys';
import type { LedgerState } from './state';

/** What the last deadline run found for an agreement, owned by it. */
export class DeadlineStore {
  readonly #state: LedgerState;

  constructor(state: LedgerState) {
    this.#state = state;
  }

  get(agreementId: string): Promise<DeadlineMarks | undefined> {
    return this.#state.get<DeadlineMarks>(keys.deadlineMarks(agreementId));
  }

  put(marks: DeadlineMarks, parties: Parties): Promise<string> {
    return this.#state.putOwned(keys.deadlineMarks(marks.agreementId), marks, parties);
  }
}
