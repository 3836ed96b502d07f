import type { Requester } from './requester';
import type { Ledger, WriteResult } from './ledger';
import { TX } from '@fabric-agreements/api';

/** The domain's organisation registry, the municipality's delegation rule, and the caller as the ledger sees them. */
export class RegistryService {
  readonly #ledger: Ledger;

  constructor(ledger: Ledger) {
    this.#ledger = ledger;
  }

  async registry(caller: Requester, domain: string): Promise<unknown> {
    return this.#ledger.query(await caller.identity(), domain, TX.getRegistry);
  }

  async whoAmI(caller: Requester, domain: string): Promise<unknown> {
    return this.#ledger.query(await caller.identity(), domain, TX.whoAmI);
  }

  async setAttestationRule(caller: Requester, domain: string, rule: unknown): Promise<WriteResult<unknown>> {
    return this.#ledger.write(
      await caller.identity(),
      domain,
      TX.setAttestationRule,
      [JSON.stringify(rule)],
      {
        discovery: 'registry',
      },
    );
  }

  async setDelegationRule(caller: Requester, domain: string, rule: unknown): Promise<WriteResult<unknown>> {
    return this.#ledger.write(await caller.identity(), domain, TX.setDelegationRule, [JSON.stringify(rule)], {
      discovery: 'registry',
    });
  }
}
